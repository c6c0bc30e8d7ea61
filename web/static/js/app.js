// actorgraph explorer: search, neighbourhood expansion, path finding with
// per-hop evidence, filters, a date slider, export and shareable URLs, and a
// Sources view to ingest articles and review the edges they propose, over the
// actorgraph v1 JSON API. Plain ES modules, no build step; Cytoscape.js and
// cytoscape-fcose are vendored under /static/vendor by scripts/web.sh.
//
// Modules (docs/ARCHITECTURE.md has the picture): store (state and the
// event bus), ui (busy state, status line, banner, URL), api (the HTTP
// client); pure logic, unit-tested in web/test: urlstate, format, counts,
// merge, palette, candidates, analytics; the views, which depend on the store
// and the API client, never on each other: canvas (Cytoscape, with
// canvas-style and layout), panels, pathfinder, sources, review, analysis
// (the analytics controls), brokers; exports; controller, which
// reacts to the views' events. This file mounts the canvas and wires the
// page; nothing else runs on import.
import { view, busy, nav, bus } from './store.js';
import { $, task, setStatus, showError, hideError, refreshState, saveURL, summary, startUndo, onHistoryMove, undoView, redoView } from './ui.js';
import { removeNode } from './merge.js';
import { api } from './api.js';
import { decodeState } from './urlstate.js';
import { mountCanvas, canvas, render, onDateSlide, refit, fitView } from './canvas.js';
import { exportPNG, exportJSON, exportAPI, exportCSV, describeExport } from './exports.js';
import { wireController, clearView, expand, pick, loadAll, findPath, addNodes, loadAnalytics, findBrokers } from './controller.js';
import { renderEvidence, select, selectPair, renderLegend, renderFilterLists, onFilterChange } from './panels.js';
import { wireAnalysis, renderAnalysis } from './analysis.js';
import { autocomplete, setPathEnd, readPathForm, writePathForm, updatePathStanceSummary, updatePathRelSummary } from './pathfinder.js';
import { showTab, openSource, wireSources } from './sources.js';
import { onKey, wireReview } from './review.js';
import { wireTimeline, renderTimeline } from './timeline.js';
import { wireHelp, openHelp } from './help.js';
import { wireQueue, loadQueue } from './queue.js';
import { wireFinder, findNext, focusFind } from './finder.js';

// restore rebuilds what a URL describes: a source in the Sources view (the
// graph stays as it is), or the graph: the path query, then the whole graph,
// then each expansion in order, then the selection.
async function restore() {
  busy.restoring = true;
  try {
    await restoreHash();
  } finally {
    busy.restoring = false;
  }
}

async function restoreHash() {
  const h = location.hash.replace(/^#/, '');
  nav.lastHash = h;
  const s = decodeState(h);
  if (s.src) {
    await openSource(s.src, s.span);
    loadQueue();
    return;
  }
  showTab('graph');
  clearView();
  renderEvidence();
  view.kindsOff = s.kindsOff;
  view.relsOff = s.relsOff;
  view.asOf = s.asOf;
  view.timeRange = s.timeRange;
  // A link with a range opens the timeline that shows it.
  if (s.timeRange) view.timeline = true;
  renderTimeline();
  canvas().resize();
  view.layout = s.layout;
  $('#layout-choice').value = s.layout;
  view.sizeBy = s.sizeBy;
  view.colorBy = s.colorBy;
  renderFilterLists();
  renderAnalysis();
  // A step that fails leaves the link as it was: the error banner says why,
  // and the link still describes the view to try again.
  let ok = true;
  if (s.sizeBy || s.colorBy) ok = (await loadAnalytics()) && ok;
  else view.scores = view.communities = null;
  if (s.path) {
    writePathForm(s.path);
    ok = (await findPath(s.path)) && ok;
    writePathForm(s.path);
  }
  if (s.all) ok = (await loadAll()) && ok;
  for (const id of s.expanded) ok = (await expand(id, { quiet: true })) !== undefined && ok;
  ok = (await addNodes(s.added)) && ok;
  if (s.brokers) ok = (await findBrokers(s.brokers.from, s.brokers.to)) && ok;
  // The nodes removed from the view leave it again (rm=).
  if (s.removed.some((id) => view.nodes.has(id))) {
    for (const id of s.removed) removeNode(view, id);
    render();
  }
  view.removed = s.removed;
  if (s.selected && s.second && view.nodes.has(s.selected) && view.nodes.has(s.second)) selectPair(s.selected, s.second);
  else if (s.selected && view.nodes.has(s.selected)) select(s.selected);
  if (!view.nodes.size) render();
  if (ok) saveURL();
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

// swallowKey keeps key out of the box its keydown just focused: some input
// paths (DevTools, some IMEs) send the character apart from the keydown.
function swallowKey(key) {
  const swallow = (e) => { if (e.key === key) e.preventDefault(); };
  window.addEventListener('keypress', swallow, { capture: true, once: true });
  setTimeout(() => window.removeEventListener('keypress', swallow, { capture: true }), 100);
}

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
  window.addEventListener('resize', () => {
    clearTimeout(wire.resizeTimer);
    wire.resizeTimer = setTimeout(() => { if (view.tab === 'graph') refit(); }, 150);
  });
  $('#clear').addEventListener('click', () => {
    clearView();
    renderEvidence();
    render();
    saveURL(true);
    select(null);
    setStatus('');
  });
  $('#export-png').addEventListener('click', () => exportPNG(canvas()));
  $('#export-json').addEventListener('click', () => exportJSON(canvas()));
  for (const fmt of ['graphml', 'gexf', 'stix']) $(`#export-${fmt}`).addEventListener('click', () => exportAPI(fmt));
  $('#export-csv-nodes').addEventListener('click', () => exportCSV('nodes'));
  $('#export-csv-edges').addEventListener('click', () => exportCSV('edges'));
  $('#export-menu').addEventListener('toggle', () => { if ($('#export-menu').open) describeExport(); });
  // The menu closes on a click elsewhere or on its items, as menus do.
  document.addEventListener('click', (ev) => {
    if (!ev.target.closest('#export-menu') || ev.target.closest('.menu-body button')) $('#export-menu').open = false;
  });
  $('#share').addEventListener('click', share);
  $('#error-close').addEventListener('click', () => { hideError(); busy.failed = false; refreshState(); });
  document.addEventListener('keydown', (ev) => {
    if (ev.key === '/' && !ev.target.matches('input, textarea, select, [contenteditable]')) {
      ev.preventDefault();
      swallowKey('/');
      $('#search').focus();
      $('#search').select();
    }
  });
  document.addEventListener('keydown', (ev) => {
    if (ev.key === '?' && !ev.ctrlKey && !ev.metaKey && !ev.altKey && !ev.target.matches('input, textarea, select, [contenteditable]')) {
      ev.preventDefault();
      openHelp();
    }
  });
  // P pins the selected node(s) where they are, or unpins them.
  document.addEventListener('keydown', (ev) => {
    if ((ev.key === 'p' || ev.key === 'P') && view.tab === 'graph' && view.selected && !ev.ctrlKey && !ev.metaKey && !ev.altKey &&
        !ev.target.matches('input, textarea, select, [contenteditable]') && !$('#help').open) {
      ev.preventDefault();
      const ids = [view.selected, view.second].filter(Boolean);
      bus.emit('node:pin', { ids, on: !ids.every((i) => view.pinned.has(i)) });
    }
  });
  // F focuses the search within the view; n and N move through its matches.
  document.addEventListener('keydown', (ev) => {
    if (!['f', 'n', 'N'].includes(ev.key) || ev.ctrlKey || ev.metaKey || ev.altKey || view.tab !== 'graph' ||
        ev.target.matches('input, textarea, select, [contenteditable]') || $('#help').open) return;
    if (ev.key === 'f') {
      ev.preventDefault();
      swallowKey('f');
      focusFind();
    } else if (findNext(ev.key === 'n' ? 1 : -1)) ev.preventDefault();
  });
  $('#layout-choice').addEventListener('change', () => {
    view.layout = $('#layout-choice').value;
    bus.emit('layout:changed');
  });
  document.addEventListener('keydown', onKey);
  wireHelp();
  wireFinder();
  wireQueue();
  wireSources();
  wireReview();
  wireAnalysis();
  wireTimeline();
  wireController();
  $('#tab-graph').addEventListener('click', refit);
  // Undo and redo (the header's buttons, Ctrl or Cmd+Z, Ctrl or Cmd+Shift+Z
  // and Ctrl+Y) move through the view's history entries, as Back and Forward do.
  $('#undo').addEventListener('click', undoView);
  $('#redo').addEventListener('click', redoView);
  document.addEventListener('keydown', (ev) => {
    const k = ev.key.toLowerCase();
    if (!(ev.ctrlKey || ev.metaKey) || ev.altKey || (k !== 'z' && k !== 'y')) return;
    if (view.tab !== 'graph' || ev.target.matches('input, textarea, select, [contenteditable]') || $('#help').open) return;
    ev.preventDefault();
    if (k === 'z' && !ev.shiftKey) undoView();
    else redoView();
  });
  window.addEventListener('popstate', onHistoryMove);
  window.addEventListener('hashchange', () => {
    if (location.hash.replace(/^#/, '') !== nav.lastHash) restore();
  });
}

async function start() {
  // A shared link is being restored: no "start exploring" card meanwhile.
  if (location.hash.length > 1) $('#empty').hidden = true;
  mountCanvas($('#cy'));
  startUndo();
  wire();
  renderLegend();
  renderFilterLists();
  const schema = await task('Loading the schema', () => api('/schema'));
  if (schema) {
    view.schema = schema;
    renderLegend();
    // The filter lists too: a session that starts in the Sources view
    // (#src=) does not restore the graph, which would draw them.
    renderFilterLists();
  }
  await restore();
  if (!busy.failed) setStatus(summary());
  refreshState();
}

start();
