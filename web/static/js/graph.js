// graph.js: the Cytoscape view: its style, merging API answers into the
// view, drawing it, highlighting the path, filters, the date slider, exports.
import cytoscape from '../vendor/cytoscape.esm.min.js';
import { $, view, busy, kindStyle, setStatus, setSummary, summary, saveURL, showError } from './state.js';
import { shortName, datedList } from './format.js';
import { runLayout } from './layout.js';
import { select, showEdge } from './panels.js';
import { expand } from './actions.js';
import { el } from './dom.js';

if (window.cytoscapeFcose) cytoscape.use(window.cytoscapeFcose);

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

export const cy = cytoscape({
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

setSummary(() => {
  const n = cy.nodes().filter((x) => x.visible()).length;
  const e = cy.edges().filter((x) => x.visible()).length;
  return view.nodes.size ? `${n} nodes, ${e} edges shown` : '';
});

// Labels are 11px at zoom 1; a hub's grows as the view zooms out so that it
// stays legible (about 8px on screen) after regular ones have vanished.
export function hubFontSize() {
  return cy ? Math.min(26, Math.max(12, 8 / cy.zoom())) : 12;
}
let zoomTimer = 0;
export const hub = { lastFont: 12 };
cy.on('zoom', () => {
  clearTimeout(zoomTimer);
  zoomTimer = setTimeout(() => {
    if (hubFontSize() !== hub.lastFont) {
      hub.lastFont = hubFontSize();
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

// ---------- merging API graphs into the view ----------

export const isSource = (id) => view.nodes.get(id)?.kind === 'Source' || view.sources.get(id)?.kind === 'Source';

// merge adds an API graph to the view. A neighbour answer's `hidden` counts,
// per node, the relationships it left out (links to Source nodes are never
// counted); with the relationships it did include, that is the node's total,
// from which the "+N" badge is recomputed as the view grows. A path answer's
// `sources` are the Source entities its edges cite, for the evidence panel.
export function merge(g) {
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
export function edgeCounts() {
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
export function hiddenOf(id, counts = edgeCounts()) {
  if (!view.total.has(id)) return null;
  return Math.max(0, view.total.get(id) - (counts.get(id) || 0));
}

// render brings cy in line with the view; new nodes start next to anchor.
export function render(anchor) {
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
  runLayout(before > 0 && !busy.restoring);
}

export function clearView() {
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

// ---------- highlight and filters ----------

// labelEdges names the edges of the highlighted path; any other edge shows
// its type under the pointer (classes hl and hover), so a dense view is not
// covered in relationship names.
export function labelEdges() {
  cy.batch(() => cy.edges().forEach((e) => e.toggleClass('labelled', e.hasClass('path'))));
}

export function applyHighlight() {
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

export function applyFilters() {
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
  if (busy.pending === 0) setStatus(summary());
}

function datedEdges() {
  return datedList(view.edges.values());
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

export function onDateSlide() {
  const dates = datedEdges();
  const i = Number($('#date-slider').value);
  view.asOf = i >= dates.length - 1 ? null : dates[i];
  $('#date-label').textContent = view.asOf ? `up to ${dates[i]}` : `all dates (latest ${dates[dates.length - 1]})`;
  applyFilters();
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

export function exportPNG() {
  if (!cy.nodes().length) return showError('Nothing to export: the view is empty.');
  const blob = cy.png({ output: 'blob', full: true, scale: 2, bg: '#ffffff' });
  download(`actorgraph-${stamp()}.png`, blob);
}

export function exportJSON() {
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


// refit sizes the canvas again (it had no size while the Sources view was
// shown) and fits what is drawn, no closer than a fresh layout would.
export function refit() {
  cy.resize();
  const eles = cy.elements(':visible');
  if (eles.empty()) return;
  cy.maxZoom(1.3);
  cy.fit(eles, 24);
  cy.maxZoom(3);
}
