// ui.js: the page's chrome: element lookup, the busy state (html[data-state]),
// the status line, the error banner, and the URL that describes the view.
import { view, busy, nav } from './store.js';
import { encodeState } from './urlstate.js';
import { summaryLine } from './counts.js';

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

// saveURL writes the view into the URL. push makes it a history entry of its
// own (an expansion, a path, a filter), so that Back returns to the view
// before it; a selection or a restore only rewrites the current entry.
export function saveURL(push = false) {
  const h = encodeState(view.tab === 'sources' ? { src: view.src, span: view.span } : { ...view, src: null, span: null });
  nav.lastHash = h;
  const url = location.pathname + location.search + (h ? '#' + h : '');
  if (url === location.pathname + location.search + location.hash) return;
  if (push && !busy.restoring) history.pushState(null, '', url);
  else history.replaceState(null, '', url);
}
