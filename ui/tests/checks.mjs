// The browser test's checks of one page each: the queue's search and filters, the network's
// kinds that expand and collapse, the pages at 4K, generated networks of 500 people (drawn
// whole, timed) and 600 (summarized, a part drawn on demand), and the consortium's findings.
import { createServer } from 'node:http';
import { startConsortium, waitForFindings } from './consortium.mjs';
import { HOSTILE_ID, generatedNetwork, graphForm } from './fixtures.mjs';
import { TOKENS, call, check, freshLoad, rerendered, shot, shown } from './harness.mjs';

// HOSTILE_MARKUP: elements the hostile applicant's strings would make if any were parsed as markup.
export const HOSTILE_MARKUP = 'img, script:not([src]), b, iframe, svg, a[href^="javascript"]';

// queueIds lists the application ids of the queue's rows, in order.
export const queueIds = (page) => page.locator('table.queue tbody th a').allTextContents();

// sameIds tells whether the queue shows what the node answers to the same query (first page).
async function sameIds(page, base, query) {
  const answer = await call(base, TOKENS.reviewer, `/v1/queue?limit=25&${query}`);
  return JSON.stringify(await queueIds(page)) === JSON.stringify(answer.json.items.map((item) => item.application_id));
}

// search types `text` in a queue text field and presses Enter (the keyboard's way to apply).
async function search(page, selector, text) {
  await rerendered(page, 'queue', async () => {
    await page.fill(selector, text);
    await page.keyboard.press('Enter');
  });
}

// checkSearchAndFilters: on the ring's queue (at high and above), every control is labelled; a
// search by name, phone digits, e-mail and id, a company and a stage each show what the node
// answers to the same query; the focus stays where the reviewer typed; clearing restores all.
export async function checkSearchAndFilters(page, base) {
  for (const label of ['Level', 'Search', 'Company id', 'Stage', 'Decision']) {
    check((await page.getByLabel(label, { exact: true }).count()) === 1, `the ${label} filter is labelled`);
  }
  const all = await queueIds(page);
  await page.getByLabel('Search', { exact: true }).focus();
  await rerendered(page, 'queue', async () => {
    await page.keyboard.type('walker');
    await page.keyboard.press('Enter');
  });
  const walkers = await queueIds(page);
  check(walkers.length > 0 && walkers.length < all.length && (await sameIds(page, base, 'min_level=high&q=walker')), `a search by name finds ${walkers.join(', ')}`);
  check(await page.evaluate(() => document.activeElement?.id === 'queue-search'), 'the search box keeps the focus');
  await shot(page, 'queue-search');
  for (const [text, what] of [['0143', 'phone digits'], ['dan.walker', 'e-mail'], [HOSTILE_ID, 'id']]) {
    await search(page, '#queue-search', text);
    const found = await queueIds(page);
    check(found.length > 0 && (await sameIds(page, base, `min_level=high&q=${encodeURIComponent(text)}`)), `a search by ${what} finds ${found.join(', ')}`);
  }
  await page.fill('#queue-search', '');
  await search(page, '#company-filter', 'hooli');
  const companies = await page.locator('table.queue tbody td:nth-child(4)').allTextContents();
  check(companies.length > 0 && companies.every((company) => company === 'hooli') && (await sameIds(page, base, 'min_level=high&company_id=hooli')), `the company filter shows hooli's ${companies.length}`);
  await rerendered(page, 'queue', () => page.selectOption('#stage-filter', 'hired'));
  check(await page.evaluate(() => document.activeElement?.id === 'stage-filter'), 'the stage list keeps the focus');
  check((await page.locator('#queue-empty').textContent()).includes('matches these filters'), 'no hired application at hooli: the queue says so');
  await rerendered(page, 'queue', () => page.click('#clear-filters'));
  await rerendered(page, 'queue', () => page.selectOption('#stage-filter', 'hired'));
  const hired = await queueIds(page);
  check(hired.length > 0 && hired.length < all.length && (await sameIds(page, base, 'min_level=high&stage=hired')), `the stage filter shows ${hired.join(', ')}`);
  await rerendered(page, 'queue', () => page.click('#clear-filters'));
  check(JSON.stringify(await queueIds(page)) === JSON.stringify(all), 'clearing the filters shows the whole queue again');
}

// checkKindToggles: on a drawn network with a person selected, collapsing every artifact kind (by
// keyboard) leaves each drawn person with a count of hidden neighbours and the selected person's
// shares marked; expanding them again clears the counts.
export async function checkKindToggles(page) {
  const toggles = page.locator('.kind-toggle');
  const kinds = await toggles.count();
  check(kinds > 0, `${kinds} artifact kinds can be collapsed`);
  const people = await page.locator('.people li').count();
  const counted = () => page.locator('.people .hidden-count').evaluateAll((notes) => notes.filter((note) => note.textContent.trim()).length);
  for (let index = 0; index < kinds; index += 1) {
    await toggles.nth(index).focus();
    await page.keyboard.press('Space');
  }
  check((await page.locator('.kind-toggle[aria-pressed="false"]').count()) === kinds, 'every kind is collapsed');
  check((await counted()) === people, `each of the ${people} people shows its hidden neighbours`);
  check((await page.locator('.detail').textContent()).includes('kind collapsed'), 'the detail panel marks the collapsed shares');
  await shot(page, 'network-collapsed');
  for (let index = 0; index < kinds; index += 1) {
    await toggles.nth(index).focus();
    await page.keyboard.press('Enter');
  }
  check((await counted()) === 0, 'expanded again, nothing is hidden');
}

// checkWideScreen: the queue, the hostile application and its network on a 4K screen (3840 ×
// 2160 at 100 % scaling) use larger type; at 1280 px nothing is wider than the window.
export async function checkWideScreen(page, base) {
  const fits = () => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);
  const network = page.url();
  await page.setViewportSize({ width: 3840, height: 2160 });
  await rerendered(page, 'queue', () => page.goto(base + '/#/queue'));
  const rootPx = await page.evaluate(() => Number.parseFloat(getComputedStyle(document.documentElement).fontSize));
  check(rootPx >= 24, `at 4K the type is ${rootPx} px`);
  await shot(page, 'queue-4k');
  await rerendered(page, 'application', () => page.goto(base + '/#/application/' + encodeURIComponent(HOSTILE_ID)));
  await shot(page, 'application-4k');
  await rerendered(page, 'network', () => page.goto(network));
  await page.waitForSelector('.graph[data-drawn="true"] canvas', { timeout: 30000 });
  await shot(page, 'network-4k');
  await page.setViewportSize({ width: 1280, height: 860 });
  for (const [name, url] of [['queue', base + '/#/queue'], ['application', base + '/#/application/' + encodeURIComponent(HOSTILE_ID)], ['network', network]]) {
    await rerendered(page, name, () => page.goto(url));
    check(await fits(), `the ${name} page fits 1280 px without sideways scrolling`);
  }
  await page.waitForSelector('.graph[data-drawn="true"] canvas', { timeout: 30000 });
}

// serveGeneratedNetworks serves generated networks (fixtures.mjs) over loopback HTTP, as the
// node would send them (`?view=graph` too); resolves to the server.
export async function serveGeneratedNetworks() {
  const bodies = { 'N-gen500': generatedNetwork('N-gen500', 500, 600), 'N-gen600': generatedNetwork('N-gen600', 600, 300) };
  const server = createServer((request, response) => {
    const url = new URL(request.url, 'http://generated');
    const network = bodies[url.pathname.split('/').pop()];
    const body = network && url.searchParams.get('view') === 'graph' ? graphForm(network) : network;
    response.writeHead(body ? 200 : 404, { 'Content-Type': 'application/json; charset=utf-8' });
    response.end(JSON.stringify(body ?? { error: { code: 'NOT_FOUND', message: request.url } }));
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return server;
}

// routeGeneratedNetworks sends the browser's GET /v1/networks/N-gen* to `server` (at the network
// layer, as fast as the node's answer).
export async function routeGeneratedNetworks(context, server) {
  const served = `http://127.0.0.1:${server.address().port}`;
  await context.route('**/v1/networks/N-gen*', (route) => {
    const url = new URL(route.request().url());
    return route.continue({ url: served + url.pathname + url.search });
  });
}

// networkTimings: the drawn network page's figures since navigation start — first frame painted,
// route (fetch, parse, DOM), the network answer's fetch and size, drawing (layout.js and
// Cytoscape), and the wait from the drawing to its first frame.
export function networkTimings(page) {
  return page.evaluate(() => {
    const { ms: route, at } = window.__crosscheckRender;
    const graph = window.__crosscheckGraph;
    const fetched = performance.getEntriesByType('resource').find((entry) => entry.name.includes('/v1/networks/'));
    return { first_render_ms: graph.paintedAt, route_ms: route, fetch_ms: fetched?.duration, bytes: fetched?.encodedBodySize, draw_ms: graph.ms, frame_ms: graph.paintedAt - at - graph.ms };
  });
}

// checkGeneratedNetworks has the browser fetch GET /v1/networks/N-gen500 and N-gen600 from
// serveGeneratedNetworks (the request goes there at the network layer, as fast as the node's
// answer) and opens each as a fresh page load: 500 people are drawn whole (its timings are
// returned), 600 are summarized with parts, the biggest drawn when opened by keyboard.
export async function checkGeneratedNetworks(page, context, base) {
  const server = await serveGeneratedNetworks();
  await routeGeneratedNetworks(context, server);
  await freshLoad(page, `${base}/#/network/N-gen500`);
  await shown(page, 'network');
  await page.waitForSelector('.graph[data-drawn="true"] canvas', { timeout: 60000 });
  const graph = await page.evaluate(() => window.__crosscheckGraph);
  check(graph.people === 500 && (await page.locator('.people li').count()) === 500, 'a generated 500-person network is drawn whole');
  await shot(page, 'network-500');
  const parts = await networkTimings(page);
  const timings = { network_500_first_render_ms: parts.first_render_ms, network_500_route_ms: parts.route_ms, network_500_json_fetch_ms: parts.fetch_ms,
    network_500_json_bytes: parts.bytes, network_500_draw_ms: parts.draw_ms, network_500_first_frame_after_draw_ms: parts.frame_ms, network_500_edges: graph.edges };
  await freshLoad(page, `${base}/#/network/N-gen600`);
  await shown(page, 'network');
  check((await page.locator('#too-big').count()) === 1 && (await page.locator('.people-table tbody tr').count()) === 600, 'a 600-person network is summarized as tables');
  const details = page.locator('details.part');
  check((await details.count()) >= 1, `with ${await details.count()} parts joined by the listed ties`);
  await details.first().locator('summary').focus();
  await page.keyboard.press('Enter');
  await page.waitForSelector('#part-1 .graph[data-drawn="true"] canvas', { timeout: 60000 });
  check((await page.locator('#part-1 .people li').count()) > 1, 'opening a part draws it');
  await page.locator('#part-1 .graph').scrollIntoViewIfNeeded();
  await shot(page, 'network-parts');
  await context.unroute('**/v1/networks/N-gen*');
  server.close();
  return timings;
}

// checkConsortium: acme's node linked to a real hub (consortium.mjs); acme-0001's page shows the
// hub's finding — its level and the artifacts it shares across the consortium.
export async function checkConsortium(page, dir, ringCsv) {
  const { base, acmeCsv } = await startConsortium(dir, ringCsv);
  const posted = await call(base, TOKENS.ingest, '/v1/applications', { method: 'POST', body: acmeCsv, type: 'text/csv' });
  check(posted.status === 200, `acme posted its ${posted.json?.results?.length} applications to its node`);
  const hub = await waitForFindings(base);
  check(hub.findings > 0, `the hub's findings on ${hub.findings} applications reached acme's node`);
  await page.goto(base + '/');
  await shown(page, 'signin');
  await page.fill('#token', TOKENS.reviewer);
  await page.keyboard.press('Enter');
  await shown(page, 'queue');
  await rerendered(page, 'application', () => page.goto(`${base}/#/application/acme-0001`));
  const section = page.locator('#consortium-finding');
  check((await section.count()) === 1, 'the application shows the consortium’s findings');
  const level = await section.locator('.level').first().textContent();
  check(['high', 'critical'].includes(level) && (await section.locator('tbody tr').count()) > 0, `the hub rates it ${level}, with the artifacts it shares`);
  await section.scrollIntoViewIfNeeded();
  await shot(page, 'application-consortium');
}
