// review.js: the candidates of the open source, reviewed from the keyboard
// (j/k move, a accept, r reject, e edit, Escape cancels an edit). An accepted
// candidate's edge joins the graph at once.
import { $, view, task, setStatus, showError } from './state.js';
import { api, apiPost, apiKey, entityPath } from './api.js';
import { STANCES } from './format.js';
import { el } from './dom.js';
import { open, names, renderText } from './sources.js';
import { merge, render } from './graph.js';

const cursor = { index: 0, editing: null };

export function activeCandidate() {
  return open.body?.candidates?.[cursor.index] || null;
}

export function renderCandidates() {
  const list = $('#candidates');
  const cands = open.body?.candidates || [];
  if (cursor.index >= cands.length) cursor.index = Math.max(0, cands.length - 1);
  const nm = names();
  const pending = cands.filter((c) => c.status === 'pending').length;
  $('#candidates-count').textContent = cands.length ? `${pending} pending of ${cands.length}` : '';
  if (!cands.length) {
    list.replaceChildren(el('li', { class: 'hint' }, open.body ? 'No candidate edges in this source.' : 'Add or open a source to review its candidate edges.'));
    return;
  }
  list.replaceChildren(...cands.map((c, i) => {
    const active = i === cursor.index;
    const li = el('li', { class: `cand status-${c.status}`, id: `cand-${i}`, role: 'option', tabindex: active ? '0' : '-1',
      'aria-selected': String(active), 'data-id': c.id, 'data-status': c.status },
      el('div', { class: 'cand-line' }, el('b', {}, c.fromName || nm(c.from)), ' ', el('span', { class: 'rel' }, `—${c.type}→`), ' ',
        el('b', {}, c.toName || nm(c.to))),
      el('div', { class: 'meta' },
        el('span', { class: 'cand-status' }, c.status),
        c.stance ? el('span', { class: `stance stance-${c.stance}` }, c.stance) : null,
        c.confidence !== undefined ? el('span', { class: 'conf' }, `confidence ${c.confidence}`) : null,
        c.cue ? el('span', { class: 'cue', title: 'the words that proposed it' }, `cue “${c.cue}”`) : null),
      c.corroborates ? el('p', { class: 'corroborates' }, 'Corroborates ', el('code', {}, c.corroborates), ': accepting adds this source to that edge.') : null,
      c.edge && c.status === 'accepted' ? el('p', { class: 'hint' }, 'Edge ', el('code', {}, c.edge)) : null,
      el('blockquote', { class: 'quote' }, c.quote),
      c.status === 'pending' ? el('div', { class: 'buttons' },
        el('button', { type: 'button', class: 'accept', onclick: () => { move(i); accept(c); } }, el('kbd', {}, 'a'), ' Accept'),
        el('button', { type: 'button', class: 'edit', onclick: () => { move(i); edit(c); } }, el('kbd', {}, 'e'), ' Edit'),
        el('button', { type: 'button', class: 'reject', onclick: () => { move(i); reject(c); } }, el('kbd', {}, 'r'), ' Reject')) : null,
      cursor.editing === c.id ? editForm(c) : null);
    li.addEventListener('click', (ev) => {
      if (ev.target.closest('button, input, select, form')) return;
      move(i);
    });
    return li;
  }));
}

// move makes candidate i the active one: its sentence lights up in the text.
function move(i, focus = false) {
  const cands = open.body?.candidates || [];
  if (!cands.length) return;
  const next = Math.max(0, Math.min(cands.length - 1, i));
  if (next !== cursor.index) cursor.editing = null;
  cursor.index = next;
  renderCandidates();
  renderText();
  const li = $(`#cand-${cursor.index}`);
  if (focus) li?.focus();
  li?.scrollIntoView({ block: 'nearest' });
  $('#source-text .cand-quote')?.scrollIntoView({ block: 'nearest' });
}

function editForm(c) {
  const rels = (view.schema?.relationships || []).map((r) => r.type);
  if (!rels.includes(c.type)) rels.unshift(c.type);
  const f = el('form', { class: 'cand-edit', 'aria-label': 'Edit the candidate, then accept it' },
    el('label', {}, 'Type', el('select', { name: 'type' }, rels.map((t) => el('option', { value: t, selected: t === c.type }, t)))),
    el('label', {}, 'From', el('input', { name: 'from', value: c.from, required: true, spellcheck: 'false' })),
    el('label', {}, 'To', el('input', { name: 'to', value: c.to, required: true, spellcheck: 'false' })),
    el('div', { class: 'row' },
      el('label', {}, 'Stance', el('select', { name: 'stance' }, STANCES.map((s) => el('option', { value: s, selected: s === c.stance }, s)))),
      el('label', {}, 'Confidence', el('input', { name: 'confidence', type: 'number', min: 0, max: 100, value: c.confidence ?? '' }))),
    el('div', { class: 'buttons' },
      el('button', { type: 'submit', class: 'primary' }, 'Accept with these'),
      el('button', { type: 'button', onclick: () => { cursor.editing = null; renderCandidates(); $(`#cand-${cursor.index}`)?.focus(); } }, 'Cancel')));
  f.addEventListener('submit', (ev) => {
    ev.preventDefault();
    const o = {};
    for (const k of ['type', 'from', 'to', 'stance']) if (f[k].value.trim() !== String(c[k] ?? '')) o[k] = f[k].value.trim();
    if (f.confidence.value !== '' && Number(f.confidence.value) !== c.confidence) o.confidence = Number(f.confidence.value);
    accept(c, o);
  });
  f.addEventListener('keydown', (ev) => {
    if (ev.key === 'Escape') {
      ev.preventDefault();
      cursor.editing = null;
      renderCandidates();
      $(`#cand-${cursor.index}`)?.focus();
    }
  });
  return f;
}

function edit(c) {
  if (c.status !== 'pending') return;
  cursor.editing = c.id;
  renderCandidates();
  $(`#cand-${cursor.index} .cand-edit select`)?.focus();
}

// accept writes the candidate's edge (with overrides o); new entities it
// names are created from the source's proposals.
async function accept(c, o = {}) {
  if (c.status !== 'pending') return;
  if (!apiKey()) return showError('Give the API key (left): accepting writes to the graph.');
  const body = { ...o };
  const refs = [o.from || c.from, o.to || c.to].filter((r) => String(r).startsWith('new:'));
  if (refs.length) {
    body.newEntities = {};
    for (const r of refs) {
      const n = (open.body.newEntities || []).find((x) => x.ref === r);
      if (n) body.newEntities[r] = { kind: n.kind, name: n.name };
    }
  }
  const res = await task(`Accepting ${c.type}`, () => apiPost(`/candidates/${encodeURIComponent(c.id)}/accept`, body));
  if (!res) return;
  Object.assign(c, res.candidate || { status: 'accepted' });
  cursor.editing = null;
  renderCandidates();
  await addToGraph(res.edge);
  nextPending();
}

async function reject(c) {
  if (c.status !== 'pending') return;
  if (!apiKey()) return showError('Give the API key (left): rejecting is recorded as a write.');
  const reason = $('#reject-reason').value.trim() || 'rejected in the explorer review';
  const res = await task('Rejecting the candidate', () => apiPost(`/candidates/${encodeURIComponent(c.id)}/reject`, { reason }));
  if (!res) return;
  Object.assign(c, res.candidate || { status: 'rejected' });
  renderCandidates();
  setStatus(`Rejected: ${c.fromName || c.from} —${c.type}→ ${c.toName || c.to}`);
  nextPending();
}

function nextPending() {
  const cands = open.body?.candidates || [];
  const after = cands.findIndex((x, j) => j > cursor.index && x.status === 'pending');
  const any = after >= 0 ? after : cands.findIndex((x) => x.status === 'pending');
  move(any >= 0 ? any : cursor.index, true);
}

// addToGraph draws an accepted edge with its two ends in the graph view.
async function addToGraph(edge) {
  if (!edge?.id) return;
  const ends = await task('Adding the edge to the graph', () =>
    Promise.all([edge.source, edge.target].map((id) => api(entityPath(id)))));
  if (!ends) return;
  merge({ nodes: ends, edges: [edge] });
  render();
  setStatus(`Accepted and drawn: ${ends[0].name} —${edge.type}→ ${ends[1].name}`);
}

// onKey is the review's keyboard, active in the Sources view outside inputs.
export function onKey(ev) {
  if (view.tab !== 'sources' || ev.ctrlKey || ev.metaKey || ev.altKey) return;
  if (ev.target.matches('input, textarea, select, [contenteditable]')) return;
  const c = activeCandidate();
  const act = {
    j: () => move(cursor.index + 1, true), ArrowDown: () => move(cursor.index + 1, true),
    k: () => move(cursor.index - 1, true), ArrowUp: () => move(cursor.index - 1, true),
    a: () => c && accept(c), r: () => c && reject(c), e: () => c && edit(c),
  }[ev.key];
  if (!act) return;
  ev.preventDefault();
  act();
}
