// @mentions in the composer. notification-service alerts an agent named as "@username" in an internal note
// (its rule "mention": WebSocket, Slack DM, e-mail); ticket-service stores the note as typed. So the composer only helps
// to type the username right: after "@" it lists the matching teammates (arrows to move, Enter or Tab to insert,
// Esc to close), and inserts "@username ".
import { h, nextId, replace } from './dom.js';
import { t } from './i18n.js';
import { getAll } from './api.js';
import { session } from './state.js';

let teammates = null;

/** One request for the whole session, however many keys are typed while it is under way. */
function loadTeammates() {
  if (!teammates) {
    teammates = getAll('/api/agents')
      .then((agents) => agents.filter((a) => a.active !== false && a.id !== session.agentId)
        .map((a) => ({ username: a.username, name: [a.firstName, a.lastName].filter(Boolean).join(' ') })))
      .catch(() => { teammates = null; return []; });
  }
  return teammates;
}

/** The "@word" being typed just before the caret, or null. */
export function mentionAt(value, caret) {
  const m = /(^|[\s(])@([\w.@-]{0,40})$/.exec(value.slice(0, caret));
  return m ? { start: caret - m[2].length - 1, query: m[2].toLowerCase() } : null;
}

/** Wires the textarea; enabled() says whether a mention means something now (an internal note). Returns the list. */
export function mentionPicker(textarea, enabled) {
  const listId = nextId('mentions');
  const list = h('ul', { class: 'mentions', id: listId, role: 'listbox', 'aria-label': t('mention.list'), hidden: true });
  const status = h('p', { class: 'visually-hidden', role: 'status' });
  textarea.setAttribute('aria-controls', listId);
  textarea.setAttribute('aria-autocomplete', 'list');
  textarea.setAttribute('aria-haspopup', 'listbox');
  let matches = [];
  let active = 0;
  let at = null;

  function close() {
    list.hidden = true;
    matches = [];
    at = null;
    textarea.removeAttribute('aria-activedescendant');
  }

  function draw() {
    replace(list, matches.map((m, i) => h('li', {
      role: 'option', id: `${listId}-${i}`, class: 'mention', 'aria-selected': String(i === active), dataset: { username: m.username },
      onmousedown: (event) => { event.preventDefault(); active = i; insert(); },
    }, h('strong', {}, `@${m.username}`), m.name ? ` ${m.name}` : '')));
    list.hidden = !matches.length;
    if (matches.length) textarea.setAttribute('aria-activedescendant', `${listId}-${active}`);
    else textarea.removeAttribute('aria-activedescendant');
  }

  function insert() {
    const chosen = matches[active];
    if (!chosen || !at) return;
    const caret = textarea.selectionStart;
    const text = `@${chosen.username} `;
    textarea.value = textarea.value.slice(0, at.start) + text + textarea.value.slice(caret);
    const position = at.start + text.length;
    textarea.setSelectionRange(position, position);
    status.textContent = t('mention.inserted', { username: chosen.username });
    close();
    textarea.dispatchEvent(new Event('input', { bubbles: true }));
  }

  textarea.addEventListener('input', async () => {
    if (!enabled() || !mentionAt(textarea.value, textarea.selectionStart)) { close(); return; }
    const everyone = await loadTeammates();
    // read again after the wait: more may have been typed, and only the latest text counts
    const found = enabled() ? mentionAt(textarea.value, textarea.selectionStart) : null;
    if (!found) { close(); return; }
    at = found;
    matches = everyone.filter((m) => m.username.toLowerCase().startsWith(found.query) || m.name.toLowerCase().includes(found.query)).slice(0, 8);
    active = 0;
    draw();
    status.textContent = matches.length ? t('mention.count', { n: matches.length }) : t('mention.none');
  });
  textarea.addEventListener('keydown', (event) => {
    if (list.hidden || !matches.length) return;
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      active = (active + (event.key === 'ArrowDown' ? 1 : matches.length - 1)) % matches.length;
      draw();
    } else if ((event.key === 'Enter' && !event.ctrlKey && !event.metaKey) || event.key === 'Tab') {
      event.preventDefault();
      event.stopImmediatePropagation();
      insert();
    } else if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      close();
    }
  });
  textarea.addEventListener('blur', () => setTimeout(close, 150));
  return h('div', { class: 'mention-box' }, list, status);
}
