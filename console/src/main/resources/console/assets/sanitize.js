// Message HTML (already sanitized by ticket-service with the OWASP sanitizer) is rendered a second time through an
// allowlist here: parsed by DOMParser into an inert document (no script runs, nothing loads), then rebuilt element by
// element with document.createElement and text nodes. Nothing is copied that is not on the lists below; styles and
// event handlers never are, links get rel=noopener and open in a new tab, images only from data: (the CSP blocks
// remote images: no tracking pixels).
const ELEMENTS = new Set(['p', 'br', 'b', 'strong', 'i', 'em', 'u', 's', 'blockquote', 'pre', 'code', 'ul', 'ol', 'li',
  'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'a', 'span', 'div', 'table', 'thead', 'tbody', 'tr', 'th', 'td', 'hr', 'img',
  'small', 'sub', 'sup']);
const DROP_WITH_CONTENT = new Set(['script', 'style', 'iframe', 'object', 'embed', 'template', 'noscript', 'svg', 'math',
  'form', 'textarea', 'select', 'button', 'input', 'head', 'title', 'link', 'meta']);
const ATTRIBUTES = { a: ['href', 'title'], img: ['src', 'alt', 'width', 'height'], td: ['colspan', 'rowspan'], th: ['colspan', 'rowspan'] };

function safeUrl(value, forImage) {
  try {
    const url = new URL(value, 'https://invalid.example/');
    if (forImage) return url.protocol === 'data:' && /^data:image\/(png|gif|jpeg|webp);/i.test(value) ? value : null;
    return ['http:', 'https:', 'mailto:'].includes(url.protocol) && !value.startsWith('/') ? url.href : null;
  } catch {
    return null;
  }
}

function copy(node, target) {
  for (const child of node.childNodes) {
    if (child.nodeType === Node.TEXT_NODE) {
      target.appendChild(document.createTextNode(child.nodeValue));
    } else if (child.nodeType === Node.ELEMENT_NODE) {
      const tag = child.localName;
      if (DROP_WITH_CONTENT.has(tag)) continue;
      if (!ELEMENTS.has(tag)) {
        copy(child, target); // unknown wrapper: keep its text
        continue;
      }
      const el = document.createElement(tag);
      for (const name of ATTRIBUTES[tag] || []) {
        const value = child.getAttribute(name);
        if (value === null) continue;
        if (name === 'href' || name === 'src') {
          const url = safeUrl(value, name === 'src');
          if (url) el.setAttribute(name, url);
        } else {
          el.setAttribute(name, value.slice(0, 200));
        }
      }
      if (tag === 'a') {
        el.setAttribute('rel', 'noopener noreferrer nofollow');
        el.setAttribute('target', '_blank');
      }
      if (tag === 'img' && !el.hasAttribute('src')) continue;
      copy(child, el);
      target.appendChild(el);
    }
  }
}

/** A DocumentFragment holding only allowlisted elements and text from the given HTML string. */
export function sanitizedFragment(html) {
  const doc = new DOMParser().parseFromString(String(html), 'text/html');
  const fragment = document.createDocumentFragment();
  copy(doc.body, fragment);
  return fragment;
}
