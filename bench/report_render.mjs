// bench/report_render.mjs REPORT_HTML: times how Debian's headless Chromium opens a scan's report.html
// (load event and first paint, three runs). Run from the repo root after `npm ci` in ui/.
import { chromium } from '../ui/node_modules/playwright-core/index.mjs';
const file = process.argv[2];
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
for (let run = 0; run < 3; ++run) {
  const start = Date.now();
  await page.goto('file://' + file, { waitUntil: 'load', timeout: 120000 });
  const loaded = Date.now() - start;
  const paint = await page.evaluate(() => performance.getEntriesByType('paint').map(e => `${e.name} ${Math.round(e.startTime)}`).join(', '));
  console.log(`run ${run}: load ${loaded} ms; ${paint}`);
}
await browser.close();
