// Open incidents (not resolved), most severe first, with Acknowledge and Resolve
// (incidents:write). The IMAS routes answer their own formats (docs/incidents.md).
import {api} from '../api.js';
import {actionButton, badge, h, notify, show, table, when} from '../dom.js';
import {watch} from '../live.js';
import {can} from '../session.js';

export async function render(root) {
  const refresh = async () => {
    const page = await api('/api/v1/incidents/', {query: {ordering: 'severity', page_size: 100}});
    const open = page.results.filter((i) => String(i.status).toUpperCase() !== 'RESOLVED');
    const act = (incident, verb, label) => actionButton(label, async () => {
      await api(`/api/v1/incidents/${incident.id}/${verb}/`, {method: 'POST', body: {}});
      notify(`${incident.title}: ${label.toLowerCase()}d`);
      await refresh();
    }, {'data-testid': `${verb}-${incident.id}`});
    show(root, h('h1', {}, 'Open incidents'), table([
      ['Severity', (i) => badge(i.severity)], ['Title', (i) => i.title], ['Status', (i) => badge(i.status)],
      ['Opened', (i) => when(i.created_at)],
      ...(can('incidents:write') ? [['', (i) => [
        String(i.status).toUpperCase() === 'TRIGGERED' ? act(i, 'acknowledge', 'Acknowledge') : null, ' ',
        act(i, 'resolve', 'Resolve')]]] : []),
    ], open, {'data-testid': 'incidents'}),
    page.next ? h('p', {class: 'muted'}, `Showing the ${page.results.length} most severe of ${page.count}.`) : null);
  };
  await refresh();
  return watch({types: ['incident.*'], refresh, pollMs: 5000});
}
