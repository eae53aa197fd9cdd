// Dead letters: the dead tasks (GET /api/v1/dead-letters, filtered by service and
// action, paged through its cursor, newest first), each with Replay; Replay all
// replays the filtered set (up to 500 of one service per call,
// POST /api/v1/dead-letters/replay).
import {api} from '../api.js';
import {actionButton, h, notify, show, table, when} from '../dom.js';
import {watch} from '../live.js';
import {can} from '../session.js';

export async function render(root) {
  const service = h('input', {name: 'service', placeholder: 'any'});
  const action = h('input', {name: 'action', placeholder: 'any'});
  const results = h('div', {'data-testid': 'dead-letters'});
  const replayAll = can('dead_letters:replay')
    ? actionButton('Replay all of this service', async () => {
      if (!service.value) throw new Error('Name the service whose dead tasks to replay.');
      const answer = await api('/api/v1/dead-letters/replay', {method: 'POST', query: {service: service.value, action: action.value}});
      notify(`${answer.replayed} replayed${answer.refused ? `, ${answer.refused} refused` : ''}${answer.has_more ? ', more remain' : ''}`);
      await refresh();
    }, {'data-testid': 'replay-all'})
    : null;
  let cursors = [null];  // cursor of each page seen; the last is the current page
  const refresh = async () => {
    const page = await api('/api/v1/dead-letters',
      {query: {service: service.value, action: action.value, limit: 100, cursor: cursors[cursors.length - 1] ?? ''}});
    show(results, table([
      ['Task', (t) => h('a', {href: `#/tasks/${t.id}`}, t.id)],
      ['Service', (t) => t.service], ['Action', (t) => t.action], ['Attempts', (t) => t.attempts],
      ['Last error', (t) => t.error?.message ?? ''], ['Finished', (t) => when(t.finished_at)],
      ...(can('dead_letters:replay') ? [['', (t) => actionButton('Replay', async () => {
        await api(`/api/v1/dead-letters/${t.id}/replay`, {method: 'POST'});
        notify(`Task ${t.id} replayed`);
        await refresh();
      }, {'data-testid': `replay-${t.id}`})]] : []),
    ], page.items),
    h('div', {class: 'pager'},
      cursors.length > 1 ? h('button', {onclick: () => { cursors.pop(); refresh(); }}, '← Newer') : null,
      page.has_more ? h('button', {'data-testid': 'dead-letters-next', onclick: () => { cursors.push(page.next_cursor); refresh(); }}, 'Older →') : null));
  };
  const form = h('form', {class: 'filters', onsubmit: (event) => { event.preventDefault(); cursors = [null]; refresh(); }},
    h('label', {}, 'Service', service), h('label', {}, 'Action', action),
    h('button', {type: 'submit'}, 'Filter'), replayAll);
  show(root, h('h1', {}, 'Dead letters'), form, results);
  await refresh();
  // Live: only the first page moves (new dead tasks arrive on top).
  return watch({types: ['task.dead', 'task.queued', 'task.started'], refresh: () => cursors.length === 1 && refresh(), pollMs: 5000});
}
