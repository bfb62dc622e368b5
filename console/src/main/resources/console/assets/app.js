// The agent console: start-up, layout, routing (#/…), presence, keyboard shortcuts.
import { h, replace, select } from './dom.js';
import { initI18n, t, setTimeZone } from './i18n.js';
import * as auth from './auth.js';
import { api, get, put, onUnauthorized } from './api.js';
import { live, connectLive, disconnectLive, activity } from './live.js';
import { ticketNumber } from './widgets.js';
import { session, toast } from './state.js';
import { renderInbox } from './views/inbox.js';
import { renderTicket } from './views/ticket.js';
import { renderSupervisor } from './views/supervisor.js';
import { renderAdmin } from './views/admin.js';

const root = document.getElementById('app');

let main = null;
let cleanup = null;
let ended = false;

function page(title, text, action) {
  document.title = `${title} · ${t('app.name')}`;
  replace(root, h('main', { id: 'main', class: 'notice-page' },
    h('h1', {}, title), h('p', {}, text), action || null));
  root.removeAttribute('aria-busy');
}

function sessionEnded(reason) {
  if (ended) return;
  ended = true;
  disconnectLive();
  if (reason === 'deactivated') {
    page(t('deactivated.title'), t('deactivated.text'),
      h('button', { class: 'primary', onclick: () => auth.logout() }, t('deactivated.signOut')));
  } else {
    page(t('expired.title'), t('expired.text'), h('button', { class: 'primary', onclick: () => auth.login() }, t('expired.signIn')));
  }
}

function header() {
  const links = [['#/inbox/mine', t('nav.inbox')]];
  if (auth.hasRole('supervisor')) links.push(['#/supervisor', t('nav.supervisor')]);
  // supervisors manage agents and read the notification rules there (the APIs' rules); admins everything
  if (auth.hasRole('supervisor')) links.push(['#/admin', t('nav.admin')]);
  const presence = select([['online', t('presence.online')], ['away', t('presence.away')], ['offline', t('presence.offline')]],
    session.me?.agent?.status === 'busy' ? 'online' : (session.me?.agent?.status || 'offline'),
    { id: 'presence', onchange: (e) => setPresence(e.target.value) });
  // an open console is presence: notification-service turns my first socket into "online" (agent-service follows)
  live.addEventListener('welcome', () => { if (presence.value === 'offline') presence.value = 'online'; });
  const liveDot = h('span', { class: 'live-dot', id: 'live-state', title: t('live.offline'), 'aria-label': t('live.offline'), role: 'img' });
  live.addEventListener('connection', (e) => {
    const label = e.detail.connected ? t('live.online') : t('live.offline');
    liveDot.classList.toggle('on', e.detail.connected);
    liveDot.setAttribute('aria-label', label);
    liveDot.title = label;
  });
  const name = [session.me?.firstName, session.me?.lastName].filter(Boolean).join(' ') || session.me?.username;
  return h('header', { class: 'topbar' },
    h('a', { class: 'brand', href: '#/inbox/mine' }, t('app.name')),
    h('nav', { 'aria-label': t('nav.label') }, h('ul', {}, links.map(([href, text]) => h('li', {}, h('a', { href, 'data-nav': href }, text))))),
    h('div', { class: 'me' },
      liveDot,
      h('label', { for: 'presence', class: 'visually-hidden' }, t('presence.label')),
      presence,
      h('span', { class: 'who', id: 'who' }, name, ' · ', session.roles[session.roles.length - 1] ? t(`role.${session.roles[session.roles.length - 1]}`) : ''),
      h('button', { id: 'logout', onclick: () => { disconnectLive(); auth.logout(); } }, t('nav.logout'))));
}

async function setPresence(status) {
  if (!session.agentId) return;
  try {
    await put(`/api/agents/${session.agentId}/status`, { status });
    toast(t('presence.changed', { status: t(`presence.${status}`) }));
  } catch (error) {
    toast(t('error.generic', { detail: error.message }), { kind: 'error' });
  }
}

async function route() {
  if (cleanup) { try { cleanup(); } catch { /* view gone */ } cleanup = null; }
  const hash = location.hash || '#/inbox/mine';
  const [path, queryString] = hash.slice(1).split('?');
  const parts = path.split('/').filter(Boolean);
  const query = new URLSearchParams(queryString || '');
  document.querySelectorAll('[data-nav]').forEach((a) => {
    const current = hash.startsWith(a.getAttribute('data-nav').split('/').slice(0, 2).join('/'));
    if (current) a.setAttribute('aria-current', 'page'); else a.removeAttribute('aria-current');
  });
  replace(main);
  main.setAttribute('aria-busy', 'true');
  try {
    if (parts[0] === 'tickets' && parts[1]) cleanup = await renderTicket(main, parts[1]);
    else if (parts[0] === 'supervisor') cleanup = await renderSupervisor(main, query);
    else if (parts[0] === 'admin') cleanup = await renderAdmin(main, parts[1]);
    else cleanup = await renderInbox(main, parts[1] || 'mine', query);
  } catch (error) {
    replace(main, h('h1', {}, t('error.title')), h('p', { role: 'alert' }, t('error.generic', { detail: error.message })));
  } finally {
    main.removeAttribute('aria-busy');
  }
}

function shortcuts(event) {
  activity();
  const target = event.target;
  const typing = target instanceof HTMLElement && (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName));
  if (typing || event.ctrlKey || event.metaKey || event.altKey) return;
  if (event.key === '?') {
    event.preventDefault();
    const dialog = document.getElementById('shortcuts');
    if (dialog && !dialog.open) dialog.showModal();
  } else if (event.key === 'g') {
    location.hash = '#/inbox/mine';
  }
}

function shortcutsDialog() {
  const keys = [['j / k', t('keys.nextPrev')], ['Enter', t('keys.open')], ['n', t('keys.nextTicket')], ['r', t('keys.reply')], ['m', t('keys.macros')],
    ['a', t('keys.assign')], ['Alt+D', t('keys.draft')], ['Ctrl+Enter', t('keys.send')], ['g', t('keys.inbox')], ['?', t('keys.help')]];
  const dialog = h('dialog', { id: 'shortcuts', 'aria-labelledby': 'shortcuts-title' },
    h('h2', { id: 'shortcuts-title' }, t('keys.title')),
    h('dl', { class: 'keys' }, keys.map(([k, text]) => [h('dt', {}, h('kbd', {}, k)), h('dd', {}, text)])),
    h('form', { method: 'dialog' }, h('button', {}, t('action.close'))));
  return dialog;
}

async function start() {
  await initI18n();
  auth.onSessionEnded(sessionEnded);
  onUnauthorized(sessionEnded);
  let state;
  try {
    state = await auth.handleRedirect();
  } catch (error) {
    page(t('login.failed'), error.message, h('button', { class: 'primary', onclick: () => auth.login() }, t('expired.signIn')));
    return;
  }
  if (state === 'signed-out') {
    page(t('signedOut.title'), t('signedOut.text'), h('button', { class: 'primary', onclick: () => auth.login() }, t('expired.signIn')));
    return;
  }
  if (state?.error) {
    page(t('login.failed'), state.error, h('button', { class: 'primary', onclick: () => auth.login() }, t('expired.signIn')));
    return;
  }
  if (state === 'login') {
    await auth.login();
    return;
  }
  try {
    session.me = (await api('/api/auth/me')).data;
  } catch (error) {
    if (!ended) page(t('error.title'), t('error.generic', { detail: error.message }));
    return;
  }
  if (session.me.agent && session.me.agent.active === false) {
    sessionEnded('deactivated');
    return;
  }
  session.agentId = session.me.id;
  session.roles = session.me.roles || auth.roles();
  setTimeZone(session.me.agent?.timezone);
  main = h('main', { id: 'main', tabindex: '-1' });
  replace(root, header(), main, shortcutsDialog());
  root.removeAttribute('aria-busy');
  // the skip link focuses the main area (its #main must not be taken for a route)
  document.querySelector('.skip-link')?.addEventListener('click', (event) => {
    event.preventDefault();
    main.focus();
  });
  window.addEventListener('hashchange', route);
  document.addEventListener('keydown', shortcuts);
  document.addEventListener('pointerdown', activity);
  // one toast per ticket, even when it reaches me twice in a row (routed, then assigned by a supervisor)
  const toasted = new Map();
  live.addEventListener('new_ticket', (e) => {
    const frame = e.detail;
    if (Date.now() - (toasted.get(frame.ticketId) || 0) < 10_000) return;
    toasted.set(frame.ticketId, Date.now());
    toast(t('live.newTicket', { number: ticketNumber(frame.number), subject: frame.subject }), { href: `#/tickets/${frame.ticketId}` });
  });
  connectLive();
  await route();
}

start();
