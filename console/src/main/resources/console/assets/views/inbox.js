// Inbox: my queue (smart order), unassigned (with why each waits), all open, at risk and breached, search.
import { h, replace, field, select } from '../dom.js';
import { t, label, formatTime } from '../i18n.js';
import { get } from '../api.js';
import { live } from '../live.js';
import { session, lastList } from '../state.js';
import { slaBadge, chip, listKeys, ticketNumber } from '../widgets.js';

const TABS = ['mine', 'unassigned', 'open', 'risk', 'search'];
const PAGE = 25;

function sources(query) {
  return {
    // the agent's own queue: assignment-service's queue order (SLA first), no paging (bounded by capacity)
    mine: async () => {
      const queue = await get(`/api/agents/${session.agentId}/queue`);
      return { items: queue.tickets || [], summary: t('inbox.mineSummary', { open: queue.openCount, capacity: queue.capacity }) };
    },
    unassigned: (cursor) => get('/api/tickets/unassigned', { limit: PAGE, cursor }),
    open: (cursor) => get('/api/tickets', { status: 'new,open', sort: 'smart', limit: PAGE, cursor }),
    // ticket-service filters by the SLA state sla-service last published, paged like the other lists
    risk: (cursor) => get('/api/tickets', { slaState: 'at_risk,breached', status: 'new,open,pending,on_hold', sort: 'smart', limit: PAGE, cursor }),
    search: (cursor) => get('/api/tickets', {
      q: query.get('q'), status: query.get('status'), priority: query.get('priority'), channel: query.get('channel'),
      tag: query.get('tag'), assigneeId: query.get('assignee') === 'me' ? session.agentId : query.get('assignee'),
      customerId: query.get('customer'), limit: PAGE, cursor,
    }),
  };
}

function row(item, tab) {
  const id = item.id || item.ticketId;
  const waiting = tab === 'unassigned' && item.waitingReason
    ? h('span', { class: 'why' }, t('inbox.waitingBecause', { reason: label('waiting', item.waitingReason) })) : null;
  const when = item.waitingSince || item.assignedAt || item.createdAt;
  return h('li', { class: 'row', dataset: { ticketId: id } },
    h('a', { class: 'row-link', href: `#/tickets/${id}` },
      h('span', { class: 'num' }, ticketNumber(item.number)),
      h('span', { class: 'subject' }, item.subject || t('ticket.noSubject'))),
    h('span', { class: 'meta' },
      chip('status', item.status), chip('priority', item.priority),
      item.customerTier && item.customerTier !== 'standard' ? chip('tier', item.customerTier) : null,
      slaBadge(item.slaState, item.slaNextDeadline),
      when ? h('time', { datetime: when }, formatTime(when)) : null),
    waiting);
}

function searchForm(query) {
  const q = h('input', { type: 'search', name: 'q', value: query.get('q') || '', placeholder: t('search.placeholder') });
  const status = select([['', t('search.any')], ...['new', 'open', 'pending', 'on_hold', 'solved', 'closed'].map((s) => [s, label('status', s)])], query.get('status') || '', { name: 'status' });
  const priority = select([['', t('search.any')], ...['urgent', 'high', 'normal', 'low'].map((s) => [s, label('priority', s)])], query.get('priority') || '', { name: 'priority' });
  const channel = select([['', t('search.any')], ...['email', 'chat', 'phone', 'web', 'social', 'api'].map((s) => [s, label('channel', s)])], query.get('channel') || '', { name: 'channel' });
  const tag = h('input', { type: 'text', name: 'tag', value: query.get('tag') || '' });
  const assignee = select([['', t('search.anyone')], ['me', t('search.me')], ['none', t('search.nobody')]], query.get('assignee') || '', { name: 'assignee' });
  const form = h('form', { class: 'search', role: 'search', 'aria-label': t('search.label') },
    field(t('search.text'), q), field(t('field.status'), status), field(t('field.priority'), priority),
    field(t('field.channel'), channel), field(t('field.tag'), tag), field(t('field.assignee'), assignee),
    h('button', { type: 'submit', class: 'primary' }, t('search.submit')));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const params = new URLSearchParams();
    for (const [key, value] of new FormData(form)) if (value) params.set(key, value);
    if (query.get('customer')) params.set('customer', query.get('customer'));
    location.hash = `#/inbox/search?${params}`;
  });
  return form;
}

export async function renderInbox(main, tab, query) {
  if (!TABS.includes(tab)) tab = 'mine';
  document.title = `${t(`inbox.tab.${tab}`)} · ${t('app.name')}`;
  const list = h('ul', { class: 'tickets', id: 'ticket-list', 'aria-label': t(`inbox.tab.${tab}`) });
  const status = h('p', { class: 'list-status', role: 'status' });
  const more = h('button', { type: 'button', class: 'more', hidden: true }, t('inbox.more'));
  const tabs = h('nav', { class: 'tabs', 'aria-label': t('inbox.views') }, h('ul', {},
    TABS.map((name) => h('li', {}, h('a', { href: `#/inbox/${name}`, 'aria-current': name === tab ? 'page' : null, id: `tab-${name}` }, t(`inbox.tab.${name}`))))));
  replace(main, h('h1', {}, t('inbox.title')), tabs, tab === 'search' ? searchForm(query) : null, status, list, more);

  const load = sources(query)[tab];
  let cursor = null;
  const ids = [];
  async function page(append) {
    if (tab === 'search' && !['q', 'status', 'priority', 'channel', 'tag', 'assignee', 'customer'].some((k) => query.get(k))) {
      status.textContent = t('search.hint');
      return;
    }
    status.textContent = t('inbox.loading');
    const result = await load(append ? cursor : undefined);
    if (!append) { replace(list); ids.length = 0; }
    for (const item of result.items) {
      list.appendChild(row(item, tab));
      ids.push(item.id || item.ticketId);
    }
    lastList.ids = [...ids];
    cursor = result.nextCursor || null;
    more.hidden = !cursor;
    status.textContent = ids.length
      ? [t('inbox.count', { n: ids.length }), result.summary].filter(Boolean).join(' · ')
      : t(`inbox.empty.${tab}`);
  }
  more.addEventListener('click', () => page(true));
  await page(false);

  // a ticket assigned to me appears without a reload
  // (a burst of assignments, e.g. the backlog draining when I go online, is one reload)
  let pending = null;
  const onNew = () => {
    if (tab !== 'mine' || pending) return;
    pending = setTimeout(() => { pending = null; page(false); }, 300);
  };
  live.addEventListener('new_ticket', onNew);
  const removeKeys = listKeys(list);
  return () => {
    live.removeEventListener('new_ticket', onNew);
    removeKeys();
  };
}
