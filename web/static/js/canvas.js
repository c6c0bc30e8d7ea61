// canvas.js: the Cytoscape view, mounted by mountCanvas (nothing happens on
// import): drawing the view, highlighting the path, the filters, the date
// slider, fitting and focusing, the analytics (sizes by centrality, colours by
// community, the brokers' marks). It emits node:tap, node:tap-add (a tap with
// Shift, Ctrl or Cmd held), edge:tap and background:tap; it follows selected
// (a node id or null, and view.second), hover:edge and find:matches (the
// nodes search within the view matched); it emits view:drawn
// after each render.
import cytoscape from '../vendor/cytoscape.esm.min.js';
import { view, busy, bus } from './store.js';
import { $, setStatus, summary, saveURL, refreshState } from './ui.js';
import { nodeShown, edgeShown } from './counts.js';
import { edgeCounts, neighbourCounts, hiddenOf } from './merge.js';
import { shortName, datedList } from './format.js';
import { canvasStyle, hub, hubFontSize } from './canvas-style.js';
import { runLayout } from './layout.js';
import { sizeScale, communityColors, brokerMarks } from './analytics.js';

let cy = null;

// canvas is the mounted Cytoscape instance (null before mountCanvas).
export const canvas = () => cy;

// mountCanvas creates the Cytoscape instance in container and wires it to
// the bus. Called once, by app.js.
export function mountCanvas(container) {
  if (window.cytoscapeFcose && !mountCanvas.used) {
    cytoscape.use(window.cytoscapeFcose);
    mountCanvas.used = true;
  }
  cy = cytoscape({ container, minZoom: 0.15, maxZoom: 3, boxSelectionEnabled: false, style: canvasStyle(() => cy) });
  window.cy = cy; // test hook and console access
  let zoomTimer = 0;
  cy.on('zoom', () => {
    clearTimeout(zoomTimer);
    zoomTimer = setTimeout(() => {
      if (hubFontSize(cy) !== hub.lastFont) {
        hub.lastFont = hubFontSize(cy);
        cy.style().update();
      }
    }, 120);
  });
  cy.on('tap', 'node', (evt) => {
    const o = evt.originalEvent;
    const id = evt.target.id();
    // Cytoscape toggles the node's selection itself after a modified tap:
    // the second selection is made once it has.
    if (o && (o.shiftKey || o.ctrlKey || o.metaKey)) setTimeout(() => bus.emit('node:tap-add', id), 0);
    else bus.emit('node:tap', id);
  });
  cy.on('tap', 'edge', (evt) => bus.emit('edge:tap', evt.target.id()));
  cy.on('tap', (evt) => {
    if (evt.target === cy) bus.emit('background:tap');
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
  bus.on('selected', (id) => {
    cy.$(':selected').unselect();
    if (id) cy.$id(id).select();
    if (id && view.second) cy.$id(view.second).select();
    labelEdges();
  });
  bus.on('hover:edge', ({ id, on }) => cy.$id(id).toggleClass('hover', on));
  // Search within the view (finder.js): the matches marked, the current one more.
  bus.on('find:matches', ({ ids, current }) => {
    cy.batch(() => {
      cy.nodes('.found').removeClass('found found-current');
      for (const id of ids) cy.$id(id).addClass('found');
      if (current) cy.$id(current).addClass('found-current');
    });
  });
  return cy;
}

// render brings cy in line with the view; new nodes start next to anchor.
export function render(anchor) {
  const before = cy.nodes().length;
  const counts = edgeCounts(view);
  const nbrs = neighbourCounts(view);
  const at = anchor && cy.$id(anchor).nonempty() ? cy.$id(anchor).position() : null;
  let added = 0;
  cy.batch(() => {
    cy.elements().forEach((el) => {
      if (!(el.isNode() ? view.nodes : view.edges).has(el.id())) el.remove();
    });
    for (const n of view.nodes.values()) {
      const hidden = hiddenOf(view, n.id, counts);
      const data = { id: n.id, kind: n.kind, name: n.name, hidden: hidden ?? 0, label: shortName(n.name), deg: nbrs.get(n.id) || 0 };
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
  applyAnalytics();
  updateDateSlider();
  // A path answer with no path leaves the canvas empty: the evidence panel
  // says why, so no "start exploring" card.
  $('#empty').hidden = view.nodes.size > 0 || !!view.answer;
  if (view.selected && cy.$id(view.selected).nonempty()) cy.$id(view.selected).select();
  if (view.selected && view.second && cy.$id(view.second).nonempty()) cy.$id(view.second).select();
  applyPins();
  runLayout(cy, before > 0 && !busy.restoring, view.layout);
  bus.emit('view:drawn');
}

// applyPins locks the pinned nodes where they are (no layout moves them;
// they cannot be dragged) and marks them (class pinned); the rest unlocked.
export function applyPins() {
  cy.batch(() => cy.nodes().forEach((n) => {
    const on = view.pinned.has(n.id());
    n.toggleClass('pinned', on);
    if (on) n.lock();
    else n.unlock();
  }));
}

// clearCanvas removes what is drawn.
export function clearCanvas() {
  cy.elements().remove();
}

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

// applyAnalytics sizes the nodes by the centrality answer (class sized,
// data size), colours them by community (class community, data ccolor), and
// marks the brokers (broker), the two ends (broker-end) and the brokers'
// paths (bpath; only the focused broker's when one is).
export function applyAnalytics() {
  const sizes = view.sizeBy && view.scores ? sizeScale(view.scores.results) : new Map();
  const colors = view.colorBy === 'community' && view.communities ? communityColors(view.communities) : new Map();
  const marks = brokerMarks(view.brokerAnswer, view.brokerFocus);
  cy.batch(() => {
    cy.nodes().forEach((n) => {
      const size = sizes.get(n.id());
      n.toggleClass('sized', size !== undefined);
      if (size !== undefined) n.data('size', size);
      const c = colors.get(n.id());
      n.toggleClass('community', !!c);
      if (c) n.data({ ccolor: c.color, community: c.index });
      n.toggleClass('broker', marks.brokers.has(n.id()));
      n.toggleClass('broker-end', marks.ends.has(n.id()));
    });
    cy.edges().forEach((e) => e.toggleClass('bpath', marks.edges.has(e.id())));
  });
}

export function applyFilters() {
  cy.batch(() => {
    // The same rules as the status line's counts (counts.js).
    cy.nodes().forEach((n) => n.toggleClass('filtered', !nodeShown(view, view.nodes.get(n.id()) || { kind: n.data('kind') })));
    cy.edges().forEach((e) => {
      const ed = view.edges.get(e.id());
      e.toggleClass('filtered', !ed || !edgeShown(view, ed));
    });
  });
  const hiddenByDate = view.asOf ? cy.edges().filter((e) => e.data('reportedOn') > view.asOf).length : 0;
  $('#date-hidden').textContent = hiddenByDate ? `· ${hiddenByDate} later edge${hiddenByDate > 1 ? 's' : ''} hidden` : '· undated edges always shown';
  labelEdges();
  // The count follows every change, unless a request's label is showing
  // (its end writes the count); an animation (pending too) is no reason to
  // leave the line one change behind.
  if ($('#status').dataset.busy !== 'true') setStatus(summary());
}

function updateDateSlider() {
  const dates = datedList(view.edges.values());
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
  const dates = datedList(view.edges.values());
  const i = Number($('#date-slider').value);
  view.asOf = i >= dates.length - 1 ? null : dates[i];
  $('#date-label').textContent = view.asOf ? `up to ${dates[i]}` : `all dates (latest ${dates[dates.length - 1]})`;
  applyFilters();
  saveURL();
}

// animate runs a view animation with the page "loading" (data-state) until
// the view stops moving.
function animate(opts, done) {
  busy.pending++;
  refreshState();
  cy.animate(opts, {
    duration: 250,
    complete: () => {
      done?.();
      busy.pending--;
      refreshState();
    },
  });
}

export function focusNode(id) {
  const n = cy.$id(id);
  if (n.empty()) return;
  // Cytoscape 3.34 misses a click on the exact centre of a star or diamond
  // node; keep that centre off the whole pixel a click lands on.
  animate({ center: { eles: n } }, () => cy.panBy({ x: 0.5, y: 0.5 }));
}

// fitView fits the view to what is shown.
export function fitView() {
  const eles = cy.elements(':visible');
  if (!eles.empty()) animate({ fit: { eles, padding: 24 } });
}

// refit sizes the canvas again (it had no size while the Sources view was
// shown, or the window changed) and fits what is drawn, no closer than a
// fresh layout would.
export function refit() {
  cy.resize();
  const eles = cy.elements(':visible');
  if (eles.empty()) return;
  cy.maxZoom(1.3);
  cy.fit(eles, 24);
  cy.maxZoom(3);
}
