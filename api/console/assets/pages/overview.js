// Overview: task counts and failure rate, throughput measured between two
// refreshes, queue depth per service, live workers, dead letters and open
// incidents, refreshed on every task or incident event (or polled).
import {api} from '../api.js';
import {h, show, table} from '../dom.js';
import {watch} from '../live.js';
import {can} from '../session.js';

const FINISHED = ['succeeded', 'failed', 'dead', 'cancelled'];

export async function render(root) {
  let previous = null;  // {finished, at}: for tasks per second
  const refresh = async () => {
    const [stats, services, workers, incidents] = await Promise.all([
      api('/api/v1/tasks/stats'),
      can('services:read') ? api('/api/v1/services') : null,
      can('workers:read') ? api('/api/v1/workers') : null,
      can('incidents:read') ? api('/api/v1/incidents/', {query: {page_size: 100, ordering: 'severity'}}) : null,
    ]);
    const byStatus = stats.by_status ?? {};
    const finished = FINISHED.reduce((sum, status) => sum + (byStatus[status] ?? 0), 0);
    const failed = (byStatus.failed ?? 0) + (byStatus.dead ?? 0);
    const now = performance.now();
    const rate = previous && now > previous.at ? ((finished - previous.finished) * 1000) / (now - previous.at) : null;
    previous = {finished, at: now};
    const open = incidents ? incidents.results.filter((i) => String(i.status).toUpperCase() !== 'RESOLVED') : null;
    show(root,
      h('h1', {}, 'Overview'),
      h('div', {class: 'cards'},
        card('Tasks', stats.total ?? finished, 'overview-total'),
        card('Tasks/s (now)', rate === null ? '…' : rate.toFixed(1), 'overview-rate'),
        card('Failure rate', finished ? `${((failed * 100) / finished).toFixed(1)} %` : '—', 'overview-failure-rate'),
        card('Dead letters', byStatus.dead ?? 0, 'overview-dead'),
        workers ? card('Live workers', workers.workers.length, 'overview-workers') : null,
        open ? card('Open incidents', open.length, 'overview-incidents') : null),
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
