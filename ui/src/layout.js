// A force-directed layout for networks of hundreds of people, fast enough to draw 500 in well
// under a second: Fruchterman & Reingold (1991), "Graph drawing by force-directed placement",
// with their grid variant — repulsion only from nodes in the neighbouring cells — so an
// iteration costs O(nodes + edges) instead of Cytoscape cose's O(nodes²). Deterministic: nodes
// start on a sunflower spiral in breadth-first order from the first (most severe) person, so
// tied people start near each other, few iterations settle them, and a page looks the same each
// time it is opened.

const IDEAL = 60; // ideal edge length (px at zoom 1): FR's k

// forceLayout returns a Map from each of `ids` to {x, y}; `edges` are [sourceId, targetId] pairs
// (unknown ids are ignored).
export function forceLayout(ids, edges, iterations = 80) {
  const count = ids.length;
  const index = new Map(ids.map((id, position) => [id, position]));
  const links = edges.map(([source, target]) => [index.get(source), index.get(target)]).filter(([source, target]) => source !== undefined && target !== undefined && source !== target);
  const xs = new Float64Array(count);
  const ys = new Float64Array(count);
  const golden = Math.PI * (3 - Math.sqrt(5));
  for (const [turn, node] of breadthFirst(count, links).entries()) {
    const radius = IDEAL * Math.sqrt(turn + 0.5);
    xs[node] = radius * Math.cos(turn * golden);
    ys[node] = radius * Math.sin(turn * golden);
  }
  const dx = new Float64Array(count);
  const dy = new Float64Array(count);
  const start = IDEAL * Math.sqrt(count) * 0.5;
  for (let step = 0; step < iterations; step += 1) {
    dx.fill(0);
    dy.fill(0);
    repel(xs, ys, dx, dy);
    for (const [source, target] of links) {
      const ex = xs[source] - xs[target];
      const ey = ys[source] - ys[target];
      const distance = Math.sqrt(ex * ex + ey * ey) || 0.01;
      const pull = distance / IDEAL; // FR attraction d²/k, divided by d for the unit vector
      dx[source] -= ex * pull;
      dy[source] -= ey * pull;
      dx[target] += ex * pull;
      dy[target] += ey * pull;
    }
    // Gravity keeps parts that no listed tie joins from drifting apart.
    const temperature = start * (1 - step / iterations) + 1;
    for (let node = 0; node < count; node += 1) {
      const fx = dx[node] - 0.02 * xs[node];
      const fy = dy[node] - 0.02 * ys[node];
      const length = Math.sqrt(fx * fx + fy * fy) || 1;
      const move = Math.min(length, temperature) / length;
      xs[node] += fx * move;
      ys[node] += fy * move;
    }
  }
  return new Map(ids.map((id, node) => [id, { x: xs[node], y: ys[node] }]));
}

// breadthFirst orders nodes 0..count-1 breadth-first over `links`, each part after the last.
function breadthFirst(count, links) {
  const neighbours = Array.from({ length: count }, () => []);
  for (const [source, target] of links) {
    neighbours[source].push(target);
    neighbours[target].push(source);
  }
  const seen = new Uint8Array(count);
  const order = [];
  for (let root = 0; root < count; root += 1) {
    if (seen[root]) continue;
    seen[root] = 1;
    for (let head = order.push(root) - 1; head < order.length; head += 1) {
      for (const next of neighbours[order[head]]) {
        if (!seen[next]) {
          seen[next] = 1;
          order.push(next);
        }
      }
    }
  }
  return order;
}

// repel adds FR's repulsion k²/d between nodes closer than 2k, found through a grid of 2k cells
// (nodes sorted by cell: `first[cell]` .. `first[cell + 1]` index `order`).
function repel(xs, ys, dx, dy) {
  const count = xs.length;
  const cell = 2 * IDEAL;
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  for (let node = 0; node < count; node += 1) {
    minX = Math.min(minX, xs[node]);
    minY = Math.min(minY, ys[node]);
    maxX = Math.max(maxX, xs[node]);
  }
  const columns = Math.floor((maxX - minX) / cell) + 1;
  const cellOf = new Int32Array(count);
  let cells = 0;
  for (let node = 0; node < count; node += 1) {
    cellOf[node] = Math.floor((ys[node] - minY) / cell) * columns + Math.floor((xs[node] - minX) / cell);
    cells = Math.max(cells, cellOf[node] + 1);
  }
  const first = new Int32Array(cells + 1);
  for (let node = 0; node < count; node += 1) first[cellOf[node] + 1] += 1;
  for (let slot = 0; slot < cells; slot += 1) first[slot + 1] += first[slot];
  const order = new Int32Array(count);
  const filled = first.slice(0, cells);
  for (let node = 0; node < count; node += 1) order[filled[cellOf[node]]++] = node;
  const reach = cell * cell;
  for (let node = 0; node < count; node += 1) {
    const column = cellOf[node] % columns;
    const row = (cellOf[node] - column) / columns;
    for (let nearRow = row - 1; nearRow <= row + 1; nearRow += 1) {
      for (let nearColumn = Math.max(0, column - 1); nearColumn <= Math.min(columns - 1, column + 1); nearColumn += 1) {
        const slot = nearRow * columns + nearColumn;
        if (slot < 0 || slot >= cells) continue;
        for (let position = first[slot]; position < first[slot + 1]; position += 1) {
          const other = order[position];
          if (other === node) continue;
          let ex = xs[node] - xs[other];
          let ey = ys[node] - ys[other];
          let squared = ex * ex + ey * ey;
          if (squared === 0) {
            ex = (node - other) * 0.01; // two nodes on one spot: push them apart along x
            ey = 0;
            squared = ex * ex;
          }
          if (squared >= reach) continue;
          const push = (IDEAL * IDEAL) / squared; // k²/d along the unit vector (ex, ey)/d
          dx[node] += ex * push;
          dy[node] += ey * push;
        }
      }
    }
  }
}
