// review.js: the candidates of the open source, grouped by the edge they
// propose (type, from, to) and reviewed from the keyboard: j/k move between
// groups, arrows between sentences; a accept, r reject, e edit one sentence
// (Escape cancels an edit); A accepts, R rejects the whole group. An
// accepted candidate's edge joins the graph at once.
// It redraws on source:shown and emits candidate:moved (the text lights the
// active sentence), edge:accepted (the graph draws the edge) and
// candidates:decided (the review queue counts again).
import { view, review as cursor, bus, nameOf } from './store.js';
import { $, task, setStatus, showError } from './ui.js';
import { apiPost, apiKey } from './api.js';
import { STANCES, groupCandidates } from './format.js';
import { acceptedCandidate, activeCandidate as active, namer } from './candidates.js';
import { el } from './dom.js';

const open = cursor; // the open source's answer is cursor.body
const names = () => namer(cursor.body, nameOf);
const activeCandidate = () => active(cursor);

export function wireReview() {
  bus.on('source:shown', renderCandidates);
}

// groups are the open source's candidates grouped by pair, in display order.
function groups() {
  return groupCandidates(open.body?.candidates || []);
}

// order is the candidates' indices in display order.
function order() {
  return groups().flatMap((g) => g.at);
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
  list.replaceChildren(...groups().map((g) => groupRow(g, nm)));
}

// groupRow is a group's row: the edge, how many sentences propose it, the
// stored edge it adds to; expanded (its sentences shown) while active.
function groupRow(g, nm) {
  const expanded = g.at.includes(cursor.index);
  const pending = g.candidates.filter((c) => c.status === 'pending').length;
  const n = g.candidates.length;
  return el('li', { class: 'group', role: 'group', 'data-key': g.key, 'data-count': n, 'aria-expanded': String(expanded),
    'aria-label': `${g.fromName} ${g.type} ${g.toName}: ${n} sentence${n === 1 ? '' : 's'}` },
  el('div', { class: 'group-head', onclick: () => move(g.at[0], true) },
    el('span', { class: 'group-count', title: 'sentences proposing this edge' }, `${n}×`), ' ',
    el('b', {}, g.fromName || nm(g.from)), ' ', el('span', { class: 'rel' }, `—${g.type}→`), ' ', el('b', {}, g.toName || nm(g.to)),
    ' ', el('span', { class: 'hint' }, `${pending} pending`),
    g.corroborates ? el('p', { class: 'corroborates group-corroborates' }, '✚ Adds to the stored edge ', el('code', {}, g.corroborates)) : null,
    pending ? el('div', { class: 'buttons' },
      el('button', { type: 'button', class: 'accept-group', onclick: (ev) => { ev.stopPropagation(); acceptGroup(g); } }, el('kbd', {}, 'A'), ' Accept all'),
      el('button', { type: 'button', class: 'reject-group', onclick: (ev) => { ev.stopPropagation(); rejectGroup(g); } }, el('kbd', {}, 'R'), ' Reject all')) : null),
  el('ol', { class: 'group-cands', hidden: !expanded }, g.candidates.map((c, k) => candRow(c, g.at[k], nm))));
}

function candRow(c, i, nm) {
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
}

// step moves by d sentences in display order.
function step(d) {
  const o = order();
  const at = o.indexOf(cursor.index);
  move(o[Math.max(0, Math.min(o.length - 1, at + d))], true);
}

// stepGroup moves to the next (d=1) or previous group: its first pending
// sentence, else its first.
function stepGroup(d) {
  const gs = groups();
  const at = gs.findIndex((g) => g.at.includes(cursor.index));
  const g = gs[Math.max(0, Math.min(gs.length - 1, at + d))];
  if (!g) return;
  const k = g.candidates.findIndex((c) => c.status === 'pending');
  move(g.at[Math.max(0, k)], true);
}

function activeGroup() {
  return groups().find((g) => g.at.includes(cursor.index)) || null;
}

// move makes candidate i the active one: its sentence lights up in the text.
function move(i, focus = false) {
  const cands = open.body?.candidates || [];
  if (!cands.length) return;
  const next = Math.max(0, Math.min(cands.length - 1, i));
  if (next !== cursor.index) cursor.editing = null;
  cursor.index = next;
  renderCandidates();
  bus.emit('candidate:moved');
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
  const body = withNewEntities({ ...o }, o.from || c.from, o.to || c.to);
  const res = await task(`Accepting ${c.type}`, () => apiPost(`/candidates/${encodeURIComponent(c.id)}/accept`, body));
  if (!res) return;
  const shown = acceptedCandidate(c, res, o);
  for (const k of Object.keys(c)) if (!(k in shown)) delete c[k];
  Object.assign(c, shown);
  cursor.editing = null;
  renderCandidates();
  addToGraph(res.edge);
  nextPending();
}

// withNewEntities adds to an accept's body the source's proposals for the
// new entities its ends name.
function withNewEntities(body, from, to) {
  const refs = [from, to].filter((r) => String(r).startsWith('new:'));
  if (refs.length) {
    body.newEntities = {};
    for (const r of refs) {
      const n = (open.body.newEntities || []).find((x) => x.ref === r);
      if (n) body.newEntities[r] = { kind: n.kind, name: n.name };
    }
  }
  return body;
}

// decideGroup accepts or rejects the group's pending sentences of this
// source at once (one transaction), and marks them as the API answers.
async function decideGroup(g, verb) {
  const ids = g.candidates.filter((c) => c.status === 'pending').map((c) => c.id);
  if (!ids.length) return null;
  if (!apiKey()) return showError(`Give the API key (left): ${verb}ing writes to the graph.`);
  let body = { type: g.type, from: g.from, to: g.to, ids };
  if (verb === 'accept') body = withNewEntities(body, g.from, g.to);
  else body.reason = $('#reject-reason').value.trim() || 'rejected in the explorer review';
  const res = await task(`${verb === 'accept' ? 'Accepting' : 'Rejecting'} ${ids.length} × ${g.type}`, () => apiPost(`/candidates/groups/${verb}`, body));
  if (!res) return null;
  for (const d of [...(res.candidates || []), ...(res.skipped || [])]) {
    const c = g.candidates.find((x) => x.id === d.id);
    if (c) Object.assign(c, d);
  }
  cursor.editing = null;
  renderCandidates();
  return res;
}

async function acceptGroup(g) {
  const res = await decideGroup(g, 'accept');
  if (!res) return;
  addToGraph(res.edge);
  nextPending();
}

async function rejectGroup(g) {
  const res = await decideGroup(g, 'reject');
  if (!res) return;
  setStatus(`Rejected ${res.candidates.length}: ${g.fromName} —${g.type}→ ${g.toName}`);
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

// focusCandidate moves the cursor to the open source's candidate id (the
// review queue opens a candidate so); false when the source has none by it.
export function focusCandidate(id) {
  const i = (open.body?.candidates || []).findIndex((c) => c.id === id);
  if (i < 0) return false;
  move(i, true);
  return true;
}

function nextPending() {
  // A decision was recorded: the review queue counts it.
  bus.emit('candidates:decided');
  const cands = open.body?.candidates || [];
  const o = order();
  const at = o.indexOf(cursor.index);
  const after = o.find((j, k) => k > at && cands[j].status === 'pending');
  const any = after ?? o.find((j) => cands[j].status === 'pending');
  move(any ?? cursor.index, true);
}

// addToGraph asks for an accepted edge to be drawn with its two ends.
function addToGraph(edge) {
  if (edge?.id) bus.emit('edge:accepted', edge);
}

// onKey is the review's keyboard, active in the Sources view outside inputs.
export function onKey(ev) {
  if (view.tab !== 'sources' || ev.ctrlKey || ev.metaKey || ev.altKey) return;
  if (ev.target.matches('input, textarea, select, [contenteditable]')) return;
  const c = activeCandidate();
  const g = activeGroup();
  const act = {
    j: () => stepGroup(1), ArrowDown: () => step(1),
    k: () => stepGroup(-1), ArrowUp: () => step(-1),
    a: () => c && accept(c), r: () => c && reject(c), e: () => c && edit(c),
    A: () => g && acceptGroup(g), R: () => g && rejectGroup(g),
  }[ev.key];
  if (!act) return;
  ev.preventDefault();
  act();
}
