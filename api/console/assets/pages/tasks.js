// Tasks: search by service, action, status, idempotency key and submission time
// range, paged through
// the cursor API (GET /api/v1/tasks, newest first); a task id opens its page.
// The search lives in the hash (#/tasks?service=…) only while on the page: the
// form is the source of truth, the list refreshes live.
import {api} from '../api.js';
import {badge, h, show, table, when} from '../dom.js';
import {watch} from '../live.js';
import {can, isAdmin} from '../session.js';

const STATUSES = ['', 'scheduled', 'queued', 'running', 'retrying', 'succeeded', 'failed', 'dead', 'cancelled'];
const UUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;

export async function render(root) {
  const services = can('services:read') ? (await api('/api/v1/services')).services.map((s) => s.name) : [];
  const field = (name, element) => h('label', {}, name, element);
  const id = h('input', {name: 'id', placeholder: 'task id (UUID)', size: 38});
  const service = services.length
    ? h('select', {name: 'service'}, ['', ...services].map((s) => h('option', {value: s}, s || 'any')))
    : h('input', {name: 'service', placeholder: 'any'});
  const action = h('input', {name: 'action', placeholder: 'any'});
  const status = h('select', {name: 'status'}, STATUSES.map((s) => h('option', {value: s}, s || 'any')));
  const since = h('input', {name: 'since', type: 'datetime-local'});
  const until = h('input', {name: 'until', type: 'datetime-local'});
  const key = h('input', {name: 'idempotency_key', placeholder: 'idempotency key', size: 20});
  // An admin's key search names whose key it is (a key is one submitter's).
  const submitter = isAdmin() ? h('input', {name: 'submitted_by', placeholder: 'submitter'}) : null;
  const results = h('div', {'data-testid': 'task-results'});
  let cursors = [null];  // cursor of each page seen; the last is the current page

  const query = () => ({
    service: service.value, action: action.value, status: status.value,
    since: since.value ? new Date(since.value).toISOString() : '',
    until: until.value ? new Date(until.value).toISOString() : '',
    idempotency_key: key.value.trim(),
    submitted_by: key.value.trim() && submitter ? submitter.value.trim() : '',
    limit: 25,
    cursor: cursors[cursors.length - 1] ?? '',
  });
  const refresh = async () => {
    const page = await api('/api/v1/tasks', {query: query()});
    show(results,
      table([
        ['Task', (t) => h('a', {href: `#/tasks/${t.id}`, 'data-testid': 'task-link'}, t.id)],
        ['Service', (t) => t.service], ['Action', (t) => t.action], ['Status', (t) => badge(t.status)],
        ['Attempts', (t) => `${t.attempts}/${t.max_attempts}`], ['Submitted', (t) => when(t.submitted_at)],
      ], page.items),
      h('div', {class: 'pager'},
        cursors.length > 1 ? h('button', {onclick: () => { cursors.pop(); refresh(); }}, '← Newer') : null,
        page.has_more ? h('button', {'data-testid': 'next-page', onclick: () => { cursors.push(page.next_cursor); refresh(); }}, 'Older →') : null));
  };
  const form = h('form', {class: 'filters', 'data-testid': 'task-search', onsubmit: async (event) => {
    event.preventDefault();
    const wanted = id.value.trim();
    if (wanted) {
      if (!UUID.test(wanted)) return show(results, h('p', {class: 'notice error', role: 'alert'}, 'A task id is a UUID.'));
      location.hash = `#/tasks/${wanted}`;
      return;
    }
    cursors = [null];
    await refresh().catch((e) => show(results, h('p', {class: 'notice error', role: 'alert'}, e.message)));
  }},
  field('Id', id), field('Service', service), field('Action', action), field('Status', status),
  field('Submitted since', since), field('until', until), field('Idempotency key', key),
  submitter ? field('Submitted by', submitter) : null, h('button', {type: 'submit'}, 'Search'));
  show(root, h('h1', {}, 'Tasks'), form, results);
  await refresh();
  // Live: only the first page moves (new tasks arrive on top).
  return watch({types: ['task.*'], refresh: () => cursors.length === 1 && refresh(), pollMs: 3000});
}
