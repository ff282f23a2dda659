// Time to first render of a generated 500-person network page (fixtures.mjs generatedNetwork, 600
// ties, served over loopback HTTP as the node would send it): starts a real `crosscheck serve`
// (for the UI and the session), signs in, then opens the page in Debian's headless Chromium as a
// fresh document load, `--runs` times. Prints one JSON line of figures (docs/PERFORMANCE.md);
// `--trace FILE` also records Chromium's performance timeline of the last run (chrome://tracing).
//
//   node ui/tests/network_bench.mjs build/crosscheck [--runs 5] [--trace trace.json]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { networkTimings, routeGeneratedNetworks, serveGeneratedNetworks } from './checks.mjs';
import { children, configure, signedInPage, startNode } from './harness.mjs';

const [binary, ...rest] = process.argv.slice(2);
const option = (name, fallback) => (rest.includes(name) ? rest[rest.indexOf(name) + 1] : fallback);
if (!binary) {
  console.error('usage: node network_bench.mjs CROSSCHECK_BINARY [--runs N] [--trace FILE]');
  process.exit(2);
}
const runs = Number(option('--runs', '5'));
const trace = option('--trace', null);

async function timeNetwork(base) {
  const server = await serveGeneratedNetworks();
  const { browser, page } = await signedInPage(base, (context) => routeGeneratedNetworks(context, server));
  try {
    const figures = [];
    for (let run = 0; run < runs; run += 1) {
      await page.goto(`${base}/#/network/N-gen500`);
      if (trace && run === runs - 1) await browser.startTracing(page, { path: trace, screenshots: false });
      await page.reload();
      await page.waitForSelector('.graph[data-drawn="true"] canvas', { timeout: 60000 });
      if (trace && run === runs - 1) await browser.stopTracing();
      const figure = await networkTimings(page);
      figures.push(Object.fromEntries(Object.entries(figure).map(([name, value]) => [name, Math.round(value ?? -1)])));
    }
    return { runs: figures };
  } finally {
    server.close();
    await browser.close();
  }
}

configure({ binary, screenshots: null });
const dir = mkdtempSync(join(tmpdir(), 'crosscheck-network-bench-'));
try {
  const node = await startNode(join(dir, 'node'));
  console.log(JSON.stringify(await timeNetwork(node.base)));
} finally {
  for (const child of children) child.kill('SIGTERM');
  rmSync(dir, { recursive: true, force: true });
}
