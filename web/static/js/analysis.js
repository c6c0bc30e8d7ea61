// analysis.js: the Analytics section: the centrality that sizes the nodes,
// the switch that colours them by community, and what each answer rests on
// (the subgraph it was computed over) with the communities' legend. It emits
// analytics:changed when the analyst changes either; the controller asks the
// API and redraws.
import { view, bus, nameOf } from './store.js';
import { $ } from './ui.js';
import { METRICS, METRIC_LABELS, communityLegend } from './analytics.js';
import { el, fill } from './dom.js';

// wireAnalysis fills the metric list and listens to the controls.
export function wireAnalysis() {
  fill($('#size-by'), el('option', { value: '' }, 'nothing (one size)'),
    METRICS.map((m) => el('option', { value: m }, METRIC_LABELS[m])));
  $('#size-by').addEventListener('change', () => {
    view.sizeBy = $('#size-by').value;
    bus.emit('analytics:changed');
  });
  $('#color-community').addEventListener('change', () => {
    view.colorBy = $('#color-community').checked ? 'community' : '';
    bus.emit('analytics:changed');
  });
}

// scoreName is an entity's name as the centrality answer or the view knows it.
function scoreName(id) {
  const r = view.scores?.results?.find((x) => x.id === id);
  return r?.name || nameOf(id);
}

const subgraphLine = (sg) => (sg ? `over ${sg.nodes} entities and ${sg.links ?? sg.edges} links` : '');

// renderAnalysis brings the controls in line with the view (a restored link
// sets them) and says what the answers shown rest on.
export function renderAnalysis() {
  $('#size-by').value = view.sizeBy || '';
  $('#color-community').checked = view.colorBy === 'community';
  const info = [];
  if (view.sizeBy && view.scores) {
    const top = view.scores.results?.[0];
    info.push(el('p', { class: 'hint', id: 'size-info' },
      `Size: ${METRIC_LABELS[view.sizeBy]} ${subgraphLine(view.scores.subgraph)}`,
      view.scores.estimate ? ` (estimated from ${view.scores.estimate.samples} sampled sources)` : '',
      top ? `; highest ${top.name} (${top.score.toPrecision(3)}).` : '.'));
  }
  const legend = [];
  if (view.colorBy === 'community' && view.communities) {
    const c = view.communities;
    info.push(el('p', { class: 'hint', id: 'community-info' },
      `${c.communities.length} communities (Louvain, modularity ${c.modularity.toFixed(2)}) ${subgraphLine(c.subgraph)}; `,
      'the colour is the community, the shape still the kind.'));
    const shown = new Set(view.nodes.keys());
    for (const row of communityLegend(c, shown)) {
      const sw = el('span', { class: 'swatch', 'aria-hidden': 'true' });
      sw.style.setProperty('--sw', row.color); // CSSOM, allowed by the page's CSP
      const who = row.index < 0 ? `${row.communities} smaller communities` : row.central.map(scoreName).join(', ');
      legend.push(el('li', { 'data-community': row.index, title: `${row.size} members, ${row.inView} in the view` },
        sw, el('span', { class: 'who' }, who), el('span', { class: 'count' }, `${row.inView}/${row.size}`)));
    }
  }
  fill($('#analytics-info'), info);
  fill($('#community-legend'), legend);
  $('#community-legend').hidden = legend.length === 0;
}
