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
  const elements = [
    ...people.map((person) => ({ group: 'nodes', data: { id: person.id, label: nodeLabel(person, 0, people.length), color: LEVEL_COLORS[person.level] ?? LEVEL_COLORS.low } })),
    ...edges.map((edge) => ({ group: 'edges', data: { id: edge.id, source: edge.source, target: edge.target, kind: edge.kind, color: artifactKind(edge.kind).color } })),
  ];
  const big = people.length > BIG;
  // Sizes follow the page's type size (larger on a 4K screen, style.css), as the text around does.
  const scale = (Number.parseFloat(getComputedStyle(document.documentElement).fontSize) || 16) / 16;
  const placed = big ? placeNodes(people, edges) : null;
  const cy = cytoscape({
    container,
    elements,
    style: [
      {
        selector: 'node',
        style: {
          'background-color': 'data(color)',
          'border-width': 1,
          'border-color': '#333',
          label: 'data(label)',
          'font-size': (big ? 8 : 12) * scale,
          'text-valign': 'bottom',
          'text-margin-y': 3,
          'text-wrap': big ? 'none' : 'ellipsis', // measuring ellipses for hundreds of labels delays the first frame
          'text-max-width': `${140 * scale}px`,
          // A big drawing shows names once zoomed in (the list has them all): painting 500 labels
          // too small to read took a third of the first frame.
          'min-zoomed-font-size': (big ? 9 : 6) * scale,
          width: (big ? 12 : 22) * scale,
          height: (big ? 12 : 22) * scale,
        },
      },
      { selector: 'node:selected', style: { 'border-width': 4, 'border-color': '#1a1a1a', 'overlay-opacity': 0 } },
      { selector: 'edge', style: { width: 2.5, 'line-color': 'data(color)', 'curve-style': big ? 'haystack' : 'bezier', opacity: 0.85 } },
      { selector: 'edge:selected', style: { width: 6, opacity: 1 } },
      { selector: 'edge.collapsed', style: { display: 'none' } },
    ],
    // A ring of a few is clearest on a circle; more need a force-directed layout: Cytoscape's
    // cose up to 80 people; beyond, cose's O(n²) iterations took 7.4 s for 500 people on the
    // loaded 2-core machine, so layout.js places them (grid-accelerated Fruchterman–Reingold).
    layout: people.length <= 12
      ? { name: 'circle', animate: false, fit: true, padding: 80, avoidOverlap: true }
      : big
        ? { name: 'preset', positions: placed, animate: false, fit: false }
        : { name: 'cose', animate: false, randomize: false, nodeRepulsion: () => 400000, idealEdgeLength: () => 140, edgeElasticity: () => 60, fit: true, padding: 40 },
    minZoom: 0.1,
    maxZoom: 4,
  });
  if (big) fitPositions(cy, container, placed, 20);
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

// fitPositions zooms and pans so that the placed nodes fill the container (Cytoscape's own fit
// measures every label first: a third of the drawing's time for 500 people).
function fitPositions(cy, container, placed, padding) {
  const points = cy.nodes().map((node) => placed(node));
  const xs = points.map((point) => point.x);
  const ys = points.map((point) => point.y);
  const [minX, maxX, minY, maxY] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  const zoom = Math.min((container.clientWidth - 2 * padding) / Math.max(maxX - minX, 1), (container.clientHeight - 2 * padding) / Math.max(maxY - minY, 1));
  cy.viewport({ zoom, pan: { x: container.clientWidth / 2 - zoom * (minX + maxX) / 2, y: container.clientHeight / 2 - zoom * (minY + maxY) / 2 } });
}

// placeNodes lays `people` out with layout.js; returns Cytoscape's preset positions function.
function placeNodes(people, edges) {
  const placed = forceLayout(people.map((person) => person.id), edges.map((edge) => [edge.source, edge.target]));
  return (node) => placed.get(node.id());
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
