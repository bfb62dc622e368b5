// What every view shares: who is logged in, and the toast area (an aria-live region).
import { h } from './dom.js';

/** Filled at start from GET /api/auth/me (token identity + agent profile). */
export const session = { me: null, agentId: null, roles: [] };

export function toast(text, { href, kind = 'info' } = {}) {
  const area = document.getElementById('toasts');
  const item = h('div', { class: `toast toast-${kind}` }, href ? h('a', { href }, text) : text);
  area.appendChild(item);
  setTimeout(() => item.remove(), 8000);
}

/** The tickets of the list the agent last looked at, so "n" on a ticket opens the next one. */
export const lastList = { ids: [] };
