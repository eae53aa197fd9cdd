// Scheduled tasks (GET /system/tasks) with Pause, Resume and Run now (schedules:write).
import {api} from '../api.js';
import {actionButton, badge, h, notify, show, table, when} from '../dom.js';
import {watch} from '../live.js';
import {can} from '../session.js';

export async function render(root) {
  const refresh = async () => {
    const page = await api('/system/tasks', {query: {limit: 100}});
    const act = (schedule, verb, label) => actionButton(label, async () => {
      await api(`/system/tasks/${encodeURIComponent(schedule.id)}/${verb}`, {method: 'POST'});
      notify(`${schedule.id}: ${label.toLowerCase()} done`);
      await refresh();
    }, {'data-testid': `${verb}-${schedule.id}`});
    show(root, h('h1', {}, 'Scheduled tasks'), table([
      ['Id', (s) => s.id], ['Name', (s) => s.name], ['When', (s) => s.schedule ?? (s.interval ? `every ${s.interval.seconds} s` : `once, ${when(s.run_at)}`)],
      ['Task', (s) => `${s.service}.${s.action}`], ['State', (s) => badge(s.enabled ? s.status : 'paused')],
      ['Last run', (s) => when(s.last_run)], ['Next run', (s) => when(s.next_run)],
      ['Runs', (s) => `${s.success_count} ok, ${s.failure_count} failed`],
      ...(can('schedules:write') ? [['', (s) => [
        s.enabled ? act(s, 'pause', 'Pause') : act(s, 'resume', 'Resume'), ' ', act(s, 'run', 'Run now')]]] : []),
    ], page.items, {'data-testid': 'schedules'}));
  };
  await refresh();
  return watch({types: ['task.*'], refresh, pollMs: 5000});
}
