// merge.js: API answers merged into the view, and the counts drawn from it
// (pure: functions of the view; unit-tested).

export const isSource = (v, id) => v.nodes.get(id)?.kind === 'Source' || v.sources.get(id)?.kind === 'Source';

// merge adds an API graph g to the view v. A neighbour answer's `hidden`
// counts, per node, the relationships it left out (links to Source nodes are
// never counted); with the relationships it did include, that is the node's
// total, from which the "+N" badge is recomputed as the view grows. A path
// answer's `sources` are the Source entities its edges cite, for the evidence
// panel. Edges whose ends are not both in the view are left out.
export function merge(v, g) {
  for (const s of g.sources || []) if (s && s.id) v.sources.set(s.id, s);
  const touching = new Map();
  const linked = new Set();
  for (const e of g.edges || []) {
    linked.add(e.source);
    linked.add(e.target);
  }
  for (const n of g.nodes || []) {
    if (n.kind === 'Source') v.sources.set(n.id, n);
    // Sources are drawn only when an edge touches them; otherwise they only
    // feed the evidence panel.
    if (n.kind === 'Source' && !linked.has(n.id) && !v.nodes.has(n.id)) continue;
    v.nodes.set(n.id, { ...v.nodes.get(n.id), ...n });
  }
  // A node an answer brings back is no longer removed.
  if (v.removed?.length) v.removed = v.removed.filter((id) => !v.nodes.has(id));
  for (const e of g.edges || []) {
    if (!v.nodes.has(e.source) || !v.nodes.has(e.target)) continue;
    v.edges.set(e.id, e);
    if (isSource(v, e.source) || isSource(v, e.target)) continue;
    for (const end of [e.source, e.target]) touching.set(end, (touching.get(end) || 0) + 1);
  }
  for (const n of g.nodes || []) {
    if (typeof n.hidden === 'number') v.total.set(n.id, n.hidden + (touching.get(n.id) || 0));
  }
}

// edgeCounts is, per node, how many relationships of the view touch it
// (leaving out links to Source nodes, as `hidden` does).
export function edgeCounts(v) {
  const m = new Map();
  for (const e of v.edges.values()) {
    if (isSource(v, e.source) || isSource(v, e.target)) continue;
    for (const end of [e.source, e.target]) m.set(end, (m.get(end) || 0) + 1);
  }
  return m;
}

// neighbourCounts is, per node, how many distinct neighbours the view shows
// (hubs are drawn larger).
export function neighbourCounts(v) {
  const m = new Map();
  const link = (a, b) => {
    if (!m.has(a)) m.set(a, new Set());
    m.get(a).add(b);
  };
  for (const e of v.edges.values()) {
    link(e.source, e.target);
    link(e.target, e.source);
  }
  return new Map([...m].map(([k, s]) => [k, s.size]));
}

// hiddenOf is how many relationships of id the view does not show, or null if
// unknown (only neighbour answers say).
export function hiddenOf(v, id, counts = edgeCounts(v)) {
  if (!v.total.has(id)) return null;
  return Math.max(0, v.total.get(id) - (counts.get(id) || 0));
}

// removeNode takes id and its edges out of the view.
export function removeNode(v, id) {
  v.nodes.delete(id);
  for (const [eid, e] of v.edges) if (e.source === id || e.target === id) v.edges.delete(eid);
  v.expanded = v.expanded.filter((x) => x !== id);
  v.added = v.added.filter((x) => x !== id);
  if (v.removed && !v.removed.includes(id)) v.removed.push(id);
  if (v.selected === id) v.selected = null;
}

// canonicalId is the id an expansion of id (a name or alias the API
// resolved) stands for in the answer g.
export function canonicalId(v, id, g) {
  if (v.nodes.has(id)) return id;
  return (g.nodes || []).find((n) => n.name === id || (n.aliases || []).includes(id))?.id || id;
}
