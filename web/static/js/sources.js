// sources.js: the Sources view. An analyst pastes or uploads an article
// (POST /api/v1/sources, with the API key kept in sessionStorage), or opens a
// stored source (GET /api/v1/sources/{id}, e.g. from a hop's verified quote);
// its text shows with the mentions marked (linked / ambiguous / new, each with
// its own outline and marker, not colour alone) and a span highlighted.
// It emits source:shown when a source's answer is shown, and redraws the
// text on candidate:moved.
import { view, review, bus, nameOf } from './store.js';
import { $, task, saveURL, setStatus, showError } from './ui.js';
import { api, apiPost, apiKey, setAPIKey } from './api.js';
import { segments, mentionClass, mentionLabel, safeURL } from './format.js';
import { activeCandidate, namer } from './candidates.js';
import { el } from './dom.js';

// showTab switches between the graph and the Sources view.
export function showTab(tab) {
  view.tab = tab;
  document.documentElement.dataset.tab = tab;
  $('#sources-view').hidden = tab !== 'sources';
  $('#graph-view').hidden = tab !== 'graph';
  for (const b of document.querySelectorAll('[role=tab]')) b.setAttribute('aria-selected', String(b.dataset.tab === tab));
}

// openSource loads a stored source and shows it, with span highlighted.
export async function openSource(id, span) {
  showTab('sources');
  view.src = id;
  view.span = span || null;
  saveURL();
  const body = await task(`Opening ${id}`, () => api('/sources/' + encodeURIComponent(id)));
  if (!body) return;
  show(body, span);
}

// show renders a source's answer.
export function show(body, span) {
  review.body = body;
  view.src = body.source?.id || view.src;
  view.span = span || null;
  saveURL();
  renderSource();
  bus.emit('source:shown');
  const target = $('#source-text .span-target');
  if (target) target.scrollIntoView({ block: 'center' });
}

function renderSource() {
  const b = review.body;
  const box = $('#source-panel');
  if (!b) {
    box.dataset.state = 'empty';
    return;
  }
  const s = b.source || {};
  const p = s.properties || {};
  const href = p.url && safeURL(p.url, location.href);
  const counts = { linked: 0, ambiguous: 0, new: 0 };
  for (const m of b.mentions || []) counts[mentionClass(m)] = (counts[mentionClass(m)] || 0) + 1;
  $('#source-head').replaceChildren(
    el('h2', { class: 'source-title' }, p.title || s.name || s.id),
    el('p', { class: 'source-meta' },
      el('code', {}, s.id), ' ',
      p.publisher ? `${p.publisher} ` : '', p.publishedOn || p.date ? `· ${p.publishedOn || p.date} ` : '',
      href ? el('a', { href, target: '_blank', rel: 'noopener noreferrer' }, 'original ↗') : null),
    el('p', { class: 'mention-key' },
      el('span', { class: 'mention m-linked' }, 'linked'), ` ${counts.linked} · `,
      el('span', { class: 'mention m-ambiguous' }, 'ambiguous'), ` ${counts.ambiguous} · `,
      el('span', { class: 'mention m-new' }, 'new'), ` ${counts.new}`,
      el('span', { class: 'hint' }, ' · the highlighted sentence is the candidate selected on the right')));
  box.dataset.state = 'shown';
  renderText();
}

// renderText draws the text with its mentions, the selected candidate's
// sentence and the span the URL names (a hop's verified quote).
export function renderText() {
  const b = review.body;
  if (!b) return;
  const nm = namer(b, nameOf);
  const spans = (b.mentions || []).map((m) => ({ start: m.start, end: m.end, kind: 'mention', m }));
  const c = activeCandidate(review);
  if (c && Number.isInteger(c.start) && Number.isInteger(c.end)) spans.push({ start: c.start, end: c.end, kind: 'cand' });
  if (view.span) spans.push({ start: view.span.start, end: view.span.end, kind: 'target' });
  // Outermost first: the target span, then the candidate's sentence, then mentions.
  const order = { target: 0, cand: 1, mention: 2 };
  const pieces = segments(b.text || '', spans);
  let firstTarget = true;
  const nodes = pieces.map((piece) => {
    let node = document.createTextNode(piece.text);
    const cover = [...piece.spans].sort((x, y) => order[y.span.kind] - order[x.span.kind]);
    for (const { span, first, last } of cover) {
      if (span.kind === 'mention') {
        const cls = mentionClass(span.m);
        node = el('span', { class: `mention m-${cls}`, title: mentionLabel(span.m, nm), 'data-kind': cls,
          'data-start': span.m.start, 'data-end': span.m.end, 'data-last': last ? 'true' : null }, node);
      } else if (span.kind === 'cand') {
        node = el('span', { class: 'cand-quote' }, node);
      } else {
        node = el('mark', { class: 'span-target', 'data-first': first && firstTarget ? 'true' : null,
          title: 'the quote this hop rests on' }, node);
        firstTarget = false;
      }
    }
    return node;
  });
  $('#source-text').replaceChildren(...nodes);
}

// ingest sends the form: JSON with the pasted text, or multipart with a file.
async function ingest(ev) {
  ev.preventDefault();
  const f = $('#ingest-form');
  const fields = { title: f.title.value.trim(), url: f.url.value.trim(), publisher: f.publisher.value.trim(),
    publishedOn: f.publishedOn.value, language: f.language.value.trim() };
  const file = f.file.files[0];
  const text = f.text.value;
  if (!file && !text.trim()) return showError('Paste the article\'s text or choose a file.');
  if (!apiKey()) return showError('Give the API key: adding a source is a write.');
  let body;
  if (file) {
    body = new FormData();
    for (const [k, v] of Object.entries(fields)) if (v) body.append(k, v);
    body.append('file', file);
  } else {
    body = Object.fromEntries(Object.entries(fields).filter(([, v]) => v));
    body.text = text;
  }
  const res = await task('Adding the source', () => apiPost('/sources', body));
  if (!res) return;
  show(res, null);
  const n = (res.candidates || []).length;
  setStatus(`${res.source?.id}: ${(res.mentions || []).length} mentions, ${n} candidate${n === 1 ? '' : 's'}`);
  $('#candidates [aria-selected="true"]')?.focus();
}

export function wireSources() {
  bus.on('candidate:moved', renderText);
  const key = $('#api-key');
  key.value = apiKey();
  key.addEventListener('change', () => setAPIKey(key.value.trim()));
  key.addEventListener('input', () => setAPIKey(key.value.trim()));
  $('#ingest-form').addEventListener('submit', ingest);
  $('#open-source-form').addEventListener('submit', (ev) => {
    ev.preventDefault();
    const id = $('#open-source-id').value.trim();
    if (id) openSource(id, null);
  });
  for (const b of document.querySelectorAll('[role=tab]')) {
    b.addEventListener('click', () => {
      showTab(b.dataset.tab);
      saveURL();
    });
  }
}
