// exports.js: the view downloaded as a PNG image, as JSON (nodes and edges
// shown, with positions, the sources and the path answer), as CSV in the
// importer's columns (nodes.csv, edges.csv: what is shown), or in the API's
// formats (GraphML, GEXF, STIX 2.1) by the API request that answers the view
// with its filters (format.js exportRequest).
import { view } from './store.js';
import { $, showError, task, setStatus } from './ui.js';
import { hiddenOf } from './merge.js';
import { nodeShown, edgeShown } from './counts.js';
import { exportRequest, toCSV, NODE_COLUMNS, EDGE_COLUMNS } from './format.js';
import { apiFile } from './api.js';
import { el } from './dom.js';

function download(name, blob) {
  const a = el('a', { href: URL.createObjectURL(blob), download: name });
  document.body.append(a);
  a.click();
  setTimeout(() => {
    URL.revokeObjectURL(a.href);
    a.remove();
  }, 1000);
}

function stamp() {
  return new Date().toISOString().slice(0, 19).replaceAll(':', '').replace('T', '-');
}

export function exportPNG(cy) {
  if (!cy.nodes().length) return showError('Nothing to export: the view is empty.');
  const blob = cy.png({ output: 'blob', full: true, scale: 2, bg: '#ffffff' });
  download(`actorgraph-${stamp()}.png`, blob);
}

export function exportJSON(cy) {
  const shown = (x) => !cy.$id(x.id).hasClass('filtered');
  const out = {
    exported: new Date().toISOString(),
    url: location.href,
    nodes: [...view.nodes.values()].filter(shown).map((n) => ({ ...n, hidden: hiddenOf(view, n.id) ?? undefined, position: cy.$id(n.id).position() })),
    edges: [...view.edges.values()].filter(shown),
    sources: [...view.sources.values()],
    paths: view.answer?.paths || [],
  };
  download(`actorgraph-${stamp()}.json`, new Blob([JSON.stringify(out, null, 2)], { type: 'application/json' }));
}

// exportAPI downloads the view in one of the API's formats (format.js API_FORMATS).
export async function exportAPI(fmt) {
  const req = exportRequest(view);
  const file = await task(`Exporting ${fmt.toUpperCase()}`, () => apiFile(req.path, { ...req.params, format: fmt }));
  if (!file) return;
  const ext = { graphml: 'graphml', gexf: 'gexf', stix: 'stix.json' }[fmt];
  download(file.filename || `actorgraph-${stamp()}.${ext}`, file.blob);
  setStatus(`Exported ${fmt.toUpperCase()}: ${req.covers}`);
}

// exportCSV downloads the nodes or the edges shown as CSV.
export function exportCSV(which) {
  const nodes = [...view.nodes.values()].filter((n) => nodeShown(view, n));
  if (!nodes.length) return showError('Nothing to export: the view is empty.');
  const csv = which === 'nodes' ? toCSV(NODE_COLUMNS, nodes)
    : toCSV(EDGE_COLUMNS, [...view.edges.values()].filter((e) => edgeShown(view, e)));
  download(`actorgraph-${stamp()}-${which}.csv`, new Blob([csv], { type: 'text/csv' }));
}

// describeExport says, in the export menu, what the API's formats will hold.
export function describeExport() {
  $('#export-covers').textContent = view.nodes.size ? `GraphML, GEXF, STIX: ${exportRequest(view).covers}.` : 'The view is empty.';
}
