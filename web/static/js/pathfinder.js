// pathfinder.js: the search box and the path finder: suggestions as you type,
// the form's filters (relationship types, stances, evidence level) read and
// written, for the URL to restore them.
import { view } from './store.js';
import { $ } from './ui.js';
import { api } from './api.js';
import { STANCES, stanceSummary } from './format.js';
import { el, shapeIcon } from './dom.js';

export function updatePathRelSummary() {
  const on = [...document.querySelectorAll('#path-rels-list input:checked')].map((i) => i.value);
  $('#path-rels-summary').textContent = on.length ? on.join(', ') : 'all';
}

// ---------- suggestions (search and path ends) ----------

// autocomplete wires a combobox input to /search: arrow keys move, Enter picks,
// Escape closes. onPick gets a result; onEnter gets the raw text when nothing is
// highlighted (and returns true if it handled it).
export function autocomplete(input, list, { onPick, onEnter }) {
  let items = [];
  let active = -1;
  let timer = 0;
  let ctrl = null;

  const close = () => {
    list.hidden = true;
    input.setAttribute('aria-expanded', 'false');
    input.removeAttribute('aria-activedescendant');
    active = -1;
  };
  const highlight = (i) => {
    active = i;
    [...list.children].forEach((li, j) => li.setAttribute('aria-selected', String(j === i)));
    if (i >= 0 && list.children[i]) {
      input.setAttribute('aria-activedescendant', list.children[i].id);
      list.children[i].scrollIntoView({ block: 'nearest' });
    }
  };
  const choose = (i) => {
    const it = items[i];
    close();
    if (it) onPick(it);
  };
  const show = (results, q, note) => {
    items = results;
    list.replaceChildren(...results.map((r, i) => {
      // The aliases that match what was typed first: they say why this matched.
      const ql = q.toLowerCase();
      const aka = (r.aliases || []).filter((a) => a.toLowerCase() !== r.name.toLowerCase())
        .sort((a, b) => Number(b.toLowerCase().includes(ql)) - Number(a.toLowerCase().includes(ql)));
      if (aka.length > 4) aka.splice(4, aka.length - 4, `+${aka.length - 4} more`);
      const li = el('li', { id: `${list.id}-${i}`, role: 'option', 'data-id': r.id, 'aria-selected': 'false' },
        el('span', { class: 'sug-name' }, shapeIcon(r.kind, 12), ' ', r.name),
        el('span', { class: 'sug-kind' }, r.kind),
        aka.length ? el('span', { class: 'sug-aka' }, 'aka ' + aka.join(', ')) : null,
        el('span', { class: 'sug-id' }, r.id));
      li.addEventListener('mousedown', (ev) => { ev.preventDefault(); choose(i); });
      return li;
    }));
    if (!results.length) list.append(el('li', { class: 'none', role: 'option', 'aria-disabled': 'true' }, note || `No match for “${q}”.`));
    list.hidden = false;
    input.setAttribute('aria-expanded', 'true');
    active = -1;
  };
  const query = () => {
    const q = input.value.trim();
    ctrl?.abort();
    if (!q) {
      items = [];
      close();
      return;
    }
    ctrl = new AbortController();
    api('/search', { q, limit: 8 }, ctrl.signal)
      .then((r) => {
        // Show answers only for the text still typed, in the box still in use.
        if (input.value.trim() === q && document.activeElement === input) show(r.results || [], q);
      })
      .catch((err) => {
        if (err.name !== 'AbortError') show([], q, `Search failed: ${err.message}`);
      });
  };
  input.addEventListener('input', () => {
    delete input.dataset.id;
    clearTimeout(timer);
    timer = setTimeout(query, 120);
  });
  input.addEventListener('keydown', (ev) => {
    const open = !list.hidden && items.length > 0;
    if (ev.key === 'ArrowDown') {
      ev.preventDefault();
      if (list.hidden && input.value.trim()) query();
      else if (open) highlight(Math.min(active + 1, items.length - 1));
    } else if (ev.key === 'ArrowUp') {
      if (open) {
        ev.preventDefault();
        highlight(Math.max(active - 1, 0));
      }
    } else if (ev.key === 'Enter') {
      if (open && active >= 0) {
        ev.preventDefault();
        choose(active);
      } else {
        clearTimeout(timer);
        ctrl?.abort();
        close();
        if (onEnter && onEnter(input.value.trim())) ev.preventDefault();
      }
    } else if (ev.key === 'Escape') {
      if (!list.hidden) close();
      else input.blur();
    }
  });
  input.addEventListener('blur', () => setTimeout(close, 100));
  // A submitted form needs no suggestions for what was typed before it.
  input.form?.addEventListener('submit', () => {
    clearTimeout(timer);
    ctrl?.abort();
    close();
  });
}

export function setPathEnd(which, n) {
  const input = $(which === 'from' ? '#path-from' : '#path-to');
  input.value = n.name;
  input.dataset.id = n.id;
  input.dataset.name = n.name;
}

// endValue is the id chosen from suggestions if the text still shows it,
// otherwise the text itself (the API resolves names and aliases).
export function endValue(input) {
  const v = input.value.trim();
  return input.dataset.id && input.dataset.name === v ? input.dataset.id : v;
}


// checkedStances is the stances ticked, or [] when all are (no filter).
export function checkedStances() {
  const on = [...document.querySelectorAll('#path-stances input:checked')].map((i) => i.value);
  return on.length === STANCES.length ? [] : on;
}

export function updatePathStanceSummary() {
  const on = [...document.querySelectorAll('#path-stances input:checked')].map((i) => i.value);
  $('#path-stances-summary').textContent = stanceSummary(on);
}

export function readPathForm() {
  const rel = [...document.querySelectorAll('#path-rels-list input:checked')].map((i) => i.value);
  return {
    from: endValue($('#path-from')),
    to: endValue($('#path-to')),
    rel,
    stance: checkedStances(),
    evidence: $('#path-evidence').value,
    minConfidence: $('#path-minconf').value,
    knownOn: $('#path-knownon').value,
    mode: $('#path-mode').value,
    maxDepth: $('#path-maxdepth').value,
  };
}

export function writePathForm(q) {
  for (const [which, id] of [['from', q.from], ['to', q.to]]) {
    const input = $(`#path-${which}`);
    const name = view.nodes.get(id)?.name;
    input.value = name || id || '';
    if (name) {
      input.dataset.id = id;
      input.dataset.name = name;
    } else {
      delete input.dataset.id;
    }
  }
  $('#path-evidence').value = q.evidence || '';
  $('#path-minconf').value = q.minConfidence || '';
  $('#path-knownon').value = q.knownOn || '';
  $('#path-mode').value = q.mode === 'ranked' ? 'ranked' : 'shortest';
  $('#path-maxdepth').value = q.maxDepth || '';
  const rel = new Set(q.rel || []);
  document.querySelectorAll('#path-rels-list input').forEach((i) => { i.checked = rel.has(i.value); });
  updatePathRelSummary();
  const stance = new Set(q.stance?.length ? q.stance : STANCES);
  document.querySelectorAll('#path-stances input').forEach((i) => { i.checked = stance.has(i.value); });
  updatePathStanceSummary();
}

