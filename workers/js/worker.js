#!/usr/bin/env node
'use strict';
// An example Switchyard worker in Node.js: it serves the service `js` with nothing
// but the broker, following docs/protocol.md, to show that a worker need not be
// C++ nor reach PostgreSQL. It records each outcome by publishing a lifecycle
// event, which the listener writes to the database.
//
// Guarantee: at least once. The event is confirmed by the broker before the task
// is acked, so an outcome is never lost; but with no database to claim tasks in, a
// task redelivered after a crash runs again (the listener keeps the first final
// state it records).
//
// Environment: BROKER_URL (amqp://guest:guest@localhost:5672/), PREFETCH (100),
// LOG_LEVEL (info; debug logs every task), SERVICE (js).

const amqp = require('amqplib');

// SERVICE serves another service with the same handlers: the queue runtime's
// example plugin (config/plugins/hello_queue) runs this worker as plugin_hello_queue.
const SERVICE = process.env.SERVICE || 'js';
if (!/^[a-z][a-z0-9_]{0,62}$/.test(SERVICE)) {
  process.stderr.write(`SERVICE must match [a-z][a-z0-9_]*: "${SERVICE}"\n`);
  process.exit(2);
}
const QUEUE = `tasks.${SERVICE}`;
// Exists while the plugin serving SERVICE is disabled (docs/plugins.md, "Writing a
// plugin in any language"): the queue is then left alone.
const PAUSED_MARKER = `plugins.paused.${SERVICE}`;
const TASKS_EXCHANGE = 'tasks';
const EVENTS_EXCHANGE = 'events';
const DELAYS_EXCHANGE = 'delays';
const DEFAULT_BROKER_URL = 'amqp://guest:guest@localhost:5672/';

// ---------------------------------------------------------------------------
// Logging: the same line shape as the C++ processes, so `make logs` reads alike.

const LEVELS = { trace: 0, debug: 1, info: 2, warn: 3, error: 4, critical: 5, off: 6 };
let logLevel = LEVELS.info;

function log(level, message) {
  if (LEVELS[level] < logLevel) return;
  const line = `${new Date().toISOString()} ${level.padEnd(5)} js-worker[${process.pid}] ${message}\n`;
  (LEVELS[level] >= LEVELS.warn ? process.stderr : process.stdout).write(line);
}

// Bad settings stop the process with the variable's name, like the C++ processes
// (exit code 2: a configuration error, not worth restarting for).
function configError(message) {
  log('critical', `configuration error: ${message}`);
  process.exit(2);
}

// ---------------------------------------------------------------------------
// Settings

// Our convention (README): a BROKER_URL ending in "/" or with no path names the
// default vhost "/", although the AMQP URI spec reads "amqp://host/" as the vhost
// "". amqplib 0.10 already maps an empty vhost to "/", but we write it the spec's
// way ("/%2F" is "/") so the meaning does not hang on the client library's choice.
// "amqp://host/name" stays the vhost "name".
function brokerUrl(raw) {
  let url;
  try {
    url = new URL(raw);
  } catch {
    configError(`BROKER_URL is not a valid amqp:// URL: "${raw}"`);
  }
  if (url.protocol !== 'amqp:' && url.protocol !== 'amqps:') {
    configError(`BROKER_URL must start with amqp:// or amqps://: "${raw}"`);
  }
  if (url.pathname === '' || url.pathname === '/') url.pathname = '/%2F';
  return url;
}

function readSettings(env) {
  const level = (env.LOG_LEVEL || 'info').toLowerCase();
  if (!(level in LEVELS)) {
    configError(`LOG_LEVEL must be one of ${Object.keys(LEVELS).join(', ')}: "${env.LOG_LEVEL}"`);
  }
  logLevel = LEVELS[level];
  const prefetch = env.PREFETCH ? Number(env.PREFETCH) : 100;
  if (!Number.isInteger(prefetch) || prefetch < 1 || prefetch > 65535) {
    configError(`PREFETCH must be an integer from 1 to 65535: "${env.PREFETCH}"`);
  }
  const raw = env.BROKER_URL || DEFAULT_BROKER_URL;
  const url = brokerUrl(raw);
  const shown = new URL(raw); // as the user wrote it, without the password
  if (shown.password) shown.password = '***';
  return { url: url.toString(), shownUrl: shown.toString(), prefetch };
}

// ---------------------------------------------------------------------------
// Handlers: payload in, result out. A TaskFailure becomes the task's `error`
// with a stable `type` (docs/protocol.md); any other exception is an internal_error.

class TaskFailure extends Error {
  constructor(type, message) {
    super(message);
    this.type = type;
  }
}

function expectObject(payload) {
  if (payload === null || typeof payload !== 'object' || Array.isArray(payload)) {
    throw new TaskFailure('bad_payload', 'the payload must be a JSON object');
  }
}

// A Map, not an object: an action named "constructor" must not find a handler.
const handlers = new Map([
  ['uppercase', (payload) => {
    expectObject(payload);
    if (typeof payload.text !== 'string') {
      throw new TaskFailure('bad_payload', '"text" must be a string');
    }
    return { text: payload.text.toUpperCase() };
  }],
  ['add', (payload) => {
    expectObject(payload);
    if (typeof payload.a !== 'number' || typeof payload.b !== 'number') {
      throw new TaskFailure('bad_payload', '"a" and "b" must be numbers');
    }
    return { sum: payload.a + payload.b };
  }],
]);

// ---------------------------------------------------------------------------
// The envelope (docs/protocol.md, "The task envelope"): the same checks as the C++
// worker, so a message one rejects the other rejects too.

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

// Returns the envelope, or a string saying why the body is not one.
function parseEnvelope(body) {
  let task;
  try {
    task = JSON.parse(body.toString('utf8'));
  } catch {
    return 'the body is not JSON';
  }
  if (task === null || typeof task !== 'object' || Array.isArray(task)) {
    return 'the body is not a JSON object';
  }
  if (typeof task.id !== 'string' || !UUID.test(task.id)) return '"id" must be a UUID';
  for (const key of ['service', 'action']) {
    if (typeof task[key] !== 'string' || task[key] === '') return `"${key}" must be a non-empty string`;
  }
  for (const key of ['attempt', 'max_attempts', 'timeout_ms', 'priority']) {
    if (task[key] != null && !Number.isInteger(task[key])) return `"${key}" must be an integer`;
  }
  for (const key of ['submitted_at', 'submitted_by', 'idempotency_key', 'callback_url']) {
    if (task[key] != null && typeof task[key] !== 'string') return `"${key}" must be a string`;
  }
  return task;
}

// Runs the task; returns the task view (docs/protocol.md, "The task view"), which is
// both the lifecycle event and the reply. Defaults are the C++ worker's; missing
// timestamps stay null (the listener fills them in) rather than "" (which
// PostgreSQL would refuse as a timestamp).
function run(task) {
  const startedAt = new Date();
  let status = 'succeeded';
  let result = null;
  let error = null;
  try {
    const handler = task.service === SERVICE ? handlers.get(task.action) : undefined;
    if (!handler) throw new TaskFailure('no_handler', `no handler serves ${task.service}.${task.action}`);
    result = handler(task.payload ?? {});
  } catch (e) {
    status = 'failed';
    error = e instanceof TaskFailure
      ? { type: e.type, message: e.message }
      : { type: 'internal_error', message: String(e && e.message ? e.message : e) };
  }
  const finishedAt = new Date();
  const self = `/api/v1/tasks/${task.id}`;
  return {
    id: task.id,
    service: task.service,
    action: task.action,
    status,
    max_attempts: task.max_attempts ?? 1,
    priority: task.priority ?? 0,
    timeout_ms: task.timeout_ms ?? 30000,
    payload: task.payload ?? {},
    result,
    error,
    idempotency_key: task.idempotency_key ?? null,
    callback_url: task.callback_url ?? null,
    submitted_by: task.submitted_by ?? null,
    submitted_at: task.submitted_at ?? null,
    attempts: task.attempt ?? 1,
    started_at: startedAt.toISOString(),
    finished_at: finishedAt.toISOString(),
    links: { self, cancel: `${self}/cancel` },
  };
}

// ---------------------------------------------------------------------------
// Delayed tasks (docs/scheduling.md "Delayed tasks"): a task whose run_at is still
// ahead must not run. It goes on to its next hop in the delay queues, the same
// message at the same attempt, and is acked once the broker confirmed the hop.
// The steps are the delay queues' (common/amqp/delay_queues.cpp); each hop is the
// longest step not past what remains, the shortest when every step is.

const DELAY_STEPS = [
  [100, '100ms'], [200, '200ms'], [500, '500ms'], [1000, '1s'], [2000, '2s'], [5000, '5s'],
  [10000, '10s'], [20000, '20s'], [30000, '30s'], [60000, '1m'], [120000, '2m'], [300000, '5m'],
  [600000, '10m'], [1200000, '20m'], [1800000, '30m'], [3600000, '1h'],
];

// How long `task` must still wait, in ms; 0 when it may run (no run_at, a past one,
// or one that is not a date: the C++ worker runs those too).
function timeToStart(task, now) {
  if (typeof task.run_at !== 'string') return 0;
  const runAt = Date.parse(task.run_at);
  return Number.isNaN(runAt) ? 0 : Math.max(0, runAt - now);
}

function delayHop(remainingMs) {
  let hop = DELAY_STEPS[0][1];
  for (const [ms, label] of DELAY_STEPS) if (ms <= remainingMs) hop = label;
  return hop;
}

// ---------------------------------------------------------------------------
// A session: one connection with its two channels, from connect to close.
//   `deliveries` consumes tasks.js, acks, and sends replies;
//   `events` is a confirm channel: an event counts as recorded only once the
//   broker confirms it (and did not return it as unroutable).

const RETRY_DELAY_MS = 5000; // before requeueing a task whose event the broker refused

class Session {
  constructor(settings) {
    this.settings = settings;
    this.inFlight = 0;      // deliveries received and not yet acked or rejected
    this.processed = 0;
    this.returned = new Set(); // task ids whose event came back unroutable
    this.ready = false;     // consuming: stop() has something to stop
    this.closed = false;
    this.stopping = false;
    this.idle = null;       // resolves when inFlight drops to 0 (during stop)
    this.paused = false;    // the plugin serving SERVICE is disabled: QUEUE is not consumed
    this.control = Promise.resolve(); // the plugin events applied so far, in order
  }

  // Connects and starts consuming; resolves with { ended }, a promise that settles
  // with the reason when the session ends (the broker went away, a channel closed,
  // or stop()). Wrapped in an object: an async function returning a promise would
  // wait for it.
  async open() {
    const conn = await amqp.connect(this.settings.url, { clientProperties: { connection_name: 'switchyard-js-worker' } });
    this.conn = conn;
    this.ended = new Promise((resolve) => {
      this.end = (reason) => {
        if (this.closed) return;
        this.closed = true;
        if (this.idle) this.idle();
        resolve(reason);
      };
    });
    // Without listeners, amqplib's 'error' events would crash the process.
    conn.on('error', (e) => log('warn', `broker connection error: ${e.message}`));
    conn.on('close', (err) => this.end(err ? `the connection closed: ${err.message}` : 'the connection closed'));
    try {
      this.deliveries = await conn.createChannel();
      this.events = await conn.createConfirmChannel();
      for (const [name, channel] of [['deliveries', this.deliveries], ['events', this.events]]) {
        // While opening, the failed operation's own error says the same: logged once.
        channel.on('error', (e) => { if (this.ready) log('warn', `${name} channel error: ${e.message}`); });
        // A channel alone may close (a channel error): end the whole session. Later
        // in the turn, so that the connection's reason, when it closed too, is the one logged.
        channel.on('close', () => setImmediate(() => {
          this.end(`the ${name} channel closed`);
          conn.close().catch(() => {});
        }));
      }
      this.events.on('return', (msg) => this.returned.add(msg.properties.correlationId));
      await this.declareTopology();
      await this.deliveries.prefetch(this.settings.prefetch);
      // Bound before the marker is read: a change made after the read arrives as
      // an event, applied after the first decision.
      const { queue: control } = await this.deliveries.assertQueue('', { exclusive: true, autoDelete: true, durable: false });
      for (const key of ['plugin.disabled', 'plugin.enabled']) {
        await this.deliveries.bindQueue(control, EVENTS_EXCHANGE, key);
      }
      this.paused = await this.markerExists();
      if (!this.paused) await this.startConsuming();
      await this.deliveries.consume(control, (msg) => this.onControl(msg), { noAck: true });
      this.ready = true;
    } catch (e) {
      await conn.close().catch(() => {});
      throw e;
    }
    return { ended: this.ended };
  }

  // Exactly what the C++ processes declare (common/amqp/topology.cpp): a queue
  // declared with other arguments would fail with PRECONDITION_FAILED.
  async declareTopology() {
    const ch = this.deliveries;
    await ch.assertExchange(TASKS_EXCHANGE, 'topic', { durable: true });
    await ch.assertExchange(EVENTS_EXCHANGE, 'topic', { durable: true });
    await ch.assertExchange(DELAYS_EXCHANGE, 'headers', { durable: true });
    await ch.assertQueue(QUEUE, { durable: true, arguments: { 'x-queue-type': 'quorum' } });
    await ch.bindQueue(QUEUE, TASKS_EXCHANGE, `${SERVICE}.*`);
  }

  async startConsuming() {
    const { consumerTag } = await this.deliveries.consume(QUEUE, (msg) => this.onDelivery(msg), { noAck: false });
    this.consumerTag = consumerTag;
  }

  // A passive declare of the marker: it fails (and closes its own channel) when the
  // marker does not exist, that is when the plugin is enabled or no plugin at all.
  async markerExists() {
    const ch = await this.conn.createChannel();
    ch.on('error', () => {}); // the 404 that closes it is the answer
    try {
      await ch.checkQueue(PAUSED_MARKER);
      await ch.close().catch(() => {});
      return true;
    } catch {
      return false;
    }
  }

  // plugin.disabled / plugin.enabled (docs/plugins.md): cancel the consumer, so
  // the queue keeps every task not yet delivered, or consume again. Applied one at
  // a time, in the order they came.
  onControl(msg) {
    if (msg === null) return;
    let event;
    try {
      event = JSON.parse(msg.content.toString('utf8'));
    } catch {
      return;
    }
    if (event === null || typeof event !== 'object' || event.service !== SERVICE) return;
    const disable = msg.fields.routingKey === 'plugin.disabled';
    this.control = this.control.then(async () => {
      if (this.closed || this.stopping) return;
      if (disable && this.consumerTag) {
        const tag = this.consumerTag;
        this.consumerTag = null;
        await this.deliveries.cancel(tag);
        log('info', `plugin ${event.id} disabled: stopped consuming ${QUEUE}; its tasks wait there until it is enabled`);
      } else if (!disable && !this.consumerTag) {
        await this.startConsuming();
        log('info', `plugin ${event.id} enabled: consuming ${QUEUE} again`);
      }
      this.paused = disable;
    }).catch((e) => log('warn', `cannot apply ${msg.fields.routingKey}: ${e.message}`));
  }

  onDelivery(msg) {
    if (msg === null) {
      // The broker cancelled the consumer (the queue was deleted): start over,
      // which declares the queue again.
      this.end('the broker cancelled the consumer');
      this.conn.close().catch(() => {});
      return;
    }
    this.inFlight++;
    if (this.closed) {
      this.settle(() => {}); // the channel is going: the broker requeues it
      return;
    }
    const task = parseEnvelope(msg.content);
    if (typeof task === 'string') {
      log('error', `rejecting a malformed message from ${msg.fields.routingKey}: ${task}`);
      this.settle(() => this.deliveries.reject(msg, false));
      return;
    }
    const wait = timeToStart(task, Date.now());
    if (wait > 0) {
      this.holdUntilRunAt(msg, task, delayHop(wait));
      return;
    }
    log('debug', `start task_id=${task.id} service=${task.service} action=${task.action} attempt=${task.attempt ?? 1}`);
    const view = run(task);
    const elapsedMs = Date.parse(view.finished_at) - Date.parse(view.started_at);
    const body = Buffer.from(JSON.stringify(view));
    if (view.status === 'succeeded') {
      log('debug', `done task_id=${task.id} elapsed_ms=${elapsedMs} outcome=succeeded`);
    } else {
      log('debug', `fail task_id=${task.id} elapsed_ms=${elapsedMs} outcome=failed error=${JSON.stringify(view.error)}`);
    }

    // Record the outcome: persistent, mandatory (so an event that no queue takes
    // comes back instead of vanishing), and confirmed. Only then may the task leave
    // its queue: a crash before the ack redelivers it, never loses it.
    const options = { persistent: true, mandatory: true, contentType: 'application/json', correlationId: task.id };
    try {
      this.events.publish(EVENTS_EXCHANGE, `task.${view.status}`, body, options,
        (err) => this.onConfirm(msg, view, body, err));
    } catch (e) {
      log('warn', `cannot publish the event of task_id=${task.id}: ${e.message}`);
      this.settle(() => {}); // the channel closed: the broker requeues the task
    }
  }

  // Sends a task that came before its run_at to its next hop: unchanged, with its
  // reply address, so the run at the end of the chain answers a caller still
  // waiting. Acked once confirmed and not returned; otherwise requeued, like an
  // event the broker refused.
  holdUntilRunAt(msg, task, hop) {
    log('debug', `hold task_id=${task.id} run_at=${task.run_at} hop=${hop}`);
    const options = {
      persistent: true, mandatory: true, contentType: 'application/json', messageId: task.id,
      correlationId: msg.properties.correlationId ?? task.id,
      headers: { 'delay-step': hop, 'x-attempt': task.attempt ?? 1 },
    };
    if (msg.properties.replyTo) options.replyTo = msg.properties.replyTo;
    if (msg.properties.priority != null) options.priority = msg.properties.priority;
    try {
      this.events.publish(DELAYS_EXCHANGE, `${task.service}.${task.action}`, msg.content, options, (err) => {
        const unroutable = this.returned.delete(options.correlationId);
        if (err && err.message !== 'message nacked') {
          this.settle(() => {}); // the channel closed first: the broker requeues the task
        } else if (err || unroutable) {
          log('warn', `the hop of task_id=${task.id} to delay.${hop} was refused; requeueing it in ${RETRY_DELAY_MS} ms`);
          setTimeout(() => this.settle(() => this.deliveries.nack(msg, false, true)), RETRY_DELAY_MS);
        } else {
          this.settle(() => this.deliveries.ack(msg));
        }
      });
    } catch (e) {
      log('warn', `cannot send task_id=${task.id} to its next hop: ${e.message}`);
      this.settle(() => {});
    }
  }

  onConfirm(msg, view, body, err) {
    // The broker sends basic.return before the confirm of the same message.
    const unroutable = this.returned.delete(view.id);
    if (err && err.message !== 'message nacked') {
      this.settle(() => {}); // the channel closed first: the broker requeues the task
      return;
    }
    if (err || unroutable) {
      const why = err ? 'the broker nacked it'
        : `no queue is bound to ${EVENTS_EXCHANGE} for task.${view.status}: is the listener running?`;
      log('warn', `the event of task_id=${view.id} was not recorded (${why}); requeueing the task in ${RETRY_DELAY_MS} ms`);
      setTimeout(() => this.settle(() => this.deliveries.nack(msg, false, true)), RETRY_DELAY_MS);
      return;
    }
    this.settle(() => this.deliveries.ack(msg));
    this.processed++;
    // Every outcome of this worker is final: task.completed, the one key for live
    // streams that want every end (docs/protocol.md), after the recorded event.
    if (!this.closed) {
      try {
        this.events.publish(EVENTS_EXCHANGE, 'task.completed', body,
          { persistent: true, contentType: 'application/json', correlationId: view.id });
      } catch (e) {
        log('warn', `cannot publish task.completed for task_id=${view.id}: ${e.message}`);
      }
    }
    // The waiting caller (Prefer: wait) gets the same view; after the ack, as the C++
    // worker does, so a reply never announces an outcome that is not recorded.
    if (msg.properties.replyTo && !this.closed) {
      try {
        this.deliveries.publish('', msg.properties.replyTo, body, {
          contentType: 'application/json',
          correlationId: msg.properties.correlationId ?? view.id,
        });
      } catch (e) {
        log('warn', `cannot reply for task_id=${view.id}: ${e.message}`);
      }
    }
  }

  // Acks or rejects a delivery unless the channel is gone (its deliveries then
  // return to the queue by themselves), and wakes stop() when the last one is done.
  settle(action) {
    this.inFlight--;
    if (!this.closed) {
      try {
        action();
      } catch (e) {
        log('warn', `cannot settle a delivery: ${e.message}`);
      }
    }
    if (this.inFlight === 0 && this.idle) this.idle();
  }

  // Graceful stop: no new deliveries, let the received ones finish, close.
  async stop() {
    if (this.closed || this.stopping) return;
    this.stopping = true;
    try {
      if (this.consumerTag) await this.deliveries.cancel(this.consumerTag);
      if (this.inFlight > 0 && !this.closed) {
        log('info', `waiting for ${this.inFlight} task(s) in flight`);
        await new Promise((resolve) => { this.idle = resolve; });
      }
    } catch (e) {
      log('warn', `stopping: ${e.message}`);
    }
    const conn = this.conn;
    this.end('stopped');
    await conn.close().catch(() => {});
  }
}

// ---------------------------------------------------------------------------
// Main loop: connect, serve until the connection ends, wait, connect again. The
// wait doubles from 0.5 s to 30 s (with jitter, so many workers do not reconnect
// in step) and starts over after a successful connection, so a broker that is
// down costs a log line now and then, not a crash loop.

const BACKOFF_BASE_MS = 500;
const BACKOFF_CAP_MS = 30000;

async function main() {
  const settings = readSettings(process.env);
  let session = null;
  let stopping = false;
  let wake = () => {};
  let total = 0;

  const onSignal = (signal) => {
    if (stopping) {
      log('warn', `${signal} again: exiting without waiting`);
      process.exit(1);
    }
    stopping = true;
    log('info', `${signal}: stopping`);
    wake();
    // A session still connecting is stopped by the loop once open() returns.
    if (session && session.ready) session.stop();
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);

  let failures = 0;
  while (!stopping) {
    session = new Session(settings);
    try {
      const { ended } = await session.open();
      if (stopping) {
        await session.stop();
      } else {
        log('info', session.paused
          ? `js worker connected to ${settings.shownUrl}: ${QUEUE} left alone while its plugin is disabled (${PAUSED_MARKER})`
          : `js worker connected to ${settings.shownUrl}: consuming ${QUEUE}, prefetch=${settings.prefetch}`);
      }
      failures = 0;
      const reason = await ended;
      total += session.processed;
      if (stopping) break;
      log('warn', `disconnected from the broker: ${reason}`);
    } catch (e) {
      if (stopping) break;
      log(failures === 0 ? 'warn' : 'info', `cannot serve ${QUEUE} from ${settings.shownUrl}: ${e.message}`);
    }
    const delay = Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** failures++) * (0.8 + 0.4 * Math.random());
    log('info', `reconnecting in ${Math.round(delay)} ms`);
    await new Promise((resolve) => {
      const timer = setTimeout(resolve, delay);
      wake = () => { clearTimeout(timer); resolve(); };
    });
  }
  log('info', `js worker stopped after ${total} task(s)`);
  process.exit(0);
}

main().catch((e) => {
  log('critical', `unexpected error: ${e.stack || e}`);
  process.exit(1);
});
