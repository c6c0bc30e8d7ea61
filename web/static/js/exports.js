// exports.js: the view downloaded as a PNG image or as JSON (nodes and edges
// shown, with positions, the sources and the path answer).
import { view } from './store.js';
import { showError } from './ui.js';
import { hiddenOf } from './merge.js';
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
