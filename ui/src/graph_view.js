// The interactive view of some people and their ties: a legend whose kinds expand and collapse
// (each collapsed kind hides its ties and the people show how many neighbours that hides), the
// Cytoscape drawing (graph.js), a detail panel and a keyboard-usable list of the people. Used for
// a whole network and for each part of one too big to draw whole.
import { append, clear, el, levelBadge, route } from './dom.js';
import { drawNetwork, showKinds } from './graph.js';
import { countByKind, hiddenNeighbours } from './network_model.js';
import { artifactKind } from './reasons.js';

// graphView builds the view of `people` joined by `ties`; ids in it start with `prefix` (a page
// may hold several). Returns {node, draw}: call draw() once the node is in the document
// (Cytoscape measures its container); it resolves when the first frame is painted.
export function graphView(people, ties, prefix) {
  const byId = new Map(people.map((person) => [person.id, person]));
  const kinds = countByKind(ties);
  const collapsed = new Set();
  let hidden = new Map();
  let cy = null;
  const panel = el('aside', { class: 'detail card', 'aria-live': 'polite', 'aria-labelledby': `${prefix}detail-title` }, el('h2', { id: `${prefix}detail-title` }, 'Details'), el('p', { class: 'note' }, 'Select a person in the list or the graph, or an artifact line.'));
  const status = el('p', { class: 'visually-hidden', role: 'status' });
  let selected = null;
  const select = (selection) => {
    selected = selection;
    showDetail(panel, prefix, selection, byId, ties, collapsed, select);
    if (cy) {
      cy.elements().unselect();
      cy.getElementById(selection.id).select();
    }
  };
  const hiddenNotes = new Map();
  const listItems = people.map((person) => {
    const note = el('span', { class: 'note hidden-count' });
    hiddenNotes.set(person.id, note);
    return el('li', {}, el('button', { type: 'button', class: 'link', 'data-person': person.id, onclick: () => select({ kind: 'person', id: person.id }) }, person.label), ' ', levelBadge(person.level), note);
  });
  const toggles = [...kinds].map(([kind, count]) => {
    const swatch = el('span', { class: 'swatch', 'aria-hidden': 'true' });
    swatch.style.backgroundColor = artifactKind(kind).color; // CSSOM, allowed by the CSP (no style attribute)
    const button = el('button', { type: 'button', class: 'kind-toggle', 'aria-pressed': 'true', 'data-kind': kind }, swatch, `${artifactKind(kind).label} (${count})`);
    button.addEventListener('click', () => {
      if (collapsed.has(kind)) collapsed.delete(kind);
      else collapsed.add(kind);
      button.setAttribute('aria-pressed', String(!collapsed.has(kind)));
      hidden = hiddenNeighbours(ties, collapsed);
      for (const [id, note] of hiddenNotes) note.textContent = hidden.get(id) ? ` (+${hidden.get(id)} hidden)` : '';
      if (cy) showKinds(cy, people, collapsed, hidden);
      if (selected) showDetail(panel, prefix, selected, byId, ties, collapsed, select); // marks the collapsed kinds
      status.textContent = `${artifactKind(kind).label} ${collapsed.has(kind) ? 'collapsed' : 'expanded'}; ${hidden.size} people have hidden neighbours.`;
    });
    return el('li', {}, button);
  });
  const canvas = el('div', { class: 'graph', role: 'img', 'aria-label': `Graph of ${people.length} people joined by ${ties.length} shared artifacts; the list beside it has every person.` });
  const node = el(
    'div',
    { class: 'graph-view' },
    toggles.length ? el('div', { class: 'legend-bar' }, el('span', { class: 'note', id: `${prefix}legend-help` }, 'Shared artifacts (press to collapse or expand a kind):'), el('ul', { class: 'legend', 'aria-describedby': `${prefix}legend-help` }, toggles)) : null,
    status,
    el('div', { class: 'network-layout' }, canvas, el('div', { class: 'side' }, panel, el('section', { class: 'people card', 'aria-labelledby': `${prefix}people-title` }, el('h2', { id: `${prefix}people-title` }, `People (${people.length})`), el('ul', {}, listItems)))),
  );
  const draw = () =>
    new Promise((resolve) => {
      const started = performance.now();
      cy = drawNetwork(canvas, people, ties, select);
      const layoutMs = performance.now() - started;
      // The first frame painted on the canvas: when the reviewer sees the graph. Its timings are
      // kept for the browser test (window.__crosscheckGraph, since navigation start).
      cy.one('render', () => {
        window.__crosscheckGraph = { people: people.length, edges: ties.length, ms: layoutMs, paintedAt: performance.now() };
        canvas.dataset.drawn = 'true';
        resolve();
      });
    });
  return { node, draw };
}

function showDetail(panel, prefix, selection, byId, ties, collapsed, select) {
  clear(panel);
  const personButton = (id) => el('button', { type: 'button', class: 'link', onclick: () => select({ kind: 'person', id }) }, byId.get(id)?.label ?? id);
  const title = (text, attrs = {}) => el('h2', { id: `${prefix}detail-title`, ...attrs }, text);
  if (selection.kind === 'person') {
    const person = byId.get(selection.id);
    const shared = ties.filter((tie) => tie.source === person.id || tie.target === person.id);
    append(panel,
      title(person.label, { class: 'detail-name' }),
      el('p', {}, 'Persona ', el('code', {}, person.id), ' ', levelBadge(person.level)),
      person.names.length > 2 ? el('p', {}, 'Names: ', person.names.join(', ')) : null,
      el('h3', {}, 'Applications'),
      el('ul', {}, person.applications.map((application) => el('li', {}, el('a', { href: route('application', application.application_id) }, application.application_id), ` at ${application.company_id} `, levelBadge(application.level)))),
      el('h3', {}, `Shares (${shared.length})`),
      shared.length === 0
        ? el('p', { class: 'note' }, 'No shared artifact listed.')
        : el('ul', {}, shared.map((tie) => el('li', {}, el('button', { type: 'button', class: 'link', onclick: () => select({ kind: 'edge', id: tie.id }) }, artifactKind(tie.kind).label), ` ${tie.value} with `, personButton(tie.source === person.id ? tie.target : tie.source), collapsed.has(tie.kind) ? el('span', { class: 'note' }, ' (kind collapsed)') : null))),
    );
  } else {
    const tie = ties.find((candidate) => candidate.id === selection.id);
    append(panel,
      title(`Shared ${artifactKind(tie.kind).label.toLowerCase()}`),
      el('p', {}, el('code', {}, tie.value)),
      el('p', {}, 'Between ', personButton(tie.source), ' and ', personButton(tie.target)),
      el('p', { class: 'note' }, `Weight ${Number(tie.weight).toFixed(2)}: how rare the artifact is (1 is a single-holder value such as a bank account).`),
    );
  }
}
