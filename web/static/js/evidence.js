// evidence.js: an edge's or a hop's evidence as the panels show it (its level,
// stance, confidence, date, words and sources), shared by the views that list
// evidence (panels, brokers). Builds elements; imports no view.
import { view, bus, nameOf } from './store.js';
import { evidenceLevel, quoteSpan, sourceHash, safeURL } from './format.js';
import { el } from './dom.js';

// sourceView shows a source by its title, with a link to its url, publisher,
// date and reliability. A source no answer described stays shown by its id.
export function sourceView(id) {
  const s = view.sources.get(id);
  if (!s) return el('span', { class: 'src' }, el('code', {}, id));
  const p = s.properties || {};
  const name = s.name || p.title || id;
  const href = p.url && safeURL(p.url, location.href);
  return el('span', { class: 'src', 'data-source': id, title: id },
    href ? el('a', { href, target: '_blank', rel: 'noopener noreferrer' }, name) : el('span', { class: 'src-title' }, name),
    p.publisher ? el('span', { class: 'pub' }, ` — ${p.publisher}`) : null,
    p.date ? el('span', { class: 'pub' }, `, ${p.date}`) : null,
    p.title && p.title !== name ? el('span', { class: 'src-sub' }, p.title) : null,
    p.reliability ? el('span', { class: 'reliability' }, `reliability: ${p.reliability}`) : null);
}

// evidenceBlock shows an edge's evidence with its level: a verified quote
// (checked against the source's stored text; a link opens that text at the
// span), a reported quote (not checked here) or the curator's summary.
export function evidenceBlock(ev) {
  const sources = ev.sources || [];
  const quoteFrom = ev.quoteSource || sources[0];
  const lv = evidenceLevel(ev);
  const span = quoteSpan(ev);
  let words;
  if (lv.isQuote) words = el('blockquote', { class: `quote ev-${lv.level}` }, lv.words);
  else if (lv.words) words = el('p', { class: 'summary' }, lv.words);
  else words = el('p', { class: 'hint' }, 'No quote.');
  return el('div', { class: 'ev', 'data-evidence': lv.level },
    el('div', { class: 'meta' },
      el('span', { class: `level level-${lv.level}`, title: lv.title }, lv.label),
      ev.stance ? el('span', { class: `stance stance-${ev.stance}` }, ev.stance) : null,
      ev.confidence !== undefined ? el('span', { class: 'conf' }, `confidence ${ev.confidence}`) : null,
      ev.inferred ? el('span', { class: 'inferred', title: ev.reason || '' }, 'inferred') : null,
      ev.reportedOn ? el('span', { class: 'date' }, `reported ${ev.reportedOn}`) : null),
    words,
    span ? el('p', { class: 'open-span' }, el('a', { href: sourceHash(span.source, span), class: 'open-source',
      'data-source': span.source, 'data-start': span.start, 'data-end': span.end }, 'Open in the source text ↗')) : null,
    ev.inferred && ev.reason ? el('p', { class: 'inferred-reason' }, 'Inferred: ' + ev.reason) : null,
    quoteFrom ? el('p', { class: 'source' }, el('span', { class: 'src-label' }, 'Source '), sourceView(quoteFrom)) : null,
    sources.filter((s) => s !== quoteFrom).map((s) => el('p', { class: 'source also' }, el('span', { class: 'src-label' }, 'Also '), sourceView(s))));
}


// hopList is a path's hops in order, each its line (from, type, to) and its
// evidence; hovering a hop emits hover:edge.
export function hopList(path) {
  return el('ol', { class: 'hops' }, (path.hops || []).map((h) => {
    const fwd = h.direction !== 'backward';
    const li = el('li', { class: 'hop', 'data-edge': h.edge },
      el('div', { class: 'hop-line' },
        el('b', {}, nameOf(h.from)), ' ',
        el('span', { class: 'rel' }, fwd ? `—${h.type}→` : `←${h.type}—`), ' ',
        el('b', {}, nameOf(h.to))),
      evidenceBlock(h));
    li.addEventListener('mouseenter', () => bus.emit('hover:edge', { id: h.edge, on: true }));
    li.addEventListener('mouseleave', () => bus.emit('hover:edge', { id: h.edge, on: false }));
    return li;
  }));
}
