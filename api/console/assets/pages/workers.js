// Live workers (a heartbeat within 15 s): host, pid, services, in flight, processed.
import {api} from '../api.js';
import {h, show, table, when} from '../dom.js';
import {watch} from '../live.js';

export async function render(root) {
  const refresh = async () => {
    const {workers} = await api('/api/v1/workers');
    show(root, h('h1', {}, 'Workers'), table([
      ['Worker', (w) => w.id], ['Host', (w) => w.host], ['Pid', (w) => w.pid], ['Services', (w) => (w.services ?? []).join(', ')],
      ['In flight', (w) => w.in_flight], ['Processed', (w) => w.processed], ['Started', (w) => when(w.started_at)],
      ['Last heartbeat', (w) => when(w.last_seen)],
    ], workers, {'data-testid': 'workers'}));
  };
  await refresh();
  // Heartbeats are not events: polled.
  return watch({types: ['task.*'], refresh, pollMs: 5000});
}
