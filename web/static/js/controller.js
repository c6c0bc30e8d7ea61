// controller.js: reacts to the views' events and does what they ask of the
// API: expand a node, look up a searched name, load the whole graph, find a
// path, draw an edge accepted in review; and keeps the views in step (the
// canvas, the panels) after each. Views never call each other; this does.
import { view, bus, clearGraph, clearBrokers, nameOf } from './store.js';
import { $, task, setStatus, saveURL } from './ui.js';
import { api, entityPath } from './api.js';
import { pathParams } from './format.js';
import { shownKinds } from './palette.js';
import { merge, canonicalId, hiddenOf, removeNode } from './merge.js';
import { render, clearCanvas, applyPins, applyFilters, applyHighlight, applyAnalytics, focusNode, refit } from './canvas.js';
import { select, selectPair, renderEvidence, showEdge, allRelTypes } from './panels.js';
import { setPathEnd } from './pathfinder.js';
import { openSource } from './sources.js';
import { focusCandidate } from './review.js';
import { renderAnalysis } from './analysis.js';
import { renderBrokers, syncBrokerFocus } from './brokers.js';
import { matchPaths, brokerSubgraph } from './analytics.js';

export function relParams() {
  const rels = allRelTypes();
  if (!view.relsOff.size || !rels.length) return {};
  return { rel: rels.filter((r) => !view.relsOff.has(r)) };
}

export function kindParams() {
  const kind = shownKinds(view.kindsOff);
  return kind ? { kind } : {};
}

// clearView empties the view and the canvas.
export function clearView() {
  clearGraph(view);
  clearCanvas();
  renderBrokers();
}

// loadAnalytics asks for the centrality and the communities the view shows,
// over the graph its kind and relationship filters select (the subgraph
// GET /api/v1/graph returns for them), and redraws. A failed request leaves
// that part off (the banner says why).
export async function loadAnalytics() {
  const params = { ...relParams(), ...kindParams() };
  const [scores, communities] = await Promise.all([
    view.sizeBy ? task(`Computing ${view.sizeBy} centrality`, () => api('/analytics/centrality', { metric: view.sizeBy, limit: 5000, ...params })) : null,
    view.colorBy === 'community' ? task('Finding communities', () => api('/analytics/communities', params)) : null,
  ]);
  view.scores = scores || null;
  view.communities = communities || null;
  renderAnalysis();
  // The sizes change the nodes' boxes: lay the view out again.
  if (view.nodes.size) render();
  return (!view.sizeBy || !!scores) && (view.colorBy !== 'community' || !!communities);
}

// findBrokers asks for the brokers between from and to, with the ranked
// paths of the same query for the evidence of each broker's paths, draws
// those paths into the view and highlights them.
export async function findBrokers(from, to) {
  const params = { from, to, ...relParams(), ...kindParams() };
  const res = await task(`Finding the brokers between ${nameOf(from)} and ${nameOf(to)}`, () => Promise.all([
    api('/paths/brokers', { ...params, paths: 50, limit: 10 }),
    api('/paths', { ...params, limit: 50 }),
  ]));
  if (!res) return false;
  const [answer, ranked] = res;
  view.brokers = { from, to };
  view.brokerAnswer = answer;
  view.brokerPaths = matchPaths(answer, ranked);
  view.brokerFocus = null;
  merge(view, brokerSubgraph(answer, ranked));
  render();
  renderBrokers();
  // The panel is the answer: bring it into view (it leads the right column).
  $('aside.right').scrollTop = 0;
  const n = answer.brokers.length;
  setStatus(n ? `${n} broker${n > 1 ? 's' : ''} between ${nameOf(from)} and ${nameOf(to)}` : 'No broker');
  saveURL(true);
  return true;
}

// expand loads id's neighbours into the view; it answers the canonical id,
// or undefined when the request failed (the banner says why).
export async function expand(id, { quiet = false } = {}) {
  const name = view.nodes.get(id)?.name || id;
  return task(`Loading neighbours of ${name}`, async () => {
    const g = await api(entityPath(id) + '/neighbors', { depth: 1, limit: 200, ...relParams(), ...kindParams() });
    merge(view, g);
    // The API may answer for a name or alias: record the canonical id.
    const canon = canonicalId(view, id, g);
    if (!view.expanded.includes(canon)) view.expanded.push(canon);
    render(canon);
    // The history entry first: selecting rewrites the current one.
    saveURL(true);
    if (!quiet) {
      select(canon);
      if (g.truncated) setStatus(`${name}: more neighbours than the limit; some are not shown`);
    }
    return canon;
  });
}

// pick shows an entity chosen by search: it is looked up (so an unknown name
// shows the API's message) and expanded.
export async function pick(idOrName) {
  const ent = await task(`Looking up ${idOrName}`, () => api(entityPath(idOrName)));
  if (!ent) return;
  if (!view.nodes.has(ent.id)) view.nodes.set(ent.id, ent);
  await expand(ent.id);
  focusNode(ent.id);
}

export async function loadAll() {
  return task('Loading the graph', async () => {
    const g = await api('/graph', { limit: 300, ...relParams(), ...kindParams() });
    view.all = true;
    merge(view, g);
    render();
    if (g.truncated) setStatus('The graph is larger than the limit; part of it is shown');
    saveURL(true);
    return true;
  });
}

// findPath runs the path query and replaces the view with its answer.
export async function findPath(q) {
  const box = $('#evidence');
  const before = box.dataset.state;
  box.dataset.state = 'loading';
  const answer = await task(`Finding a path from ${q.from} to ${q.to}`, () =>
    api(q.mode === 'ranked' ? '/paths' : '/paths/shortest', pathParams(q)));
  if (!answer) {
    // The error banner says why; the previous answer, if any, stays in view.
    box.dataset.state = view.answer ? before : 'failed';
    return false;
  }
  clearView();
  view.path = q;
  view.answer = answer;
  merge(view, answer);
  render();
  renderEvidence();
  $('aside.right').scrollTop = 0;
  // In the reading mode (narrow screens) the page scrolls: show the answer's
  // drawing, above its evidence.
  if (window.matchMedia('(max-width: 720px)').matches) window.scrollTo({ top: 0 });
  const n = (answer.paths || []).length;
  const hops = n ? answer.paths[0].length : 0;
  setStatus(n ? `${n} path${n > 1 ? 's' : ''} found, ${hops} hop${hops > 1 ? 's' : ''}` : 'No path');
  saveURL(true);
  return true;
}

// addNodes draws the entities ids on their own (the ends of an edge accepted
// in review), with the relationships among what the view shows.
export async function addNodes(ids) {
  if (!ids.length) return true;
  return task('Adding the reviewed entities', async () => {
    const ends = await Promise.all(ids.map((id) => api(entityPath(id))));
    merge(view, { nodes: ends });
    const around = await Promise.all(ids.map((id) => api(entityPath(id) + '/neighbors', { depth: 1, limit: 200 })));
    for (const g of around) merge(view, { edges: g.edges || [] });
    for (const id of ids) if (!view.added.includes(id)) view.added.push(id);
    render();
    return true;
  });
}

// drawAccepted draws an edge accepted in review with its two ends; the ends
// join the URL (n=), so a link made now shares them and the edge.
async function drawAccepted(edge) {
  const ends = await task('Adding the edge to the graph', () =>
    Promise.all([edge.source, edge.target].map((id) => api(entityPath(id)))));
  if (!ends) return;
  merge(view, { nodes: ends, edges: [edge] });
  for (const id of [edge.source, edge.target]) if (!view.added.includes(id)) view.added.push(id);
  render();
  setStatus(`Accepted and drawn: ${ends[0].name} —${edge.type}→ ${ends[1].name}`);
}

// wireController subscribes to the views' events.
export function wireController() {
  bus.on('node:tap', (id) => {
    select(id);
    if (!view.expanded.includes(id) && hiddenOf(view, id) !== 0) expand(id);
  });
  bus.on('edge:tap', showEdge);
  // Search within the view: its current match is selected and centred.
  bus.on('find:focus', (id) => {
    select(id);
    focusNode(id);
  });
  bus.on('background:tap', () => select(null));
  bus.on('expand', (id) => expand(id));
  bus.on('path:end', ({ which, node }) => setPathEnd(which, node));
  bus.on('node:remove', (id) => {
    removeNode(view, id);
    render();
    saveURL(true);
    select(null);
  });
  bus.on('path:clear', () => {
    view.answer = null;
    view.path = null;
    renderEvidence();
    applyHighlight();
    $('#empty').hidden = view.nodes.size > 0;
    saveURL(true);
  });
  bus.on('filters:changed', () => {
    applyFilters();
    saveURL(true);
    // The analytics are computed over the filtered graph.
    if (view.sizeBy || view.colorBy) loadAnalytics();
  });
  bus.on('node:tap-add', (id) => {
    if (!view.selected || view.selected === id) select(id);
    else selectPair(view.selected, id);
  });
  bus.on('analytics:changed', () => {
    loadAnalytics();
    saveURL(true);
  });
  bus.on('brokers:run', ({ from, to }) => findBrokers(from, to));
  bus.on('brokers:focus', (id) => {
    view.brokerFocus = id;
    applyAnalytics();
    syncBrokerFocus();
  });
  bus.on('brokers:clear', () => {
    clearBrokers(view);
    applyAnalytics();
    renderBrokers();
    saveURL(true);
  });
  bus.on('edge:accepted', drawAccepted);
  // Pin or unpin nodes (ids; on: pin): they keep their place in every layout.
  bus.on('node:pin', ({ ids, on }) => {
    for (const id of ids) if (on) view.pinned.add(id); else view.pinned.delete(id);
    applyPins();
    if (view.second) selectPair(view.selected, view.second);
    else select(view.selected);
    setStatus(`${on ? 'Pinned' : 'Unpinned'}: ${ids.map(nameOf).join(', ')}`);
  });
  bus.on('layout:changed', () => {
    render();
    saveURL(true);
  });
  // The review queue opens a candidate's source at that candidate.
  bus.on('queue:open', async ({ source, candidate }) => {
    await openSource(source, null);
    if (!focusCandidate(candidate)) setStatus(`${candidate} is no longer in ${source}`);
  });
  // A retracted edge leaves the view (answers leave it out from now on);
  // the details panel keeps showing it, with its history.
  bus.on('edge:retracted', (e) => {
    view.edges.delete(e.id);
    render();
    saveURL(true);
    setStatus(`Retracted: ${nameOf(e.source)} —${e.type}→ ${nameOf(e.target)}`);
  });
  // The timeline's range is a filter of the canvas (counts.js); the URL
  // follows it without a history entry per playback step.
  bus.on('timeline:changed', () => {
    applyFilters();
    saveURL();
  });
  bus.on('timeline:toggled', () => {
    refit();
    saveURL();
  });
}
