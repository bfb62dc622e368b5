// Bar charts as tables: each row a label, a bar (its width set through the CSSOM, which the CSP allows; no inline
// style attribute) and the number itself, so screen readers and tests read the same numbers the API gave.
import { h } from '../dom.js';
import { formatNumber } from '../i18n.js';

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
