// Sign-in: username (or email) and password through POST /auth/login, or an API key.
import {h, show} from '../dom.js';
import {signInWithKey, signInWithPassword} from '../session.js';

export function render(root, {onSignedIn}) {
  const error = h('p', {class: 'notice error', role: 'alert', hidden: true});
  const fail = (e) => {
    error.textContent = e.message;
    error.hidden = false;
  };
  const username = h('input', {name: 'username', autocomplete: 'username', required: true});
  const password = h('input', {name: 'password', type: 'password', autocomplete: 'current-password', required: true});
  const key = h('input', {name: 'api_key', type: 'password', autocomplete: 'off', required: true});
  const passwordForm = h('form', {'data-testid': 'sign-in-form', onsubmit: async (event) => {
    event.preventDefault();
    try {
      await signInWithPassword(username.value, password.value);
      onSignedIn();
    } catch (e) {
      fail(e);
    }
  }},
  h('label', {}, 'Username or email', username),
  h('label', {}, 'Password', password),
  h('button', {type: 'submit'}, 'Sign in'));
  const keyForm = h('form', {'data-testid': 'api-key-form', onsubmit: async (event) => {
    event.preventDefault();
    try {
      await signInWithKey(key.value);
      onSignedIn();
    } catch (e) {
      fail(e);
    }
  }},
  h('label', {}, 'API key', key),
  h('button', {type: 'submit'}, 'Use this key'));
  show(root, h('section', {class: 'sign-in'},
    h('h1', {}, 'Sign in'), error, passwordForm,
    h('p', {class: 'muted'}, 'or'), keyForm,
    h('p', {class: 'muted'}, 'The credential is kept in this tab only (sessionStorage) and forgotten when you sign out or close it.')));
}
