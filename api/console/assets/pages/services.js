// Services and their queues: type, prefetch, depth and consumers, with their actions.
import {api} from '../api.js';
import {h, show, table} from '../dom.js';
import {watch} from '../live.js';

export async function render(root) {
  const refresh = async () => {
    const {services} = await api('/api/v1/services');
    show(root, h('h1', {}, 'Services and queues'), table([
      ['Service', (s) => s.name], ['Description', (s) => s.description ?? ''], ['Queue', (s) => `${s.queue} (${s.queue_type})`],
      ['Prefetch', (s) => s.prefetch], ['Depth', (s) => s.messages ?? '?'], ['Consumers', (s) => s.consumers ?? '?'],
      ['Actions', (s) => s.actions.map((a) => `${a.name} (${a.max_attempts}×, ${a.timeout_ms} ms)`).join(', ')],
    ], services, {'data-testid': 'services'}));
  };
  await refresh();
  return watch({types: ['task.*'], refresh, pollMs: 5000});
}
