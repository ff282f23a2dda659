// Browser test of the reviewers' web UI, run by ctest (ui/browser): starts a real
// `crosscheck serve` on a free loopback port with a temporary store and tokens, posts the ring of
// examples/applications.csv, a hostile row and a 250-person farm, then drives Debian's headless
// Chromium (playwright-core) through sign-in, the queue, an application, a decision, the network
// pages and sign-out, checking that applicant-provided strings render as text only.
//
//   node ui/tests/ui_test.mjs build/crosscheck [--screenshots DIR] [--timings FILE] [--farm N]
//       [--world applications.csv]   (also times the queue on a node holding that world)
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const here = dirname(fileURLToPath(import.meta.url));
const repo = join(here, '..', '..');
const args = process.argv.slice(2);
const binary = args[0];
const option = (name, fallback) => (args.includes(name) ? args[args.indexOf(name) + 1] : fallback);
const screenshots = option('--screenshots', null);
const timingsFile = option('--timings', null);
const farmSize = Number(option('--farm', '250'));
const worldCsv = option('--world', null);
const chromiumPath = process.env.CROSSCHECK_CHROMIUM ?? '/usr/bin/chromium';
if (!binary) {
  console.error('usage: node ui_test.mjs CROSSCHECK_BINARY [--screenshots DIR] [--timings FILE] [--farm N]');
  process.exit(2);
}

const TOKENS = { ingest: 'ui-ingest-token', reviewer: 'ui-review-token', admin: 'ui-admin-token' };
const HOSTILE_NAME = '<img src=x onerror=window.__pwned=1>';
const HOSTILE_ID = 'evil-<i>1';
let passed = 0;
const children = []; // the crosscheck serve processes, stopped at the end or on the time guard
function check(condition, message) {
  if (!condition) throw new Error(`check failed: ${message}`);
  passed += 1;
  console.log(`ok ${passed} - ${message}`);
}

// csvField quotes a CSV field (RFC 4180).
const csvField = (value) => (/[",\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value);

// hostileCsv: a new name on the Walker ring's payout account and device (so it is flagged and in
// the ring's network), with markup in its name, resume and id.
function hostileCsv() {
  const header = 'application_id,company_id,submitted_at,full_name,email,phone,country,resume_text,payout_account,device_id';
  const row = [HOSTILE_ID, 'hooli', '2025-03-12T10:00:00Z', HOSTILE_NAME, 'pike.dev@example.org', '(512) 555-0177', 'US',
    '<script>window.__pwned=2</script><b>bold</b>', 'US-CHASE-000111222', 'dev-7f3a'];
  return `${header}\n${row.map(csvField).join(',')}\n`;
}

// farmCsv: a laptop farm of `people` personas, each applying 4 times under different names with
// one shared mailbox (so the linker makes 4 applications one persona); across personas, groups of
// 4 applications share a phone, a shipping address, a payout account, a device, a national id, a
// GitHub and a LinkedIn handle, an IP and a photo, each kind grouped differently so that the
// evidence ties everyone into one network (critical, its 300 strongest ties listed).
function farmCsv(people) {
  const size = people * 4;
  const first = ['Alex', 'Sam', 'Chris', 'Jordan', 'Taylor', 'Morgan', 'Casey', 'Riley', 'Jamie', 'Drew', 'Avery', 'Quinn'];
  const last = ['Reed', 'Hale', 'Stone', 'Park', 'Lane', 'Cole', 'Ward', 'Fox', 'Gray', 'Moss', 'Nash', 'Price', 'Vance'];
  const strides = [1, 7, 11, 13, 17, 19, 23, 29, 31, 37];
  const group = (kind, index) => Math.floor(((index * strides[kind] + kind * 5) % size) / 4);
  const pad = (number) => String(1000 + number).padStart(4, '0');
  const rows = ['application_id,company_id,submitted_at,full_name,email,phone,country,shipping_address,payout_account,device_id,national_id,github,linkedin,ip_address,photo_hash'];
  for (let index = 0; index < size; index += 1) {
    rows.push([`farm-${index}`, `co-${index}`, '2025-04-01T10:00:00Z', `${first[index % 12]} ${last[Math.floor(index / 12) % 13]} ${index}`,
      `farm.box.${group(0, index)}@example.org`, `+1 206 555 ${pad(group(1, index))}`, 'US', `${100 + group(2, index)} Depot Rd, Tacoma, WA 98402`,
      `US-FARM-${group(3, index)}`, `dev-farm-${group(4, index)}`, `900-00-${pad(group(5, index))}`, `farmdev${group(6, index)}`,
      `linkedin.com/in/farm-${group(7, index)}`, `203.0.113.${group(8, index) % 250}`, (0xa1b2c3d4e5f60000n + BigInt(group(9, index)) * 0x1111n).toString(16),
    ].map(csvField).join(','));
  }
  return rows.join('\n') + '\n';
}

// csvRecords splits CSV text into records (a quoted field may hold newlines).
function csvRecords(text) {
  const records = [];
  let record = '';
  for (const line of text.trimEnd().split('\n')) {
    record = record ? `${record}\n${line}` : line;
    if ((record.match(/"/g)?.length ?? 0) % 2 === 0) {
      records.push(record);
      record = '';
    }
  }
  return records;
}

// startNode starts `crosscheck serve` with a fresh store in DIR/data; resolves to its base URL.
async function startNode(dir) {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'tokens.csv'), 'name,role,token_sha256\n' + [['ats-bot', 'ingest'], ['rita', 'reviewer'], ['ada', 'admin']]
    .map(([name, role]) => `${name},${role},${createHash('sha256').update(TOKENS[role]).digest('hex')}`).join('\n') + '\n');
  mkdirSync(join(dir, 'data'));  // the store
  const child = spawn(binary, ['serve', '--data', join(dir, 'data'), '--listen', '127.0.0.1:0', '--tokens', join(dir, 'tokens.csv')], { stdio: ['ignore', 'pipe', 'inherit'] });
  const base = await new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (chunk) => {
      out += chunk;
      const match = out.match(/serving (http:\/\/127\.0\.0\.1:\d+)/);
      if (match) resolve(match[1]);
    });
    child.on('exit', (code) => reject(new Error(`crosscheck serve exited with ${code}: ${out}`)));
  });
  return { child, base };
}

async function call(base, token, path, { method = 'GET', body, type } = {}) {
  const response = await fetch(base + path, { method, body, headers: { Authorization: `Bearer ${token}`, ...(type ? { 'Content-Type': type } : {}) } });
  return { status: response.status, json: await response.json().catch(() => null) };
}

async function waitResolved(base, seconds = 60) {
  for (let attempt = 0; attempt < seconds * 10; attempt += 1) {
    const health = await (await fetch(base + '/healthz')).json();
    if (!health.resolving && health.provisional === 0) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`the node did not finish resolving in ${seconds} s`);
}

async function shot(page, name) {
  if (!screenshots) return;
  mkdirSync(screenshots, { recursive: true });
  await page.screenshot({ path: join(screenshots, `${name}.png`) });
}

// rerendered runs `action` (a click, a choice) and waits until the router has rendered `name`
// again after it: a check must never read the page the action replaces.
async function rerendered(page, name, action) {
  const before = await page.evaluate(() => window.__crosscheckRender?.seq ?? 0);
  await action();
  await page.waitForFunction(([wanted, seq]) => window.__crosscheckRender?.page === wanted && window.__crosscheckRender.seq > seq, [name, before], { timeout: 15000 });
}

// freshLoad opens `url` as a new document (a hash-only change would stay in the old one, and
// its timings would count from the old navigation).
async function freshLoad(page, url) {
  await page.goto(url);
  await page.reload();
}

// shown waits until the router has rendered `page` and returns its timings.
async function shown(page, name) {
  await page.waitForFunction((wanted) => document.body.dataset.page === wanted && window.__crosscheckRender?.page === wanted, name, { timeout: 15000 });
  return page.evaluate(() => window.__crosscheckRender);
}

async function run() {
  const dir = mkdtempSync(join(tmpdir(), 'crosscheck-ui-'));
  const { child, base } = await startNode(join(dir, 'ring'));
  children.push(child);
  let browser;
  const timings = {};
  try {
    const ring = readFileSync(join(repo, 'examples', 'applications.csv'), 'utf8');
    for (const csv of [ring, hostileCsv()]) {
      const posted = await call(base, TOKENS.ingest, '/v1/applications', { method: 'POST', body: csv, type: 'text/csv' });
      check(posted.status === 200, `posted ${posted.json?.results?.length} applications`);
    }
    await waitResolved(base);
    const hostile = await call(base, TOKENS.admin, `/v1/applications/${encodeURIComponent(HOSTILE_ID)}`);
    check(['high', 'critical'].includes(hostile.json.level), `the hostile row is flagged (${hostile.json.level})`);
    // The farm goes to a node of its own: its hundreds of shared payout accounts and devices
    // would make those kinds look common in the ring's store (the store's statistics weigh them).
    const farmNode = await startNode(join(dir, 'farm'));
    children.push(farmNode.child);
    const farmBase = farmNode.base;
    const farmPosted = await call(farmBase, TOKENS.ingest, '/v1/applications', { method: 'POST', body: farmCsv(farmSize), type: 'text/csv' });
    check(farmPosted.status === 200, `posted a farm of ${farmPosted.json?.results?.length} applications`);
    await waitResolved(farmBase);
    const farm = await call(farmBase, TOKENS.admin, '/v1/applications/farm-0');
    const farmNetwork = await call(farmBase, TOKENS.admin, `/v1/networks/${farm.json.network_id}`);
    const farmPeople = new Set(farmNetwork.json.applications.map((application) => application.persona_id)).size;
    check(farmNetwork.json.flagged && farmPeople >= farmSize * 0.9, `the farm is one flagged network of ${farmPeople} people`);

    browser = await chromium.launch({
      executablePath: chromiumPath,
      args: [...(process.getuid?.() === 0 ? ['--no-sandbox'] : []), '--disable-gpu', '--disable-dev-shm-usage'],
    });
    const context = await browser.newContext({ viewport: { width: 1280, height: 860 } });
    const page = await context.newPage();
    const problems = [];
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    page.on('console', (message) => {
      // Refusals the test provokes (401 before sign-in, 403 for the ingest token) are logged by Chromium.
      if (message.type() === 'error' && !message.text().startsWith('Failed to load resource')) problems.push(`console: ${message.text()}`);
    });

    // Sign-in: an ingest token is refused, a reviewer's signs in (by keyboard: type, Enter).
    await page.goto(base + '/');
    await shown(page, 'signin');
    check(await page.evaluate(() => document.activeElement?.id === 'token'), 'the token field has the focus');
    check((await page.getByLabel('Reviewer token').count()) === 1, 'the token field is labelled');
    await shot(page, 'signin');
    await page.keyboard.type(TOKENS.ingest);
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.getElementById('signin-error')?.textContent.includes('Refused'));
    check(true, 'an ingest token cannot open the UI');
    const cookiesBefore = await context.cookies();
    check(cookiesBefore.length === 0, 'no cookie after a refused sign-in');
    await page.fill('#token', TOKENS.reviewer);
    await page.keyboard.press('Enter');
    const queueRender = await shown(page, 'queue');
    const [cookie] = await context.cookies();
    check(cookie?.name === 'crosscheck_session' && cookie.httpOnly && cookie.sameSite === 'Strict', 'an HttpOnly SameSite=Strict session cookie');
    check(await page.evaluate(() => !document.cookie.includes('crosscheck_session')), 'scripts cannot read the session cookie');

    // The queue: most severe first, reasons in words, filter, paging.
    const rows = page.locator('table.queue tbody tr');
    check((await rows.count()) >= 5, `the queue lists the ring (${await rows.count()} rows)`);
    const levels = await page.locator('table.queue tbody .level').allTextContents();
    check(levels[0] === 'critical', 'most severe first');
    check((await page.locator('#queue-range').textContent()).includes('of'), `range shown: ${await page.locator('#queue-range').textContent()}`);
    check((await page.locator('table.queue').textContent()).includes('shared with other applicants'), 'reasons in plain language');
    await shot(page, 'queue');
    timings.queue_after_sign_in_ms = queueRender.ms;
    await rerendered(page, 'queue', () => page.selectOption('#min-level', 'critical'));
    const criticalLevels = await page.locator('table.queue tbody .level').allTextContents();
    check(criticalLevels.length > 0 && criticalLevels.every((level) => level === 'critical'), 'the level filter narrows the queue');
    await rerendered(page, 'queue', () => page.selectOption('#min-level', 'high'));

    // The hostile application: markup renders as text; nothing runs.
    await page.getByRole('link', { name: HOSTILE_ID, exact: true }).click();
    await shown(page, 'application');
    check((await page.locator('.applicant-name').textContent()) === HOSTILE_NAME, 'the hostile name is shown as text');
    check((await page.locator('dd.long').textContent()).includes('<script>'), 'the hostile resume is shown as text');
    check((await page.locator('img, script:not([src]), b').count()) === 0, 'no element was made from applicant data');
    check(await page.evaluate(() => window.__pwned === undefined), 'window.__pwned is unset');
    check((await page.locator('.reasons li').count()) > 0, 'reasons with evidence are listed');
    await shot(page, 'application');

    // A decision needs a note; recorded with who and when.
    await page.getByRole('button', { name: 'Record decision' }).click();
    await page.waitForFunction(() => document.getElementById('decision-message')?.textContent.includes('note'));
    check((await call(base, TOKENS.admin, `/v1/applications/${encodeURIComponent(HOSTILE_ID)}`)).json.decisions.length === 0, 'no decision without a note');
    await page.getByLabel('Confirm fraud').check();
    await page.getByLabel('Note (required)').fill('Same payout account and laptop as the Walker ring; confirmed with the hiring manager.');
    await page.getByRole('button', { name: 'Record decision' }).click();
    await page.waitForFunction(() => document.getElementById('decision-message')?.textContent === 'Decision recorded.');
    check((await page.locator('.decisions li.current').textContent()).includes('Confirmed fraud by rita'), 'the decision is shown with who');
    const stored = await call(base, TOKENS.admin, `/v1/applications/${encodeURIComponent(HOSTILE_ID)}`);
    check(stored.json.decisions.length === 1 && stored.json.decisions[0].who === 'rita' && stored.json.decisions[0].decision === 'confirmed_fraud', 'the decision is stored with who');
    await shot(page, 'application-decided');

    // The ring's network: a graph, a legend, a detail panel reached by keyboard.
    await page.click('#open-network');
    await shown(page, 'network');
    await page.waitForSelector('.graph[data-drawn="true"] canvas');
    check((await page.locator('.legend li').count()) > 0, `a legend of ${await page.locator('.legend li').count()} artifact kinds`);
    const hostileButton = page.locator('.people button', { hasText: '<img' });
    await hostileButton.focus();
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.querySelector('.detail-name')?.textContent.includes('<img'));
    check((await page.locator('.detail-name').textContent()).includes(HOSTILE_NAME), 'the detail panel shows the hostile name as text');
    check((await page.locator('img').count()) === 0 && (await page.evaluate(() => window.__pwned === undefined)), 'still nothing ran');
    await shot(page, 'network');

    // Sign out: the cookie no longer opens the queue.
    await page.getByRole('button', { name: 'Sign out' }).click();
    await shown(page, 'signin');
    check((await page.evaluate(async () => (await fetch('/v1/queue')).status)) === 401, 'the queue is refused after sign-out');
    await page.goto(base + '/#/queue');
    await shown(page, 'signin');
    check(true, 'opening the queue shows sign-in');
    // The farm's node: time to first render of the queue and of a network of a few hundred people,
    // each from a fresh page load (navigation start to the page in the DOM; for the network, to
    // the graph laid out and drawn).
    await page.goto(farmBase + '/');
    await shown(page, 'signin');
    await page.fill('#token', TOKENS.reviewer);
    await page.keyboard.press('Enter');
    await shown(page, 'queue');
    await freshLoad(page, farmBase + '/#/queue?min_level=low');
    await shown(page, 'queue');
    timings.queue_stored_applications = farmPosted.json.results.length;
    timings.queue_first_render_ms = await page.evaluate(() => window.__crosscheckRender.at);
    timings.queue_route_ms = (await page.evaluate(() => window.__crosscheckRender)).ms;
    check((await rows.count()) === 25, 'the queue shows a page of 25');
    await page.getByRole('link', { name: 'Next' }).click();
    await page.waitForFunction(() => document.getElementById('queue-range')?.textContent.startsWith('26–50'));
    check(true, 'the next page is 26–50');
    await freshLoad(page, `${farmBase}/#/network/${encodeURIComponent(farm.json.network_id)}`);
    await shown(page, 'network');
    // Up to 300 people are drawn (ui/src/pages/network.js MAX_DRAWN); more are shown as tables.
    const drawable = farmPeople <= 300;
    await page.waitForSelector(drawable ? '.graph[data-drawn="true"] canvas' : '#too-big', { timeout: 20000 });
    timings.network_first_render_ms = await page.evaluate(() => window.__crosscheckGraph?.paintedAt ?? performance.now());
    timings.network_people = farmPeople;
    timings.network_applications = farmNetwork.json.applications.length;
    timings.network_edges = farmNetwork.json.edges.length;
    timings.network_route_ms = (await page.evaluate(() => window.__crosscheckRender)).ms;
    timings.network_layout_ms = drawable ? await page.evaluate(() => window.__crosscheckGraph.ms) : 0;
    Object.assign(timings, await page.evaluate(() => {
      const resource = (part) => performance.getEntriesByType('resource').find((entry) => entry.name.includes(part));
      return {
        network_dom_content_loaded_ms: performance.getEntriesByType('navigation')[0]?.domContentLoadedEventEnd,
        network_json_fetch_ms: resource('/v1/networks/')?.duration,
        network_json_bytes: resource('/v1/networks/')?.transferSize,
      };
    }));
    const listed = await page.evaluate(() => document.querySelectorAll(window.__crosscheckGraph ? '.people li' : '.people-table tbody tr').length);
    check(listed === farmPeople, `all ${farmPeople} people listed ${drawable ? 'beside the graph' : 'in a table'}`);
    check(timings.network_first_render_ms < 15000, `the ${farmPeople}-person network rendered in ${Math.round(timings.network_first_render_ms)} ms`);
    await shot(page, 'network-large');
    // The same network as tables (what a network over 300 people gets, and a screen reader's view).
    if (drawable) {
      await page.click('#as-table');
      await page.waitForSelector('#too-big');
      check(await page.evaluate(() => document.querySelectorAll('.people-table tbody tr').length) === farmPeople, `all ${farmPeople} people in the table view`);
      await shot(page, 'network-table');
    }
    if (worldCsv) {
      // A bigger store for the queue's figure: a simulated world posted in 10,000-row bodies.
      const worldNode = await startNode(join(dir, 'world'));
      children.push(worldNode.child);
      const [header, ...lines] = csvRecords(readFileSync(worldCsv, 'utf8'));
      for (let start = 0; start < lines.length; start += 10000) {
        const posted = await call(worldNode.base, TOKENS.ingest, '/v1/applications', { method: 'POST', body: [header, ...lines.slice(start, start + 10000)].join('\n') + '\n', type: 'text/csv' });
        if (posted.status !== 200) throw new Error(`world post at row ${start}: ${posted.status}`);
      }
      await waitResolved(worldNode.base, 900);
      await page.goto(worldNode.base + '/');
      await shown(page, 'signin');
      await page.fill('#token', TOKENS.reviewer);
      await page.keyboard.press('Enter');
      await shown(page, 'queue');
      await freshLoad(page, worldNode.base + '/#/queue?min_level=low');
      await shown(page, 'queue');
      timings.world_stored_applications = lines.length;
      timings.world_queue_first_render_ms = await page.evaluate(() => window.__crosscheckRender.at);
      timings.world_queue_route_ms = (await page.evaluate(() => window.__crosscheckRender)).ms;
      timings.world_queue_total = Number((await page.locator('#queue-range').textContent()).split(' of ')[1]);
    }
    const audit = await call(base, TOKENS.admin, '/v1/audit?limit=1000');
    const lines = audit.json.rows.map((row) => `${row.who} ${row.action} ${row.detail}`);
    for (const wanted of ['ats-bot sign_in refused 403', 'rita sign_in ok', `rita read_application ${HOSTILE_ID}`, `rita decision ${HOSTILE_ID} confirmed_fraud`, 'rita read_network', 'rita sign_out ok']) {
      check(lines.some((line) => line.startsWith(wanted)), `audited: ${wanted}`);
    }
    check(problems.length === 0, `no page errors or console errors (${problems.join('; ')})`);
  } finally {
    console.log('timings ' + JSON.stringify(timings));
    await browser?.close();
    for (const node of children) node.kill('SIGTERM');
    rmSync(dir, { recursive: true, force: true });
  }
  if (timingsFile) writeFileSync(timingsFile, JSON.stringify(timings, null, 2) + '\n');
}

const guardSeconds = worldCsv ? 1800 : 120;
const guard = setTimeout(() => {
  console.error(`ui_test: timed out after ${guardSeconds} s`);
  for (const node of children) node.kill('SIGKILL');
  process.exit(1);
}, guardSeconds * 1000);
try {
  await run();
  console.log(`${passed} passed, 0 failed`);
  clearTimeout(guard);
} catch (error) {
  console.error(error.stack ?? String(error));
  console.log(`${passed} passed, 1 failed`);
  process.exit(1);
}
