// Overview: tasks per second and failure rate over the last hour (from
// /api/v1/tasks/throughput, kept per minute by the ledger) with the hour's
// minutes as bars, the rate right now (between two refreshes), queue depth per
// service, live workers, dead letters and open incidents, refreshed on every task
// or incident event (or polled).
import {api} from '../api.js';
import {h, show, table} from '../dom.js';
import {watch} from '../live.js';
import {can} from '../session.js';

const FINISHED = ['succeeded', 'failed', 'dead', 'cancelled'];
const SVG = 'http://www.w3.org/2000/svg';

export async function render(root) {
  let previous = null;  // {finished, at}: for tasks per second
  const refresh = async () => {
    const [stats, hour, services, workers, incidents] = await Promise.all([
      api('/api/v1/tasks/stats'),
      api('/api/v1/tasks/throughput', {query: {minutes: 60}}),
      can('services:read') ? api('/api/v1/services') : null,
      can('workers:read') ? api('/api/v1/workers') : null,
      can('incidents:read') ? api('/api/v1/incidents/', {query: {page_size: 100, ordering: 'severity'}}) : null,
    ]);
    const byStatus = stats.by_status ?? {};
    const finished = FINISHED.reduce((sum, status) => sum + (byStatus[status] ?? 0), 0);
    const now = performance.now();
    const rate = previous && now > previous.at ? ((finished - previous.finished) * 1000) / (now - previous.at) : null;
    previous = {finished, at: now};
    const open = incidents ? incidents.results.filter((i) => String(i.status).toUpperCase() !== 'RESOLVED') : null;
    show(root,
      h('h1', {}, 'Overview'),
      h('div', {class: 'cards'},
        card('Tasks', stats.total ?? finished, 'overview-total'),
        card('Tasks/s (last hour)', perSecond(hour.tasks_per_second), 'overview-hour-rate'),
        card('Failure rate (last hour)', hour.failure_rate === null ? '—' : `${(hour.failure_rate * 100).toFixed(1)} %`, 'overview-failure-rate'),
        card('Tasks/s (now)', rate === null ? '…' : rate.toFixed(1), 'overview-rate'),
        card('Dead letters', byStatus.dead ?? 0, 'overview-dead'),
        workers ? card('Live workers', workers.workers.length, 'overview-workers') : null,
        open ? card('Open incidents', open.length, 'overview-incidents') : null),
      h('h2', {}, 'Last hour, per minute'),
      minuteBars(hour.series),
      h('h2', {}, 'By status'),
      table([['Status', ([s]) => s], ['Tasks', ([, n]) => n]], Object.entries(byStatus), {'data-testid': 'overview-by-status'}),
      services ? [h('h2', {}, 'Queues'), table([
        ['Service', (s) => s.name], ['Queue', (s) => s.queue], ['Depth', (s) => s.messages ?? '?'],
        ['Consumers', (s) => s.consumers ?? '?']], services.services)] : null);
  };
  await refresh();
  return watch({types: ['task.*', 'incident.*'], refresh, pollMs: 3000});
}

function card(label, value, testid) {
  return h('div', {class: 'card'}, h('div', {class: 'value', 'data-testid': testid}, value), h('div', {class: 'label'}, label));
}

// Two significant digits below one task a second: a quiet hour is not 0.00.
function perSecond(rate) {
  return rate === 0 || rate >= 1 ? rate.toFixed(1) : rate.toPrecision(2);
}

// The hour's minutes as bars: tasks that ended, the failed and dead part in red.
// SVG attributes, not inline styles, which the Content-Security-Policy forbids.
function minuteBars(series) {
  const ended = (m) => FINISHED.reduce((sum, status) => sum + m[status], 0);
  const highest = Math.max(1, ...series.map(ended));
  const svg = document.createElementNS(SVG, 'svg');
  svg.setAttribute('viewBox', `0 0 ${series.length * 10} 100`);
  svg.setAttribute('preserveAspectRatio', 'none');
  svg.setAttribute('class', 'minute-bars');
  svg.setAttribute('data-testid', 'overview-minutes');
  series.forEach((minute, i) => {
    const all = (ended(minute) * 100) / highest;
    const bad = ((minute.failed + minute.dead) * 100) / highest;
    for (const [height, kind] of [[all, 'ended'], [bad, 'failed']]) {
      if (height === 0) continue;
      const bar = document.createElementNS(SVG, 'rect');
      for (const [name, value] of Object.entries({x: i * 10 + 1, y: 100 - height, width: 8, height, class: kind})) {
        bar.setAttribute(name, String(value));
      }
      const title = document.createElementNS(SVG, 'title');
      title.textContent = `${new Date(minute.minute).toLocaleTimeString()}: ${ended(minute)} ended, ${minute.failed + minute.dead} failed`;
      bar.append(title);
      svg.append(bar);
    }
  });
  return svg;
}
