// What the console's browser tests share (console.test.mjs, console_actions.test.mjs):
// the API's address, REST calls with the development admin key, waiting,
// signing in on the page, and running the steps.
//   BASE_URL      http://127.0.0.1:<port> of the API
//   ARTIFACT_DIR  where failure screenshots go
//   CHROMIUM      optional: the browser (default /usr/bin/chromium)
import {chromium} from 'playwright-core';
import {mkdirSync} from 'node:fs';
import {join} from 'node:path';

export const BASE_URL = process.env.BASE_URL ?? 'http://127.0.0.1:8000';
export const ARTIFACT_DIR = process.env.ARTIFACT_DIR ?? 'build/test-artifacts/console';
export const ADMIN = {Authorization: 'Bearer dev-admin-key', 'Content-Type': 'application/json'};
export const STEP_TIMEOUT_MS = 20000;

export async function call(method, path, body, headers = ADMIN) {
  const response = await fetch(new URL(path, BASE_URL), {method, headers, body: body === undefined ? undefined : JSON.stringify(body)});
  const text = await response.text();
  return {status: response.status, headers: response.headers, body: text ? JSON.parse(text) : null};
}

export async function until(what, probe, timeoutMs = STEP_TIMEOUT_MS) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

export function check(condition, message) {
  if (!condition) throw new Error(message);
}

export async function submit(task, headers = ADMIN) {
  const answer = await call('POST', '/api/v1/tasks', task, headers);
  check(answer.status === 202, `submitting ${JSON.stringify(task)} answered ${answer.status}: ${JSON.stringify(answer.body)}`);
  return answer.body.id;
}

export async function taskIn(id, statuses) {
  return until(`task ${id} in ${statuses}`, async () => {
    const task = (await call('GET', `/api/v1/tasks/${id}`)).body;
    return task && statuses.includes(task.status) ? task : null;
  });
}

// Debian's chromium, headless, and one page of the given size.
export async function openPage() {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox'],  // the tests may run as root, where chromium's sandbox cannot start
  });
  const context = await browser.newContext({viewport: {width: 1280, height: 800}});
  const page = await context.newPage();
  page.setDefaultTimeout(STEP_TIMEOUT_MS);
  return {browser, page};
}

export async function signIn(page, username, password) {
  await page.goto(`${BASE_URL}/#/sign-in`);
  await page.fill('[data-testid=sign-in-form] input[name=username]', username);
  await page.fill('[data-testid=sign-in-form] input[name=password]', password);
  await page.click('[data-testid=sign-in-form] button[type=submit]');
  await page.waitForSelector('[data-testid=caller]');
}

// Runs `steps(run)`, where `await run(name, body)` runs one step and prints
// "ok <name>". The first failure prints its error, saves a screenshot of `page`
// into ARTIFACT_DIR and exits 1; the browser is closed either way.
export async function runSteps(browser, page, steps) {
  let step = 'start';
  const run = async (name, body) => {
    step = name;
    await body();
    console.log(`ok ${name}`);
  };
  try {
    await steps(run);
  } catch (error) {
    mkdirSync(ARTIFACT_DIR, {recursive: true});
    const shot = join(ARTIFACT_DIR, `failure-${step.replace(/[^a-z0-9]+/gi, '-')}.png`);
    await page.screenshot({path: shot, fullPage: true}).catch(() => {});
    console.error(`FAILED ${step}: ${error.message}\nscreenshot: ${shot}`);
    await browser.close();
    process.exit(1);
  }
  await browser.close();
}

// A browser script's entry: a failure before its steps (preparing data, starting
// the browser) ends it with 1 too.
export function runMain(main) {
  main().catch((error) => {
    console.error(`FAILED before the browser: ${error.stack ?? error}`);
    process.exit(1);
  });
}
