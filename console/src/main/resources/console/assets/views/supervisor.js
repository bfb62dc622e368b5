// Supervisor: team board (who is online, load vs capacity), ticket volume now and over a chosen range (analytics-service,
// a line chart per day), the leaderboard (analytics-service), SLA compliance over the range (sla-service dashboard), the
// latest breaches.
import { h, replace, field } from '../dom.js';
import { t, label, formatTime, formatNumber, formatDuration, getTimeZone } from '../i18n.js';
import { get } from '../api.js';
import { hasRole } from '../auth.js';
import { barChart, lineChart } from './charts.js';

const BOARD_METRICS = ['tickets_solved', 'tickets_per_day', 'messages_sent', 'first_reply_time', 'next_reply_time',
  'resolution_time', 'one_touch_rate', 'reopen_rate', 'occupancy'];

/** Times come in seconds, rates as fractions (occupancy may pass 1), counts as numbers. */
export function boardValue(metric, value) {
  if (value === null || value === undefined) return '–';
  if (metric.endsWith('_time')) return formatDuration(value * 1000);
  if (metric.endsWith('_rate') || metric === 'occupancy') return formatNumber(value, { style: 'percent', maximumFractionDigits: 1 });
  return formatNumber(value, { maximumFractionDigits: 1 });
}

function refused(main) {
  document.title = `${t('refused.title')} · ${t('app.name')}`;
  replace(main, h('h1', {}, t('refused.title')), h('p', { role: 'alert', id: 'refused' }, t('refused.text')));
  return null;
}

function isoDate(date) {
  return date.toISOString().slice(0, 10);
}

export async function renderSupervisor(main, query) {
  if (!hasRole('supervisor')) return refused(main);
  document.title = `${t('supervisor.title')} · ${t('app.name')}`;
  const to = query.get('to') || isoDate(new Date());
  const from = query.get('from') || isoDate(new Date(Date.now() - 29 * 86400_000));
  // days are the agent's days (their time zone), as every time the console shows
  const zone = getTimeZone();
  const metric = BOARD_METRICS.includes(query.get('metric')) ? query.get('metric') : 'tickets_solved';
  const [summary, dashboard, agents, breaches, volumeSeries, leaderboard] = await Promise.allSettled([
    get('/api/analytics/tickets/summary'),
    get('/api/sla/dashboard', { from, to }),
    get('/api/agents', { limit: 200 }),
    get('/api/sla/breaches', { limit: 10 }),
    get('/api/analytics/tickets/volume', { from, to, zone, interval: 'day' }),
    // every agent with at least one sample is ranked: a small team would otherwise see an empty board
    get('/api/analytics/leaderboard', { from, to, metric, minVolume: 1 }),
  ]).then((results) => results.map((r) => (r.status === 'fulfilled' ? r.value : null)));

  const fromInput = h('input', { type: 'date', name: 'from', value: from });
  const toInput = h('input', { type: 'date', name: 'to', value: to });
  const range = h('form', { class: 'range', 'aria-label': t('supervisor.range') },
    field(t('supervisor.from'), fromInput), field(t('supervisor.to'), toInput), h('button', { type: 'submit' }, t('supervisor.apply')));
  const metricSelect = h('select', { name: 'metric' }, BOARD_METRICS.map((m) => h('option', { value: m, selected: m === metric }, label('board', m))));
  range.insertBefore(field(t('supervisor.metric'), metricSelect), range.lastChild);
  range.addEventListener('submit', (e) => {
    e.preventDefault();
    location.hash = `#/supervisor?${new URLSearchParams({ from: fromInput.value, to: toInput.value, metric: metricSelect.value })}`;
  });

  const team = (agents?.items || []);
  const loads = new Map();
  // load vs capacity for the first agents (one queue call each)
  await Promise.allSettled(team.slice(0, 10).map(async (a) => {
    const queue = await get(`/api/agents/${a.id}/queue`);
    loads.set(a.id, queue.openCount);
  }));
  const board = h('table', { class: 'board', id: 'team-board' },
    h('caption', { class: 'visually-hidden' }, t('supervisor.team')),
    h('thead', {}, h('tr', {}, [t('supervisor.agent'), t('supervisor.status'), t('supervisor.load')].map((c) => h('th', { scope: 'col' }, c)))),
    h('tbody', {}, team.map((a) => h('tr', {},
      h('td', {}, [a.firstName, a.lastName].filter(Boolean).join(' ') || a.username),
      h('td', {}, h('span', { class: `presence presence-${a.status}` }, label('presence', a.status))),
      h('td', {}, loads.has(a.id) ? t('supervisor.loadOf', { open: loads.get(a.id), capacity: a.maxConcurrentTickets }) : `– / ${a.maxConcurrentTickets}`)))));

  const volume = summary ? [
    barChart('chart-status', t('supervisor.byStatus', { total: summary.total }), Object.entries(summary.byStatus || {}).map(([k, v]) => [label('status', k), v, k])),
    barChart('chart-channel', t('supervisor.byChannel'), Object.entries(summary.byChannel || {}).map(([k, v]) => [label('channel', k), v, k])),
    barChart('chart-priority', t('supervisor.byPriority'), Object.entries(summary.byPriority || {}).map(([k, v]) => [label('priority', k), v, k])),
  ] : h('p', {}, t('supervisor.noSummary'));

  const finished = (dashboard?.metrics || []).filter((row) => row.compliancePercent !== null && row.compliancePercent !== undefined);
  const compliance = dashboard && !finished.length ? h('p', { id: 'chart-sla' }, t('supervisor.noClocks')) : dashboard ? barChart('chart-sla', t('supervisor.compliance', { from, to }),
    finished.map((row) => [label('metric', row.metric), row.compliancePercent, row.metric]), { max: 100, suffix: ' %' })
    : h('p', {}, t('supervisor.noDashboard'));

  const trend = volumeSeries ? lineChart('chart-volume', t('supervisor.volumeOver', { from, to }), volumeSeries.items || [], [
    { key: 'created', name: t('supervisor.created'), cls: 's1' }, { key: 'resolved', name: t('supervisor.resolved'), cls: 's2' },
  ]) : h('p', {}, t('supervisor.noVolume'));
  if (volumeSeries) trend.dataset.zone = zone;

  const boardRows = leaderboard ? [...(leaderboard.ranked || []), ...(leaderboard.unranked || [])] : [];
  const ranking = !leaderboard ? h('p', {}, t('supervisor.noLeaderboard')) : !boardRows.length ? h('p', { id: 'leaderboard' }, t('supervisor.emptyLeaderboard'))
    : h('table', { class: 'board', id: 'leaderboard' },
      h('caption', {}, t('supervisor.leaderboardOf', { metric: label('board', leaderboard.metric), direction: t(`supervisor.direction.${String(leaderboard.direction).startsWith('higher') ? 'desc' : 'asc'}`) })),
      h('thead', {}, h('tr', {}, [t('supervisor.rank'), t('supervisor.agent'), t('admin.team'), label('board', leaderboard.metric), t('supervisor.samples')].map((c) => h('th', { scope: 'col' }, c)))),
      h('tbody', {}, boardRows.map((e) => h('tr', { dataset: { agentId: e.agentId } },
        h('td', {}, e.rank ? `${e.rank}${e.tied ? ' =' : ''}` : t('supervisor.unranked')), h('th', { scope: 'row' }, e.name || e.agentId),
        h('td', {}, e.team || ''), h('td', { class: 'value' }, boardValue(leaderboard.metric, e.value)), h('td', {}, formatNumber(e.volume))))));

  const breachList = h('ul', { class: 'breaches', id: 'breaches' }, (breaches?.items || []).map((c) => h('li', {},
    h('a', { href: `#/tickets/${c.ticketId}` }, label('metric', c.metric)), ' · ', label('priority', c.priority), ' · ',
    h('time', { datetime: c.breachedAt || c.deadline }, formatTime(c.breachedAt || c.deadline)))));

  replace(main,
    h('h1', {}, t('supervisor.title')),
    h('section', { 'aria-labelledby': 'team-title' }, h('h2', { id: 'team-title' }, t('supervisor.team')), board),
    h('section', { 'aria-labelledby': 'volume-title', class: 'charts' }, h('h2', { id: 'volume-title' }, t('supervisor.volume')), volume),
    h('section', { 'aria-labelledby': 'range-title', class: 'charts' }, h('h2', { id: 'range-title' }, t('supervisor.overRange')), range, trend),
    h('section', { 'aria-labelledby': 'leaderboard-title' }, h('h2', { id: 'leaderboard-title' }, t('supervisor.leaderboard')), ranking),
    h('section', { 'aria-labelledby': 'sla-title', class: 'charts' }, h('h2', { id: 'sla-title' }, t('supervisor.sla')), compliance,
      dashboard ? h('p', { id: 'sla-counts' }, t('supervisor.slaCounts', { atRisk: dashboard.atRisk, breached: dashboard.breached })) : null),
    h('section', { 'aria-labelledby': 'breaches-title' }, h('h2', { id: 'breaches-title' }, t('supervisor.breaches')),
      (breaches?.items || []).length ? breachList : h('p', {}, t('supervisor.noBreaches'))));
  return null;
}

export { refused };
