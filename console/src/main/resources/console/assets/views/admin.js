// Admin: agents (create, deactivate), SLA policies and integrations (read-only here). Admins only: anyone else gets
// a clear refusal (and the API would answer 403 anyway).
import { h, replace, field, select } from '../dom.js';
import { t, label } from '../i18n.js';
import { get, post, api } from '../api.js';
import { hasRole } from '../auth.js';
import { session, toast } from '../state.js';
import { refused } from './supervisor.js';

export async function renderAdmin(main) {
  if (!hasRole('admin')) return refused(main);
  document.title = `${t('admin.title')} · ${t('app.name')}`;
  const [agents, policies, shops, mailboxes] = await Promise.allSettled([
    get('/api/agents', { limit: 200 }), get('/api/sla/policies'), get('/api/shopify/shops'), get('/api/mail/mailboxes'),
  ]).then((results) => results.map((r) => (r.status === 'fulfilled' ? r.value : null)));

  const rows = (agents?.items || []).map((a) => h('tr', {},
    h('td', {}, [a.firstName, a.lastName].filter(Boolean).join(' ')), h('td', {}, a.username), h('td', {}, label('role', a.role)),
    h('td', {}, label('presence', a.status)), h('td', {}, (a.skills || []).join(', ')),
    h('td', {}, a.id === session.agentId ? '' : h('button', { type: 'button', 'aria-label': t('admin.deactivateWho', { name: a.username }), onclick: async () => {
      if (!window.confirm(t('admin.confirmDeactivate', { name: a.username }))) return;
      try { await api(`/api/agents/${a.id}`, { method: 'DELETE' }); toast(t('admin.deactivated')); location.hash = '#/admin'; renderAdmin(main); } catch (error) { toast(t('error.generic', { detail: error.message }), { kind: 'error' }); }
    } }, t('admin.deactivate')))));

  const inputs = {
    email: h('input', { type: 'email', name: 'email', required: true, autocomplete: 'off' }),
    username: h('input', { type: 'text', name: 'username', required: true, autocomplete: 'off' }),
    firstName: h('input', { type: 'text', name: 'firstName', required: true }),
    lastName: h('input', { type: 'text', name: 'lastName', required: true }),
    role: select(['agent', 'supervisor', 'admin'].map((r) => [r, label('role', r)]), 'agent', { name: 'role' }),
    skills: h('input', { type: 'text', name: 'skills' }),
    initialPassword: h('input', { type: 'password', name: 'initialPassword', required: true, minlength: 8, autocomplete: 'new-password' }),
  };
  const create = h('form', { class: 'panel create-agent', 'aria-labelledby': 'create-title' },
    h('h2', { id: 'create-title' }, t('admin.create')),
    field(t('admin.email'), inputs.email), field(t('admin.username'), inputs.username), field(t('admin.firstName'), inputs.firstName),
    field(t('admin.lastName'), inputs.lastName), field(t('admin.role'), inputs.role), field(t('admin.skills'), inputs.skills, t('admin.skillsHint')),
    field(t('admin.password'), inputs.initialPassword), h('button', { type: 'submit', class: 'primary' }, t('admin.createSubmit')));
  create.addEventListener('submit', async (event) => {
    event.preventDefault();
    try {
      await post('/api/agents', {
        email: inputs.email.value, username: inputs.username.value, firstName: inputs.firstName.value, lastName: inputs.lastName.value,
        role: inputs.role.value, skills: inputs.skills.value.split(',').map((s) => s.trim()).filter(Boolean),
        initialPassword: inputs.initialPassword.value, temporaryPassword: true,
      });
      toast(t('admin.created'));
      renderAdmin(main);
    } catch (error) {
      toast(t('error.generic', { detail: error.message }), { kind: 'error' });
    }
  });

  const list = (items, text) => h('ul', {}, (items || []).map((item) => h('li', {}, text(item))));
  replace(main,
    h('h1', {}, t('admin.title')),
    h('section', { 'aria-labelledby': 'agents-title' }, h('h2', { id: 'agents-title' }, t('admin.agents')),
      h('table', { class: 'board', id: 'agents-table' },
        h('caption', { class: 'visually-hidden' }, t('admin.agents')),
        h('thead', {}, h('tr', {}, [t('admin.name'), t('admin.username'), t('admin.role'), t('supervisor.status'), t('admin.skills'), t('admin.actions')].map((c) => h('th', { scope: 'col' }, c)))),
        h('tbody', {}, rows))),
    create,
    h('section', { 'aria-labelledby': 'policies-title' }, h('h2', { id: 'policies-title' }, t('admin.policies')),
      list(policies?.items || policies, (p) => `${p.name}${p.enabled === false ? ` (${t('admin.off')})` : ''}`)),
    h('section', { 'aria-labelledby': 'integrations-title' }, h('h2', { id: 'integrations-title' }, t('admin.integrations')),
      h('h3', {}, t('admin.shops')), list(shops?.items || shops, (s) => s.domain || s.shopDomain || JSON.stringify(s).slice(0, 60)),
      h('h3', {}, t('admin.mailboxes')), list(mailboxes?.items || mailboxes, (m) => m.address || JSON.stringify(m).slice(0, 60))));
  return null;
}
