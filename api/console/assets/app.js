// The console's entry point: a hash router (#/tasks, #/tasks/<id>, …), the
// navigation bar and the sign-in gate. Each page is a module under pages/ that
// exports render(root, params) and may return a function that stops its live
// updates when the user leaves the page.
import {h, show} from './dom.js';
import {caller, can, credential, displayName, loadCaller, signOut} from './session.js';
import * as overview from './pages/overview.js';
import * as tasks from './pages/tasks.js';
import * as task from './pages/task.js';
import * as deadLetters from './pages/dead_letters.js';
import * as services from './pages/services.js';
import * as workers from './pages/workers.js';
import * as schedules from './pages/schedules.js';
import * as plugins from './pages/plugins.js';
import * as incidents from './pages/incidents.js';
import * as signIn from './pages/sign_in.js';

// [hash pattern, page, label in the navigation (none: not listed), permission to list it]
const ROUTES = [
  [/^#\/$/, overview, 'Overview', 'tasks:read'],
  [/^#\/tasks$/, tasks, 'Tasks', 'tasks:read'],
  [/^#\/tasks\/([0-9a-fA-F-]{36})$/, task, null, 'tasks:read'],
  [/^#\/dead-letters$/, deadLetters, 'Dead letters', 'dead_letters:read'],
  [/^#\/services$/, services, 'Services', 'services:read'],
  [/^#\/workers$/, workers, 'Workers', 'workers:read'],
  [/^#\/schedules$/, schedules, 'Schedules', 'schedules:read'],
  [/^#\/plugins$/, plugins, 'Plugins', 'plugins:read'],
  [/^#\/incidents$/, incidents, 'Incidents', 'incidents:read'],
];

let stopPage = null;

async function route() {
  if (stopPage) stopPage();
  stopPage = null;
  const root = document.getElementById('page');
  const hash = location.hash || '#/';
  if (!credential() || hash === '#/sign-in') {
    if (credential() && hash === '#/sign-in') signOut();
    renderBar();
    return signIn.render(root, {onSignedIn: () => navigate('#/')});
  }
  if (!caller()) {
    try {
      await loadCaller();
    } catch {
      signOut();
      return navigate('#/sign-in');
    }
  }
  renderBar();
  for (const [pattern, page, , permission] of ROUTES) {
    const match = hash.match(pattern);
    if (!match) continue;
    if (!can(permission)) return show(root, h('p', {class: 'muted'}, 'Your account may not see this page.'));
    show(root, h('p', {class: 'muted'}, 'Loading…'));
    try {
      stopPage = (await page.render(root, match.slice(1))) ?? null;
    } catch (error) {
      show(root, h('p', {class: 'notice error', role: 'alert'}, error.message));
    }
    return;
  }
  show(root, h('p', {class: 'muted'}, 'No such page.'));
}

function navigate(hash) {
  if (location.hash === hash) route();
  else location.hash = hash;
}

function renderBar() {
  const bar = document.getElementById('bar');
  const links = caller()
    ? ROUTES.filter(([, , label, permission]) => label && can(permission))
        .map(([pattern, , label]) => h('a', {href: pattern.source.replace(/^\^|\$$/g, '').replaceAll('\\/', '/')}, label))
    : [];
  show(bar,
    h('a', {href: '#/', class: 'brand'}, 'Switchyard'),
    h('nav', {}, links),
    caller()
      ? h('span', {class: 'who'}, h('span', {'data-testid': 'caller'}, displayName()), ' ',
          h('button', {'data-testid': 'sign-out', onclick: () => { signOut(); navigate('#/sign-in'); }}, 'Sign out'))
      : null);
  const current = location.hash || '#/';
  for (const link of bar.querySelectorAll('nav a')) {
    if (link.getAttribute('href') === current) link.setAttribute('aria-current', 'page');
  }
}

window.addEventListener('hashchange', route);
route();
