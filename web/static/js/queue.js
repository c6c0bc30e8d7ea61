// queue.js: the review queue across sources (GET /api/v1/candidates?status=
// pending, oldest source first), in the Sources view: the pending candidates
// grouped by their source, each opening the review of its source at that
// candidate (queue:open {source, candidate}). It loads when the Sources view
// is shown, on Refresh, and after each decision (candidates:decided).
import { view, bus } from './store.js';
import { $ } from './ui.js';
import { api } from './api.js';
import { queueBySource } from './candidates.js';
import { el, fill } from './dom.js';

const LIMIT = 1000;
let req = null;

export async function loadQueue() {
  const list = $('#queue-list');
  req?.abort();
  const ctrl = new AbortController();
  req = ctrl;
  list.dataset.state = 'loading';
  let body;
  try {
    body = await api('/candidates', { status: 'pending', limit: LIMIT }, ctrl.signal);
  } catch (err) {
    if (err.name === 'AbortError') return;
    list.dataset.state = 'failed';
    fill(list, el('p', { class: 'hint' }, `The queue is unavailable: ${err.message}`));
    return;
  }
  if (req !== ctrl) return;
  renderQueue(body.candidates || []);
}

function renderQueue(cands) {
  const list = $('#queue-list');
  const groups = queueBySource(cands);
  $('#queue-count').textContent = cands.length ? `${cands.length}${cands.length >= LIMIT ? '+' : ''} pending in ${groups.length} source${groups.length === 1 ? '' : 's'}` : '';
  list.dataset.state = 'ready';
  if (!groups.length) return fill(list, el('p', { class: 'hint' }, 'Nothing pending: every candidate of every source is decided.'));
  const cand = (g, c) => el('li', {}, el('button', { type: 'button', class: 'queue-cand link', 'data-id': c.id, title: c.quote,
    onclick: () => bus.emit('queue:open', { source: g.source, candidate: c.id }) },
  el('b', {}, c.fromName || c.from), ' ', el('span', { class: 'rel' }, `—${c.type}→`), ' ', el('b', {}, c.toName || c.to),
  c.stance ? [' ', el('span', { class: `stance stance-${c.stance}` }, c.stance)] : null));
  const source = (g) => el('li', { class: 'queue-source', 'data-source': g.source, 'data-count': g.candidates.length },
    el('details', { open: g.source === view.src || groups.length <= 3 },
      el('summary', {}, el('code', { class: 'queue-src', title: g.source }, g.source), ' ', el('span', { class: 'queue-n' }, `${g.candidates.length} pending`)),
      el('ul', { class: 'queue-cands' }, g.candidates.map((c) => cand(g, c)))));
  fill(list, el('ol', { class: 'queue' }, groups.map(source)));
}

export function wireQueue() {
  $('#queue-refresh').addEventListener('click', loadQueue);
  $('#tab-sources').addEventListener('click', loadQueue);
  bus.on('candidates:decided', loadQueue);
  bus.on('source:shown', loadQueue);
}
