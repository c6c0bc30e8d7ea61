// actorgraph explorer: search, neighbourhood expansion, path finding with
// per-hop evidence, filters, a date slider, export and shareable URLs, over the
// actorgraph v1 JSON API. Plain ES module, no build step; Cytoscape.js and
// cytoscape-fcose are vendored under /static/vendor by scripts/web.sh.
import cytoscape from './vendor/cytoscape.esm.min.js';

const API = '/api/v1';

// One colour and one shape per kind, used by the graph, the legend and the filters.
const KINDS = {
  Group:       { color: '#c62828', shape: 'hexagon' },
  Attacker:    { color: '#ef6c00', shape: 'triangle' },
  Nationality: { color: '#7b1fa2', shape: 'pentagon' },
  State:       { color: '#1565c0', shape: 'round-rectangle' },
  Event:       { color: '#d4a000', shape: 'star' },
  Person:      { color: '#00897b', shape: 'ellipse' },
  Location:    { color: '#2e7d32', shape: 'diamond' },
  Source:      { color: '#616161', shape: 'cut-rectangle' },
};
const OTHER_KIND = { color: '#90a4ae', shape: 'ellipse' };
const kindStyle = (k) => KINDS[k] || OTHER_KIND;
const CONTESTED = new Set(['alleged', 'denied']);

const $ = (sel) => document.querySelector(sel);

// ---------- view state ----------

const view = {
  nodes: new Map(),    // id -> node as the API sent it
  edges: new Map(),    // id -> edge
  sources: new Map(),  // id -> Source entity (from answers' `sources` and Source nodes), for the evidence panel
  total: new Map(),    // id -> neighbour count estimated from the API's `hidden`
  expanded: [],        // ids expanded, in order (restored from the URL)
  selected: null,      // selected node id
  path: null,          // path query {from, to, rel[], stance[], minConfidence, knownOn, mode, maxDepth}
  answer: null,        // last path answer
  all: false,          // whole graph loaded
  kindsOff: new Set(),
  relsOff: new Set(),
  asOf: null,          // YYYY-MM-DD: hide edges reported after it
  schema: null,
};

// ---------- API ----------

class APIError extends Error {
  constructor(message, code, status) {
    super(message);
    this.code = code;
    this.status = status;
  }
}

// api GETs path (with params) and returns the JSON body, or throws an APIError
// carrying the API's own error.message.
async function api(path, params, signal) {
  const qs = new URLSearchParams();
  for (const [k, v] of Object.entries(params || {})) {
    if (v === undefined || v === null || v === '') continue;
    for (const one of Array.isArray(v) ? v : [v]) qs.append(k, String(one));
  }
  const url = API + path + (qs.toString() ? '?' + qs : '');
  let res;
  try {
    res = await fetch(url, { headers: { Accept: 'application/json' }, signal });
  } catch (err) {
    if (err.name === 'AbortError') throw err;
    throw new APIError('Cannot reach the actorgraph API. Is the server running?', 'network', 0);
  }
  let body = null;
  try {
    body = await res.json();
  } catch {
    // fall through: a body that is not JSON is reported by status below
  }
  if (!res.ok) {
    const e = body && body.error;
    const msg = (e && e.message) || `The API answered ${res.status} ${res.statusText || ''}`.trim();
    throw new APIError(msg, (e && e.code) || 'http_' + res.status, res.status);
  }
  if (body === null) throw new APIError('The API answered with something that is not JSON.', 'bad_json', res.status);
  return body;
}

const entityPath = (id) => '/entities/' + encodeURIComponent(id);

// ---------- busy / status / errors ----------

let pending = 0;
let failed = false;
let layoutRunning = false;

function refreshState() {
  const s = pending > 0 || layoutRunning ? 'loading' : failed ? 'error' : 'ready';
  document.documentElement.dataset.state = s;
}

// task runs fn with the page marked loading and shows a failure in the error
// banner, prefixed with what was being done.
async function task(label, fn) {
  pending++;
  failed = false;
  hideError();
  setStatus(label + '…', true);
  refreshState();
  try {
    const out = await fn();
    return out;
  } catch (err) {
    if (err.name === 'AbortError') return undefined;
    failed = true;
    showError(err.message || String(err));
    setStatus('');
    console.warn(label + ':', err); // a warning, not an error: the banner already says it
    return undefined;
  } finally {
    pending--;
    if (pending === 0 && $('#status').dataset.busy === 'true') setStatus(summary());
    refreshState();
  }
}

function setStatus(text, busy = false) {
  const el = $('#status');
  el.textContent = text;
  el.dataset.busy = String(busy);
}

function showError(msg) {
  $('#error-message').textContent = msg;
  $('#error').hidden = false;
}

function hideError() {
  $('#error').hidden = true;
  $('#error-message').textContent = '';
}

function summary() {
  const n = cy.nodes().filter((x) => x.visible()).length;
  const e = cy.edges().filter((x) => x.visible()).length;
  return view.nodes.size ? `${n} nodes, ${e} edges shown` : '';
}

// ---------- Cytoscape ----------

if (window.cytoscapeFcose) cytoscape.use(window.cytoscapeFcose);
const LAYOUT = window.cytoscapeFcose ? 'fcose' : 'cose';

// Label text: names are cut to LABEL_MAX characters (at a word) so that a
// label wraps to two lines at most; the full name shows on hover, on
// selection and in the details panel.
const LABEL_MAX = 34;


function shortName(name) {
  const s = String(name ?? '');
  if (s.length <= LABEL_MAX) return s;
  const cut = s.lastIndexOf(' ', LABEL_MAX - 1);
  return s.slice(0, cut > LABEL_MAX / 2 ? cut : LABEL_MAX - 1).replace(/[\s,;:–-]+$/, '') + '…';
}

// badge draws "+N" (neighbours not shown yet) in a small font inside the
// node, as an SVG background image: it never widens or lengthens the label.
const badges = new Map();
function badge(n, shape) {
  const key = `${n}/${shape}`;
  if (!badges.has(key)) {
    const t = n > 99 ? '99+' : `+${n}`;
    // A triangle's wide part is low; a star's centre is small.
    const [y, size] = shape === 'triangle' ? [24, t.length > 2 ? 8 : 9] : shape === 'star' ? [19, t.length > 2 ? 8 : 9] : [18.5, 10];
    const svg = '<svg xmlns="http://www.w3.org/2000/svg" width="30" height="30" viewBox="0 0 30 30">'
      + `<text x="15" y="${y}" text-anchor="middle" font-family="DejaVu Sans, Arial, sans-serif" font-size="${size}" font-weight="700" `
      + `fill="#ffffff" stroke="#1b1f24" stroke-opacity="0.65" stroke-width="2.4" paint-order="stroke">${t}</text></svg>`;
    badges.set(key, 'data:image/svg+xml;charset=utf-8,' + encodeURIComponent(svg));
  }
  return badges.get(key);
}

const cy = cytoscape({
  container: $('#cy'),
  wheelSensitivity: 0.3,
  minZoom: 0.15,
  maxZoom: 3,
  boxSelectionEnabled: false,
  style: [
    {
      selector: 'node',
      style: {
        'background-color': (n) => kindStyle(n.data('kind')).color,
        shape: (n) => kindStyle(n.data('kind')).shape,
        width: 30,
        height: 30,
        label: 'data(label)',
        'font-family': 'system-ui, "DejaVu Sans", sans-serif',
        'font-size': 11,
        color: '#1b1f24',
        'text-valign': 'bottom',
        'text-margin-y': 3,
        'text-wrap': 'wrap',
        'text-max-width': 104,
        'text-justification': 'center',
        'line-height': 1.15,
        'text-background-color': '#ffffff',
        'text-background-opacity': 0.82,
        'text-background-padding': 2,
        'text-background-shape': 'round-rectangle',
        'border-width': 1.5,
        'border-color': '#ffffff',
        // In a large, zoomed-out view small labels vanish instead of blurring
        // into each other; hubs keep bigger ones (below).
        'min-zoomed-font-size': 6,
      },
    },
    // Hubs keep a readable name when the view is zoomed far out (see 'zoom' below).
    { selector: 'node[deg >= 8]', style: { 'font-size': () => hubFontSize(), 'font-weight': 'bold', width: 40, height: 40 } },
    { selector: 'node[kind = "Event"][deg < 8]', style: { width: 36, height: 36 } },
    {
      selector: 'node[hidden > 0]',
      style: {
        'border-width': 3, 'border-color': '#90a4ae', 'border-style': 'double',
        'background-image': (n) => badge(n.data('hidden'), kindStyle(n.data('kind')).shape),
        'background-fit': 'contain', 'background-clip': 'none', 'background-image-smoothing': 'yes',
      },
    },
    {
      selector: 'edge',
      style: {
        width: (e) => 1 + 2.5 * ((e.data('confidence') ?? 50) / 100),
        'line-color': '#8a939c',
        'target-arrow-color': '#8a939c',
        'target-arrow-shape': 'triangle',
        'arrow-scale': 0.9,
        'curve-style': 'bezier',
        label: '',
        'font-family': 'ui-monospace, "DejaVu Sans Mono", monospace',
        'font-size': 9,
        color: '#3c444c',
        'text-rotation': 'autorotate',
        'text-background-color': '#ffffff',
        'text-background-opacity': 0.9,
        'text-background-padding': 1.5,
        'text-background-shape': 'round-rectangle',
        'min-zoomed-font-size': 6,
      },
    },
    { selector: 'edge[?inferred]', style: { 'line-style': 'dotted' } },
    {
      selector: 'edge[stance = "alleged"], edge[stance = "denied"]',
      style: { 'line-style': 'dashed', 'line-dash-pattern': [6, 4], 'line-color': '#b26a00', 'target-arrow-color': '#b26a00' },
    },
    { selector: 'edge[stance = "denied"]', style: { 'line-color': '#b3261e', 'target-arrow-color': '#b3261e' } },
    // Edge labels only where they are read: on the highlighted path and under
    // the pointer (an edge, a node's edges, a hop of the evidence panel).
    { selector: 'edge.labelled, edge.hl, edge.hover', style: { label: 'data(type)', 'z-index': 15 } },
    { selector: 'edge.hl', style: { 'line-color': '#4f5962', 'target-arrow-color': '#4f5962' } },
    { selector: '.dim', style: { opacity: 0.28 } },
    { selector: 'node.path', style: { 'border-width': 4, 'border-color': '#e6007e', 'border-style': 'solid', 'z-index': 10 } },
    { selector: 'edge.path', style: { 'line-color': '#e6007e', 'target-arrow-color': '#e6007e', width: 5, 'z-index': 10, color: '#8c004c' } },
    { selector: 'edge.hover', style: { 'line-color': '#1a73e8', 'target-arrow-color': '#1a73e8', width: 6, 'z-index': 20 } },
    { selector: 'node:selected', style: { 'border-width': 4, 'border-color': '#1a73e8', 'border-style': 'solid' } },
    { selector: 'node.hover, node:selected', style: { label: 'data(name)', 'z-index': 30, 'text-background-opacity': 1 } },
    { selector: 'edge:selected', style: { 'line-color': '#1a73e8', 'target-arrow-color': '#1a73e8', label: 'data(type)' } },
    { selector: '.filtered', style: { display: 'none' } },
  ],
});
window.cy = cy; // test hook and console access

// Labels are 11px at zoom 1; a hub's grows as the view zooms out so that it
// stays legible (about 8px on screen) after regular ones have vanished.
function hubFontSize() {
  return cy ? Math.min(26, Math.max(12, 8 / cy.zoom())) : 12;
}
let zoomTimer = 0;
let lastHubFont = 12;
cy.on('zoom', () => {
  clearTimeout(zoomTimer);
  zoomTimer = setTimeout(() => {
    if (hubFontSize() !== lastHubFont) {
      lastHubFont = hubFontSize();
      cy.style().update();
    }
  }, 120);
});

cy.on('tap', 'node', (evt) => {
  const id = evt.target.id();
  select(id);
  if (!view.expanded.includes(id) && hiddenOf(id) !== 0) expand(id);
});
cy.on('tap', 'edge', (evt) => showEdge(evt.target.id()));
cy.on('tap', (evt) => {
  if (evt.target === cy) select(null);
});
cy.on('mouseover', 'node', (evt) => {
  evt.target.addClass('hover');
  evt.target.connectedEdges().addClass('hl');
});
cy.on('mouseout', 'node', (evt) => {
  evt.target.removeClass('hover');
  evt.target.connectedEdges().removeClass('hl');
});
cy.on('mouseover', 'edge', (evt) => evt.target.addClass('hl'));
cy.on('mouseout', 'edge', (evt) => evt.target.removeClass('hl'));

// seeded is a small deterministic PRNG (mulberry32). fcose draws its start
// positions and samples with Math.random; running it on a fixed seed, over the
// elements in id order, gives the same picture for the same graph (a shared
// link looks like the view it was copied from).
function seeded(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const LAYOUT_SEED = 20240322;

function withSeed(fn) {
  const random = Math.random;
  Math.random = seeded(LAYOUT_SEED);
  try {
    return fn();
  } finally {
    Math.random = random;
  }
}

const byId = (a, b) => (a.id() < b.id() ? -1 : a.id() > b.id() ? 1 : 0);

// fcose's forces: labels count as part of a node's size, so names keep clear of
// each other and of other nodes; edges grow a little longer in a large view.
function fcoseOptions() {
  const n = cy.nodes(':visible').length;
  return {
    name: 'fcose',
    quality: 'proof',
    randomize: true,
    animate: false,
    fit: false,
    nodeDimensionsIncludeLabels: true,
    uniformNodeDimensions: false,
    packComponents: true,
    samplingType: true,
    nodeSeparation: 110,
    nodeRepulsion: () => 9000,
    // A path edge is drawn with its type: room for the label.
    idealEdgeLength: (e) => (e.hasClass('labelled') ? 110 : n > 40 ? 70 : 55),
    edgeElasticity: () => 0.4,
    gravity: 0.3,
    gravityRange: 3.8,
    numIter: 3000,
    tile: true,
    tilingPaddingVertical: 16,
    tilingPaddingHorizontal: 16,
  };
}

// separate pushes apart nodes whose boxes (shape and label, plus a gap)
// still overlap after the force layout, which keeps labels apart on the whole
// but promises nothing: each overlapping pair moves apart along the axis of
// least overlap, until none is left or the rounds run out. Labelled edges'
// labels are obstacles: a node on one (other than the edge's ends) moves off it.
function separate(nodes, gap = 6, rounds = 80) {
  const items = nodes.map((n) => {
    const p = n.position();
    const bb = n.boundingBox({ includeLabels: true, includeOverlays: false, includeUnderlays: false });
    return { n, x: p.x, y: p.y, x1: bb.x1 - p.x - gap / 2, x2: bb.x2 - p.x + gap / 2, y1: bb.y1 - p.y - gap / 2, y2: bb.y2 - p.y + gap / 2 };
  });
  const obstacles = nodes.edgesWith(nodes).filter((e) => e.style('label')).map((e) => ({
    ends: new Set([e.source().id(), e.target().id()]),
    bb: e.boundingBox({ includeNodes: false, includeEdges: false, includeLabels: true, includeOverlays: false }),
  })).filter((o) => o.bb.w > 0);
  for (let r = 0; r < rounds; r++) {
    let moved = false;
    for (let i = 0; i < items.length; i++) {
      const a = items[i];
      for (let j = i + 1; j < items.length; j++) {
        const b = items[j];
        const ox = Math.min(a.x + a.x2, b.x + b.x2) - Math.max(a.x + a.x1, b.x + b.x1);
        if (ox <= 0) continue;
        const oy = Math.min(a.y + a.y2, b.y + b.y2) - Math.max(a.y + a.y1, b.y + b.y1);
        if (oy <= 0) continue;
        moved = true;
        if (ox < oy) {
          const d = (ox / 2 + 0.5) * (a.x <= b.x ? 1 : -1);
          a.x -= d;
          b.x += d;
        } else {
          const d = (oy / 2 + 0.5) * (a.y <= b.y ? 1 : -1);
          a.y -= d;
          b.y += d;
        }
      }
      for (const o of obstacles) {
        if (o.ends.has(a.n.id())) continue;
        const ox = Math.min(a.x + a.x2, o.bb.x2) - Math.max(a.x + a.x1, o.bb.x1);
        if (ox <= 0) continue;
        const oy = Math.min(a.y + a.y2, o.bb.y2) - Math.max(a.y + a.y1, o.bb.y1);
        if (oy <= 0) continue;
        moved = true;
        if (ox < oy) a.x += (ox + 0.5) * (a.x <= (o.bb.x1 + o.bb.x2) / 2 ? -1 : 1);
        else a.y += (oy + 0.5) * (a.y <= (o.bb.y1 + o.bb.y2) / 2 ? -1 : 1);
      }
    }
    if (!moved) break;
  }
  cy.batch(() => items.forEach((it) => it.n.position({ x: it.x, y: it.y })));
}

// matchAspect stretches a layout towards the canvas's proportions (about the
// centre, by at most 1.4 each way), so that the fit can zoom in further;
// separate() then undoes any overlap the squeeze made.
function matchAspect(nodes) {
  if (nodes.length < 8 || !cy.width() || !cy.height()) return;
  const bb = nodes.boundingBox({ includeLabels: true, includeOverlays: false, includeUnderlays: false });
  if (!bb.w || !bb.h) return;
  const r = (cy.height() / cy.width()) / (bb.h / bb.w);
  if (r > 0.9 && r < 1.1) return;
  const k = Math.sqrt(Math.min(Math.max(r, 0.5), 2));
  const cx = (bb.x1 + bb.x2) / 2;
  const cy0 = (bb.y1 + bb.y2) / 2;
  cy.batch(() => nodes.forEach((n) => {
    const p = n.position();
    n.position({ x: cx + (p.x - cx) / k, y: cy0 + (p.y - cy0) * k });
  }));
}

// runLayout lays the view out afresh, on the fixed seed: the same graph always
// gets the same picture, whatever order it was built in. fcose places the
// nodes, separate() removes what overlap is left, then the nodes move there
// (animated after the first draw, so the eye can follow) and the view fits.
let layoutSeq = 0;
let settling = null;

function runLayout(animate) {
  const seq = ++layoutSeq;
  // A newer layout replaces one still animating.
  settling?.stop();
  settling = null;
  if (cy.nodes().length === 0) {
    layoutRunning = false;
    refreshState();
    return;
  }
  layoutRunning = true;
  refreshState();
  const eles = cy.elements(':visible').sort(byId);
  const nodes = eles.nodes();
  const from = new Map(nodes.map((n) => [n.id(), { ...n.position() }]));
  const opts = LAYOUT === 'fcose'
    ? fcoseOptions()
    : { name: 'cose', randomize: true, animate: false, fit: false, nodeDimensionsIncludeLabels: true };
  const layout = eles.layout(opts);
  layout.one('layoutstop', () => {
    // Moving nodes moves the labels of the edges between them: a second
    // pass measures those again.
    matchAspect(nodes);
    separate(nodes);
    separate(nodes);
    const to = new Map(nodes.map((n) => [n.id(), { ...n.position() }]));
    if (animate) cy.batch(() => nodes.forEach((n) => n.position(from.get(n.id()))));
    // A path of three nodes should not fill the screen with giant labels: the
    // fit stops at 1.3; the person may zoom further afterwards.
    cy.maxZoom(1.3);
    const settle = eles.layout({ name: 'preset', positions: (n) => to.get(n.id()), animate, animationDuration: 400, fit: true, padding: 24 });
    settling = settle;
    settle.one('layoutstop', () => {
      if (seq !== layoutSeq) return;
      settling = null;
      cy.maxZoom(3);
      layoutRunning = false;
      if (hubFontSize() !== lastHubFont) {
        // The fit changed the hubs' label size: make room for it.
        lastHubFont = hubFontSize();
        cy.style().update();
        separate(nodes);
        cy.fit(eles, 24);
      }
      refreshState();
    });
    settle.run();
  });
  withSeed(() => layout.run());
}

// ---------- merging API graphs into the view ----------

const isSource = (id) => view.nodes.get(id)?.kind === 'Source' || view.sources.get(id)?.kind === 'Source';

// merge adds an API graph to the view. A neighbour answer's `hidden` counts,
// per node, the relationships it left out (links to Source nodes are never
// counted); with the relationships it did include, that is the node's total,
// from which the "+N" badge is recomputed as the view grows. A path answer's
// `sources` are the Source entities its edges cite, for the evidence panel.
function merge(g) {
  for (const s of g.sources || []) if (s && s.id) view.sources.set(s.id, s);
  const touching = new Map();
  const linked = new Set();
  for (const e of g.edges || []) {
    linked.add(e.source);
    linked.add(e.target);
  }
  for (const n of g.nodes || []) {
    if (n.kind === 'Source') view.sources.set(n.id, n);
    // Sources are drawn only when an edge touches them; otherwise they only
    // feed the evidence panel.
    if (n.kind === 'Source' && !linked.has(n.id) && !view.nodes.has(n.id)) continue;
    view.nodes.set(n.id, { ...view.nodes.get(n.id), ...n });
  }
  for (const e of g.edges || []) {
    if (!view.nodes.has(e.source) || !view.nodes.has(e.target)) continue;
    view.edges.set(e.id, e);
    if (isSource(e.source) || isSource(e.target)) continue;
    for (const end of [e.source, e.target]) touching.set(end, (touching.get(end) || 0) + 1);
  }
  for (const n of g.nodes || []) {
    if (typeof n.hidden === 'number') view.total.set(n.id, n.hidden + (touching.get(n.id) || 0));
  }
}

// edgeCounts is, per node, how many relationships of the view touch it
// (leaving out links to Source nodes, as `hidden` does).
function edgeCounts() {
  const m = new Map();
  for (const e of view.edges.values()) {
    if (isSource(e.source) || isSource(e.target)) continue;
    for (const end of [e.source, e.target]) m.set(end, (m.get(end) || 0) + 1);
  }
  return m;
}

// neighbourCounts is, per node, how many distinct neighbours the view shows
// (hubs are drawn larger).
function neighbourCounts() {
  const m = new Map();
  const link = (a, b) => {
    if (!m.has(a)) m.set(a, new Set());
    m.get(a).add(b);
  };
  for (const e of view.edges.values()) {
    link(e.source, e.target);
    link(e.target, e.source);
  }
  return m;
}

// hiddenOf is how many relationships of id the view does not show, or null if
// unknown (only neighbour answers say).
function hiddenOf(id, counts = edgeCounts()) {
  if (!view.total.has(id)) return null;
  return Math.max(0, view.total.get(id) - (counts.get(id) || 0));
}

// render brings cy in line with the view; new nodes start next to anchor.
function render(anchor) {
  const before = cy.nodes().length;
  const counts = edgeCounts();
  const nbrs = neighbourCounts();
  const at = anchor && cy.$id(anchor).nonempty() ? cy.$id(anchor).position() : null;
  let added = 0;
  cy.batch(() => {
    cy.elements().forEach((el) => {
      if (!(el.isNode() ? view.nodes : view.edges).has(el.id())) el.remove();
    });
    for (const n of view.nodes.values()) {
      const hidden = hiddenOf(n.id, counts);
      const data = { id: n.id, kind: n.kind, name: n.name, hidden: hidden ?? 0, label: shortName(n.name),
        deg: nbrs.get(n.id)?.size || 0 };
      const el = cy.$id(n.id);
      if (el.nonempty()) {
        el.data(data);
        continue;
      }
      // New nodes start on a golden-angle spiral around the anchor (or the
      // origin); the layout is deterministic from there.
      const c = at || { x: 0, y: 0 };
      const r = 40 + 12 * Math.sqrt(added);
      cy.add({ group: 'nodes', data, position: { x: c.x + r * Math.cos(added * 2.4), y: c.y + r * Math.sin(added * 2.4) } });
      added++;
    }
    for (const e of view.edges.values()) {
      if (cy.$id(e.id).nonempty()) continue;
      cy.add({
        group: 'edges',
        data: { id: e.id, source: e.source, target: e.target, type: e.type, stance: e.stance,
          confidence: e.confidence, inferred: !!e.inferred, reportedOn: e.reportedOn || '' },
      });
    }
  });
  applyFilters();
  applyHighlight();
  updateDateSlider();
  // A path answer with no path leaves the canvas empty: the evidence panel
  // says why, so no "start exploring" card.
  $('#empty').hidden = view.nodes.size > 0 || !!view.answer;
  if (view.selected && cy.$id(view.selected).nonempty()) cy.$id(view.selected).select();
  runLayout(before > 0 && !restoring);
}

function clearView() {
  view.nodes.clear();
  view.edges.clear();
  view.total.clear();
  view.expanded = [];
  view.selected = null;
  view.path = null;
  view.answer = null;
  view.all = false;
  cy.elements().remove();
}

// ---------- actions ----------

function relParams() {
  const rels = allRelTypes();
  if (!view.relsOff.size || !rels.length) return {};
  return { rel: rels.filter((r) => !view.relsOff.has(r)) };
}

function kindParams() {
  if (!view.kindsOff.size) return {};
  return { kind: Object.keys(KINDS).filter((k) => !view.kindsOff.has(k)) };
}

// expand loads id's neighbours into the view.
async function expand(id, { quiet = false } = {}) {
  const name = view.nodes.get(id)?.name || id;
  return task(`Loading neighbours of ${name}`, async () => {
    const g = await api(entityPath(id) + '/neighbors', { depth: 1, limit: 200, ...relParams(), ...kindParams() });
    merge(g);
    // The API may answer for a name or alias: record the canonical id.
    const canon = view.nodes.has(id) ? id : (g.nodes || []).find((n) => n.name === id || (n.aliases || []).includes(id))?.id || id;
    if (!view.expanded.includes(canon)) view.expanded.push(canon);
    render(canon);
    if (!quiet) {
      select(canon);
      if (g.truncated) setStatus(`${name}: more neighbours than the limit; some are not shown`);
    }
    saveURL();
    return canon;
  });
}

// pick shows an entity chosen by search: it is looked up (so an unknown name
// shows the API's message) and expanded.
async function pick(idOrName) {
  const ent = await task(`Looking up ${idOrName}`, () => api(entityPath(idOrName)));
  if (!ent) return;
  if (!view.nodes.has(ent.id)) {
    view.nodes.set(ent.id, ent);
  }
  await expand(ent.id);
  focusNode(ent.id);
}

function focusNode(id) {
  const n = cy.$id(id);
  if (n.empty()) return;
  // The page is not ready (data-state) until the view stops moving.
  pending++;
  refreshState();
  cy.animate({ center: { eles: n } }, {
    duration: 250,
    complete: () => {
      // Cytoscape 3.34 misses a click on the exact centre of a star or
      // diamond node; keep that centre off the whole pixel a click lands on.
      cy.panBy({ x: 0.5, y: 0.5 });
      pending--;
      refreshState();
    },
  });
}

// fitView fits the view to what is shown; the page is "loading" (data-state)
// until the view stops moving.
function fitView() {
  const eles = cy.elements(':visible');
  if (eles.empty()) return;
  pending++;
  refreshState();
  cy.animate({ fit: { eles, padding: 24 } }, {
    duration: 250,
    complete: () => {
      pending--;
      refreshState();
    },
  });
}

async function loadAll() {
  await task('Loading the graph', async () => {
    const g = await api('/graph', { limit: 300, ...relParams(), ...kindParams() });
    view.all = true;
    merge(g);
    render();
    if (g.truncated) setStatus('The graph is larger than the limit; part of it is shown');
    saveURL();
  });
}

function pathParams(q) {
  // stance is repeated (stance=claimed&stance=attributed), and sent only when
  // some stance is unticked.
  const p = { from: q.from, to: q.to, rel: q.rel, stance: q.stance?.length ? q.stance : undefined,
    minConfidence: q.minConfidence, knownOn: q.knownOn, maxDepth: q.maxDepth };
  if (q.mode === 'ranked') p.limit = 5;
  else p.all = 'true';
  return p;
}

// findPath runs the path query and replaces the view with its answer.
async function findPath(q) {
  const box = $('#evidence');
  const before = box.dataset.state;
  box.dataset.state = 'loading';
  const answer = await task(`Finding a path from ${q.from} to ${q.to}`, () =>
    api(q.mode === 'ranked' ? '/paths' : '/paths/shortest', pathParams(q)));
  if (!answer) {
    // The error banner says why; the previous answer, if any, stays in view.
    box.dataset.state = view.answer ? before : 'failed';
    return;
  }
  clearView();
  view.path = q;
  view.answer = answer;
  merge(answer);
  render();
  renderEvidence();
  $('aside.right').scrollTop = 0;
  const n = (answer.paths || []).length;
  setStatus(n ? `${n} path${n > 1 ? 's' : ''} found, ${answer.paths[0].length} hop${answer.paths[0].length > 1 ? 's' : ''}` : 'No path');
  saveURL();
}

// ---------- highlight and filters ----------

// labelEdges names the edges of the highlighted path; any other edge shows
// its type under the pointer (classes hl and hover), so a dense view is not
// covered in relationship names.
function labelEdges() {
  cy.batch(() => cy.edges().forEach((e) => e.toggleClass('labelled', e.hasClass('path'))));
}

function applyHighlight() {
  cy.elements().removeClass('path dim');
  const paths = view.answer?.paths || [];
  if (!paths.length) return labelEdges();
  const ids = new Set();
  for (const p of paths) for (const id of [...p.nodes, ...p.edges]) ids.add(id);
  // Dim the rest only while the view is the path answer; what the analyst
  // expands afterwards is meant to be read.
  const dim = view.expanded.length === 0 && !view.all;
  cy.elements().forEach((el) => {
    if (ids.has(el.id())) el.addClass('path');
    else if (dim) el.addClass('dim');
  });
  labelEdges();
}

function applyFilters() {
  cy.batch(() => {
    cy.nodes().forEach((n) => n.toggleClass('filtered', view.kindsOff.has(n.data('kind'))));
    cy.edges().forEach((e) => {
      const off = view.relsOff.has(e.data('type'))
        || e.source().hasClass('filtered') || e.target().hasClass('filtered')
        || (view.asOf && e.data('reportedOn') && e.data('reportedOn') > view.asOf);
      e.toggleClass('filtered', !!off);
    });
  });
  const hiddenByDate = view.asOf ? cy.edges().filter((e) => e.data('reportedOn') > view.asOf).length : 0;
  $('#date-hidden').textContent = hiddenByDate ? `· ${hiddenByDate} later edge${hiddenByDate > 1 ? 's' : ''} hidden` : '· undated edges always shown';
  labelEdges();
  if (pending === 0) setStatus(summary());
}

function datedEdges() {
  return [...new Set([...view.edges.values()].map((e) => e.reportedOn).filter(Boolean))].sort();
}

function updateDateSlider() {
  const dates = datedEdges();
  const sec = $('#date-section');
  sec.hidden = dates.length === 0;
  if (!dates.length) return;
  const slider = $('#date-slider');
  slider.max = String(dates.length - 1);
  let i = dates.length - 1;
  if (view.asOf) {
    i = dates.findLastIndex((d) => d <= view.asOf);
    if (i < 0) i = 0;
  }
  slider.value = String(i);
  $('#date-label').textContent = view.asOf ? `up to ${dates[i]}` : `all dates (latest ${dates[dates.length - 1]})`;
}

function onDateSlide() {
  const dates = datedEdges();
  const i = Number($('#date-slider').value);
  view.asOf = i >= dates.length - 1 ? null : dates[i];
  $('#date-label').textContent = view.asOf ? `up to ${dates[i]}` : `all dates (latest ${dates[dates.length - 1]})`;
  applyFilters();
  saveURL();
}

// ---------- side panels ----------

function el(tag, attrs, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k === 'class') e.className = v;
    else if (k.startsWith('on')) e.addEventListener(k.slice(2), v);
    else e.setAttribute(k, v === true ? '' : v);
  }
  for (const c of children.flat(Infinity)) {
    if (c === null || c === undefined || c === false) continue;
    e.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return e;
}

const nameOf = (id) => view.nodes.get(id)?.name || view.sources.get(id)?.name || id;

function kindBadge(kind) {
  const b = el('span', { class: 'kind' }, shapeIcon(kind, 12), kind);
  b.style.setProperty('--kc', kindStyle(kind).color); // CSSOM, allowed by the page's CSP
  return b;
}

function safeURL(u) {
  try {
    const url = new URL(u, location.href);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}

// sourceView shows a cited source from the Source entities an answer carried
// (a path answer's `sources`, or Source nodes of a graph): title or name as a
// link to its url, publisher, date and reliability. A source no answer
// described stays shown by its id.
function sourceView(id) {
  const s = view.sources.get(id);
  if (!s) return el('span', { class: 'src' }, el('code', {}, id));
  const p = s.properties || {};
  const name = s.name || p.title || id;
  const href = p.url && safeURL(p.url);
  return el('span', { class: 'src', 'data-source': id, title: id },
    href ? el('a', { href, target: '_blank', rel: 'noopener noreferrer' }, name) : el('span', { class: 'src-title' }, name),
    p.publisher ? el('span', { class: 'pub' }, ` — ${p.publisher}`) : null,
    p.date ? el('span', { class: 'pub' }, `, ${p.date}`) : null,
    p.title && p.title !== name ? el('span', { class: 'src-sub' }, p.title) : null,
    p.reliability ? el('span', { class: 'reliability' }, `reliability: ${p.reliability}`) : null);
}

function evidenceBlock(ev) {
  const sources = ev.sources || [];
  const quoteFrom = ev.quoteSource || sources[0];
  return el('div', { class: 'ev' },
    el('div', { class: 'meta' },
      ev.stance ? el('span', { class: `stance stance-${ev.stance}` }, ev.stance) : null,
      ev.confidence !== undefined ? el('span', { class: 'conf' }, `confidence ${ev.confidence}`) : null,
      ev.inferred ? el('span', { class: 'inferred', title: ev.reason || '' }, 'inferred') : null,
      ev.reportedOn ? el('span', { class: 'date' }, `reported ${ev.reportedOn}`) : null),
    ev.quote ? el('blockquote', { class: 'quote' }, ev.quote) : el('p', { class: 'hint' }, 'No quote.'),
    ev.inferred && ev.reason ? el('p', { class: 'inferred-reason' }, 'Inferred: ' + ev.reason) : null,
    quoteFrom ? el('p', { class: 'source' }, el('span', { class: 'src-label' }, 'Source '), sourceView(quoteFrom)) : null,
    sources.filter((s) => s !== quoteFrom).map((s) => el('p', { class: 'source also' }, el('span', { class: 'src-label' }, 'Also '), sourceView(s))));
}

// FILTER_NAMES are the path filters an answer's `query` echoes, in the order
// the panel lists them.
const FILTER_NAMES = ['rel', 'kind', 'direction', 'stance', 'minConfidence', 'at', 'knownOn', 'source'];

function renderEvidence() {
  const box = $('#evidence');
  box.replaceChildren();
  const a = view.answer;
  if (!a) {
    box.dataset.state = 'empty';
    return;
  }
  const q = view.path;
  box.append(el('h2', {}, 'Evidence ',
    el('button', { type: 'button', class: 'link small', onclick: () => { view.answer = null; view.path = null; renderEvidence(); applyHighlight(); $('#empty').hidden = view.nodes.size > 0; saveURL(); } }, 'clear path')));
  const echo = a.query || {};
  box.append(el('p', { class: 'query' }, `${echo.fromName || nameOf(q.from)} → ${echo.toName || nameOf(q.to)}`));
  const filters = FILTER_NAMES.filter((k) => echo[k] !== undefined && echo[k] !== '' && !(k === 'direction' && echo[k] === 'both'));
  if (filters.length) {
    box.append(el('p', { class: 'filters' }, el('span', { class: 'hint' }, 'Filters: '),
      filters.map((k, i) => [i ? ' · ' : '', el('code', {}, `${k}=${echo[k]}`)])));
  }
  const paths = a.paths || [];
  if (!paths.length) {
    box.dataset.state = 'no-path';
    // The API's reason is written for the analyst: which filter cut the
    // path, and what would find one. It leads the panel.
    box.append(el('div', { class: 'reason', role: 'note' },
      el('strong', {}, 'No path. '), a.reason || 'No path matches these conditions.'));
  } else {
    box.dataset.state = 'paths';
  }
  if (a.notes?.length) {
    box.append(el('div', { class: 'notes', role: 'note' }, a.notes.map((note) => el('p', { class: 'note' }, note))));
  }
  if (a.truncated) box.append(el('p', { class: 'note' }, 'More paths matched than the limit; the best ranked are shown.'));
  paths.forEach((p, i) => {
    const s = p.score || {};
    const head = el('div', { class: 'path-head' },
      el('strong', {}, `Path ${i + 1}`), ` · ${p.length} hop${p.length === 1 ? '' : 's'}`,
      s.weakestConfidence !== undefined ? ` · weakest confidence ${s.weakestConfidence}` : '',
      s.distinctSources !== undefined ? ` · ${s.distinctSources} source${s.distinctSources === 1 ? '' : 's'}` : '');
    const hops = el('ol', { class: 'hops' }, (p.hops || []).map((h) => {
      const fwd = h.direction !== 'backward';
      const li = el('li', { class: 'hop', 'data-edge': h.edge },
        el('div', { class: 'hop-line' },
          el('b', {}, nameOf(h.from)), ' ',
          el('span', { class: 'rel' }, fwd ? `—${h.type}→` : `←${h.type}—`), ' ',
          el('b', {}, nameOf(h.to))),
        evidenceBlock(h));
      li.addEventListener('mouseenter', () => cy.$id(h.edge).addClass('hover'));
      li.addEventListener('mouseleave', () => cy.$id(h.edge).removeClass('hover'));
      return li;
    }));
    box.append(el('section', { class: 'path' }, head, s.explanation ? el('p', { class: 'explain' }, s.explanation) : null, hops));
  });
}

let detailsReq = null;

function select(id) {
  view.selected = id;
  cy.$(':selected').unselect();
  const box = $('#details');
  if (!id) {
    box.replaceChildren(el('h2', {}, 'Details'), el('p', { class: 'hint' }, 'Select a node or edge to see it here.'));
    labelEdges();
    saveURL();
    return;
  }
  cy.$id(id).select();
  labelEdges();
  const n = view.nodes.get(id) || { id, name: id };
  const props = Object.entries(n.properties || {}).filter(([k]) => k !== 'text');
  const hidden = hiddenOf(id);
  const degree = el('div', { class: 'degree' }, el('span', { class: 'hint' }, 'Loading relationships…'));
  box.replaceChildren(
    el('h2', {}, n.name),
    el('p', { class: 'idline' }, kindBadge(n.kind), ' ', el('code', {}, n.id)),
    el('div', { class: 'buttons' },
      el('button', { type: 'button', onclick: () => expand(id) }, hidden ? `Expand (+${hidden})` : 'Expand'),
      el('button', { type: 'button', onclick: () => setPathEnd('from', n) }, 'Path from'),
      el('button', { type: 'button', onclick: () => setPathEnd('to', n) }, 'Path to'),
      el('button', { type: 'button', onclick: () => removeNode(id) }, 'Remove')),
    n.aliases?.length ? el('p', { class: 'aka' }, el('span', { class: 'hint' }, 'Also known as: '), n.aliases.join(', ')) : null,
    propsTable(props.slice(0, 6)),
    props.length > 6 ? el('details', { class: 'more-props' }, el('summary', {}, `${props.length - 6} more properties`), propsTable(props.slice(6))) : null,
    degree);
  if (view.answer) box.scrollIntoView({ block: 'start' });
  saveURL();
  // Degree is a detail: a failure here is shown inline, not as a page error.
  detailsReq?.abort();
  detailsReq = new AbortController();
  api(entityPath(id), {}, detailsReq.signal).then((ent) => {
    const d = Object.entries(ent.degree || {}).sort((a, b) => b[1] - a[1]);
    degree.replaceChildren(el('h3', {}, 'Relationships'),
      d.length ? el('ul', { class: 'deg' }, d.map(([t, c]) => el('li', {}, el('span', { class: 'rel' }, t), el('span', {}, c)))) : el('p', { class: 'hint' }, 'none'));
  }).catch((err) => {
    if (err.name !== 'AbortError') degree.replaceChildren(el('p', { class: 'hint' }, `Relationships unavailable: ${err.message}`));
  });
}

function propValue(v) {
  if (Array.isArray(v)) return v.map((x, i) => [i ? ', ' : '', propValue(x)]);
  const href = typeof v === 'string' && /^https?:\/\//.test(v) ? safeURL(v) : null;
  return href ? el('a', { href, target: '_blank', rel: 'noopener noreferrer' }, v) : String(v);
}

function propsTable(props) {
  if (!props.length) return null;
  return el('table', { class: 'props' }, props.map(([k, v]) => el('tr', {}, el('th', {}, k), el('td', {}, propValue(v)))));
}

function showEdge(id) {
  const e = view.edges.get(id);
  if (!e) return;
  view.selected = null;
  $('#details').replaceChildren(
    el('h2', {}, e.type),
    el('p', { class: 'hop-line' }, el('b', {}, nameOf(e.source)), ' ', el('span', { class: 'rel' }, `—${e.type}→`), ' ', el('b', {}, nameOf(e.target))),
    evidenceBlock(e),
    e.validFrom || e.validTo ? el('p', { class: 'hint' }, `valid ${e.validFrom || '…'} – ${e.validTo || '…'}`) : null);
}

function removeNode(id) {
  view.nodes.delete(id);
  for (const [eid, e] of view.edges) if (e.source === id || e.target === id) view.edges.delete(eid);
  view.expanded = view.expanded.filter((x) => x !== id);
  select(null);
  render();
  saveURL();
}

// ---------- legend and filter lists ----------

// shapeIcon draws a kind's shape as SVG, matching the Cytoscape node shapes.
function shapeIcon(kind, size = 16) {
  const { color, shape } = kindStyle(kind);
  const NS = 'http://www.w3.org/2000/svg';
  const svg = document.createElementNS(NS, 'svg');
  svg.setAttribute('width', size);
  svg.setAttribute('height', size);
  svg.setAttribute('viewBox', '-1 -1 2 2');
  svg.setAttribute('aria-hidden', 'true');
  svg.classList.add('shape');
  const poly = (pts) => {
    const p = document.createElementNS(NS, 'polygon');
    p.setAttribute('points', pts.map(([x, y]) => `${x.toFixed(3)},${y.toFixed(3)}`).join(' '));
    return p;
  };
  const regular = (k, rot) => Array.from({ length: k }, (_, i) => {
    const a = rot + (2 * Math.PI * i) / k;
    return [0.95 * Math.cos(a), 0.95 * Math.sin(a)];
  });
  let s;
  switch (shape) {
    case 'hexagon': s = poly(regular(6, 0)); break;
    case 'triangle': s = poly([[0, -0.95], [0.95, 0.85], [-0.95, 0.85]]); break;
    case 'pentagon': s = poly(regular(5, -Math.PI / 2)); break;
    case 'diamond': s = poly([[0, -0.95], [0.95, 0], [0, 0.95], [-0.95, 0]]); break;
    case 'cut-rectangle': s = poly([[-0.6, -0.9], [0.6, -0.9], [0.9, -0.6], [0.9, 0.6], [0.6, 0.9], [-0.6, 0.9], [-0.9, 0.6], [-0.9, -0.6]]); break;
    case 'star': s = poly(Array.from({ length: 10 }, (_, i) => {
      const a = -Math.PI / 2 + (Math.PI * i) / 5;
      const r = i % 2 ? 0.42 : 0.98;
      return [r * Math.cos(a), r * Math.sin(a)];
    })); break;
    case 'round-rectangle':
      s = document.createElementNS(NS, 'rect');
      for (const [k, v] of Object.entries({ x: -0.9, y: -0.8, width: 1.8, height: 1.6, rx: 0.35 })) s.setAttribute(k, v);
      break;
    default:
      s = document.createElementNS(NS, 'circle');
      s.setAttribute('r', '0.9');
  }
  s.setAttribute('fill', color);
  svg.append(s);
  return svg;
}

function edgeIcon(style) {
  const NS = 'http://www.w3.org/2000/svg';
  const svg = document.createElementNS(NS, 'svg');
  svg.setAttribute('width', 28);
  svg.setAttribute('height', 10);
  svg.setAttribute('aria-hidden', 'true');
  const l = document.createElementNS(NS, 'line');
  for (const [k, v] of Object.entries({ x1: 1, y1: 5, x2: 27, y2: 5, 'stroke-width': style.width || 2, stroke: style.color })) l.setAttribute(k, v);
  if (style.dash) l.setAttribute('stroke-dasharray', style.dash);
  svg.append(l);
  return svg;
}

function renderLegend() {
  const counts = new Map((view.schema?.kinds || []).map((k) => [k.kind, k.count]));
  $('#legend').replaceChildren(
    el('ul', { class: 'legend-kinds' }, Object.keys(KINDS).map((k) =>
      el('li', { title: counts.has(k) ? `${counts.get(k)} in the database` : k }, shapeIcon(k, 14), k))),
    el('ul', { class: 'legend-edges' },
      el('li', {}, edgeIcon({ color: '#8a939c' }), 'claimed, attributed, reported'),
      el('li', {}, edgeIcon({ color: '#b26a00', dash: '5 3' }), 'alleged'),
      el('li', {}, edgeIcon({ color: '#b3261e', dash: '5 3' }), 'denied'),
      el('li', {}, edgeIcon({ color: '#8a939c', dash: '1.5 2.5' }), 'inferred'),
      el('li', {}, edgeIcon({ color: '#e6007e', width: 4 }), 'path'),
      el('li', { title: 'relationships of this node not shown yet; click the node to expand it' },
        el('span', { class: 'legend-badge' }, '+N'), 'not shown')));
}

function allRelTypes() {
  return (view.schema?.relationships || []).filter((r) => r.count !== 0).map((r) => r.type);
}

function renderFilterLists() {
  const counts = new Map((view.schema?.kinds || []).map((k) => [k.kind, k.count]));
  $('#kind-filters').replaceChildren(...Object.keys(KINDS).map((k) => el('label', { class: 'check' },
    el('input', { type: 'checkbox', value: k, checked: !view.kindsOff.has(k) }), shapeIcon(k, 14), ` ${k}`,
    counts.has(k) ? el('span', { class: 'count' }, counts.get(k)) : null)));
  const rels = view.schema?.relationships || [];
  if (!view.schema) return;
  const docs = (r) => r.doc || '';
  $('#rel-filters').replaceChildren(...(rels.length ? rels.filter((r) => r.count !== 0).map((r) => el('label', { class: 'check', title: docs(r) },
    el('input', { type: 'checkbox', value: r.type, checked: !view.relsOff.has(r.type) }), ` ${r.type}`,
    r.count !== undefined ? el('span', { class: 'count' }, r.count) : null)) : [el('p', { class: 'hint' }, 'No relationship types.')]));
  $('#path-rels-list').replaceChildren(...rels.filter((r) => r.count !== 0).map((r) => el('label', { class: 'check', title: docs(r) },
    el('input', { type: 'checkbox', value: r.type }), ` ${r.type}`)));
}

function onFilterChange() {
  view.kindsOff = new Set([...document.querySelectorAll('#kind-filters input:not(:checked)')].map((i) => i.value));
  view.relsOff = new Set([...document.querySelectorAll('#rel-filters input:not(:checked)')].map((i) => i.value));
  applyFilters();
  saveURL();
}

function updatePathRelSummary() {
  const on = [...document.querySelectorAll('#path-rels-list input:checked')].map((i) => i.value);
  $('#path-rels-summary').textContent = on.length ? on.join(', ') : 'all';
}

// ---------- suggestions (search and path ends) ----------

// autocomplete wires a combobox input to /search: arrow keys move, Enter picks,
// Escape closes. onPick gets a result; onEnter gets the raw text when nothing is
// highlighted (and returns true if it handled it).
function autocomplete(input, list, { onPick, onEnter }) {
  let items = [];
  let active = -1;
  let timer = 0;
  let ctrl = null;

  const close = () => {
    list.hidden = true;
    input.setAttribute('aria-expanded', 'false');
    input.removeAttribute('aria-activedescendant');
    active = -1;
  };
  const highlight = (i) => {
    active = i;
    [...list.children].forEach((li, j) => li.setAttribute('aria-selected', String(j === i)));
    if (i >= 0 && list.children[i]) {
      input.setAttribute('aria-activedescendant', list.children[i].id);
      list.children[i].scrollIntoView({ block: 'nearest' });
    }
  };
  const choose = (i) => {
    const it = items[i];
    close();
    if (it) onPick(it);
  };
  const show = (results, q, note) => {
    items = results;
    list.replaceChildren(...results.map((r, i) => {
      // The aliases that match what was typed first: they say why this matched.
      const ql = q.toLowerCase();
      const aka = (r.aliases || []).filter((a) => a.toLowerCase() !== r.name.toLowerCase())
        .sort((a, b) => Number(b.toLowerCase().includes(ql)) - Number(a.toLowerCase().includes(ql)));
      if (aka.length > 4) aka.splice(4, aka.length - 4, `+${aka.length - 4} more`);
      const li = el('li', { id: `${list.id}-${i}`, role: 'option', 'data-id': r.id, 'aria-selected': 'false' },
        el('span', { class: 'sug-name' }, shapeIcon(r.kind, 12), ' ', r.name),
        el('span', { class: 'sug-kind' }, r.kind),
        aka.length ? el('span', { class: 'sug-aka' }, 'aka ' + aka.join(', ')) : null,
        el('span', { class: 'sug-id' }, r.id));
      li.addEventListener('mousedown', (ev) => { ev.preventDefault(); choose(i); });
      return li;
    }));
    if (!results.length) list.append(el('li', { class: 'none', role: 'option', 'aria-disabled': 'true' }, note || `No match for “${q}”.`));
    list.hidden = false;
    input.setAttribute('aria-expanded', 'true');
    active = -1;
  };
  const query = () => {
    const q = input.value.trim();
    ctrl?.abort();
    if (!q) {
      items = [];
      close();
      return;
    }
    ctrl = new AbortController();
    api('/search', { q, limit: 8 }, ctrl.signal)
      .then((r) => {
        // Show answers only for the text still typed, in the box still in use.
        if (input.value.trim() === q && document.activeElement === input) show(r.results || [], q);
      })
      .catch((err) => {
        if (err.name !== 'AbortError') show([], q, `Search failed: ${err.message}`);
      });
  };
  input.addEventListener('input', () => {
    delete input.dataset.id;
    clearTimeout(timer);
    timer = setTimeout(query, 120);
  });
  input.addEventListener('keydown', (ev) => {
    const open = !list.hidden && items.length > 0;
    if (ev.key === 'ArrowDown') {
      ev.preventDefault();
      if (list.hidden && input.value.trim()) query();
      else if (open) highlight(Math.min(active + 1, items.length - 1));
    } else if (ev.key === 'ArrowUp') {
      if (open) {
        ev.preventDefault();
        highlight(Math.max(active - 1, 0));
      }
    } else if (ev.key === 'Enter') {
      if (open && active >= 0) {
        ev.preventDefault();
        choose(active);
      } else {
        clearTimeout(timer);
        ctrl?.abort();
        close();
        if (onEnter && onEnter(input.value.trim())) ev.preventDefault();
      }
    } else if (ev.key === 'Escape') {
      if (!list.hidden) close();
      else input.blur();
    }
  });
  input.addEventListener('blur', () => setTimeout(close, 100));
  // A submitted form needs no suggestions for what was typed before it.
  input.form?.addEventListener('submit', () => {
    clearTimeout(timer);
    ctrl?.abort();
    close();
  });
}

function setPathEnd(which, n) {
  const input = $(which === 'from' ? '#path-from' : '#path-to');
  input.value = n.name;
  input.dataset.id = n.id;
  input.dataset.name = n.name;
}

// endValue is the id chosen from suggestions if the text still shows it,
// otherwise the text itself (the API resolves names and aliases).
function endValue(input) {
  const v = input.value.trim();
  return input.dataset.id && input.dataset.name === v ? input.dataset.id : v;
}

const STANCES = ['claimed', 'attributed', 'alleged', 'denied', 'reported'];

// checkedStances is the stances ticked, or [] when all are (no filter).
function checkedStances() {
  const on = [...document.querySelectorAll('#path-stances input:checked')].map((i) => i.value);
  return on.length === STANCES.length ? [] : on;
}

function updatePathStanceSummary() {
  const on = [...document.querySelectorAll('#path-stances input:checked')].map((i) => i.value);
  $('#path-stances-summary').textContent = on.length === STANCES.length ? 'all' : on.length ? on.join(', ') : 'none';
}

function readPathForm() {
  const rel = [...document.querySelectorAll('#path-rels-list input:checked')].map((i) => i.value);
  return {
    from: endValue($('#path-from')),
    to: endValue($('#path-to')),
    rel,
    stance: checkedStances(),
    minConfidence: $('#path-minconf').value,
    knownOn: $('#path-knownon').value,
    mode: $('#path-mode').value,
    maxDepth: $('#path-maxdepth').value,
  };
}

function writePathForm(q) {
  for (const [which, id] of [['from', q.from], ['to', q.to]]) {
    const input = $(`#path-${which}`);
    const name = view.nodes.get(id)?.name;
    input.value = name || id || '';
    if (name) {
      input.dataset.id = id;
      input.dataset.name = name;
    } else {
      delete input.dataset.id;
    }
  }
  $('#path-minconf').value = q.minConfidence || '';
  $('#path-knownon').value = q.knownOn || '';
  $('#path-mode').value = q.mode === 'ranked' ? 'ranked' : 'shortest';
  $('#path-maxdepth').value = q.maxDepth || '';
  const rel = new Set(q.rel || []);
  document.querySelectorAll('#path-rels-list input').forEach((i) => { i.checked = rel.has(i.value); });
  updatePathRelSummary();
  const stance = new Set(q.stance?.length ? q.stance : STANCES);
  document.querySelectorAll('#path-stances input').forEach((i) => { i.checked = stance.has(i.value); });
  updatePathStanceSummary();
}

// ---------- URL state ----------

let lastHash = '';

function encodeState() {
  const p = new URLSearchParams();
  if (view.path) {
    const q = view.path;
    p.set('from', q.from);
    p.set('to', q.to);
    if (q.rel?.length) p.set('rel', q.rel.join(','));
    if (q.stance?.length) p.set('stance', q.stance.join(','));
    if (q.minConfidence) p.set('minConfidence', q.minConfidence);
    if (q.knownOn) p.set('knownOn', q.knownOn);
    if (q.mode === 'ranked') p.set('mode', 'ranked');
    if (q.maxDepth) p.set('maxDepth', q.maxDepth);
  }
  if (view.all) p.set('all', '1');
  if (view.expanded.length) p.set('x', view.expanded.join(','));
  if (view.selected) p.set('sel', view.selected);
  if (view.kindsOff.size) p.set('hideKinds', [...view.kindsOff].join(','));
  if (view.relsOff.size) p.set('hideRels', [...view.relsOff].join(','));
  if (view.asOf) p.set('asOf', view.asOf);
  // Ids read better unescaped; ':' and ',' are safe in a fragment.
  return p.toString().replaceAll('%3A', ':').replaceAll('%2C', ',');
}

function saveURL() {
  const h = encodeState();
  lastHash = h;
  const url = location.pathname + location.search + (h ? '#' + h : '');
  if (url !== location.pathname + location.search + location.hash) history.replaceState(null, '', url);
}

// restore rebuilds the view a URL describes: the path query, then the whole
// graph, then each expansion in order, then the selection.
let restoring = false;

async function restore() {
  restoring = true;
  try {
    await restoreHash();
  } finally {
    restoring = false;
  }
}

async function restoreHash() {
  const h = location.hash.replace(/^#/, '');
  lastHash = h;
  const p = new URLSearchParams(h);
  const list = (k) => (p.get(k) || '').split(',').filter(Boolean);
  clearView();
  renderEvidence();
  view.kindsOff = new Set(list('hideKinds'));
  view.relsOff = new Set(list('hideRels'));
  view.asOf = /^\d{4}-\d{2}-\d{2}$/.test(p.get('asOf') || '') ? p.get('asOf') : null;
  renderFilterLists();
  if (p.get('from') && p.get('to')) {
    const q = { from: p.get('from'), to: p.get('to'), rel: list('rel'),
      stance: list('stance').filter((x) => STANCES.includes(x)), minConfidence: p.get('minConfidence') || '',
      knownOn: p.get('knownOn') || '', mode: p.get('mode') || 'shortest', maxDepth: p.get('maxDepth') || '' };
    writePathForm(q);
    await findPath(q);
    writePathForm(q);
  }
  if (p.get('all') === '1') await loadAll();
  for (const id of list('x')) await expand(id, { quiet: true });
  const sel = p.get('sel');
  if (sel && view.nodes.has(sel)) select(sel);
  if (!view.nodes.size) render();
  saveURL();
}

// ---------- export ----------

function download(name, blob) {
  const a = el('a', { href: URL.createObjectURL(blob), download: name });
  document.body.append(a);
  a.click();
  setTimeout(() => {
    URL.revokeObjectURL(a.href);
    a.remove();
  }, 1000);
}

function stamp() {
  return new Date().toISOString().slice(0, 19).replaceAll(':', '').replace('T', '-');
}

function exportPNG() {
  if (!cy.nodes().length) return showError('Nothing to export: the view is empty.');
  const blob = cy.png({ output: 'blob', full: true, scale: 2, bg: '#ffffff' });
  download(`actorgraph-${stamp()}.png`, blob);
}

function exportJSON() {
  const shown = (x) => !cy.$id(x.id).hasClass('filtered');
  const out = {
    exported: new Date().toISOString(),
    url: location.href,
    nodes: [...view.nodes.values()].filter(shown).map((n) => ({ ...n, hidden: hiddenOf(n.id) ?? undefined, position: cy.$id(n.id).position() })),
    edges: [...view.edges.values()].filter(shown),
    sources: [...view.sources.values()],
    paths: view.answer?.paths || [],
  };
  download(`actorgraph-${stamp()}.json`, new Blob([JSON.stringify(out, null, 2)], { type: 'application/json' }));
}

async function share() {
  saveURL();
  try {
    await navigator.clipboard.writeText(location.href);
    setStatus('Link to this view copied');
  } catch {
    setStatus('Copy the address bar to share this view');
  }
}

// ---------- wiring ----------

function wire() {
  autocomplete($('#search'), $('#search-suggestions'), {
    onPick: (r) => { $('#search').value = r.name; pick(r.id); },
    onEnter: (text) => { if (text) pick(text); return true; },
  });
  $('#search-form').addEventListener('submit', (ev) => ev.preventDefault());
  for (const which of ['from', 'to']) {
    const input = $(`#path-${which}`);
    autocomplete(input, $(`#path-${which}-suggestions`), {
      onPick: (r) => setPathEnd(which, r),
      onEnter: () => false, // let the form submit: Enter runs the path finder
    });
  }
  $('#path-form').addEventListener('submit', (ev) => {
    ev.preventDefault();
    document.querySelectorAll('#path-form .suggestions').forEach((l) => { l.hidden = true; });
    const q = readPathForm();
    if (!q.from || !q.to) return showError('Give both ends of the path: an id, a name or an alias.');
    if (!document.querySelector('#path-stances input:checked')) return showError('Tick at least one stance: with none, no edge can be on a path.');
    findPath(q);
  });
  $('#path-form').addEventListener('keydown', (ev) => {
    // Enter anywhere in the path finder runs it (selects and checkboxes included).
    if (ev.key === 'Enter' && ev.target.matches('select, input[type=checkbox], input[type=number], input[type=date]')) {
      ev.preventDefault();
      $('#path-form').requestSubmit();
    }
  });
  $('#path-swap').addEventListener('click', () => {
    const f = $('#path-from');
    const t = $('#path-to');
    [f.value, t.value] = [t.value, f.value];
    const [fi, fn] = [f.dataset.id, f.dataset.name];
    for (const [a, b] of [[f, t.dataset], [t, { id: fi, name: fn }]]) {
      if (b.id) { a.dataset.id = b.id; a.dataset.name = b.name; } else { delete a.dataset.id; }
    }
  });
  $('#path-rels-list').addEventListener('change', updatePathRelSummary);
  $('#path-stances').addEventListener('change', updatePathStanceSummary);
  $('#kind-filters').addEventListener('change', onFilterChange);
  $('#rel-filters').addEventListener('change', onFilterChange);
  $('#rels-all').addEventListener('click', () => { document.querySelectorAll('#rel-filters input').forEach((i) => { i.checked = true; }); onFilterChange(); });
  $('#rels-none').addEventListener('click', () => { document.querySelectorAll('#rel-filters input').forEach((i) => { i.checked = false; }); onFilterChange(); });
  $('#date-slider').addEventListener('input', onDateSlide);
  $('#show-all').addEventListener('click', loadAll);
  $('#empty-show-all').addEventListener('click', loadAll);
  $('#fit').addEventListener('click', fitView);
  $('#clear').addEventListener('click', () => { clearView(); renderEvidence(); select(null); render(); saveURL(); setStatus(''); });
  $('#export-png').addEventListener('click', exportPNG);
  $('#export-json').addEventListener('click', exportJSON);
  $('#share').addEventListener('click', share);
  $('#error-close').addEventListener('click', () => { hideError(); failed = false; refreshState(); });
  document.addEventListener('keydown', (ev) => {
    if (ev.key === '/' && !ev.target.matches('input, textarea, select, [contenteditable]')) {
      ev.preventDefault();
      // Some input paths (DevTools, some IMEs) send the character apart from
      // the keydown; keep it out of the search box it just focused.
      const swallow = (e) => { if (e.key === '/') e.preventDefault(); };
      window.addEventListener('keypress', swallow, { capture: true, once: true });
      setTimeout(() => window.removeEventListener('keypress', swallow, { capture: true }), 100);
      $('#search').focus();
      $('#search').select();
    }
  });
  window.addEventListener('hashchange', () => {
    if (location.hash.replace(/^#/, '') !== lastHash) restore();
  });
}

async function start() {
  // A shared link is being restored: no "start exploring" card meanwhile.
  if (location.hash.length > 1) $('#empty').hidden = true;
  wire();
  renderLegend();
  renderFilterLists();
  const schema = await task('Loading the schema', () => api('/schema'));
  if (schema) {
    view.schema = schema;
    renderLegend();
  }
  await restore();
  if (!failed) setStatus(summary());
  refreshState();
}

start();
