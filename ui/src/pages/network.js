// A network: the people in it and what they share. Up to MAX_DRAWN people are drawn whole
// (graph_view.js: kinds that expand and collapse, a detail panel, a keyboard-usable list); a
// bigger network is summarized as tables, with each part the listed ties connect drawn on demand
// (drawn whole it would be an unreadable hairball that freezes the page).
import { api } from '../api.js';
import { append, el, levelBadge, route } from '../dom.js';
import { graphView } from '../graph_view.js';
import { countByKind, partsOf, peopleOf, tiesOf } from '../network_model.js';
import { artifactKind } from '../reasons.js';

// MAX_DRAWN: above this many people a network is shown as tables and parts instead of a drawing.
export const MAX_DRAWN = 500;

// renderNetwork shows network `id` as a graph, or as tables when it is too big to draw or the
// route asks for them (`#/network/ID?view=table`: the same content for a screen reader).
export async function renderNetwork(view, id, params, context) {
  // The graph form: without each application's reasons (1/15 of the bytes for 500 people); the
  // detail panel links to the application page, which has them.
  const network = await api(`/v1/networks/${encodeURIComponent(id)}?view=graph`);
  if (context.stale()) return;
  const people = peopleOf(network.applications);
  const ties = tiesOf(network.edges);
  const companies = new Set(network.applications.map((application) => application.company_id));
  append(
    view,
    el('p', { class: 'crumbs' }, el('a', { href: '#/queue' }, 'Queue'), ' › ', 'Network ', network.network_id),
    el('h1', {}, `Network ${network.network_id} `, network.flagged ? levelBadge(network.level) : el('span', { class: 'note' }, '(not flagged)'), network.flagged ? el('span', { class: 'score' }, `score ${network.score}`) : null),
    el(
      'p',
      { class: 'lede' },
      `${people.length} ${people.length === 1 ? 'person' : 'people'}, ${network.applications.length} applications at ${companies.size} ${companies.size === 1 ? 'company' : 'companies'}. `,
      network.flagged ? `${ties.length} shared artifacts shown` : 'Shared artifacts are listed for flagged networks only.',
      network.omitted_edges ? ` (${network.omitted_edges} weaker ones left out).` : '',
      ' ',
      el('a', { href: '/v1/export/stix', download: 'crosscheck-confirmed-fraud.stix.json', class: 'button secondary' }, 'Export confirmed fraud (STIX 2.1)'),
    ),
  );
  const base = route('network', network.network_id);
  if (people.length > MAX_DRAWN || params.get('view') === 'table') {
    if (people.length <= MAX_DRAWN) append(view, el('p', {}, el('a', { href: base, id: 'as-graph' }, 'Show as a graph')));
    append(view, summary(people, ties));
    return;
  }
  append(view, el('p', {}, el('a', { href: `${base}?view=table`, id: 'as-table' }, 'Show as tables')));
  // The node lists a flagged network's strongest ties only (300 at most): people with none of
  // them listed would float unconnected, so they are left out of the drawing and named here.
  const tied = new Set(ties.flatMap((tie) => [tie.source, tie.target]));
  const drawn = tied.size === 0 ? people : people.filter((person) => tied.has(person.id));
  if (drawn.length < people.length) append(view, el('p', { class: 'note', id: 'not-drawn' }, `${people.length - drawn.length} of ${people.length} people have none of the strongest ties listed and are not drawn: `, el('a', { href: `${base}?view=table` }, 'see them in the tables'), '.'));
  const graph = graphView(drawn, ties, '');
  append(view, graph.node);
  view.addEventListener('crosscheck:shown', () => graph.draw(), { once: true });
}

// summary: the network as tables — ties by kind, the parts the listed ties connect (each drawn
// when opened), and every person.
function summary(people, ties) {
  const kinds = countByKind(ties);
  const parts = partsOf(people, ties);
  const partOf = new Map(parts.flatMap((part, index) => part.people.map((person) => [person.id, index + 1])));
  return el(
    'div',
    { class: 'summary' },
    el('p', { class: 'note', id: 'too-big' }, people.length > MAX_DRAWN ? `${people.length} people are more than a drawing can show readably (${MAX_DRAWN} at most); here they are as tables, and each part can be drawn on its own.` : `${people.length} people as tables.`),
    el(
      'table',
      { class: 'compact' },
      el('caption', {}, 'Shared artifacts by kind'),
      el('thead', {}, el('tr', {}, el('th', { scope: 'col' }, 'Kind'), el('th', { scope: 'col', class: 'num' }, 'Links'))),
      el('tbody', {}, [...kinds].map(([kind, count]) => el('tr', {}, el('td', {}, artifactKind(kind).label), el('td', { class: 'num' }, String(count))))),
    ),
    parts.length ? el('section', { 'aria-labelledby': 'parts-title', class: 'parts' }, el('h2', { id: 'parts-title' }, `Parts joined by the listed ties (${parts.length})`), parts.map(partDetails)) : null,
    el(
      'table',
      { class: 'people-table' },
      el('caption', {}, 'People, most severe first'),
      el('thead', {}, el('tr', {}, ['Name(s)', 'Level', 'Applications', 'Part', 'Shares'].map((name) => el('th', { scope: 'col' }, name)))),
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
            el('td', { class: 'num' }, partOf.has(person.id) ? String(partOf.get(person.id)) : '—'),
            el('td', { class: 'num' }, String(ties.filter((tie) => tie.source === person.id || tie.target === person.id).length)),
          ),
        ),
      ),
    ),
  );
}

// partDetails: one part as a disclosure; its graph is drawn the first time it is opened.
function partDetails(part, index) {
  const kinds = [...countByKind(part.ties)].map(([kind, count]) => `${artifactKind(kind).label} ${count}`).join(', ');
  const details = el('details', { class: 'part', id: `part-${index + 1}` }, el('summary', {}, `Part ${index + 1}: ${part.people.length} people, ${part.ties.length} ties (${kinds}) `, levelBadge(part.level)));
  if (part.people.length > MAX_DRAWN) {
    append(details, el('p', { class: 'note' }, 'Too many people to draw; the table below lists them.'));
    return details;
  }
  details.addEventListener('toggle', async () => {
    if (!details.open || details.dataset.built) return;
    details.dataset.built = 'true';
    const graph = graphView(part.people, part.ties, `part${index + 1}-`);
    details.append(graph.node);
    await graph.draw();
  });
  return details;
}
