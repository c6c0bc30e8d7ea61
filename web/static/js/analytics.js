// analytics.js: what the analytics routes' answers mean for the drawing
// (pure; unit-tested): node sizes from a centrality, colours from the
// communities, and which nodes and edges a brokers answer highlights.

// METRICS are the centralities GET /api/v1/analytics/centrality offers.
export const METRICS = ['degree', 'betweenness', 'closeness', 'pagerank', 'eigenvector'];

export const METRIC_LABELS = {
  degree: 'degree (relationships)',
  betweenness: 'betweenness (on shortest paths)',
  closeness: 'closeness (near everyone)',
  pagerank: 'PageRank',
  eigenvector: 'eigenvector (linked to the linked)',
};

// SIZE is the range of node sizes (px at zoom 1) a centrality maps onto.
export const SIZE = { min: 18, max: 64 };

// sizeScale maps a centrality answer's results ([{id, score}]) to node
// sizes: the lowest score gets min, the highest max, and the area (not the
// width) grows with the score in between, so a node twice as central looks
// twice as large. All scores equal: every node gets the middle size.
export function sizeScale(results, { min = SIZE.min, max = SIZE.max } = {}) {
  const out = new Map();
  const scores = (results || []).filter((r) => Number.isFinite(r.score));
  if (!scores.length) return out;
  let lo = Infinity;
  let hi = -Infinity;
  for (const r of scores) {
    lo = Math.min(lo, r.score);
    hi = Math.max(hi, r.score);
  }
  for (const r of scores) {
    const t = hi > lo ? (r.score - lo) / (hi - lo) : 0.25;
    out.set(r.id, Math.round((min + (max - min) * Math.sqrt(t)) * 10) / 10);
  }
  return out;
}

// COMMUNITY_COLORS colour the largest communities, in order; the others
// share OTHER_COMMUNITY. Chosen apart from each other, not from the kinds'
// palette: colouring by community replaces the kind colour (the shape still
// says the kind).
export const COMMUNITY_COLORS = ['#1f77b4', '#ff7f0e', '#2ca02c', '#d62728', '#9467bd',
  '#8c564b', '#e377c2', '#17becf', '#bcbd22', '#393b79'];
export const OTHER_COMMUNITY = '#b0bec5';

// communityColors is, per member id, its community's place in the answer
// (largest first, as the route sorts them) and colour.
export function communityColors(answer) {
  const out = new Map();
  (answer?.communities || []).forEach((c, i) => {
    const color = i < COMMUNITY_COLORS.length ? COMMUNITY_COLORS[i] : OTHER_COMMUNITY;
    for (const id of c.members || []) out.set(id, { index: i, id: c.id, color });
  });
  return out;
}

// communityLegend is what the legend lists: each coloured community with its
// size, its most central members and how many of its members the view shows;
// the rest folded into one "other" row. shown is the set of ids drawn.
export function communityLegend(answer, shown = new Set()) {
  const rows = [];
  let other = null;
  (answer?.communities || []).forEach((c, i) => {
    const inView = (c.members || []).filter((id) => shown.has(id)).length;
    if (i < COMMUNITY_COLORS.length) {
      rows.push({ index: i, color: COMMUNITY_COLORS[i], size: c.size, central: c.central || [], inView });
      return;
    }
    other ??= { index: -1, color: OTHER_COMMUNITY, size: 0, communities: 0, central: [], inView: 0 };
    other.size += c.size;
    other.communities++;
    other.inView += inView;
  });
  if (other) rows.push(other);
  return rows;
}

// pathKey names a path by its relationship ids, in order.
export const pathKey = (edges) => (edges || []).join('\n');

// matchPaths finds, for each path of a brokers answer, the ranked path of
// GET /api/v1/paths (the same query) with the same relationships, which
// carries each hop's evidence. Answers a Map from pathKey to that path.
export function matchPaths(brokers, ranked) {
  const byKey = new Map((ranked?.paths || []).map((p) => [pathKey(p.edges), p]));
  const out = new Map();
  for (const b of brokers?.brokers || []) {
    for (const edges of b.paths || []) {
      const k = pathKey(edges);
      if (byKey.has(k)) out.set(k, byKey.get(k));
    }
  }
  return out;
}

// brokerMarks is what the canvas highlights for a brokers answer: the
// brokers, the two ends, and the relationships and entities of the brokers'
// paths; with focus (a broker's id), only that broker's paths.
export function brokerMarks(answer, focus = null) {
  const marks = { brokers: new Set(), ends: new Set(), edges: new Set() };
  if (!answer) return marks;
  marks.ends.add(answer.from);
  marks.ends.add(answer.to);
  for (const b of answer.brokers || []) {
    marks.brokers.add(b.id);
    if (focus && b.id !== focus) continue;
    for (const p of b.paths || []) for (const e of p) marks.edges.add(e);
  }
  return marks;
}

// brokerSubgraph is the nodes and relationships of a ranked answer that lie
// on the brokers' paths: what the view draws for a brokers answer.
export function brokerSubgraph(answer, ranked) {
  const { edges } = brokerMarks(answer);
  const es = (ranked?.edges || []).filter((e) => edges.has(e.id));
  const ids = new Set(es.flatMap((e) => [e.source, e.target]));
  return { nodes: (ranked?.nodes || []).filter((n) => ids.has(n.id)), edges: es, sources: ranked?.sources || [] };
}

// percent writes a share (0..1) as a whole percentage.
export const percent = (share) => `${Math.round((share || 0) * 100)}%`;
