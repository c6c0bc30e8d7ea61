// ui.js: the page's chrome: element lookup, the busy state (html[data-state]),
// the status line, the error banner, and the URL that describes the view.
import { view, busy, nav, nameOf } from './store.js';
import { encodeState } from './urlstate.js';
import { summaryLine } from './counts.js';
import { createUndo, describeChange } from './undo.js';

export const $ = (sel) => document.querySelector(sel);

export function refreshState() {
  const s = busy.pending > 0 || busy.layoutRunning ? 'loading' : busy.failed ? 'error' : 'ready';
  document.documentElement.dataset.state = s;
}

// summary is the status line's count of what the filters leave drawn,
// computed from the view itself (not from the canvas, whose styles lag).
export const summary = () => summaryLine(view);

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
    console.info(label + ':', err); // not a warning: the banner already says it
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

// undoLog holds the view changes of this page load (undo.js); each history
// entry of the page carries its entry's number and this load's mark, so that
// Back and Forward move through the same entries as undo and redo.
export const undoLog = createUndo();
const session = `${Date.now()}-${Math.random().toString(36).slice(2)}`;
const entryState = (n) => ({ undo: n, session });

// saveURL writes the view into the URL. push makes it a history entry of its
// own (an expansion, a path, a filter), so that Back (and undo) returns to
// the view before it; a selection or a restore only rewrites the current entry.
export function saveURL(push = false) {
  const h = encodeState(view.tab === 'sources' ? { src: view.src, span: view.span } : { ...view, src: null, span: null });
  nav.lastHash = h;
  const url = location.pathname + location.search + (h ? '#' + h : '');
  const same = url === location.pathname + location.search + location.hash;
  if (push && !busy.restoring && !same) history.pushState(entryState(undoLog.record(h)), '', url);
  else history.replaceState(entryState(undoLog.replace(h)), '', url);
  renderUndo();
}

// onHistoryMove follows Back and Forward (popstate): the entry moved to
// becomes the current one. An entry of an earlier page load starts the list
// afresh; one without a mark (a fragment typed in) is a new entry.
export function onHistoryMove(ev) {
  const h = location.hash.replace(/^#/, '');
  const st = ev.state;
  let n;
  if (st && st.session === session && undoLog.moveTo(st.undo)) n = st.undo;
  else n = st && st.session ? undoLog.reset(h) : undoLog.record(h);
  history.replaceState(entryState(n), '', location.href);
  renderUndo();
}

// startUndo makes the page's entry the first of the list (a page load).
export function startUndo() {
  history.replaceState(entryState(undoLog.reset(location.hash.replace(/^#/, ''))), '', location.href);
  renderUndo();
}

// undoView and redoView move one entry back or forward, as Back and
// Forward do (the hashchange restores the view); not while one is being
// restored. They answer whether they moved.
export function undoView() {
  if (busy.restoring || !undoLog.canUndo()) return false;
  history.back();
  return true;
}

export function redoView() {
  if (busy.restoring || !undoLog.canRedo()) return false;
  history.forward();
  return true;
}

// renderUndo enables the header's undo and redo buttons and says in their
// titles what they would undo or redo.
export function renderUndo() {
  const cur = undoLog.current();
  for (const [sel, other, verb, keys] of [['#undo', undoLog.previous(), 'Undo', 'Ctrl+Z'], ['#redo', undoLog.next(), 'Redo', 'Ctrl+Shift+Z']]) {
    const b = $(sel);
    if (!b) continue;
    b.disabled = !other;
    const what = other && cur ? (verb === 'Undo' ? describeChange(other.hash, cur.hash, nameOf) : describeChange(cur.hash, other.hash, nameOf)) : '';
    b.title = other ? `${verb}${what ? ': ' + what : ''} (${keys})` : `Nothing to ${verb.toLowerCase()} (${keys})`;
  }
}
