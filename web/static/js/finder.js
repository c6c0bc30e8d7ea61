// finder.js: the canvas's "Find in view" field: the drawn nodes whose name or
// alias matches (viewsearch.js) are highlighted; the current one is selected
// and centred. Enter (n outside the field) moves to the next, Shift+Enter
// (N) to the previous; Esc clears the field. It emits find:matches ({ids,
// current}, for the canvas) and find:focus (an id, for the controller); it
// follows view:drawn, filters:changed and timeline:changed (the matches are
// among what is drawn).
import { view, bus } from './store.js';
import { $ } from './ui.js';
import { findShown, stepMatch, matchWords } from './viewsearch.js';

const found = { q: '', ids: [], at: -1 };

function publish(focus) {
  const current = found.at >= 0 ? found.ids[found.at] : null;
  $('#find-count').textContent = matchWords(found.q, found.ids.length, found.at);
  $('#find').setAttribute('aria-invalid', String(!!found.q.trim() && !found.ids.length));
  bus.emit('find:matches', { ids: found.ids, current });
  if (focus && current) bus.emit('find:focus', current);
}

// rematch finds the matches again; the current one stays current if it
// still matches (after a filter change or a redraw), else the first is.
function rematch(focus) {
  const was = found.at >= 0 ? found.ids[found.at] : null;
  found.ids = findShown(view, found.q);
  const i = was ? found.ids.indexOf(was) : -1;
  found.at = i >= 0 ? i : found.ids.length ? 0 : -1;
  publish(focus && (i < 0 || !was));
}

// findNext moves to the next match (dir 1) or the previous (-1); false when
// there is none to move to.
export function findNext(dir) {
  if (!found.ids.length) return false;
  found.at = stepMatch(found.at, found.ids.length, dir);
  publish(true);
  return true;
}

export function focusFind() {
  $('#find').focus();
  $('#find').select();
}

export function clearFind() {
  $('#find').value = '';
  found.q = '';
  found.ids = [];
  found.at = -1;
  publish(false);
}

export function wireFinder() {
  const input = $('#find');
  input.addEventListener('input', () => {
    found.q = input.value;
    found.at = -1;
    rematch(true);
  });
  input.addEventListener('keydown', (ev) => {
    if (ev.key === 'Enter') {
      ev.preventDefault();
      findNext(ev.shiftKey ? -1 : 1);
    } else if (ev.key === 'Escape') {
      ev.preventDefault();
      clearFind();
      input.blur();
    }
  });
  for (const name of ['view:drawn', 'filters:changed', 'timeline:changed']) {
    bus.on(name, () => { if (found.q.trim()) rematch(false); });
  }
}
