// Macros in the ticket view: pick one (personal, team and shared, filtered as you type), see what it would write and
// change on this ticket (automation-service's preview), then apply it. "Insert reply" does the macro's actions and
// puts its rendered reply into the composer to edit; "Apply and send" sends the reply too. One Idempotency-Key per
// choice, so a retry after a lost answer never applies a macro twice.
import { h, replace, nextId } from './dom.js';
import { t, label } from './i18n.js';
import { api, get } from './api.js';
import { toast } from './state.js';

function show(value) {
  return Array.isArray(value) ? value.join(', ') || '–' : value === null || value === undefined || value === '' ? '–' : String(value);
}

/** A button that opens the picker; onReply(text) gets the rendered reply, onApplied() runs after any apply. */
export function macroPicker(ticketId, { onReply, onApplied }) {
  const listId = nextId('macros');
  const filter = h('input', { type: 'search', id: `${listId}-filter`, 'aria-controls': listId, autocomplete: 'off' });
  const list = h('ul', { id: listId, class: 'macro-list', 'aria-label': t('macro.list') });
  const preview = h('section', { class: 'macro-preview', 'aria-live': 'polite' });
  const dialog = h('dialog', { id: 'macro-dialog', class: 'macro-dialog', 'aria-labelledby': `${listId}-title` },
    h('h2', { id: `${listId}-title` }, t('macro.title')),
    h('label', { for: filter.id }, t('macro.filter')), filter, list, preview,
    h('form', { method: 'dialog' }, h('button', {}, t('action.close'))));
  let macros = [];
  let chosen = null;

  function renderList() {
    const q = filter.value.trim().toLowerCase();
    const shown = macros.filter((m) => !q || m.name.toLowerCase().includes(q));
    replace(list, shown.length ? shown.map((m) => h('li', {},
      h('button', { type: 'button', class: 'macro', 'data-macro-id': m.id, onclick: () => choose(m) },
        m.name, ' ', h('span', { class: 'quiet' }, label('macroScope', m.scope)))))
      : h('li', { class: 'quiet' }, t('macro.none')));
  }

  async function choose(macro) {
    // a new choice is a new application; retrying the same one (a lost answer) keeps its key
    chosen = { macro, key: crypto.randomUUID() };
    replace(preview, h('p', { class: 'quiet' }, t('macro.loading')));
    try {
      const { data } = await api(`/api/tickets/${ticketId}/macros/${macro.id}/preview`, { method: 'POST' });
      const changes = data.changes || [];
      replace(preview,
        h('h3', {}, macro.name),
        data.replyText ? h('blockquote', { class: 'macro-reply' }, data.replyText) : h('p', { class: 'quiet' }, t('macro.noReply')),
        changes.length ? h('ul', { class: 'macro-changes' }, changes.map((c) => h('li', {},
          t('macro.change', { field: label('field', c.field), from: show(c.from), to: show(c.to) }))))
          : h('p', { class: 'quiet' }, t('macro.noChanges')),
        data.note ? h('p', {}, t('macro.note', { note: data.note })) : null,
        h('div', { class: 'actions' },
          data.replyText ? h('button', { type: 'button', id: 'macro-insert', onclick: () => apply(false, data.replyText) }, t('macro.insert')) : null,
          h('button', { type: 'button', class: 'primary', id: 'macro-apply', onclick: () => apply(true) },
            data.replyText ? t('macro.applySend') : t('macro.apply'))));
    } catch (error) {
      replace(preview, h('p', { class: 'banner banner-error', role: 'alert' }, t('error.generic', { detail: error.message })));
    }
  }

  async function apply(sendReply, replyText) {
    try {
      const { data } = await api(`/api/tickets/${ticketId}/macros/${chosen.macro.id}/apply`,
        { method: 'POST', body: { sendReply }, idempotencyKey: chosen.key });
      dialog.close();
      if (!sendReply && (data.replyText || replyText)) onReply(data.replyText || replyText);
      toast(t('macro.applied', { name: chosen.macro.name }));
      await onApplied();
    } catch (error) {
      replace(preview, h('p', { class: 'banner banner-error', role: 'alert' }, t('error.generic', { detail: error.message })),
        h('p', { class: 'hint' }, t('macro.retryHint')));
    }
  }

  filter.addEventListener('input', renderList);
  async function open() {
    if (!dialog.isConnected) document.body.appendChild(dialog);
    replace(preview);
    filter.value = '';
    dialog.showModal();
    try {
      const found = await get('/api/macros');
      // the ones this agent uses most first
      macros = (Array.isArray(found) ? found : found.items || [])
        .sort((a, b) => (b.usageCount || 0) - (a.usageCount || 0) || a.name.localeCompare(b.name));
    } catch (error) {
      macros = [];
      toast(t('error.generic', { detail: error.message }), { kind: 'error' });
    }
    renderList();
    filter.focus();
  }
  const button = h('button', { type: 'button', id: 'open-macros', 'aria-keyshortcuts': 'm', 'aria-haspopup': 'dialog', onclick: open },
    t('macro.open'));
  return { button, open, close: () => { if (dialog.open) dialog.close(); dialog.remove(); } };
}
