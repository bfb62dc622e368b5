// Bar charts as tables: each row a label, a bar (its width set through the CSSOM, which the CSP allows; no inline
// style attribute) and the number itself, so screen readers and tests read the same numbers the API gave.
import { h } from '../dom.js';
import { formatNumber, t } from '../i18n.js';

export function barChart(id, title, rows, { max, suffix = '' } = {}) {
  const top = max ?? Math.max(1, ...rows.map(([, value]) => Number(value) || 0));
  return h('figure', { class: 'chart', id },
    h('table', {},
      h('caption', {}, title),
      h('tbody', {}, rows.map(([name, value, key]) => {
        const bar = h('span', { class: 'bar', 'aria-hidden': 'true' });
        bar.style.width = `${Math.round(((Number(value) || 0) / top) * 100)}%`;
        return h('tr', { dataset: { key: key ?? name } },
          h('th', { scope: 'row' }, name),
          h('td', { class: 'bar-cell' }, bar),
          h('td', { class: 'value' }, value === null || value === undefined ? '–' : `${formatNumber(value, { maximumFractionDigits: 1 })}${suffix}`));
      }))));
}

const SVG = 'http://www.w3.org/2000/svg';

function svg(tag, attrs = {}, ...children) {
  const el = document.createElementNS(SVG, tag);
  for (const [key, value] of Object.entries(attrs)) el.setAttribute(key, String(value));
  for (const child of children) if (child) el.appendChild(typeof child === 'string' ? document.createTextNode(child) : child);
  return el;
}

/**
 * A time series as plain SVG (no chart library: a few lines and labels, built with createElementNS, so the CSP's
 * script-src 'self' and the absence of inline styles hold), with the numbers as a table beside it: the picture is
 * aria-hidden, screen readers and tests read the table, which holds exactly what the API answered.
 * points: [{bucket: 'YYYY-MM-DD', <key>: number, …}]; series: [{key, name, cls}].
 */
export function lineChart(id, title, points, series) {
  const width = 640;
  const height = 220;
  const pad = { left: 40, right: 12, top: 12, bottom: 28 };
  const top = Math.max(1, ...points.flatMap((p) => series.map((s) => Number(p[s.key]) || 0)));
  const x = (i) => pad.left + (points.length <= 1 ? 0 : (i * (width - pad.left - pad.right)) / (points.length - 1));
  const y = (v) => height - pad.bottom - ((Number(v) || 0) / top) * (height - pad.top - pad.bottom);
  const picture = svg('svg', { viewBox: `0 0 ${width} ${height}`, class: 'line-chart', 'aria-hidden': 'true', focusable: 'false' });
  // y axis: 0, the middle and the top, whole numbers
  for (const v of [...new Set([0, Math.round(top / 2), top])]) {
    picture.appendChild(svg('line', { x1: pad.left, x2: width - pad.right, y1: y(v), y2: y(v), class: 'grid' }));
    picture.appendChild(svg('text', { x: pad.left - 6, y: y(v) + 4, 'text-anchor': 'end', class: 'tick' }, formatNumber(v)));
  }
  // x axis: about six dates
  const step = Math.max(1, Math.ceil(points.length / 6));
  points.forEach((p, i) => {
    if (i % step === 0 || i === points.length - 1) {
      picture.appendChild(svg('text', { x: x(i), y: height - 8, 'text-anchor': 'middle', class: 'tick' }, p.bucket.slice(5)));
    }
  });
  for (const s of series) {
    const d = points.map((p, i) => `${i ? 'L' : 'M'}${x(i).toFixed(1)},${y(p[s.key]).toFixed(1)}`).join(' ');
    if (d) picture.appendChild(svg('path', { d, class: `series ${s.cls}` }));
    points.forEach((p, i) => picture.appendChild(svg('circle', { cx: x(i).toFixed(1), cy: y(p[s.key]).toFixed(1), r: 2.5, class: `dot ${s.cls}` })));
  }
  const legend = h('p', { class: 'legend' }, series.map((s) => h('span', { class: `key ${s.cls}` }, s.name)));
  const data = h('table', { class: 'series-table' },
    h('caption', {}, title),
    h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, ''), series.map((s) => h('th', { scope: 'col' }, s.name)))),
    h('tbody', {}, points.map((p) => h('tr', { dataset: { bucket: p.bucket } },
      h('th', { scope: 'row' }, p.bucket), series.map((s) => h('td', { class: 'value', dataset: { series: s.key } }, formatNumber(p[s.key] ?? 0)))))));
  // the table is long for a month of days: folded under the picture, still read by screen readers when opened
  return h('figure', { class: 'chart chart-wide', id },
    h('figcaption', {}, title), picture, legend,
    h('details', {}, h('summary', {}, t('chart.showTable')), data));
}
