// bench/report_screenshot.mjs REPORT_HTML OUT_PNG [ANCHOR] [HEIGHT]: a screenshot of report.html as
// Debian's headless Chromium shows it (1280 wide), scrolled to ANCHOR (e.g. network-N-...) when
// given. Run from the repo root after `npm ci` in ui/; docs/img/ holds the ones the docs show.
import { chromium } from '../ui/node_modules/playwright-core/index.mjs';
const [file, out, anchor, height] = process.argv.slice(2);
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
const page = await browser.newPage({ viewport: { width: 1280, height: Number(height ?? 900) } });
await page.goto('file://' + file + (anchor ? '#' + anchor : ''), { waitUntil: 'load', timeout: 120000 });
await page.screenshot({ path: out });
await browser.close();
