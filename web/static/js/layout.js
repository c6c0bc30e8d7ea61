// layout.js: a deterministic layout of the view (fcose on a fixed seed),
// then overlap removal and a fit, animated after the first draw.
import { busy } from './store.js';
import { refreshState } from './ui.js';
import { hub, hubFontSize } from './canvas-style.js';

const layoutName = () => (window.cytoscapeFcose ? 'fcose' : 'cose');

// builtIn is the options of Cytoscape's own layouts the explorer offers
// (urlstate.js LAYOUTS): concentric rings by degree, a breadth-first tree
// from the most connected node, a grid, a circle; every one in id order, so
// the same graph gets the same picture. Pinned (locked) nodes stay put.
function builtIn(name, eles) {
  const base = { name, animate: false, fit: false, nodeDimensionsIncludeLabels: true, avoidOverlap: true, spacingFactor: 1.1 };
  if (name === 'concentric') return { ...base, concentric: (n) => n.degree(), levelWidth: () => 2, minNodeSpacing: 30 };
  if (name === 'breadthfirst') {
    const roots = eles.nodes().max((n) => n.degree()).ele;
    return { ...base, directed: false, roots: roots ? [roots] : undefined, spacingFactor: 1.2 };
  }
  if (name === 'grid') return { ...base, avoidOverlapPadding: 20, sort: byId };
  return { ...base, sort: byId };
}

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
function fcoseOptions(cy) {
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
export function separate(cy, nodes, gap = 6, rounds = 80) {
  const byId = new Map();
  const items = nodes.map((n) => {
    const p = n.position();
    const bb = n.boundingBox({ includeLabels: true, includeOverlays: false, includeUnderlays: false });
    const lb = n.style('label') ? n.boundingBox({ includeNodes: false, includeLabels: true, includeOverlays: false }) : null;
    const it = { n, fixed: n.locked(), x: p.x, y: p.y, x1: bb.x1 - p.x - gap / 2, x2: bb.x2 - p.x + gap / 2, y1: bb.y1 - p.y - gap / 2, y2: bb.y2 - p.y + gap / 2,
      label: lb && lb.w > 0 ? { x1: lb.x1 - p.x, x2: lb.x2 - p.x, y1: lb.y1 - p.y, y2: lb.y2 - p.y } : null };
    byId.set(n.id(), it);
    return it;
  });
  // A labelled edge's label moves with the midpoint of its ends.
  const obstacles = nodes.edgesWith(nodes).filter((e) => e.style('label')).map((e) => {
    const bb = e.boundingBox({ includeNodes: false, includeEdges: false, includeLabels: true, includeOverlays: false });
    const s = byId.get(e.source().id());
    const t = byId.get(e.target().id());
    return { s, t, w: bb.w + gap / 2, h: bb.h + gap / 2, dx: (bb.x1 + bb.x2) / 2 - (s.x + t.x) / 2, dy: (bb.y1 + bb.y2) / 2 - (s.y + t.y) / 2 };
  }).filter((o) => o.w > gap / 2 && o.s !== o.t);
  const box = (o) => {
    const cx = (o.s.x + o.t.x) / 2 + o.dx;
    const cy0 = (o.s.y + o.t.y) / 2 + o.dy;
    return { x1: cx - o.w / 2, x2: cx + o.w / 2, y1: cy0 - o.h / 2, y2: cy0 + o.h / 2 };
  };
  const overlap = (a, b) => [Math.min(a.x2, b.x2) - Math.max(a.x1, b.x1), Math.min(a.y2, b.y2) - Math.max(a.y1, b.y1)];
  for (let r = 0; r < rounds; r++) {
    let moved = false;
    for (let i = 0; i < items.length; i++) {
      const a = items[i];
      for (let j = i + 1; j < items.length; j++) {
        const b = items[j];
        if (a.fixed && b.fixed) continue;
        const ox = Math.min(a.x + a.x2, b.x + b.x2) - Math.max(a.x + a.x1, b.x + b.x1);
        if (ox <= 0) continue;
        const oy = Math.min(a.y + a.y2, b.y + b.y2) - Math.max(a.y + a.y1, b.y + b.y1);
        if (oy <= 0) continue;
        moved = true;
        // A pinned node does not move: the other moves the whole way.
        const ka = a.fixed ? 0 : b.fixed ? 2 : 1;
        const kb = b.fixed ? 0 : a.fixed ? 2 : 1;
        if (ox < oy) {
          const d = (ox / 2 + 0.5) * (a.x <= b.x ? 1 : -1);
          a.x -= d * ka;
          b.x += d * kb;
        } else {
          const d = (oy / 2 + 0.5) * (a.y <= b.y ? 1 : -1);
          a.y -= d * ka;
          b.y += d * kb;
        }
      }
      for (const o of obstacles) {
        if (a.fixed) break;
        const bb = box(o);
        if (o.s === a || o.t === a) {
          // An edge's own end: its label may not cover the edge's label;
          // moving the end away along the edge lengthens it and moves the
          // label half as far.
          if (!a.label) continue;
          const [ox, oy] = overlap(bb, { x1: a.x + a.label.x1, x2: a.x + a.label.x2, y1: a.y + a.label.y1, y2: a.y + a.label.y2 });
          if (ox <= 0 || oy <= 0) continue;
          const other = o.s === a ? o.t : o.s;
          const vx = a.x - other.x;
          const vy = a.y - other.y;
          const len = Math.hypot(vx, vy) || 1;
          const d = 2 * (Math.min(ox, oy) + 0.5);
          a.x += (vx / len) * d;
          a.y += (vy / len) * d;
          moved = true;
          continue;
        }
        const [ox, oy] = overlap(bb, { x1: a.x + a.x1, x2: a.x + a.x2, y1: a.y + a.y1, y2: a.y + a.y2 });
        if (ox <= 0 || oy <= 0) continue;
        moved = true;
        if (ox < oy) a.x += (ox + 0.5) * (a.x <= (bb.x1 + bb.x2) / 2 ? -1 : 1);
        else a.y += (oy + 0.5) * (a.y <= (bb.y1 + bb.y2) / 2 ? -1 : 1);
      }
    }
    if (!moved) break;
  }
  cy.batch(() => items.forEach((it) => { if (!it.fixed) it.n.position({ x: it.x, y: it.y }); }));
}

// matchAspect stretches a layout towards the canvas's proportions (about the
// centre, by at most 1.4 each way), so that the fit can zoom in further;
// separate() then undoes any overlap the squeeze made.
function matchAspect(cy, nodes) {
  if (nodes.length < 8 || !cy.width() || !cy.height()) return;
  const bb = nodes.boundingBox({ includeLabels: true, includeOverlays: false, includeUnderlays: false });
  if (!bb.w || !bb.h) return;
  const r = (cy.height() / cy.width()) / (bb.h / bb.w);
  if (r > 0.9 && r < 1.1) return;
  const k = Math.sqrt(Math.min(Math.max(r, 0.5), 2));
  const cx = (bb.x1 + bb.x2) / 2;
  const cy0 = (bb.y1 + bb.y2) / 2;
  cy.batch(() => nodes.filter((n) => !n.locked()).forEach((n) => {
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

export function runLayout(cy, animate, name = 'force') {
  const seq = ++layoutSeq;
  // A newer layout replaces one still animating.
  settling?.stop();
  settling = null;
  if (cy.nodes().length === 0) {
    busy.layoutRunning = false;
    refreshState();
    return;
  }
  busy.layoutRunning = true;
  refreshState();
  const eles = cy.elements(':visible').sort(byId);
  const nodes = eles.nodes();
  const from = new Map(nodes.map((n) => [n.id(), { ...n.position() }]));
  const opts = name !== 'force' ? builtIn(name, eles)
    : layoutName() === 'fcose' ? fcoseOptions(cy)
      : { name: 'cose', randomize: true, animate: false, fit: false, nodeDimensionsIncludeLabels: true };
  const layout = eles.layout(opts);
  layout.one('layoutstop', () => {
    // Moving nodes moves the labels of the edges between them: a second
    // pass measures those again.
    if (name === 'force') matchAspect(cy, nodes);
    separate(cy, nodes);
    separate(cy, nodes);
    const to = new Map(nodes.map((n) => [n.id(), { ...n.position() }]));
    if (animate) cy.batch(() => nodes.filter((n) => !n.locked()).forEach((n) => n.position(from.get(n.id()))));
    // A path of three nodes should not fill the screen with giant labels: the
    // fit stops at 1.3; the person may zoom further afterwards.
    cy.maxZoom(1.3);
    const settle = eles.layout({ name: 'preset', positions: (n) => to.get(n.id()), animate, animationDuration: 400, fit: true, padding: 24 });
    settling = settle;
    settle.one('layoutstop', () => {
      if (seq !== layoutSeq) return;
      settling = null;
      cy.maxZoom(3);
      busy.layoutRunning = false;
      if (hubFontSize(cy) !== hub.lastFont) {
        // The fit changed the hubs' label size: make room for it.
        hub.lastFont = hubFontSize(cy);
        cy.style().update();
        separate(cy, nodes);
        cy.fit(eles, 24);
      }
      refreshState();
    });
    settle.run();
  });
  withSeed(() => layout.run());
}
