// Building the page from data. Everything is made with createElement and text
// nodes, never innerHTML: task payloads, error messages and incident titles are
// other people's text, and the Content-Security-Policy forbids inline code anyway.

// h('button', {class: 'danger', onclick: f, 'data-testid': 'x'}, 'Replay')
export function h(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === null || value === false) continue;
    if (name.startsWith('on')) element.addEventListener(name.slice(2), value);
    else if (name === 'value') element.value = value;
    else element.setAttribute(name, value === true ? '' : String(value));
  }
  append(element, children);
  return element;
}

function append(element, children) {
  for (const child of children.flat()) {
    if (child === undefined || child === null || child === false) continue;
    element.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

// Replaces what `element` shows.
export function show(element, ...children) {
  element.replaceChildren();
  append(element, children);
}

// A table: columns are [heading, row => cell content].
export function table(columns, rows, attributes = {}) {
  return h('table', attributes,
    h('thead', {}, h('tr', {}, columns.map(([heading]) => h('th', {}, heading)))),
    h('tbody', {}, rows.length === 0
      ? h('tr', {}, h('td', {colspan: columns.length, class: 'muted'}, 'Nothing here.'))
      : rows.map((row) => h('tr', {}, columns.map(([, cell]) => h('td', {}, cell(row)))))));
}

export function json(value) {
  return h('pre', {class: 'json'}, value === undefined || value === null ? '—' : JSON.stringify(value, null, 2));
}

export function when(iso) {
  if (!iso) return '—';
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : date.toLocaleString();
}

export function badge(status) {
  return h('span', {class: `badge ${String(status).toLowerCase()}`}, status);
}

// A button that runs `action`, disabled while it runs, and reports its error.
export function actionButton(label, action, attributes = {}) {
  const button = h('button', {...attributes, onclick: async () => {
    button.disabled = true;
    try {
      await action();
    } catch (error) {
      notify(error.message, 'error');
    } finally {
      button.disabled = false;
    }
  }}, label);
  return button;
}

// A short message at the top of the page.
export function notify(text, kind = 'info') {
  const area = document.getElementById('notice') ?? document.body.appendChild(h('div', {id: 'notice'}));
  const item = h('p', {class: `notice ${kind}`, role: kind === 'error' ? 'alert' : 'status'}, text);
  area.append(item);
  setTimeout(() => item.remove(), 6000);
}
