// Time to first render of the review queue with a big store: starts a real `crosscheck serve`,
// posts a simulated world's applications.csv in 10,000-row CSV bodies (streamed: a world of 1M
// applications is larger than a JavaScript string may be), waits for the background resolution,
// then opens the queue in Debian's headless Chromium as a fresh document load, `--runs` times.
// Prints one JSON line of figures; docs/PERFORMANCE.md quotes them.
//
//   build/crosscheck simulate --people 190000 --out W      # about 1,000,000 applications
//   node ui/tests/queue_bench.mjs build/crosscheck W/applications.csv [--runs 5]
import { createReadStream, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { TOKENS, call, children, configure, freshLoad, shown, signedInPage, startNode, waitResolved } from './harness.mjs';

const [binary, worldCsv, ...rest] = process.argv.slice(2);
const option = (name, fallback) => (rest.includes(name) ? rest[rest.indexOf(name) + 1] : fallback);
if (!binary || !worldCsv) {
  console.error('usage: node queue_bench.mjs CROSSCHECK_BINARY applications.csv [--runs N]');
  process.exit(2);
}
const runs = Number(option('--runs', '5'));
const CHUNK = 10000;

// chunksOf yields the CSV's header and then bodies of CHUNK records (a quoted field may hold
// newlines: a record ends where its quotes balance).
async function* chunksOf(path) {
  const lines = createInterface({ input: createReadStream(path, { encoding: 'utf8' }), crlfDelay: Infinity });
  let header = null;
  let record = '';
  let body = [];
  for await (const line of lines) {
    record = record ? `${record}\n${line}` : line;
    if ((record.match(/"/g)?.length ?? 0) % 2 !== 0) continue;
    if (header === null) header = record;
    else body.push(record);
    record = '';
    if (body.length === CHUNK) {
      yield `${header}\n${body.join('\n')}\n`;
      body = [];
    }
  }
  if (body.length) yield `${header}\n${body.join('\n')}\n`;
}

async function load(base) {
  const started = performance.now();
  let stored = 0;
  for await (const body of chunksOf(worldCsv)) {
    const posted = await call(base, TOKENS.ingest, '/v1/applications', { method: 'POST', body, type: 'text/csv' });
    if (posted.status !== 200) throw new Error(`post after ${stored} applications: ${posted.status} ${JSON.stringify(posted.json)?.slice(0, 300)}`);
    stored += posted.json.results.length;
    if (stored % 100000 < CHUNK) console.error(`# ${stored} applications stored (${Math.round((performance.now() - started) / 1000)} s)`);
  }
  const posted = performance.now();
  await waitResolved(base, 3600);
  return { stored, load_s: (posted - started) / 1000, resolve_after_last_post_s: (performance.now() - posted) / 1000 };
}

async function timeQueue(base) {
  const { browser, page } = await signedInPage(base);
  try {
    const figures = [];
    for (let run = 0; run < runs; run += 1) {
      await freshLoad(page, base + '/#/queue?min_level=low');
      const render = await shown(page, 'queue');
      const api = await page.evaluate(() => performance.getEntriesByType('resource').find((entry) => entry.name.includes('/v1/queue'))?.duration);
      figures.push({ first_render_ms: Math.round(render.at), route_ms: Math.round(render.ms), queue_api_ms: Math.round(api ?? -1) });
    }
    const total = Number((await page.locator('#queue-range').textContent()).split(' of ')[1]);
    return { queue_total: total, runs: figures };
  } finally {
    await browser.close();
  }
}

configure({ binary, screenshots: null });
const dir = mkdtempSync(join(tmpdir(), 'crosscheck-queue-bench-'));
try {
  const node = await startNode(join(dir, 'node'));
  const loaded = await load(node.base);
  console.log(JSON.stringify({ ...loaded, ...(await timeQueue(node.base)) }));
} finally {
  for (const child of children) child.kill('SIGTERM');
  rmSync(dir, { recursive: true, force: true });
}
