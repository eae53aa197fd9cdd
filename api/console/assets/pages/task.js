// One task: its state, its attempts as a timeline (queued, started, each error
// with the wait before the next attempt, the final state), payload, result and
// callback delivery, with Cancel (tasks:cancel, while it can still be cancelled)
// and Replay (dead_letters:replay, when it is dead).
import {ApiError, api} from '../api.js';
import {actionButton, badge, h, json, notify, show, when} from '../dom.js';
import {watch} from '../live.js';
import {can} from '../session.js';

const CANCELLABLE = ['scheduled', 'queued', 'retrying'];
const FINAL = ['succeeded', 'failed', 'dead', 'cancelled'];

export async function render(root, [id]) {
  const refresh = async () => {
    let task;
    try {
      task = await api(`/api/v1/tasks/${id}`);
    } catch (error) {
      // A task submitted a moment ago reaches the ledger within a second or so.
      if (!(error instanceof ApiError && error.status === 404)) throw error;
      show(root, h('h1', {}, 'Task ', h('code', {}, id)),
        h('p', {class: 'muted', 'data-testid': 'task-unknown'}, 'Not in the ledger (yet): a task submitted just now appears here within seconds.'));
      return null;
    }
    show(root,
      h('h1', {}, 'Task ', h('code', {}, task.id)),
      h('p', {}, badge(task.status), ` ${task.service}.${task.action} · attempt ${task.attempts} of ${task.max_attempts}`,
        task.submitted_by ? ` · by ${task.submitted_by}` : ''),
      h('div', {class: 'actions'},
        can('tasks:cancel') && CANCELLABLE.includes(task.status)
          ? actionButton('Cancel', async () => {
            await api(`/api/v1/tasks/${id}/cancel`, {method: 'POST'});
            notify('Cancellation requested');
            await refresh();
          }, {'data-testid': 'cancel-task', class: 'danger'})
          : null,
        can('dead_letters:replay') && task.status === 'dead'
          ? actionButton('Replay', async () => {
            await api(`/api/v1/dead-letters/${id}/replay`, {method: 'POST'});
            notify('Replay published');
            await refresh();
          }, {'data-testid': 'replay-task'})
          : null),
      h('h2', {}, 'Timeline'),
      h('ol', {class: 'timeline', 'data-testid': 'timeline'}, timeline(task).map(([at, label, detail, kind]) =>
        h('li', {class: kind ?? ''}, h('time', {}, when(at)), ' ', h('strong', {}, label), detail ? h('div', {class: 'detail'}, detail) : null))),
      h('div', {class: 'columns'},
        h('section', {}, h('h2', {}, 'Payload'), json(task.payload)),
        h('section', {}, h('h2', {}, 'Result'), json(task.result)),
        task.error ? h('section', {}, h('h2', {}, 'Error'), json(task.error)) : null,
        task.callback_url ? h('section', {}, h('h2', {}, 'Callback'), h('p', {}, task.callback_url), json(task.callback)) : null));
    return task;
  };
  const task = await refresh();
  if (task && FINAL.includes(task.status) && task.status !== 'dead') return null;  // nothing more will happen
  return watch({types: ['task.*'], refresh, pollMs: 2000});
}

// [[time, label, detail, class]] in time order: submitted, each attempt's start,
// each failed attempt with the wait its retry was given, the last attempt's
// start, the final state. Errors recorded before the ledger kept an attempt's
// start and retry delay (migrations/0035) show the time to the next failure.
export function timeline(task) {
  const delayed = task.run_at && Date.parse(task.run_at) > Date.parse(task.submitted_at) + 1000;
  const entries = [[task.submitted_at, delayed ? `scheduled for ${when(task.run_at)}` : 'queued']];
  const errors = task.errors ?? [];
  errors.forEach((error, i) => {
    if (error.started_at) entries.push([error.started_at, `attempt ${error.attempt} started`]);
    const next = errors[i + 1]?.at;
    let wait = '';
    if (error.retry_delay_ms !== undefined) wait = ` · retry after ${seconds(error.retry_delay_ms)}`;
    else if (next) wait = ` · next failure ${seconds(Date.parse(next) - Date.parse(error.at))} later`;
    const retry = error.retry_delay_ms !== undefined ||
      (error.attempt < task.max_attempts && (next || !FINAL.includes(task.status)));
    entries.push([error.at, `attempt ${error.attempt} failed${retry ? ', retrying' : ''}`,
      `${error.type ? `${error.type}: ` : ''}${error.message ?? JSON.stringify(error)}${wait}`, 'error']);
  });
  // The ledger's started_at is the latest attempt's start; already on the
  // timeline when that attempt failed with its start kept.
  const last = errors[errors.length - 1];
  const shown = last && last.attempt === task.attempts && last.started_at;
  if (task.started_at && !shown) entries.push([task.started_at, `attempt ${task.attempts} started`]);
  if (task.finished_at) entries.push([task.finished_at, task.status, null, `final ${task.status}`]);
  else entries.push([null, `now ${task.status}`, null, 'pending']);
  return entries.sort((a, b) => (a[0] ? Date.parse(a[0]) : Infinity) - (b[0] ? Date.parse(b[0]) : Infinity));
}

function seconds(ms) {
  return ms >= 1000 ? `${(ms / 1000).toFixed(1)} s` : `${ms} ms`;
}
