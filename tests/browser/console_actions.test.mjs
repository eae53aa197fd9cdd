// The console's action buttons in a real browser (playwright-core driving Debian's
// chromium, headless) against the running stack that
// tests/e2e/console/console_e2etest.cpp starts: a plugin disabled, enabled and
// reloaded; an incident acknowledged then resolved; a paused schedule resumed and
// run now; signing in with a pasted API key; a plain user's buttons. Every click
// is checked on the page and through the REST API. Each step prints "ok <step>";
// the first failure prints its error, saves a screenshot into ARTIFACT_DIR and
// exits 1.
//   BASE_URL, ARTIFACT_DIR, CHROMIUM  as for console_steps.mjs
//   PLUGINS_DIR   the stack's plugin folder (a reload re-reads the manifest there)
import {readFileSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {fileURLToPath} from 'node:url';
import {BASE_URL, call, check, openPage, runMain, runSteps, signIn, submit, taskIn, until} from './console_steps.mjs';

const PLUGINS_DIR = process.env.PLUGINS_DIR;
const PLUGIN = 'hello_exec';
const PLUGIN_SOURCE = fileURLToPath(new URL('../../config/plugins/hello_exec', import.meta.url));
const SCHEDULE = 'console_actions';
// A button's effect must show before the page's own polling (5 s for incidents
// and schedules, 10 s for plugins) could bring it: the button refreshes the page.
// The next button must be clickable as soon: its notice (6 s) must not cover it.
const AT_ONCE_MS = 4000;
const AT_ONCE = {timeout: AT_ONCE_MS};

// What the API holds before the browser starts: the example plugin installed, an
// incident catalog service with two open incidents, a paused schedule, a client
// API key and a plain user.
async function prepare() {
  const marker = Date.now();
  const installed = await call('POST', '/system/plugins', {name: PLUGIN, source: PLUGIN_SOURCE});
  check(installed.status === 201, `installing ${PLUGIN} answered ${installed.status}: ${JSON.stringify(installed.body)}`);
  const service = await call('POST', '/api/v1/services/', {name: `console-actions-${marker}`});
  check(service.status === 201, `creating the catalog service answered ${service.status}: ${JSON.stringify(service.body)}`);
  const incident = async (title, severity) => {
    const created = await call('POST', '/api/v1/incidents/', {title, service: service.body.id, severity});
    check(created.status === 201, `creating an incident answered ${created.status}: ${JSON.stringify(created.body)}`);
    return created.body;
  };
  const worked = await incident(`Console worked ${marker}`, 'SEV2_HIGH');
  const left = await incident(`Console left open ${marker}`, 'SEV3_MEDIUM');
  const schedule = await call('POST', '/system/tasks', {id: SCHEDULE, name: 'Console actions', type: 'interval',
    interval: {hours: 1}, service: 'system', action: 'noop', payload: {}, enabled: false});
  check(schedule.status === 201, `creating the paused schedule answered ${schedule.status}: ${JSON.stringify(schedule.body)}`);
  const key = await call('POST', '/admin/api-keys', {name: `console-key-${marker}`, role: 'client', client: 'console'});
  check(key.status === 201 && key.body.key, `creating the API key answered ${key.status}`);
  const user = {email: `plain-actions-${marker}@example.com`, password: 'SecurePassword123!'};
  const registered = await call('POST', '/auth/register', {...user, full_name: 'Plain User'}, {'Content-Type': 'application/json'});
  check(registered.status === 201, `registering the plain user answered ${registered.status}`);
  return {worked, left, key: key.body, user};
}

// Opens a page from the navigation once it is live: a page refreshes once when
// its event stream opens (for what happened before it listened), so the test
// waits for that second read of its list; what the page shows after a click is
// then the click's doing.
async function openLive(page, link, listPath) {
  let reads = 0;
  const refreshed = page.waitForResponse((response) => new URL(response.url()).pathname === listPath && ++reads === 2);
  await page.click(`#bar nav a:text("${link}")`);
  await refreshed;
}

const plugin = async () => (await call('GET', `/system/plugins/${PLUGIN}`)).body;
const incident = async (id) => (await call('GET', `/api/v1/incidents/${id}/`)).body;
const pluginRow = (page) => page.locator('[data-testid=plugins] tbody tr', {hasText: PLUGIN});
const incidentRow = (page, title) => page.locator('[data-testid=incidents] tbody tr', {hasText: title});

async function main() {
  const data = await prepare();
  const {browser, page} = await openPage();
  await runSteps(browser, page, async (run) => {
    await run('admin signs in', async () => {
      await signIn(page, 'admin', 'admin');
      await page.waitForSelector('[data-testid=overview-total]');
    });

    await run('admin disables, enables and reloads a plugin', async () => {
      await openLive(page, 'Plugins', '/system/plugins');
      await pluginRow(page).locator('.badge:text-is("active")').waitFor();
      await page.evaluate(() => { window.notReloaded = true; });

      await page.click(`[data-testid=disable-${PLUGIN}]`);
      await page.waitForSelector(`[data-testid=enable-${PLUGIN}]`, AT_ONCE);
      await pluginRow(page).locator('.badge:text-is("disabled")').waitFor(AT_ONCE);
      check((await plugin()).active === false, 'REST: the plugin is still active after Disable');
      const refused = await call('POST', '/hello/greet', {name: 'Ada'});
      check(refused.status === 409, `a disabled plugin's route answered ${refused.status}`);

      await page.click(`[data-testid=enable-${PLUGIN}]`, AT_ONCE);
      await page.waitForSelector(`[data-testid=disable-${PLUGIN}]`, AT_ONCE);
      await pluginRow(page).locator('.badge:text-is("active")').waitFor(AT_ONCE);
      check((await plugin()).active === true, 'REST: the plugin is not active after Enable');

      // A reload re-reads the installed manifest: a new version shows on the page.
      const before = await plugin();
      const manifest = join(PLUGINS_DIR, PLUGIN, 'plugin.yaml');
      writeFileSync(manifest, readFileSync(manifest, 'utf8').replace(/^version: .*$/m, 'version: 1.0.1'));
      await page.click(`[data-testid=reload-${PLUGIN}]`, AT_ONCE);
      await pluginRow(page).locator('td:text-is("1.0.1")').waitFor(AT_ONCE);
      const after = await plugin();
      check(after.version === '1.0.1' && after.generation === before.generation + 1 && after.last_reload !== null,
        `REST after Reload: ${JSON.stringify({version: after.version, generation: after.generation, last_reload: after.last_reload})}`);
      check(await page.evaluate(() => window.notReloaded === true), 'the page was reloaded');
    });

    await run('admin acknowledges, then resolves an incident shown under its severity', async () => {
      await openLive(page, 'Incidents', '/api/v1/incidents/');
      const row = incidentRow(page, data.worked.title);
      await row.waitFor();
      check(await row.locator('td').first().textContent() === 'SEV2_HIGH', `severity cell: ${await row.locator('td').first().textContent()}`);
      check(await row.locator('td').nth(2).textContent() === 'TRIGGERED', `status cell: ${await row.locator('td').nth(2).textContent()}`);
      // Most severe first: the SEV2 incident is listed before the SEV3 one.
      const titles = await page.locator('[data-testid=incidents] tbody tr td:nth-child(2)').allTextContents();
      check(titles.indexOf(data.worked.title) < titles.indexOf(data.left.title), `order: ${JSON.stringify(titles)}`);

      await page.click(`[data-testid=acknowledge-${data.worked.id}]`);
      await row.locator('td:nth-child(3) .badge:text-is("ACKNOWLEDGED")').waitFor(AT_ONCE);
      check(await page.locator(`[data-testid=acknowledge-${data.worked.id}]`).count() === 0, 'Acknowledge is still offered');
      const acknowledged = await incident(data.worked.id);
      check(acknowledged.status === 'ACKNOWLEDGED' && acknowledged.acknowledged_by?.username === 'admin',
        `REST after Acknowledge: ${acknowledged.status}, by ${JSON.stringify(acknowledged.acknowledged_by)}`);

      await page.click(`[data-testid=resolve-${data.worked.id}]`, AT_ONCE);
      await row.waitFor({state: 'detached', timeout: AT_ONCE_MS});  // the page lists open incidents only
      const resolved = await incident(data.worked.id);
      check(resolved.status === 'RESOLVED' && resolved.resolved_at, `REST after Resolve: ${resolved.status}`);
      check(await incidentRow(page, data.left.title).count() === 1, 'the other open incident left the page');
    });

    await run('admin resumes a paused schedule and runs it now', async () => {
      await openLive(page, 'Schedules', '/system/tasks');
      const row = page.locator('[data-testid=schedules] tbody tr', {hasText: SCHEDULE});
      await row.locator('.badge:text-is("paused")').waitFor();
      await page.click(`[data-testid=resume-${SCHEDULE}]`);
      await page.waitForSelector(`[data-testid=pause-${SCHEDULE}]`, AT_ONCE);
      check((await call('GET', `/system/tasks/${SCHEDULE}`)).body.enabled === true, 'REST: the schedule is still paused');

      const since = new Date().toISOString();
      await page.click(`[data-testid=run-${SCHEDULE}]`, AT_ONCE);
      await page.waitForSelector('.notice:text("run now done")', AT_ONCE);
      // The schedule's tasks are the ledger's rows submitted by schedule:<id>.
      const ran = await until('the schedule\'s task in the ledger', async () => {
        const list = (await call('GET', `/api/v1/tasks?service=system&action=noop&since=${since}`)).body;
        const mine = list.items.filter((task) => task.submitted_by === `schedule:${SCHEDULE}`);
        check(mine.length <= 1, `Run now submitted ${mine.length} tasks`);
        return mine[0];
      });
      await taskIn(ran.id, ['succeeded']);
      await row.locator('td:text("1 ok")').waitFor();  // the page counts the run (live or polled)
    });

    await run('a pasted API key signs in, shows its pages and stays out of localStorage', async () => {
      await page.click('[data-testid=sign-out]');
      await page.waitForSelector('[data-testid=api-key-form]');
      await page.fill('[data-testid=api-key-form] input[name=api_key]', data.key.key);
      await page.click('[data-testid=api-key-form] button[type=submit]');
      await page.waitForSelector('[data-testid=caller]');
      const links = await page.locator('#bar nav a').allTextContents();
      // A client key holds tasks:* and services:read, nothing of an admin's nor incidents.
      check(JSON.stringify(links) === JSON.stringify(['Overview', 'Tasks', 'Services']), `the key's navigation: ${JSON.stringify(links)}`);
      const own = await submit({service: 'system', action: 'noop', payload: {}},
        {Authorization: `Bearer ${data.key.key}`, 'Content-Type': 'application/json'});
      await taskIn(own, ['succeeded']);
      await page.click('#bar nav a:text("Tasks")');
      await page.click('[data-testid=task-search] button[type=submit]');
      await page.waitForSelector(`[data-testid=task-link]:text("${own}")`);
      for (const hash of ['#/incidents', '#/plugins', '#/schedules']) {
        await page.goto(`${BASE_URL}/${hash}`);
        await page.waitForSelector('main p:text("may not see this page")');
        check(await page.locator('main button').count() === 0, `the client key sees buttons on ${hash}`);
      }
      const stored = await page.evaluate(() => ({
        local: Object.keys(localStorage).map((name) => localStorage.getItem(name)),
        session: Object.keys(sessionStorage).map((name) => sessionStorage.getItem(name)),
        cookie: document.cookie,
        url: location.href,
      }));
      check(stored.local.length === 0, `localStorage holds ${stored.local.length} items`);
      check(stored.session.length === 1 && stored.session[0].includes(data.key.key), 'the key is not in sessionStorage');
      check(!stored.cookie.includes(data.key.key) && !stored.url.includes(data.key.key), 'the key is in a cookie or the URL');
    });

    await run('a plain user has no plugin or schedule buttons; incident buttons as its role allows', async () => {
      await page.click('[data-testid=sign-out]');
      await signIn(page, data.user.email, data.user.password);
      for (const hash of ['#/plugins', '#/schedules']) {
        await page.goto(`${BASE_URL}/${hash}`);
        await page.waitForSelector('main p:text("may not see this page")');
        check(await page.locator('main button').count() === 0, `a plain user sees buttons on ${hash}`);
      }
      // Role user holds incidents:write (migration 0016: registered users work
      // incidents, as IMAS has it), so the incident buttons are the API's answer too.
      const login = (await call('POST', '/auth/login', {username: data.user.email, password: data.user.password}, {'Content-Type': 'application/json'})).body;
      const me = (await call('GET', '/auth/me', undefined, {Authorization: `Bearer ${login.access_token}`})).body;
      check(me.permissions.includes('incidents:write'), `the plain user's permissions: ${JSON.stringify(me.permissions)}`);
      await page.goto(`${BASE_URL}/#/incidents`);
      const row = incidentRow(page, data.left.title);
      await row.waitFor();
      const offered = await row.locator('button').allTextContents();
      check(JSON.stringify(offered) === JSON.stringify(['Acknowledge', 'Resolve']), `a plain user is offered ${JSON.stringify(offered)}`);
    });
  });
}

runMain(main);
