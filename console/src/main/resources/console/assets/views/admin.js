// Admin: agents (create, edit role / team / skills / capacity, deactivate), SLA policies and business calendars (with
// holidays and an iCalendar import), notification rules, integrations (mailboxes, Shopify shops, Gorgias, Slack).
// Each tab edits through the owning service's API; what a role may do is the API's rule, the tabs only hide what
// would be refused: supervisors get the agents (agent-service lets them manage agents) and read the rules; admins
// everything. Agents are refused the page.
import { h, replace, select, nextId } from '../dom.js';
import { t, label, formatTime } from '../i18n.js';
import { get, getAll, post, put, del, api } from '../api.js';
import { hasRole } from '../auth.js';
import { session, toast } from '../state.js';
import { form, list, checkboxes } from '../forms.js';
import { refused } from './supervisor.js';

const TABS = ['agents', 'sla', 'rules', 'integrations', 'audit'];
const PRIORITIES = ['urgent', 'high', 'normal', 'low'];
const CHANNELS = ['email', 'chat', 'phone', 'web', 'social', 'api'];
const TIERS = ['standard', 'vip'];
const METRICS = ['first_response', 'next_response', 'resolution', 'periodic_update'];
const DAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
const EVENT_KINDS = ['sla_warning', 'sla_breach', 'urgent_ticket', 'vip_customer', 'mention', 'agent_assigned'];

const text = (name, value, attrs = {}) => h('input', { type: 'text', name, value: value ?? '', ...attrs });
const number = (name, value, attrs = {}) => h('input', { type: 'number', name, value: value ?? '', ...attrs });
const checkbox = (name, value) => h('input', { type: 'checkbox', name, checked: Boolean(value) });
const options = (prefix, values) => values.map((v) => [v, label(prefix, v)]);
const blankToNull = (value) => (value === '' ? null : value);
const intOrNull = (value) => (value === '' ? null : Number(value));

function table(id, caption, columns, rows) {
  return h('table', { class: 'board', id },
    h('caption', { class: 'visually-hidden' }, caption),
    h('thead', {}, h('tr', {}, columns.map((c) => h('th', { scope: 'col' }, c)))),
    h('tbody', {}, rows));
}

/** A button that puts a form into the slot and moves the focus to its first field. */
function editButton(slot, labelText, build) {
  return h('button', { type: 'button', 'aria-label': labelText, onclick: async () => {
    try {
      const el = await build();
      replace(slot, el);
      el.querySelector('input, select, textarea')?.focus();
    } catch (error) {
      toast(t('error.generic', { detail: error.message }), { kind: 'error' });
    }
  } }, t('admin.edit'));
}

// ---- agents ----

async function agentsTab(section, rerender) {
  const agents = { items: await getAll('/api/agents') };
  const slot = h('div', { id: 'agent-form-slot' });
  const rows = (agents.items || []).map((a) => h('tr', { dataset: { agentId: a.id } },
    h('td', {}, [a.firstName, a.lastName].filter(Boolean).join(' ')), h('td', {}, a.username), h('td', {}, label('role', a.role)),
    h('td', {}, a.team || ''), h('td', {}, (a.skills || []).join(', ')), h('td', {}, String(a.maxConcurrentTickets)),
    h('td', { class: 'row-actions' },
      editButton(slot, t('admin.editWho', { name: a.username }), () => agentForm(a.id, rerender)),
      a.id === session.agentId || !hasRole('admin') ? null : h('button', { type: 'button', 'aria-label': t('admin.deactivateWho', { name: a.username }), onclick: async () => {
        if (!window.confirm(t('admin.confirmDeactivate', { name: a.username }))) return;
        try { await del(`/api/agents/${a.id}`); toast(t('admin.deactivated')); rerender(); } catch (error) { toast(t('error.generic', { detail: error.message }), { kind: 'error' }); }
      } }, t('admin.deactivate')))));
  replace(section,
    h('h2', {}, t('admin.agents')),
    table('agents-table', t('admin.agents'), [t('admin.name'), t('admin.username'), t('admin.role'), t('admin.team'), t('admin.skills'), t('admin.capacity'), t('admin.actions')], rows),
    slot, createAgentForm(rerender));
}

async function agentForm(id, rerender) {
  // the ETag makes a concurrent edit a 412 the form shows, not a silent overwrite
  const { data: a, etag } = await api(`/api/agents/${id}`);
  const role = select(options('role', hasRole('admin') ? ['agent', 'supervisor', 'admin'] : ['agent', 'supervisor']), a.role, { name: 'role' });
  const team = text('team', a.team);
  const skills = text('skills', (a.skills || []).join(', '));
  const languages = text('languages', (a.languages || []).join(', '));
  const capacity = number('maxConcurrentTickets', a.maxConcurrentTickets, { min: 0, max: 100 });
  const acceptsNew = checkbox('acceptsNew', a.acceptsNew);
  return form({
    id: 'agent-edit', title: t('admin.editAgent', { name: a.username }), submit: t('admin.save'),
    fields: [
      { name: 'role', label: t('admin.role'), control: role },
      { name: 'team', label: t('admin.team'), control: team },
      { name: 'skills', label: t('admin.skills'), control: skills, hint: t('admin.listHint') },
      { name: 'languages', label: t('admin.languages'), control: languages, hint: t('admin.languagesHint') },
      { name: 'maxConcurrentTickets', label: t('admin.capacity'), control: capacity },
      { name: 'acceptsNew', label: t('admin.acceptsNew'), control: acceptsNew },
    ],
    onSubmit: async () => {
      await api(`/api/agents/${id}`, { method: 'PATCH', etag, body: {
        role: role.value, team: team.value, skills: list(skills.value), languages: list(languages.value),
        maxConcurrentTickets: intOrNull(capacity.value), acceptsNew: acceptsNew.checked,
      } });
      rerender();
      return t('admin.saved');
    },
  });
}

function createAgentForm(rerender) {
  const c = {
    email: h('input', { type: 'email', name: 'email', autocomplete: 'off' }),
    username: text('username', '', { autocomplete: 'off' }),
    firstName: text('firstName', ''), lastName: text('lastName', ''),
    role: select(options('role', hasRole('admin') ? ['agent', 'supervisor', 'admin'] : ['agent']), 'agent', { name: 'role' }),
    team: text('team', ''), skills: text('skills', ''),
    initialPassword: h('input', { type: 'password', name: 'initialPassword', autocomplete: 'new-password' }),
  };
  return form({
    id: 'agent-create', title: t('admin.create'), submit: t('admin.createSubmit'),
    fields: [
      { name: 'email', label: t('admin.email'), control: c.email }, { name: 'username', label: t('admin.username'), control: c.username },
      { name: 'firstName', label: t('admin.firstName'), control: c.firstName }, { name: 'lastName', label: t('admin.lastName'), control: c.lastName },
      { name: 'role', label: t('admin.role'), control: c.role }, { name: 'team', label: t('admin.team'), control: c.team },
      { name: 'skills', label: t('admin.skills'), control: c.skills, hint: t('admin.listHint') },
      { name: 'initialPassword', label: t('admin.password'), control: c.initialPassword, hint: t('admin.passwordHint') },
    ],
    onSubmit: async () => {
      await post('/api/agents', {
        email: c.email.value, username: blankToNull(c.username.value), firstName: c.firstName.value, lastName: c.lastName.value,
        role: c.role.value, team: blankToNull(c.team.value), skills: list(c.skills.value),
        initialPassword: blankToNull(c.initialPassword.value), temporaryPassword: true,
      });
      rerender();
      return t('admin.created');
    },
  });
}

// ---- SLA policies and calendars ----

/** "4h", "30m", "2d" → ISO-8601; anything else goes as typed, so the server says what is wrong with it. */
export function isoDuration(value) {
  const v = String(value).trim();
  const m = /^(\d+)\s*([mhd])$/i.exec(v);
  if (!m) return v;
  const unit = m[2].toLowerCase();
  return unit === 'd' ? `P${m[1]}D` : `PT${m[1]}${unit.toUpperCase()}`;
}

function durationText(value) {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return `PT${value}S`;
  return String(value);
}

async function slaTab(section, rerender) {
  const [policies, calendars] = await Promise.all([get('/api/sla/policies'), get('/api/sla/calendars')]);
  const policyItems = policies.items || policies || [];
  const calendarItems = calendars.items || calendars || [];
  const policySlot = h('div', { id: 'policy-form-slot' });
  const calendarSlot = h('div', { id: 'calendar-form-slot' });
  const policyRows = policyItems.map((p) => h('tr', {},
    h('td', {}, p.name), h('td', {}, p.enabled ? t('admin.on') : t('admin.off')),
    h('td', {}, [...(p.conditions?.priorities || []).map((v) => label('priority', v)), ...(p.conditions?.channels || []).map((v) => label('channel', v)),
      ...(p.conditions?.customerTiers || []).map((v) => label('tier', v))].join(', ') || t('admin.anyTicket')),
    h('td', {}, (p.targets || []).map((x) => `${label('metric', x.metric)} ${durationText(x.target)}`).join(', ')),
    h('td', { class: 'row-actions' }, editButton(policySlot, t('admin.editWho', { name: p.name }), () => policyForm(p.id, calendarItems, rerender)))));
  const calendarRows = calendarItems.map((c) => h('tr', {},
    h('td', {}, c.name), h('td', {}, c.timezone),
    h('td', {}, DAYS.filter((d) => (c.weeklyHours?.[d] || []).length).map((d) => `${label('day', d)} ${(c.weeklyHours[d]).map((x) => `${x.start}–${x.end}`).join(', ')}`).join('; ')),
    h('td', {}, (c.holidays || []).map((x) => x.date).join(', ')),
    h('td', { class: 'row-actions' }, editButton(calendarSlot, t('admin.editWho', { name: c.name }), () => calendarForm(c.id, rerender)))));
  replace(section,
    h('h2', {}, t('admin.policies')),
    table('policies-table', t('admin.policies'), [t('admin.name'), t('admin.enabled'), t('admin.conditions'), t('admin.targets'), t('admin.actions')], policyRows),
    policySlot,
    h('button', { type: 'button', id: 'new-policy', onclick: async () => { const el = await policyForm(null, calendarItems, rerender); replace(policySlot, el); el.querySelector('input')?.focus(); } }, t('admin.newPolicy')),
    h('h2', {}, t('admin.calendars')),
    table('calendars-table', t('admin.calendars'), [t('admin.name'), t('admin.timezone'), t('admin.hours'), t('admin.holidays'), t('admin.actions')], calendarRows),
    calendarSlot,
    h('button', { type: 'button', id: 'new-calendar', onclick: async () => { const el = await calendarForm(null, rerender); replace(calendarSlot, el); el.querySelector('input')?.focus(); } }, t('admin.newCalendar')));
}

async function policyForm(id, calendars, rerender) {
  const { data: p, etag } = id ? await api(`/api/sla/policies/${id}`) : { data: { enabled: true, conditions: {}, targets: [], warningThresholds: [75, 90] } };
  const name = text('name', p.name);
  const enabled = checkbox('enabled', p.enabled);
  const priorities = checkboxes(t('field.priority'), 'priorities', options('priority', PRIORITIES), p.conditions?.priorities || []);
  const channels = checkboxes(t('field.channel'), 'channels', options('channel', CHANNELS), p.conditions?.channels || []);
  const tiers = checkboxes(t('admin.tiers'), 'customerTiers', options('tier', TIERS), p.conditions?.customerTiers || []);
  const first = (p.targets || [])[0];
  const calendar = select([['', t('admin.allHours')], ...calendars.map((c) => [c.id, c.name])],
    first && first.businessHours !== false ? first.calendarId || '' : '', { name: 'calendarId' });
  const targets = Object.fromEntries(METRICS.map((m) => [m, text(`target-${m}`, durationText((p.targets || []).find((x) => x.metric === m)?.target))]));
  const thresholds = text('warningThresholds', (p.warningThresholds || []).join(', '));
  let sent = [];
  return form({
    id: 'policy-edit', title: id ? t('admin.editPolicy', { name: p.name }) : t('admin.newPolicy'), submit: t('admin.save'),
    fields: [
      { name: 'name', label: t('admin.name'), control: name },
      { name: 'enabled', label: t('admin.enabled'), control: enabled },
      { name: 'conditions.priorities', control: priorities },
      { name: 'conditions.channels', control: channels },
      { name: 'conditions.customerTiers', control: tiers },
      ...METRICS.map((m) => ({ name: `target-${m}`, label: t('admin.targetFor', { metric: label('metric', m) }), control: targets[m], hint: t('admin.durationHint') })),
      { name: 'calendarId', label: t('admin.calendar'), control: calendar, hint: t('admin.calendarHint') },
      { name: 'warningThresholds', label: t('admin.thresholds'), control: thresholds, hint: t('admin.thresholdsHint') },
    ],
    // targets[i] is the i-th metric that had a value
    mapField: (field) => {
      const m = /^targets(?:\[(\d+)\])?(.*)$/.exec(field);
      if (!m) return field;
      if (m[1] === undefined) return `target-${sent[0] || METRICS[0]}`;
      const rest = m[2].replace(/^\.target$/, '');
      return `target-${sent[Number(m[1])] || METRICS[0]}${rest}`;
    },
    onSubmit: async () => {
      sent = METRICS.filter((m) => targets[m].value.trim());
      const body = {
        name: name.value, enabled: enabled.checked,
        conditions: { priorities: priorities.values(), channels: channels.values(), customerTiers: tiers.values(), categories: p.conditions?.categories || [], tags: p.conditions?.tags || [] },
        targets: sent.map((m) => ({ metric: m, target: isoDuration(targets[m].value), businessHours: Boolean(calendar.value), calendarId: blankToNull(calendar.value) })),
        warningThresholds: list(thresholds.value).map((v) => (/^\d+$/.test(v) ? Number(v) : v)),
        position: p.position,
      };
      if (id) await api(`/api/sla/policies/${id}`, { method: 'PUT', etag, body });
      else await post('/api/sla/policies', body);
      rerender();
      return t('admin.saved');
    },
  });
}

/** "mon 09:00-12:00 13:00-17:00" per line ⇄ {mon: [{start, end}, …]}. */
export function parseWeeklyHours(value) {
  const week = {};
  for (const line of String(value).split('\n').map((l) => l.trim()).filter(Boolean)) {
    const [day, ...ranges] = line.split(/\s+/);
    week[day.toLowerCase()] = ranges.map((r) => { const [start, end] = r.split(/[-–]/); return { start, end }; });
  }
  return week;
}

function weeklyText(week) {
  return DAYS.filter((d) => week?.[d]?.length).map((d) => `${d} ${week[d].map((x) => `${x.start}-${x.end}`).join(' ')}`).join('\n');
}

/** "2026-12-25 Christmas" per line ⇄ [{date, name}]. */
export function parseHolidays(value) {
  return String(value).split('\n').map((l) => l.trim()).filter(Boolean).map((line) => {
    const [date, ...name] = line.split(/\s+/);
    return { date, name: name.join(' ') || null };
  });
}

async function calendarForm(id, rerender) {
  const { data: c, etag } = id ? await api(`/api/sla/calendars/${id}`) : { data: { timezone: 'UTC', weeklyHours: { mon: [{ start: '09:00', end: '17:00' }], tue: [{ start: '09:00', end: '17:00' }], wed: [{ start: '09:00', end: '17:00' }], thu: [{ start: '09:00', end: '17:00' }], fri: [{ start: '09:00', end: '17:00' }] }, holidays: [] } };
  const name = text('name', c.name);
  const timezone = text('timezone', c.timezone);
  const hours = h('textarea', { name: 'weeklyHours', rows: 7 }, weeklyText(c.weeklyHours));
  const holidays = h('textarea', { name: 'holidays', rows: 5 }, (c.holidays || []).map((x) => [x.date, x.name].filter(Boolean).join(' ')).join('\n'));
  // the iCalendar import is its own request (POST …/holidays/import, text/calendar), for a saved calendar
  const file = h('input', { type: 'file', id: nextId('ics'), accept: '.ics,text/calendar' });
  const importStatus = h('p', { class: 'hint', role: 'status' });
  const importBox = id ? h('div', { class: 'field ics-import' },
    h('label', { for: file.id }, t('admin.icsFile')), file,
    h('button', { type: 'button', id: 'ics-import', onclick: async () => {
      const chosen = file.files?.[0];
      if (!chosen) { importStatus.textContent = t('admin.icsChoose'); return; }
      try {
        const saved = await api(`/api/sla/calendars/${id}/holidays/import`, { method: 'POST', raw: await chosen.text(), contentType: 'text/calendar' });
        // the table shows what sla-service stored; the toast (aria-live) says how many holidays it holds now
        toast(t('admin.icsImported', { n: (saved.data.holidays || []).length }));
        await rerender();
      } catch (error) {
        importStatus.textContent = t('error.generic', { detail: error.message });
      }
    } }, t('admin.icsImport')), importStatus) : h('p', { class: 'hint' }, t('admin.icsAfterSave'));
  return form({
    id: 'calendar-edit', title: id ? t('admin.editCalendar', { name: c.name }) : t('admin.newCalendar'), submit: t('admin.save'),
    fields: [
      { name: 'name', label: t('admin.name'), control: name },
      { name: 'timezone', label: t('admin.timezone'), control: timezone, hint: t('admin.timezoneHint') },
      { name: 'weeklyHours', label: t('admin.hours'), control: hours, hint: t('admin.hoursHint') },
      { name: 'holidays', label: t('admin.holidays'), control: holidays, hint: t('admin.holidaysHint') },
    ],
    extra: importBox,
    onSubmit: async () => {
      const body = { name: name.value, timezone: timezone.value, weeklyHours: parseWeeklyHours(hours.value), holidays: parseHolidays(holidays.value) };
      if (id) await api(`/api/sla/calendars/${id}`, { method: 'PUT', etag, body });
      else await post('/api/sla/calendars', body);
      rerender();
      return t('admin.saved');
    },
  });
}

// ---- notification rules ----

async function rulesTab(section, rerender) {
  const rules = await get('/api/notifications/rules');
  const items = rules.items || rules || [];
  const canEdit = hasRole('admin');
  const slot = h('div', { id: 'rule-form-slot' });
  const rows = items.map((r) => h('tr', {},
    h('td', {}, r.name), h('td', {}, label('eventKind', r.eventKind)), h('td', {}, r.enabled ? t('admin.on') : t('admin.off')),
    h('td', {}, (r.destinations || []).map((d) => [label('destination', d.type), d.channel, d.address].filter(Boolean).join(' ')).join(', ')),
    canEdit ? h('td', { class: 'row-actions' }, editButton(slot, t('admin.editWho', { name: r.name }), () => ruleForm(r.id, rerender))) : null));
  replace(section,
    h('h2', {}, t('admin.rules')),
    canEdit ? null : h('p', { class: 'hint' }, t('admin.rulesReadOnly')),
    table('rules-table', t('admin.rules'), [t('admin.name'), t('admin.eventKind'), t('admin.enabled'), t('admin.destinations'), canEdit ? t('admin.actions') : null].filter(Boolean), rows),
    slot,
    canEdit ? h('button', { type: 'button', id: 'new-rule', onclick: async () => { const el = await ruleForm(null, rerender); replace(slot, el); el.querySelector('input')?.focus(); } }, t('admin.newRule')) : null);
}

async function ruleForm(id, rerender) {
  const { data: r, etag } = id ? await api(`/api/notifications/rules/${id}`) : { data: { enabled: true, eventKind: 'sla_breach', filters: {}, destinations: [{ type: 'websocket' }] } };
  const name = text('name', r.name);
  const kind = select(options('eventKind', EVENT_KINDS), r.eventKind, { name: 'eventKind' });
  const enabled = checkbox('enabled', r.enabled);
  const priorities = checkboxes(t('field.priority'), 'priorities', options('priority', PRIORITIES), r.filters?.priorities || []);
  const channels = checkboxes(t('field.channel'), 'channels', options('channel', CHANNELS), r.filters?.channels || []);
  const tiers = checkboxes(t('admin.tiers'), 'tiers', options('tier', TIERS), r.filters?.tiers || []);
  const teams = text('teams', (r.filters?.teams || []).join(', '));
  const dest = r.destinations || [];
  const personal = checkboxes(t('admin.destinations'), 'destinations', options('destination', ['websocket', 'slack_dm', 'email']),
    dest.filter((d) => d.type !== 'slack_channel' && !(d.type === 'email' && d.address)).map((d) => d.type));
  const slackChannel = text('slackChannel', dest.find((d) => d.type === 'slack_channel')?.channel || '');
  const emailAddress = h('input', { type: 'email', name: 'emailAddress', value: dest.find((d) => d.type === 'email' && d.address)?.address || '' });
  let sent = [];
  return form({
    id: 'rule-edit', title: id ? t('admin.editRule', { name: r.name }) : t('admin.newRule'), submit: t('admin.save'),
    fields: [
      { name: 'name', label: t('admin.name'), control: name },
      { name: 'eventKind', label: t('admin.eventKind'), control: kind },
      { name: 'enabled', label: t('admin.enabled'), control: enabled },
      { name: 'filters.priorities', control: priorities }, { name: 'filters.channels', control: channels }, { name: 'filters.tiers', control: tiers },
      { name: 'filters.teams', label: t('admin.teams'), control: teams, hint: t('admin.listHint') },
      { name: 'destinations', control: personal },
      { name: 'slackChannel', label: t('admin.slackChannel'), control: slackChannel, hint: t('admin.slackChannelHint') },
      { name: 'emailAddress', label: t('admin.emailAddress'), control: emailAddress, hint: t('admin.emailAddressHint') },
    ],
    // destinations[i]: the i-th destination sent; its channel / address have their own inputs
    mapField: (field) => {
      const m = /^destinations\[(\d+)\]\.(channel|address)/.exec(field);
      if (!m) return field;
      return m[2] === 'channel' ? 'slackChannel' : 'emailAddress';
    },
    onSubmit: async () => {
      sent = personal.values().map((type) => ({ type }));
      if (slackChannel.value.trim()) sent.push({ type: 'slack_channel', channel: slackChannel.value.trim() });
      if (emailAddress.value.trim()) sent.push({ type: 'email', address: emailAddress.value.trim() });
      const body = { name: name.value, eventKind: kind.value, enabled: enabled.checked, destinations: sent,
        filters: { priorities: priorities.values(), channels: channels.values(), tiers: tiers.values(), teams: list(teams.value) } };
      if (id) await api(`/api/notifications/rules/${id}`, { method: 'PUT', etag, body });
      else await post('/api/notifications/rules', body);
      rerender();
      return t('admin.saved');
    },
  });
}

// ---- integrations ----

async function integrationsTab(section, rerender) {
  const [mailboxes, shops, gorgias, slack] = await Promise.allSettled([
    get('/api/mail/mailboxes'), get('/api/shopify/shops'), get('/api/gorgias/accounts'), get('/api/slack/workspace'),
  ]).then((results) => results.map((r) => (r.status === 'fulfilled' ? r.value : null)));
  const mailSlot = h('div', { id: 'mailbox-form-slot' });
  const mailRows = (mailboxes || []).map((m) => h('tr', {},
    h('td', {}, m.address), h('td', {}, `${m.imapHost}:${m.imapPort}`), h('td', {}, `${m.smtpHost}:${m.smtpPort}`),
    h('td', {}, m.enabled ? t('admin.on') : t('admin.off')), h('td', {}, m.lastError || ''),
    h('td', { class: 'row-actions' }, editButton(mailSlot, t('admin.editWho', { name: m.address }), async () => mailboxForm(m, rerender)))));
  const shopRows = (shops || []).map((s) => h('tr', {}, h('td', {}, s.domain), h('td', {}, s.name || ''), h('td', {}, s.kind || ''), h('td', {}, s.status || '')));
  const gorgiasRows = (gorgias || []).map((g) => h('tr', {}, h('td', {}, g.domain), h('td', {}, g.email)));
  replace(section,
    h('h2', {}, t('admin.mailboxes')),
    table('mailboxes-table', t('admin.mailboxes'), [t('admin.address'), 'IMAP', 'SMTP', t('admin.enabled'), t('admin.lastError'), t('admin.actions')], mailRows),
    mailSlot,
    h('button', { type: 'button', id: 'new-mailbox', onclick: () => { const el = mailboxForm(null, rerender); replace(mailSlot, el); el.querySelector('input')?.focus(); } }, t('admin.newMailbox')),
    h('h2', {}, t('admin.shops')),
    table('shops-table', t('admin.shops'), [t('admin.domain'), t('admin.name'), t('admin.kind'), t('admin.state')], shopRows),
    shopForm(rerender),
    h('h2', {}, t('admin.gorgias')),
    table('gorgias-table', t('admin.gorgias'), [t('admin.domain'), t('admin.email')], gorgiasRows),
    gorgiasForm(rerender),
    h('h2', {}, t('admin.slack')),
    h('p', { id: 'slack-state' }, slack?.connected ? t('admin.slackConnected', { who: slack.updatedBy || '' }) : t('admin.slackNotConnected')),
    slackForm(rerender));
}

function mailboxForm(m, rerender) {
  const address = h('input', { type: 'email', name: 'address', value: m?.address || '', readonly: m ? true : null });
  const c = {
    displayName: text('displayName', m?.displayName), imapHost: text('imapHost', m?.imapHost), imapPort: number('imapPort', m?.imapPort ?? 993),
    imapTls: checkbox('imapTls', m ? m.imapTls : true), folder: text('folder', m?.folder ?? 'INBOX'),
    smtpHost: text('smtpHost', m?.smtpHost), smtpPort: number('smtpPort', m?.smtpPort ?? 587), smtpTls: checkbox('smtpTls', m ? m.smtpTls : true),
    username: text('username', m?.username, { autocomplete: 'off' }),
    password: h('input', { type: 'password', name: 'password', autocomplete: 'new-password' }), enabled: checkbox('enabled', m ? m.enabled : true),
  };
  const f = (name, key, hint) => ({ name, label: t(`admin.mail.${name}`), control: c[key || name], hint });
  return form({
    id: 'mailbox-edit', title: m ? t('admin.editWho', { name: m.address }) : t('admin.newMailbox'), submit: t('admin.save'),
    fields: [{ name: 'address', label: t('admin.address'), control: address }, f('displayName'), f('imapHost'), f('imapPort'), f('imapTls'), f('folder'),
      f('smtpHost'), f('smtpPort'), f('smtpTls'), f('username'), f('password', null, m ? t('admin.keepSecret') : null), f('enabled')],
    onSubmit: async () => {
      if (!address.value.trim()) throw { message: t('admin.addressRequired'), problem: { errors: [{ field: 'address', message: t('admin.required') }] } };
      await put(`/api/mail/mailboxes/${encodeURIComponent(address.value.trim())}`, {
        displayName: blankToNull(c.displayName.value), imapHost: c.imapHost.value, imapPort: intOrNull(c.imapPort.value), imapTls: c.imapTls.checked,
        folder: blankToNull(c.folder.value), smtpHost: c.smtpHost.value, smtpPort: intOrNull(c.smtpPort.value), smtpTls: c.smtpTls.checked,
        username: c.username.value, password: blankToNull(c.password.value), enabled: c.enabled.checked,
      });
      rerender();
      return t('admin.saved');
    },
  });
}

/** A form whose first field is the path's key (a shop's or account's domain), the rest the JSON body. */
function keyedForm({ id, title, keyName, keyLabel, keyHint, fields, path, body, rerender }) {
  const key = text(keyName, '', { autocomplete: 'off' });
  return form({
    id, title, submit: t('admin.connect'),
    fields: [{ name: keyName, label: keyLabel, control: key, hint: keyHint }, ...fields],
    onSubmit: async () => {
      if (!key.value.trim()) throw { message: t('admin.required'), problem: { errors: [{ field: keyName, message: t('admin.required') }] } };
      await put(path(encodeURIComponent(key.value.trim())), body());
      rerender();
      return t('admin.saved');
    },
  });
}

function secret(name) {
  return h('input', { type: 'password', name, autocomplete: 'off' });
}

function shopForm(rerender) {
  const accessToken = secret('accessToken');
  const apiSecret = secret('apiSecret');
  return keyedForm({ id: 'shop-connect', title: t('admin.connectShop'), keyName: 'domain', keyLabel: t('admin.domain'), keyHint: t('admin.shopHint'),
    fields: [{ name: 'accessToken', label: t('admin.accessToken'), control: accessToken }, { name: 'apiSecret', label: t('admin.apiSecret'), control: apiSecret }],
    path: (d) => `/api/shopify/shops/${d}`, body: () => ({ accessToken: accessToken.value, apiSecret: apiSecret.value }), rerender });
}

function gorgiasForm(rerender) {
  const email = h('input', { type: 'email', name: 'email', autocomplete: 'off' });
  const apiKey = secret('apiKey');
  const webhookSecret = secret('webhookSecret');
  return keyedForm({ id: 'gorgias-connect', title: t('admin.connectGorgias'), keyName: 'domain', keyLabel: t('admin.domain'), keyHint: t('admin.gorgiasHint'),
    fields: [{ name: 'email', label: t('admin.email'), control: email }, { name: 'apiKey', label: t('admin.apiKey'), control: apiKey },
      { name: 'webhookSecret', label: t('admin.webhookSecret'), control: webhookSecret, hint: t('admin.webhookSecretHint') }],
    path: (d) => `/api/gorgias/accounts/${d}`, body: () => ({ email: email.value, apiKey: apiKey.value, webhookSecret: webhookSecret.value }), rerender });
}

function slackForm(rerender) {
  const botToken = secret('botToken');
  const webhookUrl = h('input', { type: 'url', name: 'webhookUrl', autocomplete: 'off' });
  const signingSecret = secret('signingSecret');
  return form({
    id: 'slack-connect', title: t('admin.connectSlack'), submit: t('admin.connect'),
    fields: [{ name: 'botToken', label: t('admin.botToken'), control: botToken, hint: t('admin.keepSecret') },
      { name: 'webhookUrl', label: t('admin.webhookUrl'), control: webhookUrl, hint: t('admin.keepSecret') },
      { name: 'signingSecret', label: t('admin.signingSecret'), control: signingSecret, hint: t('admin.keepSecret') }],
    onSubmit: async () => {
      // a field left empty keeps its stored value (the API's rule for a field left out)
      const body = {};
      for (const [k, el] of [['botToken', botToken], ['webhookUrl', webhookUrl], ['signingSecret', signingSecret]]) if (el.value) body[k] = el.value;
      await put('/api/slack/workspace', body);
      rerender();
      return t('admin.saved');
    },
  });
}

// ---- the page ----

// ---- audit trail (admin) ----

/** One change, "field: before → after"; secrets arrive masked ("***") from the services. */
function changeText(changes) {
  return Object.entries(changes || {}).map(([field, c]) =>
    `${field}: ${JSON.stringify(c.before ?? null)} → ${JSON.stringify(c.after ?? null)}`).join('; ');
}

async function auditTab(section) {
  const filters = h('form', { id: 'audit-filters', class: 'filters', onsubmit: (e) => { e.preventDefault(); load(null, true).catch((error) => toast(t('error.generic', { detail: error.message }), { kind: 'error' })); } },
    h('label', {}, t('audit.actor'), ' ', text('actor', '', { id: 'audit-actor' })),
    h('label', {}, t('audit.action'), ' ', text('action', '', { id: 'audit-action' })),
    h('label', {}, t('audit.resourceType'), ' ', text('resourceType', '', { id: 'audit-resource-type' })),
    h('button', { type: 'submit' }, t('audit.filter')));
  const body = h('tbody', {});
  const more = h('button', { type: 'button', id: 'audit-more', hidden: true }, t('audit.more'));
  const partial = h('p', { class: 'hint', id: 'audit-partial', role: 'status' });
  let cursor = null;
  async function load(after, fresh) {
    const query = { limit: 50 };
    for (const name of ['actor', 'action', 'resourceType']) {
      const value = filters.elements[name].value.trim();
      if (value) query[name] = value;
    }
    if (after) query.cursor = after;
    const page = await get('/api/audit', query);
    if (fresh) replace(body);
    for (const r of page.items || []) {
      body.append(h('tr', { dataset: { auditId: r.id } },
        h('td', {}, h('time', { datetime: r.occurredAt }, formatTime(r.occurredAt))),
        h('td', {}, r.actor?.name || r.actor?.subject || 'system'),
        h('td', {}, r.service), h('td', {}, r.action),
        h('td', {}, [r.resourceType, r.resourceId].filter(Boolean).join(' ')),
        h('td', { class: 'changes' }, changeText(r.changes)),
        h('td', {}, r.clientIp || ''), h('td', {}, r.requestId || '')));
    }
    cursor = page.nextCursor || null;
    more.hidden = !cursor;
    partial.textContent = (page.partial || []).length ? t('audit.partial', { services: page.partial.join(', ') }) : '';
  }
  more.onclick = () => load(cursor, false).catch((error) => toast(t('error.generic', { detail: error.message }), { kind: 'error' }));
  const columns = [t('audit.when'), t('audit.who'), t('audit.service'), t('audit.action'), t('audit.resource'),
    t('audit.changes'), t('audit.ip'), t('audit.requestId')];
  replace(section,
    h('h2', {}, t('admin.tab.audit')),
    filters, partial,
    h('table', { class: 'board', id: 'audit-table' },
      h('caption', { class: 'visually-hidden' }, t('admin.tab.audit')),
      h('thead', {}, h('tr', {}, columns.map((c) => h('th', { scope: 'col' }, c)))),
      body),
    more);
  await load(null, true);
}

const RENDER = { agents: agentsTab, sla: slaTab, rules: rulesTab, integrations: integrationsTab, audit: auditTab };

export function adminTabs() {
  return hasRole('admin') ? TABS : ['agents', 'rules'];
}

export async function renderAdmin(main, tab = 'agents') {
  if (!hasRole('supervisor')) return refused(main);
  const tabs = adminTabs();
  if (!tabs.includes(tab)) tab = tabs[0];
  document.title = `${t(`admin.tab.${tab}`)} · ${t('admin.title')} · ${t('app.name')}`;
  const section = h('section', { id: `admin-${tab}`, 'aria-label': t(`admin.tab.${tab}`) });
  replace(main,
    h('h1', {}, t('admin.title')),
    h('nav', { class: 'tabs', 'aria-label': t('admin.sections') }, h('ul', {},
      tabs.map((name) => h('li', {}, h('a', { href: `#/admin/${name}`, id: `admin-tab-${name}`, 'aria-current': name === tab ? 'page' : null }, t(`admin.tab.${name}`)))))),
    section);
  // after a save the tab is drawn again from the API, so what shows is what was stored
  const rerender = async () => {
    try { await RENDER[tab](section, rerender); } catch (error) {
      replace(section, h('p', { role: 'alert' }, t('error.generic', { detail: error.message })));
    }
  };
  await rerender();
  return null;
}
