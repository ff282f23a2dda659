// The network graph: people (personas) as nodes labelled by the names they applied under, each
// shared artifact an edge coloured by its kind (reasons.js ARTIFACT_KINDS). Drawn on a canvas by
// Cytoscape.js, so applicant names are painted as text, never parsed as markup.
import cytoscape from 'cytoscape';
import { forceLayout } from './layout.js';
import { artifactKind } from './reasons.js';

// BIG: above this many people a drawing uses smaller nodes and the fast layout (layout.js).
const BIG = 80;
const LEVEL_COLORS = { critical: '#b2182b', high: '#ef8a62', medium: '#f4d35e', low: '#bababa' };

// drawNetwork draws `people` ([{id, label, level}]) and `edges` ([{id, source, target, kind}])
// into `container`; `onSelect({kind: 'person'|'edge', id})` is called on a tap. Returns the
// Cytoscape instance (select a node with cy.getElementById(id).select()).
export function drawNetwork(container, people, edges, onSelect) {
  const big = people.length > BIG;
  // A big drawing is placed by layout.js before Cytoscape sees it: its nodes are added with their
  // positions, sparing the preset layout's pass (one position event per node).
  const placed = big ? forceLayout(people.map((person) => person.id), edges.map((edge) => [edge.source, edge.target])) : null;
  // Colours by class, one style rule per level and per kind present: a `data(color)` mapping is
  // parsed for each element (a sixth of the first frame for 500 people and 600 ties).
  const kinds = [...new Set(edges.map((edge) => edge.kind))];
  const kindClass = new Map(kinds.map((kind, index) => [kind, `kind${index}`]));
  const elements = [
    ...people.map((person) => ({ group: 'nodes', data: { id: person.id, label: nodeLabel(person, 0, people.length) }, position: placed?.get(person.id), classes: `level-${LEVEL_COLORS[person.level] ? person.level : 'low'}` })),
    ...edges.map((edge) => ({ group: 'edges', data: { id: edge.id, source: edge.source, target: edge.target, kind: edge.kind }, classes: kindClass.get(edge.kind) })),
  ];
  // Sizes follow the page's type size (larger on a 4K screen, style.css), as the text around does.
  const scale = (Number.parseFloat(getComputedStyle(document.documentElement).fontSize) || 16) / 16;
  const fontSize = (big ? 8 : 12) * scale;
  const minZoomedFontSize = (big ? 9 : 6) * scale;
  const labelStyle = {
    label: 'data(label)',
    'font-size': fontSize,
    'text-valign': 'bottom',
    'text-margin-y': 3,
    'text-wrap': big ? 'none' : 'ellipsis', // measuring ellipses for hundreds of labels delays the first frame
    'text-max-width': `${140 * scale}px`,
    'min-zoomed-font-size': minZoomedFontSize,
  };
  const cy = cytoscape({
    container,
    elements: big ? [] : elements,
    style: [
      // A big drawing shows names once zoomed in (the list has them all): painting 500 labels too
      // small to read took a third of the first frame, and styling and measuring them for the
      // drawing's bounds most of the rest, so they are styled when first zoomed in to read them.
      { selector: 'node', style: { 'border-width': 1, 'border-color': '#333', width: (big ? 12 : 22) * scale, height: (big ? 12 : 22) * scale, ...(big ? {} : labelStyle) } },
      ...Object.entries(LEVEL_COLORS).map(([level, color]) => ({ selector: `node.level-${level}`, style: { 'background-color': color } })),
      { selector: 'node:selected', style: { 'border-width': 4, 'border-color': '#1a1a1a', 'overlay-opacity': 0 } },
      { selector: 'edge', style: { width: 2.5, 'curve-style': big ? 'haystack' : 'bezier', opacity: 0.85 } },
      ...kinds.map((kind) => ({ selector: `edge.${kindClass.get(kind)}`, style: { 'line-color': artifactKind(kind).color } })),
      { selector: 'edge:selected', style: { width: 6, opacity: 1 } },
      { selector: 'edge.collapsed', style: { display: 'none' } },
    ],
    // A ring of a few is clearest on a circle; more need a force-directed layout: Cytoscape's
    // cose up to 80 people; beyond, cose's O(n²) iterations took 7.4 s for 500 people on the
    // loaded 2-core machine, so layout.js places them (grid-accelerated Fruchterman–Reingold).
    layout: people.length <= 12
      ? { name: 'circle', animate: false, fit: true, padding: 80, avoidOverlap: true }
      : big
        ? { name: 'preset', fit: false }
        : { name: 'cose', animate: false, randomize: false, nodeRepulsion: () => 400000, idealEdgeLength: () => 140, edgeElasticity: () => 60, fit: true, padding: 40 },
    minZoom: 0.1,
    maxZoom: 4,
    // While panning and zooming a big drawing, move a snapshot of it and leave the ties out
    // (redrawn when the gesture ends).
    textureOnViewport: big,
    hideEdgesOnViewport: big,
  });
  if (big) {
    cy.add(elements);
    cy.on('zoom', function showLabels() {
      if (cy.zoom() * fontSize < minZoomedFontSize) return;
      cy.off('zoom', showLabels);
      cy.style().selector('node').style(labelStyle).update();
    });
    fitPositions(cy, container, [...placed.values()], 20);
  }
  // A few people fitted to a large canvas would be drawn huge: cap the zoom the fit chose.
  if (cy.zoom() > 1.25) {
    cy.zoom(1.25);
    cy.center();
  }
  cy.on('tap', 'node', (event) => onSelect({ kind: 'person', id: event.target.id() }));
  cy.on('tap', 'edge', (event) => onSelect({ kind: 'edge', id: event.target.id() }));
  return cy;
}

// nodeLabel is a person's label in a drawing of `drawn` people, with the neighbours a collapsed
// kind hides; cut short in a big drawing (the list beside it has the whole name).
function nodeLabel(person, hidden, drawn) {
  const name = drawn > BIG && person.label.length > 24 ? `${person.label.slice(0, 23)}…` : person.label;
  return hidden ? `(+${hidden} hidden) ${name}` : name; // first: an ellipsis cuts the end of a long label
}

// fitPositions zooms and pans so that `points` ([{x, y}]) fill the container (Cytoscape's own fit
// measures every label first: a third of the drawing's time for 500 people).
function fitPositions(cy, container, points, padding) {
  const xs = points.map((point) => point.x);
  const ys = points.map((point) => point.y);
  const [minX, maxX, minY, maxY] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  const zoom = Math.min((container.clientWidth - 2 * padding) / Math.max(maxX - minX, 1), (container.clientHeight - 2 * padding) / Math.max(maxY - minY, 1));
  cy.viewport({ zoom, pan: { x: container.clientWidth / 2 - zoom * (minX + maxX) / 2, y: container.clientHeight / 2 - zoom * (minY + maxY) / 2 } });
}

// showKinds hides the edges of the `collapsed` kinds and labels each person with the neighbours
// that hides (`hidden`: person id -> count, network_model.js hiddenNeighbours). Layout unchanged.
export function showKinds(cy, people, collapsed, hidden) {
  cy.batch(() => {
    cy.edges().forEach((edge) => {
      if (collapsed.has(edge.data('kind'))) edge.addClass('collapsed');
      else edge.removeClass('collapsed');
    });
    for (const person of people) {
      const count = hidden.get(person.id) ?? 0;
      cy.getElementById(person.id).data('label', nodeLabel(person, count, people.length));
    }
  });
}
