// urlstate.js: the view as a URL fragment and back (pure; unit-tested). A
// shared link rebuilds the path query, the whole graph, the expansions in
// order, the selection, the filters and the date; or, with src=, a source's
// text in the Sources view with a span highlighted.
//
// The keys, in the order written: from, to, rel, stance, evidence,
// minConfidence, knownOn, mode, maxDepth (the path query); all=1 (the whole
// graph); x= (expansions, in order); n= (entities drawn on their own); rm=
// (entities removed from the view, taken out after the expansions); sel=
// (the selected node); sel2= (a second node selected with it, Shift+click);
// hideKinds=, hideRels= (filters); asOf= (the date slider); time=A..B (the
// range brushed on the timeline, which opens with it); size= (the
// centrality sizing the nodes: one of analytics.js' METRICS); color=community
// (nodes coloured by their Louvain community); brokers=A,B (the brokers
// between A and B, highlighted and listed); layout= (the layout chosen, one
// of LAYOUTS past the default); src=, span= (the Sources view).
import { STANCES, EVIDENCE_FILTERS } from './format.js';
import { METRICS } from './analytics.js';
import { parseRange } from './timebins.js';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

// LAYOUTS are the canvas's layouts, the default (force-directed) first.
export const LAYOUTS = ['force', 'concentric', 'breadthfirst', 'grid', 'circle'];

// encodeState writes s ({path, all, expanded, added, removed, selected, second,
// kindsOff, relsOff, asOf, timeRange, sizeBy, colorBy, brokers, src, span}) as a
// fragment without the '#'. added (n=) are entities drawn on their own, such
// as the ends of an edge accepted in review.
export function encodeState(s) {
  const p = new URLSearchParams();
  if (s.path) {
    const q = s.path;
    p.set('from', q.from);
    p.set('to', q.to);
    if (q.rel?.length) p.set('rel', q.rel.join(','));
    if (q.stance?.length) p.set('stance', q.stance.join(','));
    if (q.evidence) p.set('evidence', q.evidence);
    if (q.minConfidence) p.set('minConfidence', q.minConfidence);
    if (q.knownOn) p.set('knownOn', q.knownOn);
    if (q.mode === 'ranked') p.set('mode', 'ranked');
    if (q.maxDepth) p.set('maxDepth', q.maxDepth);
  }
  if (s.all) p.set('all', '1');
  if (s.expanded?.length) p.set('x', s.expanded.join(','));
  if (s.added?.length) p.set('n', s.added.join(','));
  if (s.removed?.length) p.set('rm', s.removed.join(','));
  if (s.selected) p.set('sel', s.selected);
  if (s.selected && s.second) p.set('sel2', s.second);
  if (s.kindsOff?.size) p.set('hideKinds', [...s.kindsOff].join(','));
  if (s.relsOff?.size) p.set('hideRels', [...s.relsOff].join(','));
  if (s.asOf) p.set('asOf', s.asOf);
  if (s.timeRange) p.set('time', `${s.timeRange.from}..${s.timeRange.to}`);
  if (s.sizeBy) p.set('size', s.sizeBy);
  if (s.colorBy) p.set('color', s.colorBy);
  if (s.brokers) p.set('brokers', `${s.brokers.from},${s.brokers.to}`);
  if (s.layout && s.layout !== LAYOUTS[0] && LAYOUTS.includes(s.layout)) p.set('layout', s.layout);
  if (s.src) {
    p.set('src', s.src);
    if (s.span) p.set('span', `${s.span.start}-${s.span.end}`);
  }
  // Ids read better unescaped; ':' and ',' are safe in a fragment.
  return p.toString().replaceAll('%3A', ':').replaceAll('%2C', ',');
}

// decodeState reads a fragment (with or without '#'); what does not parse is
// left out rather than guessed.
export function decodeState(hash) {
  const p = new URLSearchParams(String(hash || '').replace(/^#/, ''));
  const list = (k) => (p.get(k) || '').split(',').filter(Boolean);
  const s = {
    path: null,
    all: p.get('all') === '1',
    expanded: list('x'),
    added: list('n'),
    removed: list('rm'),
    selected: p.get('sel') || null,
    kindsOff: new Set(list('hideKinds')),
    relsOff: new Set(list('hideRels')),
    asOf: DATE.test(p.get('asOf') || '') ? p.get('asOf') : null,
    timeRange: parseRange(p.get('time')),
    second: (p.get('sel') && p.get('sel2')) || null,
    sizeBy: METRICS.includes(p.get('size')) ? p.get('size') : '',
    colorBy: p.get('color') === 'community' ? 'community' : '',
    brokers: null,
    layout: LAYOUTS.includes(p.get('layout')) ? p.get('layout') : LAYOUTS[0],
    src: p.get('src') || null,
    span: null,
  };
  if (p.get('from') && p.get('to')) {
    const ev = p.get('evidence') || '';
    s.path = { from: p.get('from'), to: p.get('to'), rel: list('rel'),
      stance: list('stance').filter((x) => STANCES.includes(x)),
      evidence: EVIDENCE_FILTERS.includes(ev) ? ev : '',
      minConfidence: p.get('minConfidence') || '', knownOn: p.get('knownOn') || '',
      mode: p.get('mode') === 'ranked' ? 'ranked' : 'shortest', maxDepth: p.get('maxDepth') || '' };
  }
  const ends = list('brokers');
  if (ends.length === 2 && ends[0] !== ends[1]) s.brokers = { from: ends[0], to: ends[1] };
  const m = /^(\d+)-(\d+)$/.exec(p.get('span') || '');
  if (s.src && m && Number(m[2]) > Number(m[1])) s.span = { start: Number(m[1]), end: Number(m[2]) };
  return s;
}
