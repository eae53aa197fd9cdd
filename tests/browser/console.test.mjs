// The web console in a real browser: playwright-core drives Debian's chromium
// (headless) against a running API (BASE_URL; tests/e2e/console/console_e2etest.cpp
// starts the real stack and runs this script). Each step prints "ok <step>"; the
// first failure prints its error, saves a screenshot of the page into
// ARTIFACT_DIR and exits 1.
//   BASE_URL      http://127.0.0.1:<port> of the API
//   ARTIFACT_DIR  where failure screenshots go
//   SCREENSHOT    optional: a PNG path for the README's picture (a replayed task's page)
//   CHROMIUM      optional: the browser (default /usr/bin/chromium)
//   LIVE_STREAM   "required": the live-update step must arrive through the
//                 event stream (GET /api/v1/events/stream), not polling
import {BASE_URL, call, check, openPage, runMain, runSteps, signIn, submit, taskIn, until} from './console_steps.mjs';

// What the API holds before the browser starts: a task to find, a dead letter to
// replay, a schedule to pause, a plain user.
async function prepare() {
  const marker = `console-${Date.now()}`;
  const found = await submit({service: 'system', action: 'noop', payload: {marker}});
  const dead = await submit({service: 'system', action: 'fail', payload: {marker}, max_attempts: 1});
  const key = `${marker}-key`;
  const keyed = await submit({service: 'system', action: 'noop', payload: {marker}, idempotency_key: key});
  await taskIn(found, ['succeeded']);
  await taskIn(keyed, ['succeeded']);
  await taskIn(dead, ['dead']);
  const schedule = await call('POST', '/system/tasks', {id: 'console_e2e', name: 'Console test', type: 'interval',
    interval: {hours: 1}, service: 'system', action: 'noop', payload: {}, enabled: true});
  check(schedule.status === 201, `creating the schedule answered ${schedule.status}`);
  const user = {email: `plain-${Date.now()}@example.com`, password: 'SecurePassword123!'};
  const registered = await call('POST', '/auth/register', {...user, full_name: 'Plain User'}, {'Content-Type': 'application/json'});
  check(registered.status === 201, `registering the plain user answered ${registered.status}`);
  return {found, dead, keyed, key, user};
}

async function main() {
  const data = await prepare();
  const {browser, page} = await openPage();
  const violations = [];
  // The page reports what its Content-Security-Policy blocked; so does the console.
  await page.addInitScript(() => {
    window.cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) => window.cspViolations.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
  });
  const streamRequests = [];
  page.on('request', (request) => {
    if (request.url().includes('/api/v1/events/stream')) streamRequests.push(request.url());
  });

  await runSteps(browser, page, async (run) => {
    await run('console page carries its security headers', async () => {
      const response = await page.goto(`${BASE_URL}/`);
      const headers = response.headers();
      check(response.status() === 200, `GET / answered ${response.status()}`);
      check(headers['content-security-policy']?.includes("script-src 'self'") && headers['content-security-policy'].includes("frame-ancestors 'none'"),
        `CSP header: ${headers['content-security-policy']}`);
      check(headers['x-content-type-options'] === 'nosniff', 'no X-Content-Type-Options: nosniff');
      check(headers['referrer-policy'] === 'no-referrer', 'no Referrer-Policy: no-referrer');
      await page.waitForSelector('[data-testid=sign-in-form]');
    });

    await run('a wrong password is refused on the page', async () => {
      await page.fill('[data-testid=sign-in-form] input[name=username]', 'admin');
      await page.fill('[data-testid=sign-in-form] input[name=password]', 'not-the-password');
      await page.click('[data-testid=sign-in-form] button[type=submit]');
      await page.waitForSelector('.sign-in [role=alert]:not([hidden])');
    });

    await run('admin signs in and the token stays in sessionStorage', async () => {
      await signIn(page, 'admin', 'admin');
      await page.waitForSelector('[data-testid=overview-total]');
      const stored = await page.evaluate(() => ({session: sessionStorage.length, local: localStorage.length}));
      check(stored.session === 1 && stored.local === 0, `storage: ${JSON.stringify(stored)}`);
      for (const link of ['Dead letters', 'Schedules', 'Plugins', 'Workers', 'Incidents']) {
        check(await page.locator('#bar nav a', {hasText: link}).count() === 1, `admin's navigation lacks ${link}`);
      }
    });

    await run('admin finds the submitted task and opens its timeline', async () => {
      await page.click('#bar nav a:text("Tasks")');
      await page.selectOption('[data-testid=task-search] select[name=service]', 'system');
      await page.fill('[data-testid=task-search] input[name=action]', 'noop');
      await page.selectOption('[data-testid=task-search] select[name=status]', 'succeeded');
      await page.click('[data-testid=task-search] button[type=submit]');
      await page.click(`[data-testid=task-link]:text("${data.found}")`);
      await page.waitForSelector('[data-testid=timeline] li.final.succeeded');
      const steps = await page.locator('[data-testid=timeline] li strong').allTextContents();
      check(steps.join('|') === 'queued|attempt 1 started|succeeded', `timeline: ${JSON.stringify(steps)}`);
    });

    await run('a retried task shows each attempt, its error and its retry delay in order', async () => {
      const id = await submit({service: 'system', action: 'flaky', payload: {succeed_on_attempt: 3}});
      await taskIn(id, ['succeeded']);
      await page.goto(`${BASE_URL}/#/tasks/${id}`);
      await page.waitForSelector('[data-testid=timeline] li.final.succeeded');
      const steps = await page.locator('[data-testid=timeline] li strong').allTextContents();
      check(steps.join('|') === ['queued', 'attempt 1 started', 'attempt 1 failed, retrying', 'attempt 2 started',
        'attempt 2 failed, retrying', 'attempt 3 started', 'succeeded'].join('|'), `timeline: ${JSON.stringify(steps)}`);
      const details = await page.locator('[data-testid=timeline] li.error .detail').allTextContents();
      check(details.length === 2 && details.every((d) => /retry after [0-9.]+ m?s/.test(d)), `failed attempts: ${JSON.stringify(details)}`);
    });

    await run('admin finds a task by its idempotency key and submitter', async () => {
      await page.click('#bar nav a:text("Tasks")');
      await page.fill('[data-testid=task-search] input[name=idempotency_key]', data.key);
      await page.fill('[data-testid=task-search] input[name=submitted_by]', 'dev-admin');
      await page.click('[data-testid=task-search] button[type=submit]');
      await until('the keyed task alone', async () => {
        const ids = await page.locator('[data-testid=task-link]').allTextContents();
        return ids.length === 1 && ids[0] === data.keyed;
      });
    });

    await run('a dead task shows its error in the timeline and is replayed from dead letters', async () => {
      await page.goto(`${BASE_URL}/#/tasks/${data.dead}`);
      await page.waitForSelector('[data-testid=timeline] li.error');
      await page.waitForSelector('[data-testid=replay-task]');
      await page.click('#bar nav a:text("Dead letters")');
      const before = (await call('GET', `/api/v1/tasks/${data.dead}`)).body;
      await page.click(`[data-testid=replay-${data.dead}]`);
      await page.waitForSelector('.notice:text("replayed")');
      // system.fail fails again: replayed means one more attempt was granted and ran.
      await until('the replayed attempt', async () => {
        const task = (await call('GET', `/api/v1/tasks/${data.dead}`)).body;
        return task.max_attempts > before.max_attempts && task.errors.length > before.errors.length;
      });
      if (process.env.SCREENSHOT) {  // the README's picture: a timeline with two failed attempts
        await page.goto(`${BASE_URL}/#/tasks/${data.dead}`);
        await page.waitForSelector('[data-testid=timeline] li.final.dead');
        await page.screenshot({path: process.env.SCREENSHOT});
      }
    });

    await run('admin pauses a schedule', async () => {
      await page.click('#bar nav a:text("Schedules")');
      await page.click('[data-testid=pause-console_e2e]');
      await page.waitForSelector('[data-testid=resume-console_e2e]');
      const schedule = (await call('GET', '/system/tasks/console_e2e')).body;
      check(schedule.enabled === false, `schedule after pause: ${JSON.stringify(schedule)}`);
    });

    await run('admin cancels a delayed task from its page', async () => {
      const id = await submit({service: 'system', action: 'noop', payload: {}, delay_ms: 600000});
      await taskIn(id, ['scheduled']);
      await page.goto(`${BASE_URL}/#/tasks/${id}`);
      await page.click('[data-testid=cancel-task]');
      await page.waitForSelector('[data-testid=timeline] li.final.cancelled');
      check((await call('GET', `/api/v1/tasks/${id}`)).body.status === 'cancelled', 'the task is not cancelled');
    });

    await run('every other admin page renders its data without an error', async () => {
      for (const [hash, table] of [['#/services', 'services'], ['#/workers', 'workers'], ['#/plugins', 'plugins'], ['#/incidents', 'incidents']]) {
        await page.goto(`${BASE_URL}/${hash}`);
        await page.waitForSelector(`[data-testid=${table}]`);
        check(await page.locator('main [role=alert]').count() === 0, `${hash} shows an error`);
      }
      // The stack's worker is listed with its pid (the third cell; an empty table has one).
      await page.goto(`${BASE_URL}/#/workers`);
      const pid = await page.locator('[data-testid=workers] tbody tr td:nth-child(3)').first().textContent();
      check(/^[0-9]+$/.test(pid), `the worker's pid cell: ${pid}`);
    });

    await run('a task page follows its task to the final state without a reload', async () => {
      const id = await submit({service: 'system', action: 'sleep', payload: {ms: 3000}});
      await page.goto(`${BASE_URL}/#/tasks/${id}`);
      await page.evaluate(() => { window.notReloaded = true; });
      await page.waitForSelector('[data-testid=timeline] li.pending');  // seen before its end
      await page.waitForSelector('[data-testid=timeline] li.final.succeeded', {timeout: 30000});
      check(await page.evaluate(() => window.notReloaded === true), 'the page was reloaded');
      if (process.env.LIVE_STREAM === 'required') {
        check(streamRequests.length > 0, 'the page never opened the event stream');
      }
    });

    await run('the overview counts a new task without a reload', async () => {
      await page.click('#bar a.brand');
      const total = page.locator('[data-testid=overview-total]');
      const before = Number(await total.textContent());
      await page.evaluate(() => { window.notReloaded = true; });
      await submit({service: 'system', action: 'noop', payload: {}});
      await until('the overview to count it', async () => Number(await total.textContent()) > before);
      check(await page.evaluate(() => window.notReloaded === true), 'the page was reloaded');
    });

    await run("the overview shows the last hour's rate, failure rate and minutes as the API counts them", async () => {
      const hour = (await call('GET', '/api/v1/tasks/throughput?minutes=60')).body;
      check(hour.totals.succeeded > 0 && hour.totals.dead > 0, `the hour so far: ${JSON.stringify(hour.totals)}`);
      const rate = Number(await page.locator('[data-testid=overview-hour-rate]').textContent());
      check(rate > 0, `last hour's tasks/s on the page: ${rate}`);
      // Nothing else runs: the page shows what the API answers (the page may have refreshed since).
      await until('the failure rate as the API has it', async () => {
        const now = (await call('GET', '/api/v1/tasks/throughput?minutes=60')).body;
        const shown = await page.locator('[data-testid=overview-failure-rate]').textContent();
        return shown === `${(now.failure_rate * 100).toFixed(1)} %`;
      });
      check(await page.locator('[data-testid=overview-minutes] rect.ended').count() > 0, 'no minute bar');
      check(await page.locator('[data-testid=overview-minutes] rect.failed').count() > 0, 'no failed part in the minute bars');
    });

    await run('a plain user sees no admin pages or buttons', async () => {
      await page.click('[data-testid=sign-out]');
      await page.waitForSelector('[data-testid=sign-in-form]');
      check(await page.evaluate(() => sessionStorage.length) === 0, 'sign-out left the credential behind');
      await signIn(page, data.user.email, data.user.password);
      const links = await page.locator('#bar nav a').allTextContents();
      // Role user reads tasks, services and (IMAS) incidents; nothing of an admin's.
      check(links.includes('Tasks') && !links.some((l) => ['Dead letters', 'Schedules', 'Plugins', 'Workers'].includes(l)),
        `plain user's navigation: ${JSON.stringify(links)}`);
      // The user's own dead task: readable, but no Replay button (no dead_letters:replay).
      const login = await call('POST', '/auth/login', {username: data.user.email, password: data.user.password}, {'Content-Type': 'application/json'});
      const own = await submit({service: 'system', action: 'fail', payload: {}, max_attempts: 1},
        {Authorization: `Bearer ${login.body.access_token}`, 'Content-Type': 'application/json'});
      await taskIn(own, ['dead']);
      await page.goto(`${BASE_URL}/#/tasks/${own}`);
      await page.waitForSelector('[data-testid=timeline] li.final.dead');
      check(await page.locator('[data-testid=replay-task]').count() === 0, 'a plain user sees Replay');
      for (const hash of ['#/schedules', '#/dead-letters', '#/plugins', '#/workers']) {
        await page.goto(`${BASE_URL}/${hash}`);
        await page.waitForSelector('main p:text("may not see this page")');
        check(await page.locator('main button').count() === 0, `a plain user sees buttons on ${hash}`);
      }
    });

    await run('no Content-Security-Policy violation was reported', async () => {
      const reported = await page.evaluate(() => window.cspViolations);
      const all = [...reported, ...violations];
      check(all.length === 0, `${all.length} violations, the first: ${JSON.stringify(all.slice(0, 3))}`);
    });
  });
}

runMain(main);
