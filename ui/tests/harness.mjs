// The browser test's harness: `crosscheck serve` nodes with a fresh store and known tokens, API
// calls with a bearer token, and waits on the web UI's router (window.__crosscheckRender) with
// generous timeouts, so that a busy 2-core machine slows the test down but does not fail it.
import { execFileSync, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

const settings = { binary: null, screenshots: null };

// configure names the crosscheck binary and the screenshots' directory (none: no screenshots).
export function configure({ binary, screenshots }) {
  settings.binary = binary;
  settings.screenshots = screenshots;
}

// passedCount is how many checks have passed.
export const passedCount = () => passed;

export const TOKENS = { ingest: 'ui-ingest-token', reviewer: 'ui-review-token', admin: 'ui-admin-token' };
let passed = 0;
export const children = []; // the crosscheck serve processes, stopped at the end or on the time guard
export function check(condition, message) {
  if (!condition) throw new Error(`check failed: ${message}`);
  passed += 1;
  console.log(`ok ${passed} - ${message}`);
}

// startNode starts `crosscheck serve` with a fresh store in DIR/data (and `extra` flags, such as
// a hub's); resolves to {child, base URL}. The process is stopped at the end (children).
export async function startNode(dir, extra = []) {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'tokens.csv'), 'name,role,token_sha256\n' + [['ats-bot', 'ingest'], ['rita', 'reviewer'], ['ada', 'admin']]
    .map(([name, role]) => `${name},${role},${sha256(TOKENS[role])}`).join('\n') + '\n');
  mkdirSync(join(dir, 'data'));  // the store
  return startServer(['serve', '--data', join(dir, 'data'), '--listen', '127.0.0.1:0', '--tokens', join(dir, 'tokens.csv'), ...extra], /serving (http:\/\/127\.0\.0\.1:\d+)/);
}

// startServer runs the crosscheck binary with `args` until it prints a line matching `serving`
// (its first group is the base URL); resolves to {child, base}.
export async function startServer(args, serving) {
  const child = spawn(settings.binary, args, { stdio: ['ignore', 'pipe', 'inherit'] });
  children.push(child);
  const base = await new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (chunk) => {
      out += chunk;
      const match = out.match(serving);
      if (match) resolve(match[1]);
    });
    child.on('exit', (code) => reject(new Error(`crosscheck ${args[0]} exited with ${code}: ${out}`)));
  });
  return { child, base };
}

// crosscheck runs a crosscheck command to its end; throws with its output if it fails.
export function crosscheck(...args) {
  return execFileSync(settings.binary, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

// sha256 is the hex SHA-256 of a token, as tokens and members files hold it.
export const sha256 = (text) => createHash('sha256').update(text).digest('hex');

export async function call(base, token, path, { method = 'GET', body, type } = {}) {
  const response = await fetch(base + path, { method, body, headers: { Authorization: `Bearer ${token}`, ...(type ? { 'Content-Type': type } : {}) } });
  return { status: response.status, json: await response.json().catch(() => null) };
}

export async function waitResolved(base, seconds = 60) {
  for (let attempt = 0; attempt < seconds * 10; attempt += 1) {
    const health = await (await fetch(base + '/healthz')).json();
    if (!health.resolving && health.provisional === 0) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`the node did not finish resolving in ${seconds} s`);
}

export async function shot(page, name) {
  if (!settings.screenshots) return;
  mkdirSync(settings.screenshots, { recursive: true });
  await page.screenshot({ path: join(settings.screenshots, `${name}.png`) });
}

// rerendered runs `action` (a click, a choice) and waits until the router has rendered `name`
// again after it: a check must never read the page the action replaces.
export async function rerendered(page, name, action) {
  const before = await page.evaluate(() => window.__crosscheckRender?.seq ?? 0);
  await action();
  await page.waitForFunction(([wanted, seq]) => window.__crosscheckRender?.page === wanted && window.__crosscheckRender.seq > seq, [name, before], { timeout: 30000 });
}

// freshLoad opens `url` as a new document (a hash-only change would stay in the old one, and
// its timings would count from the old navigation).
export async function freshLoad(page, url) {
  await page.goto(url);
  await page.reload();
}

// shown waits until the router has rendered `page` and returns its timings.
export async function shown(page, name) {
  await page.waitForFunction((wanted) => document.body.dataset.page === wanted && window.__crosscheckRender?.page === wanted, name, { timeout: 30000 });
  return page.evaluate(() => window.__crosscheckRender);
}

// signedInPage launches Debian's headless Chromium with a 1280×860 page and signs the reviewer in
// at `base` (`prepare(context)` runs first, e.g. to route requests); resolves to {browser, page}.
// The benches' start: the page shows the queue.
export async function signedInPage(base, prepare = async () => {}) {
  const browser = await chromium.launch({
    executablePath: process.env.CROSSCHECK_CHROMIUM ?? '/usr/bin/chromium',
    args: [...(process.getuid?.() === 0 ? ['--no-sandbox'] : []), '--disable-gpu', '--disable-dev-shm-usage'],
  });
  const context = await browser.newContext({ viewport: { width: 1280, height: 860 } });
  await prepare(context);
  const page = await context.newPage();
  await page.goto(base + '/');
  await shown(page, 'signin');
  await page.fill('#token', TOKENS.reviewer);
  await page.keyboard.press('Enter');
  await shown(page, 'queue');
  return { browser, page };
}
