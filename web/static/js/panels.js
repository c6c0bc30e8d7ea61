// panels.js: the side panels: a path answer's evidence hop by hop, the
// details of a node or edge, the legend and the filter lists. A panel asks
// for what it cannot do itself by an event: expand, path:end, node:remove,
// path:clear, filters:changed, hover:edge, selected.
import { view, bus, nameOf } from './store.js';
import { $, saveURL } from './ui.js';
import { KINDS } from './palette.js';
import { hiddenOf } from './merge.js';
import { api, apiPost, apiKey, setAPIKey, entityPath } from './api.js';
import { safeURL } from './format.js';
import { el, fill, shapeIcon, edgeIcon, kindBadge } from './dom.js';
import { evidenceBlock, hopList } from './evidence.js';
import { describeChange, brief } from './history.js';

// FILTER_NAMES are the path filters an answer's `query` echoes, in the order
// the panel lists them.
const FILTER_NAMES = ['rel', 'kind', 'direction', 'stance', 'evidence', 'minConfidence', 'at', 'knownOn', 'source'];

export function renderEvidence() {
  const box = $('#evidence');
  box.replaceChildren();
  const a = view.answer;
  if (!a) {
    box.dataset.state = 'empty';
    return;
  }
  const q = view.path;
  box.append(el('h2', {}, 'Evidence ',
    el('button', { type: 'button', class: 'link small', onclick: () => bus.emit('path:clear') }, 'clear path')));
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
    const hops = hopList(p);
    box.append(el('section', { class: 'path' }, head, s.explanation ? el('p', { class: 'explain' }, s.explanation) : null, hops));
  });
}

let detailsReq = null;

export function select(id) {
  view.selected = id;
  view.second = null;
  bus.emit('selected', id);
  const box = $('#details');
  if (!id) {
    box.replaceChildren(el('h2', {}, 'Details'), el('p', { class: 'hint' }, 'Select a node or edge to see it here.'));
    saveURL();
    return;
  }
  const n = view.nodes.get(id) || { id, name: id };
  const props = Object.entries(n.properties || {}).filter(([k]) => k !== 'text');
  const hidden = hiddenOf(view, id);
  const degree = el('div', { class: 'degree' }, el('span', { class: 'hint' }, 'Loading relationships…'));
  fill(box,
    el('h2', {}, n.name),
    el('p', { class: 'idline' }, kindBadge(n.kind), ' ', el('code', {}, n.id)),
    el('div', { class: 'buttons' },
      el('button', { type: 'button', onclick: () => bus.emit('expand', id) }, hidden ? `Expand (+${hidden})` : 'Expand'),
      el('button', { type: 'button', onclick: () => bus.emit('path:end', { which: 'from', node: n }) }, 'Path from'),
      el('button', { type: 'button', onclick: () => bus.emit('path:end', { which: 'to', node: n }) }, 'Path to'),
      el('button', { type: 'button', onclick: () => bus.emit('node:remove', id) }, 'Remove'),
      pinButton([id])),
    n.aliases?.length ? el('p', { class: 'aka' }, el('span', { class: 'hint' }, 'Also known as: '), n.aliases.join(', ')) : null,
    propsTable(props.slice(0, 6)),
    props.length > 6 ? el('details', { class: 'more-props' }, el('summary', {}, `${props.length - 6} more properties`), propsTable(props.slice(6))) : null,
    degree,
    historyBlock(entityPath(id) + '/history'),
    el('p', { class: 'hint' }, 'Shift+click a second node to find the brokers between the two.'));
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

// selectPair selects two nodes (the second by Shift+click): the details
// panel names both and offers what needs two ends.
export function selectPair(a, b) {
  view.selected = a;
  view.second = b;
  bus.emit('selected', a);
  const end = (id) => {
    const n = view.nodes.get(id) || { id, name: id };
    return el('li', {}, kindBadge(n.kind), ' ', el('b', {}, n.name));
  };
  fill($('#details'),
    el('h2', {}, 'Two nodes selected'),
    el('ol', { class: 'pair' }, end(a), end(b)),
    el('div', { class: 'buttons' },
      el('button', { type: 'button', id: 'brokers-run', class: 'primary', onclick: () => bus.emit('brokers:run', { from: a, to: b }) },
        'Brokers between'),
      el('button', { type: 'button', onclick: () => {
        bus.emit('path:end', { which: 'from', node: view.nodes.get(a) || { id: a, name: a } });
        bus.emit('path:end', { which: 'to', node: view.nodes.get(b) || { id: b, name: b } });
      } }, 'Path between'),
      pinButton([a, b])),
    el('p', { class: 'hint' }, 'Brokers: the entities that lie on the most of the ranked paths between the two, with the paths and their evidence.'));
  saveURL();
}

// pinButton pins the nodes ids where they are (no layout moves them), or
// unpins them when all are pinned; P does the same from the keyboard.
function pinButton(ids) {
  const on = !ids.every((i) => view.pinned.has(i));
  return el('button', { type: 'button', class: 'pin', 'aria-pressed': String(!on), title: on ? 'Keep in place in every layout (P)' : 'Let the layouts move it again (P)',
    onclick: () => bus.emit('node:pin', { ids, on }) }, on ? (ids.length > 1 ? 'Pin both' : 'Pin') : (ids.length > 1 ? 'Unpin both' : 'Unpin'));
}

function propValue(v) {
  if (Array.isArray(v)) return v.map((x, i) => [i ? ', ' : '', propValue(x)]);
  const href = typeof v === 'string' && /^https?:\/\//.test(v) ? safeURL(v, location.href) : null;
  return href ? el('a', { href, target: '_blank', rel: 'noopener noreferrer' }, v) : String(v);
}

function propsTable(props) {
  if (!props.length) return null;
  return el('table', { class: 'props' }, props.map(([k, v]) => el('tr', {}, el('th', {}, k), el('td', {}, propValue(v)))));
}

// historyBlock is the recorded changes of an entity or edge (path: its
// history route), asked for when opened: who, when, what was done, from
// which candidate or source, and the fields changed (a failure inline).
function historyBlock(path, open = false) {
  const list = el('div', { class: 'history-list' }, el('p', { class: 'hint' }, 'Loading the history…'));
  const box = el('details', { class: 'history' }, el('summary', {}, 'History'), list);
  if (open) queueMicrotask(() => { box.open = true; });
  box.addEventListener('toggle', () => {
    if (!box.open || box.dataset.loaded) return;
    box.dataset.loaded = 'true';
    api(path).then((h) => {
      const changes = h.changes || [];
      box.dataset.count = String(changes.length);
      fill(list, changes.length ? el('ol', { class: 'changes' }, changes.map(changeItem)) : el('p', { class: 'hint' }, 'No change recorded.'));
    }).catch((err) => fill(list, el('p', { class: 'hint' }, `History unavailable: ${err.message}`)));
  });
  return box;
}

function changeItem(c) {
  const d = describeChange(c);
  const fields = d.created
    ? el('p', { class: 'fields' }, el('span', { class: 'hint' }, 'Created with: '), d.fields.map((f) => f.field).join(', '))
    : d.fields.length ? el('table', { class: 'props fields' }, d.fields.map((f) => el('tr', {}, el('th', {}, f.field),
      el('td', {}, el('span', { class: 'before' }, brief(f.before)), ' → ', el('span', { class: 'after' }, brief(f.after))))))
      : el('p', { class: 'hint' }, 'No field changed.');
  return el('li', { class: `change action-${c.action}` },
    el('div', { class: 'change-head' }, el('b', {}, d.what), ' · ', d.when),
    el('div', { class: 'hint who' }, `by ${d.who}`, d.from ? ` · from ${d.from}` : ''),
    d.reason ? el('p', { class: 'reason-given' }, 'Reason: ', d.reason) : null,
    fields);
}

export function showEdge(id) {
  const e = view.edges.get(id);
  if (!e) return;
  view.selected = null;
  const box = fill($('#details'), ...edgeDetails(e, false));
  // With a path open the evidence panel is above: bring the edge into view.
  if (view.answer) box.scrollIntoView({ block: 'start' });
}

// edgeDetails is an edge's details: its claim, evidence and dates, a Retract
// button on a stored edge (an inferred one is no record to retract), or once
// retracted the reason, and its history (opened after a retraction).
function edgeDetails(e, retracted) {
  return [
    el('h2', {}, e.type),
    el('p', { class: 'hop-line' }, el('b', {}, nameOf(e.source)), ' ', el('span', { class: 'rel' }, `—${e.type}→`), ' ', el('b', {}, nameOf(e.target))),
    retracted ? el('p', { class: 'retracted-note', role: 'status' }, el('b', {}, 'Retracted: '), retracted,
      el('span', { class: 'hint' }, ' — kept with the reason, left out of answers from now on.')) : null,
    !retracted && !e.inferred ? retractControl(e) : null,
    evidenceBlock(e),
    e.validFrom || e.validTo ? el('p', { class: 'hint' }, `valid ${e.validFrom || '…'} – ${e.validTo || '…'}`) : null,
    historyBlock('/edges/' + encodeURIComponent(e.id) + '/history', !!retracted)];
}

// retractControl is the Retract button and, once pressed, its form: a reason
// (required) and, when the tab holds none, the API key review uses. The API's
// error is shown in the form, the reason kept; on success the edge leaves the
// view (edge:retracted) and the panel shows the retraction in its history.
function retractControl(e) {
  const msg = el('p', { class: 'retract-error', role: 'alert', hidden: true });
  const reason = el('textarea', { id: 'retract-reason', name: 'reason', rows: '2', placeholder: 'e.g. the source was misread' });
  const key = apiKey() ? null : el('input', { id: 'retract-key', type: 'password', autocomplete: 'off', spellcheck: 'false' });
  const run = el('button', { type: 'submit', class: 'danger', id: 'retract-run' }, 'Retract the edge');
  const form = el('form', { class: 'retract-form', id: 'retract-form', hidden: true, novalidate: true,
    onsubmit: (ev) => { ev.preventDefault(); retract(e, { form, reason, key, msg, run }); } },
  el('label', { for: 'retract-reason' }, 'Why is it retracted? (required, kept with the edge)'), reason,
  key ? [el('label', { for: 'retract-key' }, 'API key (retracting is a write)'), key] : null,
  msg,
  el('div', { class: 'buttons' }, run,
    el('button', { type: 'button', onclick: () => { form.hidden = true; open.hidden = false; } }, 'Cancel')));
  const open = el('button', { type: 'button', id: 'retract-open', title: 'Retract this edge: kept with the reason, left out of answers',
    onclick: () => { form.hidden = false; open.hidden = true; reason.focus(); } }, 'Retract…');
  return el('div', { class: 'retract' }, el('div', { class: 'buttons' }, open), form);
}

async function retract(e, { reason, key, msg, run }) {
  const say = (text) => { msg.textContent = text; msg.hidden = !text; };
  const why = reason.value.trim();
  if (!why) return say('Say why the edge is retracted: the reason is kept with it.');
  if (key && key.value.trim()) setAPIKey(key.value.trim());
  if (!apiKey()) return say('Give the API key: retracting writes to the graph.');
  say('');
  run.disabled = true;
  try {
    const res = await apiPost('/edges/' + encodeURIComponent(e.id) + '/retract', { reason: why });
    const done = { ...e, ...(res.edge || {}), source: e.source, target: e.target };
    bus.emit('edge:retracted', done);
    fill($('#details'), ...edgeDetails(done, why));
  } catch (err) {
    say(`Not retracted: ${err.message}`);
  } finally {
    run.disabled = false;
  }
}

// ---------- legend and filter lists ----------

export function renderLegend() {
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
      el('li', { title: 'a node pinned where it is: no layout moves it (P, or Pin in its details)' },
        el('span', { class: 'legend-pin' }), 'pinned'),
      el('li', { title: 'relationships of this node not shown yet; click the node to expand it' },
        el('span', { class: 'legend-badge' }, '+N'), 'not shown')));
}

export function allRelTypes() {
  return (view.schema?.relationships || []).filter((r) => r.count !== 0).map((r) => r.type);
}

export function renderFilterLists() {
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

export function onFilterChange() {
  view.kindsOff = new Set([...document.querySelectorAll('#kind-filters input:not(:checked)')].map((i) => i.value));
  view.relsOff = new Set([...document.querySelectorAll('#rel-filters input:not(:checked)')].map((i) => i.value));
  bus.emit('filters:changed');
}
