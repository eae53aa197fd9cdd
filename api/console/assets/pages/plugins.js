// Plugins (GET /system/plugins) with Enable/Disable (plugins:write) and Reload (plugins:admin).
import {api} from '../api.js';
import {actionButton, badge, h, notify, show, table, when} from '../dom.js';
import {watch} from '../live.js';
import {can} from '../session.js';

export async function render(root) {
  const refresh = async () => {
    const {items} = await api('/system/plugins');
    const act = (plugin, verb, label) => actionButton(label, async () => {
      await api(`/system/plugins/${encodeURIComponent(plugin.id)}/${verb}`, {method: 'POST'});
      notify(`${plugin.id}: ${verb} done`);
      await refresh();
    }, {'data-testid': `${verb}-${plugin.id}`});
    show(root, h('h1', {}, 'Plugins'), table([
      ['Id', (p) => p.id], ['Name', (p) => p.name], ['Version', (p) => p.version], ['Author', (p) => p.author ?? ''],
      ['State', (p) => badge(p.active ? 'active' : 'disabled')], ['Routes', (p) => p.api_prefix ?? ''],
      ['Loaded', (p) => when(p.loaded_at)],
      ['', (p) => [
        can('plugins:write') ? (p.active ? act(p, 'disable', 'Disable') : act(p, 'enable', 'Enable')) : null, ' ',
        can('plugins:admin') ? act(p, 'reload', 'Reload') : null]],
    ], items, {'data-testid': 'plugins'}));
  };
  await refresh();
  return watch({types: ['plugin.*'], refresh, pollMs: 10000});
}
