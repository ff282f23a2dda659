// The network graph: people (personas) as nodes labelled by the names they applied under, each
// shared artifact an edge coloured by its kind (reasons.js ARTIFACT_KINDS). Drawn on a canvas by
// Cytoscape.js, so applicant names are painted as text, never parsed as markup.
import cytoscape from 'cytoscape';
import { artifactKind } from './reasons.js';

const LEVEL_COLORS = { critical: '#b2182b', high: '#ef8a62', medium: '#f4d35e', low: '#bababa' };

// drawNetwork draws `people` ([{id, label, level}]) and `edges` ([{id, source, target, kind}])
// into `container`; `onSelect({kind: 'person'|'edge', id})` is called on a tap. Returns the
// Cytoscape instance (select a node with cy.getElementById(id).select()).
export function drawNetwork(container, people, edges, onSelect) {
  const elements = [
    ...people.map((person) => ({ group: 'nodes', data: { id: person.id, label: person.label, color: LEVEL_COLORS[person.level] ?? LEVEL_COLORS.low } })),
    ...edges.map((edge) => ({ group: 'edges', data: { id: edge.id, source: edge.source, target: edge.target, color: artifactKind(edge.kind).color } })),
  ];
  const big = people.length > 80;
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
          'font-size': big ? 8 : 12,
          'text-valign': 'bottom',
          'text-margin-y': 3,
          'text-wrap': 'ellipsis',
          'text-max-width': '140px',
          'min-zoomed-font-size': 6,
          width: big ? 12 : 22,
          height: big ? 12 : 22,
        },
      },
      { selector: 'node:selected', style: { 'border-width': 4, 'border-color': '#1a1a1a', 'overlay-opacity': 0 } },
      { selector: 'edge', style: { width: 2.5, 'line-color': 'data(color)', 'curve-style': big ? 'haystack' : 'bezier', opacity: 0.85 } },
      { selector: 'edge:selected', style: { width: 6, opacity: 1 } },
    ],
    // A ring of a few is clearest on a circle; more need a force-directed layout (cose, fewer
    // iterations for big networks: 250 people lay out in about a second on a loaded 2-core machine).
    layout: people.length <= 12
      ? { name: 'circle', animate: false, fit: true, padding: 80, avoidOverlap: true }
      : big
        ? { name: 'cose', animate: false, randomize: true, numIter: 300, nodeRepulsion: () => 6000, idealEdgeLength: () => 40, fit: true, padding: 20 }
        : { name: 'cose', animate: false, randomize: false, nodeRepulsion: () => 400000, idealEdgeLength: () => 140, edgeElasticity: () => 60, fit: true, padding: 40 },
    minZoom: 0.1,
    maxZoom: 4,
  });
  // A few people fitted to a large canvas would be drawn huge: cap the zoom the fit chose.
  if (cy.zoom() > 1.25) {
    cy.zoom(1.25);
    cy.center();
  }
  cy.on('tap', 'node', (event) => onSelect({ kind: 'person', id: event.target.id() }));
  cy.on('tap', 'edge', (event) => onSelect({ kind: 'edge', id: event.target.id() }));
  return cy;
}
