// Who is signed in: the credential (a JWT from POST /auth/login, or an API key
// pasted by the user) lives in sessionStorage, so it dies with the tab and is
// never written to localStorage; `me` is GET /auth/me, whose roles and
// permissions decide which pages and buttons the console shows. The API checks
// every call anyway: hiding a button is courtesy, not security.

const STORAGE_KEY = 'switchyard.credential';

let me = null;

export function credential() {
  const stored = sessionStorage.getItem(STORAGE_KEY);
  return stored ? JSON.parse(stored) : null;
}

export function authorization() {
  const held = credential();
  return held ? `Bearer ${held.token}` : null;
}

export async function signInWithPassword(username, password) {
  const response = await fetch('/auth/login', {
    method: 'POST',
    headers: {'Content-Type': 'application/json'},
    body: JSON.stringify({username, password}),
  });
  const body = await response.json().catch(() => ({}));
  if (!response.ok) throw new Error(body?.error?.message ?? `Sign-in failed (${response.status})`);
  return remember({kind: 'jwt', token: body.access_token});
}

export async function signInWithKey(key) {
  return remember({kind: 'api_key', token: key.trim()});
}

// Stores the credential and loads the caller; a credential the API refuses is
// forgotten again.
async function remember(held) {
  sessionStorage.setItem(STORAGE_KEY, JSON.stringify(held));
  try {
    return await loadCaller();
  } catch (error) {
    signOut();
    throw error;
  }
}

export async function loadCaller() {
  const response = await fetch('/auth/me', {headers: {Authorization: authorization()}});
  if (!response.ok) throw new Error(response.status === 401 ? 'These credentials were refused' : `GET /auth/me answered ${response.status}`);
  me = await response.json();
  return me;
}

export function caller() {
  return me;
}

export function signOut() {
  sessionStorage.removeItem(STORAGE_KEY);
  me = null;
}

// true for an admin: sees every caller's tasks, holds every permission.
export function isAdmin() {
  return Boolean(me && (me.roles ?? []).includes('admin'));
}

// true when the caller holds `permission` (admins hold them all).
export function can(permission) {
  if (!me) return false;
  if (isAdmin()) return true;
  return (me.permissions ?? []).includes(permission);
}

export function displayName() {
  return me ? (me.username ?? me.name ?? 'signed in') : '';
}
