// Live updates for a page. The console reads the event stream
// GET /api/v1/events/stream (Server-Sent Events, docs/console.md "Live events")
// with fetch and a ReadableStream, because EventSource cannot send an
// Authorization header and tokens must not travel in URLs. Each event that
// matches the page's `types` calls its `refresh` (coalesced: one refresh per
// half second at most). The page is also refreshed every `pollMs` while the
// stream is open: a task's lifecycle events exist only for services that
// publish them (publish_events, docs/protocol.md), and the others must move on
// the page too. When the API has no stream (404/501) or it breaks, polling goes
// on alone; after a break the stream is tried again with Last-Event-ID.
import {authorization} from './session.js';

const STREAM = '/api/v1/events/stream';
const COALESCE_MS = 500;
const RETRY_MS = 5000;

// watch({types: ['task.*'], service, refresh, pollMs}) → stop()
export function watch({types = [], service, refresh, pollMs = 3000}) {
  let stopped = false;
  let pollTimer = null;
  let pending = null;
  let lastEventId = null;
  const abort = new AbortController();

  const refreshSoon = () => {
    if (pending || stopped) return;
    pending = setTimeout(() => {
      pending = null;
      if (!stopped) refresh();
    }, COALESCE_MS);
  };
  const poll = () => {
    if (pollTimer || stopped) return;
    pollTimer = setInterval(() => refresh(), pollMs);
  };
  const unpoll = () => {
    clearInterval(pollTimer);
    pollTimer = null;
  };

  const connect = async () => {
    const url = new URL(STREAM, location.origin);
    if (types.length) url.searchParams.set('types', types.join(','));
    if (service) url.searchParams.set('service', service);
    const headers = {Authorization: authorization(), Accept: 'text/event-stream'};
    if (lastEventId) headers['Last-Event-ID'] = lastEventId;
    try {
      const response = await fetch(url, {headers, signal: abort.signal, cache: 'no-store'});
      if (!response.ok || !response.body) {
        poll();  // no stream here (4xx: none on this API yet, or not for this caller)
        if (response.status >= 500 && response.status !== 501) setTimeout(connect, RETRY_MS);
        return;
      }
      poll();  // for the services that publish no events
      refreshSoon();  // what happened while we were not listening
      await read(response.body, (event) => {
        if (event.id) lastEventId = event.id;
        if (event.type) refreshSoon();
      });
    } catch (error) {
      if (stopped) return;
    }
    if (!stopped) {
      poll();
      setTimeout(connect, RETRY_MS);
    }
  };
  connect();

  return () => {
    stopped = true;
    abort.abort();
    unpoll();
    clearTimeout(pending);
  };
}

// Reads an event stream: blocks separated by a blank line, fields "id:",
// "event:", "data:" (comment lines start with ':').
async function read(body, onEvent) {
  const reader = body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  for (;;) {
    const {value, done} = await reader.read();
    if (done) return;
    buffer += value;
    let end;
    while ((end = buffer.search(/\r?\n\r?\n/)) >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end).replace(/^\r?\n\r?\n/, '');
      const event = {id: null, type: null, data: ''};
      for (const line of block.split(/\r?\n/)) {
        if (line.startsWith(':')) continue;
        const colon = line.indexOf(':');
        const field = colon < 0 ? line : line.slice(0, colon);
        const text = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
        if (field === 'id') event.id = text;
        else if (field === 'event') event.type = text;
        else if (field === 'data') event.data += text;
      }
      if (event.type || event.data) onEvent(event);
    }
  }
}
