// brokers.js: the Brokers panel: the entities between two selected nodes
// (GET /api/v1/paths/brokers), each with its share of the paths, its sources
// and its paths hop by hop with their evidence. Opening a broker emits
// brokers:focus (its paths alone highlighted); hovering a hop, hover:edge;
// the clear button, brokers:clear.
import { view, bus, nameOf } from './store.js';
import { $ } from './ui.js';
import { pathKey, percent } from './analytics.js';
import { el, fill, kindBadge } from './dom.js';
import { hopList } from './evidence.js';

// brokerPath is one of a broker's paths: its hops with their evidence when
// the ranked answer had it, else its relationship ids.
function brokerPath(edges, i) {
  const p = view.brokerPaths?.get(pathKey(edges));
  const head = el('div', { class: 'path-head' }, el('strong', {}, `Path ${i + 1}`), ` · ${edges.length} hop${edges.length === 1 ? '' : 's'}`);
  if (!p) return el('li', { class: 'bpath' }, head, el('ol', { class: 'hops' }, edges.map((e) => el('li', {}, el('code', {}, e)))));
  return el('li', { class: 'bpath', 'data-path': pathKey(edges) }, head, hopList(p));
}

export function renderBrokers() {
  const box = $('#brokers');
  const a = view.brokerAnswer;
  if (!a) {
    box.hidden = true;
    box.replaceChildren();
    return;
  }
  box.hidden = false;
  const q = a.query || {};
  const brokers = a.brokers || [];
  const key = el('p', { class: 'hint broker-key' },
    el('span', { class: 'ring', 'aria-hidden': 'true' }), ' broker ',
    el('span', { class: 'bline', 'aria-hidden': 'true' }), ' its paths');
  fill(box,
    el('h2', {}, 'Brokers ', el('button', { type: 'button', class: 'link small', onclick: () => bus.emit('brokers:clear') }, 'clear')),
    el('p', { class: 'query' }, `${q.fromName || nameOf(a.from)} ⇄ ${q.toName || nameOf(a.to)}`),
    el('p', { class: 'hint' }, `${brokers.length} broker${brokers.length === 1 ? '' : 's'} on ${a.paths} ranked path${a.paths === 1 ? '' : 's'}`,
      a.truncated ? ' (the best ranked; more paths exist)' : '', '. Open one to see its paths alone.'),
    a.reason ? el('div', { class: 'reason', role: 'note' }, el('strong', {}, 'No path. '), a.reason) : null,
    a.notes?.length ? el('div', { class: 'notes', role: 'note' }, a.notes.map((n) => el('p', { class: 'note' }, n))) : null,
    !a.reason && !brokers.length ? el('p', { class: 'note' }, 'No entity lies between them: every path found is a direct relationship.') : null,
    brokers.length ? key : null,
    el('ol', { class: 'brokers' }, brokers.map((b) => {
      const d = el('details', { class: 'broker', 'data-id': b.id, open: view.brokerFocus === b.id },
        el('summary', {},
          el('b', {}, b.name || nameOf(b.id)), ' ', kindBadge(b.kind),
          el('span', { class: 'share' }, ` on ${percent(b.share)} of the paths`),
          el('span', { class: 'hint' }, ` · ${b.sources} source${b.sources === 1 ? '' : 's'} · ${b.paths.length} path${b.paths.length === 1 ? '' : 's'}`)),
        el('ol', { class: 'bpaths' }, b.paths.map(brokerPath)));
      d.addEventListener('toggle', () => {
        if (d.open && view.brokerFocus !== b.id) bus.emit('brokers:focus', b.id);
        else if (!d.open && view.brokerFocus === b.id) bus.emit('brokers:focus', null);
      });
      return el('li', {}, d);
    })));
}

// syncBrokerFocus opens the focused broker's entry and closes the others.
export function syncBrokerFocus() {
  document.querySelectorAll('#brokers details.broker').forEach((d) => {
    d.open = d.dataset.id === view.brokerFocus;
  });
}
