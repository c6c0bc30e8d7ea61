// help.js: the help overlay (a modal dialog) listing the keyboard shortcuts
// (shortcuts.js), opened by ? or the header's ? button, closed by Escape, its
// Close button or a click beside it.
import { $ } from './ui.js';
import { el, fill } from './dom.js';
import { SHORTCUTS } from './shortcuts.js';

// Keys held together (combo, or a modifier and click) are joined by +, others
// (either of them) by /.
const keyList = (keys, combo) => keys.map((k, i) => [i ? (combo || (keys.length === 2 && k === 'click') ? ' + ' : ' / ') : '', el('kbd', {}, k)]);

function renderHelp() {
  fill($('#help-body'), SHORTCUTS.map((g) => el('section', { class: 'help-group' },
    el('h3', {}, g.where),
    el('dl', {}, g.items.map((i) => [el('dt', {}, keyList(i.keys, i.combo)), el('dd', {}, i.what)])))));
}

export function openHelp() {
  const d = $('#help');
  if (d.open) return;
  renderHelp();
  d.showModal();
  $('#help-close').focus();
}

export function closeHelp() {
  const d = $('#help');
  if (d.open) d.close();
}

export function wireHelp() {
  const d = $('#help');
  $('#help-open').addEventListener('click', openHelp);
  $('#help-close').addEventListener('click', closeHelp);
  // A click on the backdrop (the dialog itself, outside its box) closes it.
  d.addEventListener('click', (ev) => { if (ev.target === d) closeHelp(); });
  d.addEventListener('cancel', (ev) => { ev.preventDefault(); closeHelp(); });
  d.addEventListener('close', () => $('#help-open').focus());
}
