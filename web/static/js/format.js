// format.js: pure functions of the explorer (no DOM, no network), unit-tested
// with node --test (web/test). Evidence levels, labels, code-point spans and
// the highlighting of spans in a text, path query parameters, date lists,
// what an export asks the API for, CSV.
import { shownKinds } from './palette.js';

// Label text: names are cut to LABEL_MAX characters (at a word) so that a
// label wraps to two lines at most; the full name shows on hover, on
// selection and in the details panel.
export const LABEL_MAX = 34;

export function shortName(name) {
  const s = String(name ?? '');
  if (s.length <= LABEL_MAX) return s;
  const cut = s.lastIndexOf(' ', LABEL_MAX - 1);
  return s.slice(0, cut > LABEL_MAX / 2 ? cut : LABEL_MAX - 1).replace(/[\s,;:–-]+$/, '') + '…';
}

export const STANCES = ['claimed', 'attributed', 'alleged', 'denied', 'reported'];

// EVIDENCE_FILTERS are the path finder's minimum evidence levels: '' keeps
// every hop, 'reported-quote' keeps quotes and reported quotes, 'quote' keeps
// verified quotes only.
export const EVIDENCE_FILTERS = ['', 'reported-quote', 'quote'];

// evidenceLevel says how an edge's evidence is to be shown: its level, the
// label an analyst reads, whether it was checked against the stored text, and
// the words to show (a quote or the curator's summary).
export function evidenceLevel(ev) {
  const e = ev || {};
  switch (e.evidence) {
    case 'quote':
      return { level: 'quote', label: 'verified quote ✓', verified: true, words: e.quote || '', isQuote: true,
        title: 'a verbatim span of the stored text of the source, checked on import' };
    case 'reported-quote':
      return { level: 'reported-quote', label: 'reported quote (not checked)', verified: false, words: e.quote || '', isQuote: true,
        title: 'words the curator says the source printed; its text is not stored here, so they cannot be checked' };
    case 'summary':
      return { level: 'summary', label: 'curator summary', verified: false, words: e.summary || '', isQuote: false,
        title: "the curator's own words, not a quote" };
    default:
      if (e.quote) {
        return { level: 'unknown', label: 'quote (level not stated)', verified: false, words: e.quote, isQuote: true,
          title: 'the answer does not say whether this quote was checked' };
      }
      return { level: 'none', label: 'no evidence text', verified: false, words: e.summary || '', isQuote: false, title: '' };
  }
}

// quoteSpan is where a verified quote sits in its source's stored text
// ({source, start, end} in code points), or null when it cannot be opened.
export function quoteSpan(ev) {
  if (!ev || ev.evidence !== 'quote' || !ev.quoteSource) return null;
  const { quoteStart: start, quoteEnd: end } = ev;
  if (!Number.isInteger(start) || !Number.isInteger(end) || start < 0 || end <= start) return null;
  return { source: ev.quoteSource, start, end };
}

// sourceHash is the URL fragment that opens a source in the Sources view, with
// a span highlighted when given.
export function sourceHash(id, span) {
  const p = new URLSearchParams({ src: id });
  if (span) p.set('span', `${span.start}-${span.end}`);
  return '#' + p.toString().replaceAll('%3A', ':');
}

// codePointIndex maps offsets in Unicode code points (as the API counts them)
// to offsets in UTF-16 code units (as JavaScript strings count them).
export function codePointIndex(text) {
  const units = [0];
  let i = 0;
  for (const ch of text) {
    i += ch.length;
    units.push(i);
  }
  return (cp) => units[Math.max(0, Math.min(cp, units.length - 1))];
}

// sliceCodePoints is text[start:end] in code points.
export function sliceCodePoints(text, start, end) {
  const at = codePointIndex(text);
  return text.slice(at(start), at(end));
}

// segments cuts text at the bounds of spans ({start, end} in code points, may
// overlap or nest; spans out of the text are clipped, empty ones dropped) and
// returns the pieces in order: {text, start, end, spans} where spans lists, by
// input order, the spans covering the piece, each as {span, first, last}
// (whether the piece opens or closes it). Joined, the pieces are the text.
export function segments(text, spans) {
  const at = codePointIndex(text);
  const n = [...text].length;
  const ok = (spans || [])
    .map((s) => ({ s, start: Math.max(0, Math.min(n, s.start)), end: Math.max(0, Math.min(n, s.end)) }))
    .filter((x) => Number.isFinite(x.start) && Number.isFinite(x.end) && x.end > x.start);
  const cuts = new Set([0, n]);
  for (const x of ok) {
    cuts.add(x.start);
    cuts.add(x.end);
  }
  const bounds = [...cuts].sort((a, b) => a - b);
  const out = [];
  for (let i = 0; i + 1 < bounds.length; i++) {
    const [a, b] = [bounds[i], bounds[i + 1]];
    out.push({
      text: text.slice(at(a), at(b)),
      start: a,
      end: b,
      spans: ok.filter((x) => x.start <= a && x.end >= b).map((x) => ({ span: x.s, first: x.start === a, last: x.end === b })),
    });
  }
  return out;
}

// mentionClass says how a mention links: 'linked' (one entity), 'ambiguous'
// (several entities share the words) or 'new' (a proposed new entity).
export function mentionClass(m) {
  if (m.entity) return 'linked';
  if (m.options && m.options.length) return 'ambiguous';
  if (m.newEntity) return 'new';
  return 'unlinked';
}

// mentionLabel is the words a mention's marker says (for the title and
// screen readers), given a function from id to name.
export function mentionLabel(m, nameOf = (id) => id) {
  switch (mentionClass(m)) {
    case 'linked': return `linked to ${nameOf(m.entity)} (${m.entity})`;
    case 'ambiguous': return `ambiguous: ${m.options.map((o) => `${nameOf(o)} (${o})`).join(' or ')}`;
    case 'new': return `new entity proposed: ${m.newEntity}`;
    default: return 'not linked';
  }
}

// pathParams turns the path finder's query into API parameters. stance is
// repeated and sent only when some stance is unticked; evidence only when a
// minimum level is chosen.
export function pathParams(q) {
  const p = { from: q.from, to: q.to, rel: q.rel, stance: q.stance?.length ? q.stance : undefined,
    evidence: q.evidence || undefined, minConfidence: q.minConfidence, knownOn: q.knownOn, maxDepth: q.maxDepth };
  if (q.mode === 'ranked') p.limit = 5;
  else p.all = 'true';
  return p;
}

// queryString encodes API parameters: empty values are left out, arrays repeated.
export function queryString(params) {
  const qs = new URLSearchParams();
  for (const [k, v] of Object.entries(params || {})) {
    if (v === undefined || v === null || v === '') continue;
    for (const one of Array.isArray(v) ? v : [v]) qs.append(k, String(one));
  }
  return qs.toString();
}

// stanceSummary is what the stance legend says: 'all', 'none' or the list.
export function stanceSummary(on) {
  return on.length === STANCES.length ? 'all' : on.length ? on.join(', ') : 'none';
}

// datedList is the distinct reportedOn dates of edges, sorted.
export function datedList(edges) {
  return [...new Set([...edges].map((e) => e.reportedOn).filter(Boolean))].sort();
}

// safeURL is u as an absolute http(s) URL, or null (javascript: and the like).
export function safeURL(u, base) {
  try {
    const url = new URL(u, base);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}

// groupCandidates groups candidates by type, from and to (the edge they
// propose), as GET /api/v1/candidates?group=pair does: groups by count (most
// first), then by names; each keeps its candidates' order and their indices
// (at) in cands, and the stored edge its candidates corroborate.
export function groupCandidates(cands) {
  const by = new Map();
  (cands || []).forEach((c, i) => {
    const key = `${c.type} ${c.from} ${c.to}`;
    let g = by.get(key);
    if (!g) {
      g = { key, type: c.type, from: c.from, to: c.to, fromName: c.fromName || c.from, toName: c.toName || c.to,
        corroborates: null, candidates: [], at: [] };
      by.set(key, g);
    }
    if (!g.corroborates && c.corroborates) g.corroborates = c.corroborates;
    g.candidates.push(c);
    g.at.push(i);
  });
  const cmp = (a, b) => (a < b ? -1 : a > b ? 1 : 0);
  return [...by.values()].sort((a, b) => b.candidates.length - a.candidates.length ||
    cmp(a.fromName, b.fromName) || cmp(a.toName, b.toName) || cmp(a.type, b.type));
}

// API_FORMATS are the formats the graph routes write (format=), offered as
// exports beside PNG, JSON and CSV.
export const API_FORMATS = ['graphml', 'gexf', 'stix'];

// exportRequest is the API request whose answer is the view, with the view's
// filters, for an export in one of API_FORMATS: the path query when the view
// is a path answer, the neighbourhood when it is one expansion, the whole
// graph otherwise (the API answers one query at a time; a view built from
// several is exported as the graph its filters select, and covers says so).
// Answers {path, params, covers}; path and params as api() takes them.
export function exportRequest(v) {
  const params = {};
  const kinds = shownKinds(v.kindsOff);
  if (kinds) params.kind = kinds;
  const rels = (v.schema?.relationships || []).filter((r) => r.count !== 0).map((r) => r.type);
  if (v.relsOff?.size && rels.length) params.rel = rels.filter((r) => !v.relsOff.has(r));
  const others = (v.expanded?.length || 0) + (v.added?.length || 0) + (v.brokers ? 1 : 0);
  if (v.path && !v.all && others === 0) {
    const p = pathParams(v.path);
    return { path: v.path.mode === 'ranked' ? '/paths' : '/paths/shortest', params: p,
      covers: `the path answer (${v.path.from} → ${v.path.to})` };
  }
  if (!v.path && !v.all && v.expanded?.length === 1 && others === 1) {
    const id = v.expanded[0];
    return { path: '/entities/' + encodeURIComponent(id) + '/neighbors', params: { depth: 1, limit: 200, ...params },
      covers: `the neighbours of ${id}` };
  }
  const combined = !v.all && (others > 0 || v.path);
  return { path: '/graph', params: { limit: 300, ...params },
    covers: combined ? 'the whole graph under the view’s filters (the view combines several answers; the API exports one)'
      : 'the whole graph under the view’s filters' };
}

// CSV columns, as the importer reads them (dataset/csv.go): lists joined by
// '|', properties as JSON, so an export can be imported again.
export const NODE_COLUMNS = ['id', 'kind', 'name', 'aliases', 'properties'];
export const EDGE_COLUMNS = ['id', 'type', 'source', 'target', 'sources', 'quote', 'quoteSource', 'confidence',
  'stance', 'validFrom', 'validTo', 'reportedOn', 'inferred', 'reason', 'properties',
  'evidence', 'quoteStart', 'quoteEnd', 'quoteSha256', 'summary'];

// csvField writes one value: lists joined by '|', objects as JSON, quoted
// when it holds a comma, a quote, a line break or leading/trailing space.
export function csvField(x) {
  let s;
  if (x === undefined || x === null) s = '';
  else if (Array.isArray(x)) s = x.join('|');
  else if (typeof x === 'object') s = Object.keys(x).length ? JSON.stringify(x) : '';
  else s = String(x);
  return /[",\r\n]|^\s|\s$/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

// toCSV writes rows (objects) under columns, CRLF-terminated as RFC 4180 says.
export function toCSV(columns, rows) {
  return [columns.join(','), ...rows.map((r) => columns.map((c) => csvField(r[c])).join(','))].map((l) => l + '\r\n').join('');
}
