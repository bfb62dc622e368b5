// Ticket: thread (customer, agent and internal notes distinct; HTML through the allowlist), reply composer (public
// reply or internal note, AI draft with Alt+D), status/priority/category/tags with If-Match conflicts, assignee
// (assign to me, accept, transfer), SLA clocks, customer panel with Shopify orders, activity log; live viewers.
import { h, replace, field, select, nextId } from '../dom.js';
import { t, label, formatTime, formatNumber, formatMoney } from '../i18n.js';
import { api, get, post, ApiError } from '../api.js';
import { live, watch, unwatch, replying } from '../live.js';
import { session, toast, lastList } from '../state.js';
import { sanitizedFragment } from '../sanitize.js';
import { slaBadge, chip, ticketNumber } from '../widgets.js';
import { mentionPicker } from '../mentions.js';
import { macroPicker } from '../macros.js';

const EDITABLE = ['status', 'priority', 'category', 'tags'];
let agentNames = null;

async function agents() {
  if (!agentNames) {
    try {
      const page = await get('/api/agents', { limit: 200 });
      agentNames = new Map((page.items || []).map((a) => [a.id, [a.firstName, a.lastName].filter(Boolean).join(' ') || a.username]));
    } catch {
      agentNames = new Map();
    }
  }
  return agentNames;
}

function agentName(id, names) {
  if (!id) return t('ticket.unassigned');
  if (id === session.agentId) return t('ticket.you');
  return names.get(id) || t('ticket.anAgent');
}

function message(m, names) {
  const kind = m.internal ? 'internal' : m.authorType === 'customer' ? 'customer' : 'agent';
  const author = m.authorType === 'customer' ? t('thread.customer')
    : m.authorType === 'agent' ? agentName(m.authorId, names) : label('author', m.authorType);
  const body = h('div', { class: 'body' });
  if (m.html) body.appendChild(sanitizedFragment(m.html));
  else body.textContent = m.body || '';
  const attachments = (m.attachments || []).length ? h('ul', { class: 'attachments', 'aria-label': t('thread.attachments') },
    m.attachments.map((a) => h('li', {}, a.url ? h('a', { href: a.url, rel: 'noopener noreferrer', target: '_blank' }, a.name) : a.name,
      ` (${formatNumber(Math.round((a.size || 0) / 1024))} KB)`))) : null;
  return h('article', { class: `msg msg-${kind}`, 'aria-label': t(`thread.kind.${kind}`) },
    h('header', {},
      h('strong', {}, author),
      kind === 'internal' ? h('span', { class: 'note-label' }, t('thread.internalNote')) : null,
      h('time', { datetime: m.createdAt }, formatTime(m.createdAt)),
      m.deliveryStatus ? h('span', { class: 'delivery' }, label('delivery', m.deliveryStatus)) : null),
    body, attachments);
}

function clocks(sla) {
  if (!sla || !(sla.clocks || []).length) return h('p', {}, t('sla.none'));
  return h('ul', { class: 'clocks' }, sla.clocks.filter((c) => !c.endedAt || c.breached).map((c) =>
    h('li', {}, h('span', {}, label('metric', c.metric)), ' ', slaBadge(c.state, c.state === 'paused' || c.metAt ? null : c.deadline),
      c.metAt ? h('span', { class: 'quiet' }, ` ${t('sla.met')}`) : null)));
}

function customerPanel(ticket, customer, pastTickets, orders) {
  const e = ticket.enrichment || {};
  const facts = [
    [t('customer.tier'), label('tier', e.customerTier || ticket.customer?.tier || 'standard')],
    [t('customer.churn'), e.churnRisk === null || e.churnRisk === undefined ? '–' : formatNumber(e.churnRisk, { style: 'percent' })],
    [t('customer.ltv'), e.ltv === null || e.ltv === undefined ? '–' : formatMoney(e.ltv, customer?.shop?.totalSpent?.currency)],
    [t('customer.sentiment'), e.sentiment === null || e.sentiment === undefined ? '–' : formatNumber(e.sentiment, { maximumFractionDigits: 2 })],
  ];
  const orderList = orders && (orders.orders || []).length
    ? h('ul', { class: 'orders' }, orders.orders.slice(0, 5).map((o) => h('li', {},
      h('strong', {}, o.name), ' ', formatMoney(o.total?.amount, o.total?.currency), ' · ', label('financial', o.financialStatus),
      o.fulfillmentStatus ? ` · ${label('fulfillment', o.fulfillmentStatus)}` : '',
      (o.fulfillments || []).filter((f) => f.number).map((f) => h('div', { class: 'tracking' },
        t('orders.tracking', { company: f.company || '' }), ' ',
        f.url ? h('a', { href: f.url, rel: 'noopener noreferrer', target: '_blank' }, f.number) : f.number)))))
    : h('p', { class: 'quiet' }, orders ? t('orders.none') : t('orders.unavailable'));
  const past = (pastTickets?.items || pastTickets || []).filter((p) => p.id !== ticket.id).slice(0, 5);
  return h('section', { class: 'panel customer', 'aria-labelledby': 'customer-title' },
    h('h2', { id: 'customer-title' }, t('customer.title')),
    h('p', {}, h('strong', {}, customer?.name || ticket.customer?.name || ''), h('br'), customer?.email || ticket.customerEmail || ''),
    h('dl', { class: 'facts' }, facts.map(([k, v]) => [h('dt', {}, k), h('dd', {}, v)])),
    h('h3', {}, t('customer.orders')), orderList,
    h('h3', {}, t('customer.pastTickets')),
    past.length ? h('ul', { class: 'past' }, past.map((p) => h('li', {}, h('a', { href: `#/tickets/${p.id}` }, `${ticketNumber(p.number)} ${p.subject}`), ' ', chip('status', p.status))))
      : h('p', { class: 'quiet' }, t('customer.noPastTickets')));
}

function activityLog(entries) {
  const items = (entries?.items || entries || []).slice(-50);
  return h('details', { class: 'panel activity' }, h('summary', {}, t('activity.title', { n: items.length })),
    h('ol', {}, items.map((a) => h('li', {}, h('time', { datetime: a.occurredAt }, formatTime(a.occurredAt)), ' ',
      label('activity', a.action), a.actor?.type ? ` · ${label('author', a.actor.type)}` : ''))));
}

function diff(mine, theirs) {
  return EDITABLE.filter((key) => JSON.stringify(mine[key] ?? null) !== JSON.stringify(theirs[key] ?? null));
}

export async function renderTicket(main, id) {
  const names = await agents();
  let { data: ticket, etag } = await api(`/api/tickets/${id}`);
  const [messages, sla, pastTickets, orders, activity] = await Promise.allSettled([
    get(`/api/tickets/${id}/messages`, { limit: 200 }),
    get(`/api/sla/tickets/${id}`),
    ticket.customerId ? get(`/api/customers/${ticket.customerId}/tickets`) : Promise.resolve([]),
    ticket.customerId ? get(`/api/customers/${ticket.customerId}/orders`) : Promise.resolve(null),
    get(`/api/tickets/${id}/activity`),
  ]).then((results) => results.map((r) => (r.status === 'fulfilled' ? r.value : null)));
  document.title = `${ticketNumber(ticket.number)} ${ticket.subject} · ${t('app.name')}`;

  const banner = h('div', { class: 'banners', role: 'status', 'aria-live': 'polite' });
  const viewers = h('p', { class: 'viewers', id: 'viewers', role: 'status', 'aria-live': 'polite' });
  const thread = h('section', { class: 'thread', 'aria-labelledby': 'thread-title' });
  const assigneeBox = h('div', { class: 'assignee' });

  function renderThread(page) {
    replace(thread, h('h2', { id: 'thread-title', class: 'visually-hidden' }, t('thread.title')),
      h('article', { class: 'msg msg-customer', 'aria-label': t('thread.kind.customer') },
        h('header', {}, h('strong', {}, t('thread.customer')), h('time', { datetime: ticket.createdAt }, formatTime(ticket.createdAt))),
        h('div', { class: 'body' }, ticket.description || '')),
      (page?.items || []).map((m) => message(m, names)));
  }
  renderThread(messages);

  async function reloadThread() {
    renderThread(await get(`/api/tickets/${id}/messages`, { limit: 200 }));
  }

  async function reloadTicket() {
    const fresh = await api(`/api/tickets/${id}`);
    ticket = fresh.data;
    etag = fresh.etag;
    fillEdits(ticket);
    renderAssignee();
  }

  // ---- properties with If-Match ----
  const statusSel = select(['new', 'open', 'pending', 'on_hold', 'solved', 'closed'].map((s) => [s, label('status', s)]), ticket.status, { name: 'status' });
  const prioritySel = select(['low', 'normal', 'high', 'urgent'].map((s) => [s, label('priority', s)]), ticket.priority, { name: 'priority' });
  const categoryInput = h('input', { type: 'text', name: 'category', maxlength: 100 });
  const tagsInput = h('input', { type: 'text', name: 'tags' });
  let base = null;
  function fillEdits(current) {
    statusSel.value = current.status;
    prioritySel.value = current.priority;
    categoryInput.value = current.category || '';
    tagsInput.value = (current.tags || []).join(', ');
    base = { status: current.status, priority: current.priority, category: current.category || null, tags: current.tags || [] };
  }
  fillEdits(ticket);
  function edits() {
    return {
      status: statusSel.value, priority: prioritySel.value, category: categoryInput.value.trim() || null,
      tags: tagsInput.value.split(',').map((s) => s.trim().toLowerCase()).filter(Boolean),
    };
  }
  async function save(mine) {
    const changed = diff(base, mine);
    if (!changed.length) { toast(t('edit.nothing')); return; }
    const body = {};
    for (const key of changed) body[key] = key === 'category' ? (mine.category ?? '') : mine[key];
    try {
      const result = await api(`/api/tickets/${id}`, { method: 'PATCH', body, etag });
      ticket = result.data;
      etag = result.etag;
      fillEdits(ticket);
      toast(t('edit.saved'));
    } catch (error) {
      if (error instanceof ApiError && error.status === 412) await conflict(mine);
      else replace(banner, h('p', { class: 'banner banner-error', role: 'alert' }, t('error.generic', { detail: error.message })));
    }
  }
  async function conflict(mine) {
    const fresh = await api(`/api/tickets/${id}`);
    const theirs = { status: fresh.data.status, priority: fresh.data.priority, category: fresh.data.category || null, tags: fresh.data.tags || [] };
    const changedByThem = diff(base, theirs);
    const show = (v) => (Array.isArray(v) ? v.join(', ') : v) || '–';
    replace(banner, h('div', { class: 'banner banner-warn', role: 'alert', id: 'conflict' },
      h('p', {}, h('strong', {}, t('conflict.title'))),
      h('ul', {}, changedByThem.map((key) => h('li', {}, t('conflict.change', { field: t(`field.${key}`), from: show(base[key]), to: show(theirs[key]) })))),
      h('button', { type: 'button', class: 'primary', onclick: async () => {
        replace(banner); ticket = fresh.data; etag = fresh.etag; base = theirs; await save(mine);
      } }, t('conflict.retry')),
      h('button', { type: 'button', onclick: () => { replace(banner); ticket = fresh.data; etag = fresh.etag; fillEdits(ticket); } }, t('conflict.keepTheirs'))));
  }
  const editForm = h('form', { class: 'panel edits', 'aria-labelledby': 'edit-title' },
    h('h2', { id: 'edit-title' }, t('edit.title')),
    field(t('field.status'), statusSel), field(t('field.priority'), prioritySel),
    field(t('field.category'), categoryInput), field(t('field.tags'), tagsInput, t('edit.tagsHint')),
    h('button', { type: 'submit', class: 'primary', id: 'save-edits' }, t('edit.save')));
  editForm.addEventListener('submit', (e) => { e.preventDefault(); save(edits()); });

  // ---- assignee ----
  async function assignToMe() {
    try {
      await post(`/api/tickets/${id}/assign`, { agentId: session.agentId });
      ticket.assigneeId = session.agentId;
      renderAssignee();
      toast(t('assign.done'));
    } catch (error) {
      toast(t('error.generic', { detail: error.message }), { kind: 'error' });
    }
  }
  function renderAssignee() {
    const mine = ticket.assigneeId === session.agentId;
    const transferTo = select([['', t('assign.toQueue')], ...[...names].filter(([agentId]) => agentId !== session.agentId)], '', { name: 'to' });
    replace(assigneeBox,
      h('p', {}, t('assign.current', { name: agentName(ticket.assigneeId, names) })),
      !ticket.assigneeId || (!mine && session.roles.includes('supervisor'))
        ? h('button', { type: 'button', id: 'assign-me', onclick: assignToMe }, t('assign.toMe')) : null,
      mine ? h('button', { type: 'button', onclick: async () => {
        try { await post(`/api/tickets/${id}/accept`, {}); toast(t('assign.accepted')); } catch (error) { toast(t('error.generic', { detail: error.message }), { kind: 'error' }); }
      } }, t('assign.accept')) : null,
      mine || session.roles.includes('supervisor') ? h('form', { class: 'transfer', onsubmit: async (event) => {
        event.preventDefault();
        try {
          await post(`/api/tickets/${id}/transfer`, transferTo.value ? { toAgentId: transferTo.value } : {});
          toast(t('assign.transferred'));
          await reloadTicket();
        } catch (error) { toast(t('error.generic', { detail: error.message }), { kind: 'error' }); }
      } }, field(t('assign.transferTo'), transferTo), h('button', { type: 'submit' }, t('assign.transfer'))) : null);
  }
  renderAssignee();

  // ---- composer ----
  const composerId = nextId('reply');
  const text = h('textarea', { id: composerId, name: 'body', rows: 6, required: true, 'aria-keyshortcuts': 'r' });
  const publicRadio = h('input', { type: 'radio', name: 'visibility', value: 'public', checked: true, id: `${composerId}-public` });
  const internalRadio = h('input', { type: 'radio', name: 'visibility', value: 'internal', id: `${composerId}-internal` });
  // @username in an internal note notifies that teammate (notification-service's "mention" rule)
  const mentionHint = h('p', { class: 'hint', id: `${composerId}-mention-hint` }, t('mention.hint'));
  text.setAttribute('aria-describedby', mentionHint.id);
  const mentions = mentionPicker(text, () => internalRadio.checked);
  const macros = macroPicker(id, {
    onReply: (reply) => {
      text.value = text.value.trim() ? `${text.value.trim()}\n\n${reply}` : reply;
      publicRadio.checked = true;
      composer.classList.remove('is-internal');
      text.focus();
      replying(id);
    },
    onApplied: () => Promise.all([reloadThread(), reloadTicket()]),
  });
  const composer = h('form', { class: 'composer', 'aria-labelledby': 'composer-title' },
    h('h2', { id: 'composer-title' }, t('composer.title')),
    h('fieldset', {}, h('legend', {}, t('composer.visibility')),
      h('label', { for: publicRadio.id }, publicRadio, ' ', t('composer.public')),
      h('label', { for: internalRadio.id }, internalRadio, ' ', t('composer.internal'))),
    h('label', { for: composerId }, t('composer.label')), text, mentions, mentionHint,
    h('div', { class: 'actions' },
      macros.button,
      h('button', { type: 'button', id: 'insert-draft', 'aria-keyshortcuts': 'Alt+D', onclick: () => insertDraft() }, t('composer.draft')),
      h('button', { type: 'submit', class: 'primary', id: 'send-reply', 'aria-keyshortcuts': 'Control+Enter' }, t('composer.send'))));
  composer.addEventListener('change', () => composer.classList.toggle('is-internal', internalRadio.checked));
  text.addEventListener('input', () => replying(id));
  text.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) { event.preventDefault(); composer.requestSubmit(); }
    if (event.altKey && (event.key === 'd' || event.key === 'D' || event.code === 'KeyD')) { event.preventDefault(); insertDraft(); }
  });
  async function insertDraft() {
    try {
      const draft = await post(`/api/ai/tickets/${id}/draft`, { tone: 'friendly' });
      text.value = text.value.trim() ? `${text.value.trim()}\n\n${draft.text}` : draft.text;
      text.focus();
      replying(id);
      toast(t('composer.draftInserted'));
    } catch (error) {
      toast(t('composer.noDraft', { detail: error.message }), { kind: 'error' });
    }
  }
  composer.addEventListener('submit', async (event) => {
    event.preventDefault();
    const body = text.value.trim();
    if (!body) { text.focus(); return; }
    const internal = internalRadio.checked;
    try {
      await post(`/api/tickets/${id}/messages`, { body, internal, authorType: 'agent' });
      // the live feed can show the message before this answer arrives, and the agent may already be typing the next
      // one: clear only what was sent
      if (text.value.trim() === body) text.value = '';
      toast(internal ? t('composer.noteAdded') : t('composer.sent'));
      await Promise.all([reloadThread(), reloadTicket()]);
    } catch (error) {
      replace(banner, h('p', { class: 'banner banner-error', role: 'alert' }, t('error.generic', { detail: error.message })));
    }
  });

  const customer = ticket.customerId ? await get(`/api/customers/${ticket.customerId}`).catch(() => null) : null;
  replace(main,
    h('div', { class: 'ticket-head' },
      h('a', { href: '#/inbox/mine', class: 'back' }, t('ticket.back')),
      h('h1', {}, h('span', { class: 'num' }, ticketNumber(ticket.number)), ' ', ticket.subject),
      h('p', { class: 'meta' }, chip('status', ticket.status), chip('priority', ticket.priority), chip('channel', ticket.channel),
        ticket.language ? h('span', { class: 'chip' }, ticket.language) : null,
        h('time', { datetime: ticket.createdAt }, t('ticket.opened', { time: formatTime(ticket.createdAt) })))),
    banner, viewers,
    h('div', { class: 'ticket-grid' },
      h('div', { class: 'ticket-main' }, thread, composer, activityLog(activity)),
      h('aside', { class: 'ticket-side', 'aria-label': t('ticket.details') },
        h('section', { class: 'panel', 'aria-labelledby': 'assign-title' }, h('h2', { id: 'assign-title' }, t('assign.title')), assigneeBox),
        h('section', { class: 'panel', 'aria-labelledby': 'sla-title' }, h('h2', { id: 'sla-title' }, t('sla.title')), clocks(sla)),
        editForm,
        customerPanel(ticket, customer, pastTickets, orders))));

  // ---- live: who else is here, changes by others ----
  watch(id);
  const onViewers = (e) => {
    if (e.detail.ticketId !== id) return;
    const others = (e.detail.viewers || []).filter((v) => v.agentId !== session.agentId);
    viewers.textContent = others.map((v) => t(v.mode === 'replying' ? 'live.replying' : 'live.viewing', { name: v.name || t('ticket.anAgent') })).join(' · ');
    viewers.classList.toggle('has-replying', others.some((v) => v.mode === 'replying'));
  };
  const onUpdate = (e) => {
    if (e.detail.ticketId !== id) return;
    replace(banner, h('div', { class: 'banner banner-info', id: 'changed-banner' },
      t('live.changed', { change: label('change', e.detail.change) }), ' ',
      h('button', { type: 'button', onclick: async () => { replace(banner); await reloadTicket(); await reloadThread(); } }, t('live.reload'))));
  };
  const onMessage = (e) => { if (e.detail.ticketId === id) reloadThread(); };
  live.addEventListener('viewers', onViewers);
  live.addEventListener('ticket_update', onUpdate);
  live.addEventListener('message_received', onMessage);

  const keys = (event) => {
    const target = event.target;
    const typing = target instanceof HTMLElement && ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
    if (event.key === 'Escape' && typing) { target.blur(); return; }
    if (event.key === 'Escape' && !document.querySelector('dialog[open]')) { location.hash = '#/inbox/mine'; return; }
    if (typing || event.ctrlKey || event.metaKey) return;
    if (event.altKey && event.code === 'KeyD') { event.preventDefault(); insertDraft(); return; }
    if (event.altKey) return;
    if (event.key === 'r') { event.preventDefault(); text.focus(); }
    else if (event.key === 'm') { event.preventDefault(); macros.open(); }
    else if (event.key === 'a') { event.preventDefault(); assignToMe(); }
    else if (event.key === 'n') {
      const index = lastList.ids.indexOf(id);
      const next = lastList.ids[index + 1];
      if (next) location.hash = `#/tickets/${next}`;
    }
  };
  document.addEventListener('keydown', keys);
  post(`/api/tickets/${id}/read`).catch(() => {});
  return () => {
    unwatch(id);
    live.removeEventListener('viewers', onViewers);
    live.removeEventListener('ticket_update', onUpdate);
    live.removeEventListener('message_received', onMessage);
    document.removeEventListener('keydown', keys);
    macros.close();
  };
}
