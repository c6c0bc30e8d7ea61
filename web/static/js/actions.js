// actions.js: what a click or a link asks of the API: expand a node, look up
// a searched name, load the whole graph, find a path; focus and fit the view.
import { $, view, busy, task, setStatus, saveURL, refreshState } from './state.js';
import { api, entityPath } from './api.js';
import { pathParams } from './format.js';
import { cy, merge, render, clearView } from './graph.js';
import { select, renderEvidence, allRelTypes } from './panels.js';

// ---------- actions ----------

export function relParams() {
  const rels = allRelTypes();
  if (!view.relsOff.size || !rels.length) return {};
  return { rel: rels.filter((r) => !view.relsOff.has(r)) };
}

export function kindParams() {
  if (!view.kindsOff.size) return {};
  return { kind: Object.keys(KINDS).filter((k) => !view.kindsOff.has(k)) };
}

// expand loads id's neighbours into the view.
export async function expand(id, { quiet = false } = {}) {
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
export async function pick(idOrName) {
  const ent = await task(`Looking up ${idOrName}`, () => api(entityPath(idOrName)));
  if (!ent) return;
  if (!view.nodes.has(ent.id)) {
    view.nodes.set(ent.id, ent);
  }
  await expand(ent.id);
  focusNode(ent.id);
}

export function focusNode(id) {
  const n = cy.$id(id);
  if (n.empty()) return;
  // The page is not ready (data-state) until the view stops moving.
  busy.pending++;
  refreshState();
  cy.animate({ center: { eles: n } }, {
    duration: 250,
    complete: () => {
      // Cytoscape 3.34 misses a click on the exact centre of a star or
      // diamond node; keep that centre off the whole pixel a click lands on.
      cy.panBy({ x: 0.5, y: 0.5 });
      busy.pending--;
      refreshState();
    },
  });
}

// fitView fits the view to what is shown; the page is "loading" (data-state)
// until the view stops moving.
export function fitView() {
  const eles = cy.elements(':visible');
  if (eles.empty()) return;
  busy.pending++;
  refreshState();
  cy.animate({ fit: { eles, padding: 24 } }, {
    duration: 250,
    complete: () => {
      busy.pending--;
      refreshState();
    },
  });
}

export async function loadAll() {
  await task('Loading the graph', async () => {
    const g = await api('/graph', { limit: 300, ...relParams(), ...kindParams() });
    view.all = true;
    merge(g);
    render();
    if (g.truncated) setStatus('The graph is larger than the limit; part of it is shown');
    saveURL();
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

