// Calls to the API with the signed-in caller's credential; answers parsed as
// JSON; an error answer becomes an ApiError carrying the message of whichever
// documented error format the route speaks (xcore {"error": {"message"}}, IMAS
// {"error": "..."}). A 401 means the credential expired: back to sign-in.
import {authorization, signOut} from './session.js';

export class ApiError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

export async function api(path, {method = 'GET', query = {}, body} = {}) {
  const url = new URL(path, location.origin);
  for (const [name, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== '') url.searchParams.set(name, value);
  }
  const headers = {Authorization: authorization()};
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const response = await fetch(url, {method, headers, body: body === undefined ? undefined : JSON.stringify(body)});
  const text = await response.text();
  const parsed = text ? safeParse(text) : null;
  if (response.status === 401) {
    signOut();
    location.hash = '#/sign-in';
  }
  if (!response.ok) throw new ApiError(response.status, messageOf(parsed) ?? `${method} ${path} answered ${response.status}`);
  return parsed;
}

function safeParse(text) {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

function messageOf(body) {
  const error = body?.error;
  if (typeof error === 'string') return error;
  return error?.message ?? body?.detail ?? null;
}
