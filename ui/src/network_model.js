// A network's people and ties as the network page shows them, computed from GET /v1/networks/{id}:
// people (personas) with their names and most severe level, ties between them by artifact kind,
// the neighbours a collapsed kind hides, and the parts (connected by the listed ties) that a
// network too big to draw whole is split into.

export const LEVEL_RANK = { low: 0, medium: 1, high: 2, critical: 3 };

// peopleOf groups the network's applications by persona: [{id, names, label, level, applications}],
// most severe first, then by label.
export function peopleOf(applications) {
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

// tiesOf gives the node's edges ids and the names the graph uses: [{id, source, target, kind, value, weight}].
export function tiesOf(edges) {
  return (edges ?? []).map((edge, index) => ({ id: `e${index}`, source: edge.persona_left, target: edge.persona_right, ...edge }));
}

// countByKind counts ties per artifact kind, in first-seen order (the node lists the strongest first).
export function countByKind(ties) {
  const counts = new Map();
  for (const tie of ties) counts.set(tie.kind, (counts.get(tie.kind) ?? 0) + 1);
  return counts;
}

// hiddenNeighbours maps each person to how many others it is tied to by collapsed kinds only
// (a neighbour also tied by a shown kind stays visible, so it is not counted).
export function hiddenNeighbours(ties, collapsed) {
  const shown = new Set();
  const hidden = new Map();
  const pair = (left, right) => `${left}\u0000${right}`;
  for (const tie of ties) {
    if (collapsed.has(tie.kind)) continue;
    shown.add(pair(tie.source, tie.target));
    shown.add(pair(tie.target, tie.source));
  }
  for (const tie of ties) {
    if (!collapsed.has(tie.kind)) continue;
    for (const [from, to] of [[tie.source, tie.target], [tie.target, tie.source]]) {
      if (shown.has(pair(from, to))) continue;
      if (!hidden.has(from)) hidden.set(from, new Set());
      hidden.get(from).add(to);
    }
  }
  return new Map([...hidden].map(([person, others]) => [person, others.size]));
}

// partsOf splits people into the parts the listed ties connect (union-find), biggest first;
// people with no listed tie form no part. Returns [{people, ties, level}].
export function partsOf(people, ties) {
  const parent = new Map(people.map((person) => [person.id, person.id]));
  const find = (id) => {
    while (parent.get(id) !== id) {
      parent.set(id, parent.get(parent.get(id)));
      id = parent.get(id);
    }
    return id;
  };
  const inside = ties.filter((tie) => parent.has(tie.source) && parent.has(tie.target));
  for (const tie of inside) parent.set(find(tie.source), find(tie.target));
  const parts = new Map();
  const tied = new Set(inside.flatMap((tie) => [tie.source, tie.target]));
  for (const person of people) {
    if (!tied.has(person.id)) continue;
    const root = find(person.id);
    if (!parts.has(root)) parts.set(root, { people: [], ties: [], level: 'low' });
    const part = parts.get(root);
    part.people.push(person);
    if (LEVEL_RANK[person.level] > LEVEL_RANK[part.level]) part.level = person.level;
  }
  for (const tie of inside) parts.get(find(tie.source)).ties.push(tie);
  return [...parts.values()].sort((left, right) => right.people.length - left.people.length || LEVEL_RANK[right.level] - LEVEL_RANK[left.level]);
}
