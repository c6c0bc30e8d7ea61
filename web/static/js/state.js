// state.js: what the page shows (the view), whether it is busy, its status
// line and error banner, and the URL that describes it.
import { encodeState } from './urlstate.js';

export const $ = (sel) => document.querySelector(sel);

// One colour and one shape per kind, used by the graph, the legend and the filters.
export const KINDS = {
  Group:       { color: '#c62828', shape: 'hexagon' },
  Attacker:    { color: '#ef6c00', shape: 'triangle' },
  Nationality: { color: '#7b1fa2', shape: 'pentagon' },
  State:       { color: '#1565c0', shape: 'round-rectangle' },
  Event:       { color: '#d4a000', shape: 'star' },
  Person:      { color: '#00897b', shape: 'ellipse' },
  Location:    { color: '#2e7d32', shape: 'diamond' },
  Source:      { color: '#616161', shape: 'cut-rectangle' },
};
const OTHER_KIND = { color: '#90a4ae', shape: 'ellipse' };
export const kindStyle = (k) => KINDS[k] || OTHER_KIND;

export const view = {
  nodes: new Map(),    // id -> node as the API sent it
  edges: new Map(),    // id -> edge
  sources: new Map(),  // id -> Source entity (from answers' `sources` and Source nodes), for the evidence panel
  total: new Map(),    // id -> neighbour count estimated from the API's `hidden`
  expanded: [],        // ids expanded, in order (restored from the URL)
  selected: null,      // selected node id
  path: null,          // path query {from, to, rel[], stance[], evidence, minConfidence, knownOn, mode, maxDepth}
  answer: null,        // last path answer
  all: false,          // whole graph loaded
  kindsOff: new Set(),
  relsOff: new Set(),
  asOf: null,          // YYYY-MM-DD: hide edges reported after it
  schema: null,
  tab: 'graph',        // 'graph' or 'sources'
  src: null,           // source open in the Sources view
  span: null,          // {start, end} highlighted in it (code points)
};

export const nameOf = (id) => view.nodes.get(id)?.name || view.sources.get(id)?.name || id;

// ---------- busy / status / errors ----------

export const busy = { pending: 0, failed: false, layoutRunning: false, restoring: false };

export function refreshState() {
  const s = busy.pending > 0 || busy.layoutRunning ? 'loading' : busy.failed ? 'error' : 'ready';
  document.documentElement.dataset.state = s;
}

// summary is the status line's count of what is drawn (set by the graph view).
let summaryFn = () => '';
export const setSummary = (fn) => { summaryFn = fn; };
export const summary = () => summaryFn();

// task runs fn with the page marked loading and shows a failure in the error
// banner, prefixed with what was being done.
export async function task(label, fn) {
  busy.pending++;
  busy.failed = false;
  hideError();
  setStatus(label + '…', true);
  refreshState();
  try {
    return await fn();
  } catch (err) {
    if (err.name === 'AbortError') return undefined;
    busy.failed = true;
    showError(err.message || String(err));
    setStatus('');
    console.warn(label + ':', err); // a warning, not an error: the banner already says it
    return undefined;
  } finally {
    busy.pending--;
    if (busy.pending === 0 && $('#status').dataset.busy === 'true') setStatus(summary());
    refreshState();
  }
}

export function setStatus(text, isBusy = false) {
  const el = $('#status');
  el.textContent = text;
  el.dataset.busy = String(isBusy);
}

export function showError(msg) {
  $('#error-message').textContent = msg;
  $('#error').hidden = false;
}

export function hideError() {
  $('#error').hidden = true;
  $('#error-message').textContent = '';
}

// ---------- URL ----------

export const nav = { lastHash: '' };

export function saveURL() {
  const h = encodeState(view.tab === 'sources' ? { src: view.src, span: view.span } : { ...view, src: null, span: null });
  nav.lastHash = h;
  const url = location.pathname + location.search + (h ? '#' + h : '');
  if (url !== location.pathname + location.search + location.hash) history.replaceState(null, '', url);
}
