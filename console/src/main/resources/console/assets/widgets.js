// Small pieces several screens use: SLA badges that count down live, status/priority chips.
import { h } from './dom.js';
import { t, label, formatDuration, formatTime } from './i18n.js';

/**
 * An SLA badge: time left until the deadline, updated every second; amber when the server says the clock is at
 * risk (past the policy's warning threshold), red when breached or past the deadline.
 */
export function slaBadge(state, deadline) {
  if (!deadline && !state) return null;
  const badge = h('span', { class: 'sla', dataset: { slaState: state || '', deadline: deadline || '' } });
  updateBadge(badge, Date.now());
  return badge;
}

function updateBadge(badge, now) {
  const state = badge.dataset.slaState;
  const deadline = badge.dataset.deadline ? Date.parse(badge.dataset.deadline) : null;
  let level = 'ok';
  if (state === 'breached' || (deadline && deadline <= now)) level = 'breached';
  else if (state === 'at_risk') level = 'risk';
  else if (state === 'paused' || state === 'met' || state === 'stopped') level = 'quiet';
  badge.className = `sla sla-${level}`;
  const left = deadline ? formatDuration(deadline - now) : '';
  const text = deadline ? t(level === 'breached' ? 'sla.overdue' : 'sla.left', { time: left.replace('−', '') }) : label('sla.state', state);
  badge.textContent = text;
  badge.title = deadline ? t('sla.due', { time: formatTime(badge.dataset.deadline) }) : '';
}

setInterval(() => {
  const now = Date.now();
  document.querySelectorAll('.sla[data-deadline]').forEach((badge) => updateBadge(badge, now));
}, 1000);

export function chip(kind, value) {
  if (!value) return null;
  return h('span', { class: `chip chip-${kind} chip-${kind}-${value}` }, label(kind, value));
}

/** j/k move the focus through the links of a list; returns the handler to remove later. */
export function listKeys(container) {
  const handler = (event) => {
    const target = event.target;
    if (target instanceof HTMLElement && ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName)) return;
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    if (event.key !== 'j' && event.key !== 'k') return;
    const links = [...container.querySelectorAll('a.row-link')];
    if (!links.length) return;
    const index = links.indexOf(document.activeElement);
    const next = event.key === 'j' ? Math.min(links.length - 1, index + 1) : Math.max(0, index - 1);
    links[index < 0 ? 0 : next].focus();
    event.preventDefault();
  };
  document.addEventListener('keydown', handler);
  return () => document.removeEventListener('keydown', handler);
}

/** Ticket numbers may already carry their "#" (ticket-service answers "#1042"): shown once either way. */
export function ticketNumber(number) {
  if (number === null || number === undefined || number === '') return '';
  const text = String(number);
  return text.startsWith('#') ? text : `#${text}`;
}
