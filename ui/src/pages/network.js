// A network: the people in it and what they share. Up to MAX_DRAWN people are drawn as a graph
// (graph.js) beside a detail panel and a keyboard-usable list of the people; a bigger network is
// summarized as tables (drawn whole it would be an unreadable hairball that freezes the page).
import { api } from '../api.js';
import { append, clear, el, levelBadge, route } from '../dom.js';
import { drawNetwork } from '../graph.js';
import { artifactKind } from '../reasons.js';

// MAX_DRAWN: above this many people a network is shown as tables instead of a drawing.
export const MAX_DRAWN = 300;
const LEVEL_RANK = { low: 0, medium: 1, high: 2, critical: 3 };

// peopleOf groups the network's applications by persona: [{id, names, label, level, applications}].
function peopleOf(applications) {
  const people = new Map();
  for (const application of applications) {
    let person = people.get(application.persona_id);
    if (!person) {
      person = { id: application.persona_id, names: [], applications: [], level: 'low' };
      people.set(application.persona_id, person);
    }
    person.applications.push(application);
    if (application.full_name && !person.names.includes(application.full_name)) person.names.push(application.full_name);
    if ((LEVEL_RANK[application.level] ?? 0) > LEVEL_RANK[person.level]) person.level = application.level;
  }
  for (const person of people.values()) {
    person.label = person.names.length === 0 ? person.id : person.names.length <= 2 ? person.names.join(' / ') : `${person.names[0]} (+${person.names.length - 1} names)`;
  }
  return [...people.values()].sort((left, right) => LEVEL_RANK[right.level] - LEVEL_RANK[left.level] || left.label.localeCompare(right.label));
}

// renderNetwork shows network `id` as a graph, or as tables when it is too big to draw or the
// route asks for them (`#/network/ID?view=table`: the same content for a screen reader).
export async function renderNetwork(view, id, params, context) {
  const network = await api(`/v1/networks/${encodeURIComponent(id)}`);
  if (context.stale()) return;
  const people = peopleOf(network.applications);
  const edges = (network.edges ?? []).map((edge, index) => ({ id: `e${index}`, source: edge.persona_left, target: edge.persona_right, ...edge }));
  const companies = new Set(network.applications.map((application) => application.company_id));
  append(view, 
    el('p', { class: 'crumbs' }, el('a', { href: '#/queue' }, 'Queue'), ' › ', 'Network ', network.network_id),
    el('h1', {}, `Network ${network.network_id} `, network.flagged ? levelBadge(network.level) : el('span', { class: 'note' }, '(not flagged)'), network.flagged ? el('span', { class: 'score' }, `score ${network.score}`) : null),
    el(
      'p',
      { class: 'lede' },
      `${people.length} ${people.length === 1 ? 'person' : 'people'}, ${network.applications.length} applications at ${companies.size} ${companies.size === 1 ? 'company' : 'companies'}. `,
      network.flagged ? `${edges.length} shared artifacts shown` : 'Shared artifacts are listed for flagged networks only.',
      network.omitted_edges ? ` (${network.omitted_edges} weaker ones left out).` : '',
      ' ',
      el('a', { href: '/v1/export/stix', download: 'crosscheck-confirmed-fraud.stix.json', class: 'button secondary' }, 'Export confirmed fraud (STIX 2.1)'),
    ),
    legend(edges),
  );
  const base = route('network', network.network_id);
  if (people.length > MAX_DRAWN || params.get('view') === 'table') {
    if (people.length <= MAX_DRAWN) append(view, el('p', {}, el('a', { href: base, id: 'as-graph' }, 'Show as a graph')));
    append(view, summaryTables(people, edges));
    return;
  }
  append(view, el('p', {}, el('a', { href: `${base}?view=table`, id: 'as-table' }, 'Show as tables')));
  const panel = el('aside', { class: 'detail card', 'aria-live': 'polite', 'aria-labelledby': 'detail-title' }, el('h2', { id: 'detail-title' }, 'Details'), el('p', { class: 'note' }, 'Select a person in the list or the graph, or an artifact line.'));
  // The node lists a flagged network's strongest ties only (300 at most): people with none of
  // them listed would float unconnected, so they are left out of the drawing and marked in the list.
  const tied = new Set(edges.flatMap((edge) => [edge.source, edge.target]));
  const drawn = tied.size === 0 ? people : people.filter((person) => tied.has(person.id));
  const canvas = el('div', { class: 'graph', role: 'img', 'aria-label': `Graph of ${drawn.length} people joined by ${edges.length} shared artifacts; the list beside it has every person.` });
  const byId = new Map(people.map((person) => [person.id, person]));
  let cy = null;
  const select = (selection) => {
    showDetail(panel, selection, byId, edges, select);
    if (cy) {
      cy.elements().unselect();
      cy.getElementById(selection.id).select();
    }
  };
  const list = el(
    'section',
    { class: 'people card', 'aria-labelledby': 'people-title' },
    el('h2', { id: 'people-title' }, 'People'),
    drawn.length < people.length ? el('p', { class: 'note', id: 'not-drawn' }, `${people.length - drawn.length} of ${people.length} have none of the strongest ties listed and are not drawn.`) : null,
    el('ul', {}, people.map((person) => el('li', {}, el('button', { type: 'button', class: 'link', 'data-person': person.id, onclick: () => select({ kind: 'person', id: person.id }) }, person.label), ' ', levelBadge(person.level), tied.size && !tied.has(person.id) ? el('span', { class: 'note' }, ' (not drawn)') : null))),
  );
  append(view, el('div', { class: 'network-layout' }, canvas, el('div', { class: 'side' }, panel, list)));
  // Cytoscape measures its container: draw once the page is in the document.
  view.addEventListener('crosscheck:shown', () => {
    const started = performance.now();
    cy = drawNetwork(canvas, drawn, edges, select);
    window.__crosscheckGraph = { people: drawn.length, edges: edges.length, ms: performance.now() - started };
    // The first frame painted on the canvas: when the reviewer sees the graph.
    cy.one('render', () => {
      window.__crosscheckGraph.paintedAt = performance.now();
      canvas.dataset.drawn = 'true';
    });
  }, { once: true });
}

function legend(edges) {
  const counts = new Map();
  for (const edge of edges) counts.set(edge.kind, (counts.get(edge.kind) ?? 0) + 1);
  if (counts.size === 0) return null;
  return el(
    'ul',
    { class: 'legend', 'aria-label': 'Legend: shared artifact kinds' },
    [...counts].map(([kind, count]) => {
      const swatch = el('span', { class: 'swatch', 'aria-hidden': 'true' });
      swatch.style.backgroundColor = artifactKind(kind).color; // CSSOM, allowed by the CSP (no style attribute)
      return el('li', {}, swatch, `${artifactKind(kind).label} (${count})`);
    }),
  );
}

function showDetail(panel, selection, byId, edges, select) {
  clear(panel);
  const personButton = (id) => el('button', { type: 'button', class: 'link', onclick: () => select({ kind: 'person', id }) }, byId.get(id)?.label ?? id);
  if (selection.kind === 'person') {
    const person = byId.get(selection.id);
    const shared = edges.filter((edge) => edge.source === person.id || edge.target === person.id);
    append(panel, 
      el('h2', { id: 'detail-title', class: 'detail-name' }, person.label),
      el('p', {}, 'Persona ', el('code', {}, person.id), ' ', levelBadge(person.level)),
      person.names.length > 2 ? el('p', {}, 'Names: ', person.names.join(', ')) : null,
      el('h3', {}, 'Applications'),
      el('ul', {}, person.applications.map((application) => el('li', {}, el('a', { href: route('application', application.application_id) }, application.application_id), ` at ${application.company_id} `, levelBadge(application.level)))),
      el('h3', {}, `Shares (${shared.length})`),
      shared.length === 0
        ? el('p', { class: 'note' }, 'No shared artifact listed.')
        : el('ul', {}, shared.map((edge) => el('li', {}, el('button', { type: 'button', class: 'link', onclick: () => select({ kind: 'edge', id: edge.id }) }, artifactKind(edge.kind).label), ` ${edge.value} with `, personButton(edge.source === person.id ? edge.target : edge.source)))),
    );
  } else {
    const edge = edges.find((candidate) => candidate.id === selection.id);
    append(panel, 
      el('h2', { id: 'detail-title' }, `Shared ${artifactKind(edge.kind).label.toLowerCase()}`),
      el('p', {}, el('code', {}, edge.value)),
      el('p', {}, 'Between ', personButton(edge.source), ' and ', personButton(edge.target)),
      el('p', { class: 'note' }, `Weight ${Number(edge.weight).toFixed(2)}: how rare the artifact is (1 is a single-holder value such as a bank account).`),
    );
  }
}

function summaryTables(people, edges) {
  const kinds = new Map();
  for (const edge of edges) kinds.set(edge.kind, (kinds.get(edge.kind) ?? 0) + 1);
  return el(
    'div',
    { class: 'summary' },
    el('p', { class: 'note', id: 'too-big' }, people.length > MAX_DRAWN ? `${people.length} people are more than a drawing can show readably (${MAX_DRAWN} at most); here they are as tables.` : `${people.length} people as tables.`),
    el(
      'table',
      {},
      el('caption', {}, 'Shared artifacts by kind'),
      el('thead', {}, el('tr', {}, el('th', { scope: 'col' }, 'Kind'), el('th', { scope: 'col', class: 'num' }, 'Links'))),
      el('tbody', {}, [...kinds].map(([kind, count]) => el('tr', {}, el('td', {}, artifactKind(kind).label), el('td', { class: 'num' }, String(count))))),
    ),
    el(
      'table',
      { class: 'people-table' },
      el('caption', {}, 'People, most severe first'),
      el('thead', {}, el('tr', {}, ['Name(s)', 'Level', 'Applications', 'Shares'].map((name) => el('th', { scope: 'col' }, name)))),
      el(
        'tbody',
        {},
        people.map((person) =>
          el(
            'tr',
            {},
            el('th', { scope: 'row' }, person.label),
            el('td', {}, levelBadge(person.level)),
            el('td', {}, person.applications.map((application, index) => [index ? ', ' : '', el('a', { href: route('application', application.application_id) }, application.application_id)])),
            el('td', { class: 'num' }, String(edges.filter((edge) => edge.source === person.id || edge.target === person.id).length)),
          ),
        ),
      ),
    ),
  );
}
