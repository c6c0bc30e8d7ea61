// timeline.js: the timeline strip under the canvas: the view's dated
// relationships (bars, counted per bin) and events (diamonds, each named)
// along a day axis, dated as GET /api/v1/timeline dates them
// (timebins.js). Dragging across it brushes a range that filters the canvas
// to what is dated in it; Play steps the range forward (Step by one step).
// It emits timeline:changed (the range, view.timeRange, changed) and
// timeline:toggled (the strip opened or closed); it follows view:drawn.
import { view, bus, nameOf } from './store.js';
import { $ } from './ui.js';
import { timelineItems, extent, bins, rangeOf, stepRange, rangeItems, dayOf } from './timebins.js';

const NS = 'http://www.w3.org/2000/svg';
const HEIGHT = 64; // the drawing's height: events row, bars, axis labels
const PAD = 10;    // px left and right of the axis

let playing = 0;   // the playback's interval timer (0: stopped)

function svgEl(tag, attrs, text) {
  const e = document.createElementNS(NS, tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
  if (text !== undefined) e.textContent = text;
  return e;
}

// axis answers the drawing's geometry: its width, the extent, the bins and
// the x of a day.
function axis() {
  const svg = $('#timeline-svg');
  const width = Math.max(120, svg.clientWidth || svg.parentElement.clientWidth || 600);
  const items = timelineItems(view);
  const ext = extent(items);
  const n = Math.max(8, Math.min(60, Math.floor((width - 2 * PAD) / 10)));
  const w = width - 2 * PAD;
  const x = (day) => PAD + (ext ? ((day - ext.min) / (ext.max - ext.min)) * w : 0);
  return { svg, width, w, items, ext, bins: bins(items, ext, n), x };
}

// renderTimeline draws the strip (when open).
export function renderTimeline() {
  const box = $('#timeline');
  box.hidden = !view.timeline;
  $('#timeline-toggle').setAttribute('aria-expanded', String(view.timeline));
  $('.canvas').dataset.timeline = view.timeline ? 'open' : 'closed';
  if (!view.timeline) return;
  const a = axis();
  const svg = a.svg;
  svg.setAttribute('width', a.width);
  svg.setAttribute('height', HEIGHT);
  svg.setAttribute('viewBox', `0 0 ${a.width} ${HEIGHT}`);
  svg.replaceChildren();
  box.dataset.items = String(a.items.length);
  if (!a.ext) {
    $('#timeline-label').textContent = 'Nothing in the view is dated.';
    for (const b of ['#timeline-play', '#timeline-step', '#timeline-reset']) $(b).disabled = true;
    return;
  }
  for (const b of ['#timeline-play', '#timeline-step']) $(b).disabled = false;
  $('#timeline-reset').disabled = !view.timeRange;
  const top = 18;
  const barH = 28;
  const max = Math.max(1, ...a.bins.map((b) => b.relationships));
  for (const b of a.bins) {
    if (!b.relationships) continue;
    const h = Math.max(2, (b.relationships / max) * barH);
    const r = svgEl('rect', { x: a.x(b.from) + 0.5, y: top + barH - h, width: Math.max(1, a.x(b.to) - a.x(b.from) - 1), height: h, class: 'tl-bar' });
    r.append(svgEl('title', {}, `${dayLabel(b.from)} – ${dayLabel(b.to)}: ${b.relationships} relationship${b.relationships > 1 ? 's' : ''}`));
    svg.append(r);
  }
  for (const it of a.items) {
    if (it.what !== 'event') continue;
    const cx = a.x(it.day);
    const d = svgEl('path', { d: `M${cx} 4 L${cx + 5} 9 L${cx} 14 L${cx - 5} 9 Z`, class: 'tl-event', 'data-id': it.id });
    d.append(svgEl('title', {}, `${it.date}: ${nameOf(it.id)}`));
    svg.append(d);
  }
  svg.append(svgEl('line', { x1: PAD, y1: top + barH + 0.5, x2: a.width - PAD, y2: top + barH + 0.5, class: 'tl-axis' }));
  const labels = [[a.ext.min, 'start'], [(a.ext.min + a.ext.max) / 2, 'middle'], [a.ext.max, 'end']];
  for (const [day, anchor] of labels) {
    svg.append(svgEl('text', { x: a.x(day), y: HEIGHT - 4, 'text-anchor': anchor, class: 'tl-label' }, dayLabel(day)));
  }
  if (view.timeRange) {
    const x0 = a.x(dayOf(view.timeRange.from));
    const x1 = a.x(dayOf(view.timeRange.to) + 1);
    svg.append(svgEl('rect', { x: Math.max(0, x0), y: 1, width: Math.max(3, Math.min(a.width, x1) - Math.max(0, x0)), height: top + barH, class: 'tl-brush', id: 'timeline-brush' }));
  }
  const c = rangeItems(a.items, view.timeRange);
  const total = rangeItems(a.items, null);
  const what = (k) => `${k.relationships} relationship${k.relationships === 1 ? '' : 's'}, ${k.events} event${k.events === 1 ? '' : 's'}`;
  $('#timeline-label').textContent = view.timeRange
    ? `${view.timeRange.from} – ${view.timeRange.to}: ${what(c)} of ${what(total)} (undated edges hidden)`
    : `${what(total)} dated · drag across the timeline to show a period`;
}

const dayLabel = (day) => new Date(Math.floor(day) * 86400000).toISOString().slice(0, 10);

function setRange(range) {
  view.timeRange = range;
  renderTimeline();
  bus.emit('timeline:changed');
}

// step moves the range forward by one bin; at the end the playback stops.
export function step() {
  const a = axis();
  if (!a.ext) return false;
  const next = stepRange(view.timeRange, a.ext, (a.ext.max - a.ext.min) / Math.max(1, a.bins.length));
  if (!next) {
    stop();
    return false;
  }
  setRange(next);
  return true;
}

function stop() {
  clearInterval(playing);
  playing = 0;
  $('#timeline-play').textContent = '▶ Play';
  $('#timeline-play').setAttribute('aria-pressed', 'false');
}

function play() {
  if (playing) return stop();
  // A range already at the end starts again from the beginning.
  const a = axis();
  if (view.timeRange && a.ext && dayOf(view.timeRange.to) >= a.ext.max) view.timeRange = null;
  $('#timeline-play').textContent = '❚❚ Pause';
  $('#timeline-play').setAttribute('aria-pressed', 'true');
  if (!step()) return;
  playing = setInterval(step, 900);
}

// wireTimeline wires the strip's controls and the brush.
export function wireTimeline() {
  $('#timeline-toggle').addEventListener('click', () => {
    view.timeline = !view.timeline;
    if (!view.timeline) {
      stop();
      if (view.timeRange) {
        view.timeRange = null;
        bus.emit('timeline:changed');
      }
    }
    renderTimeline();
    bus.emit('timeline:toggled');
  });
  $('#timeline-play').addEventListener('click', play);
  $('#timeline-step').addEventListener('click', () => { stop(); step(); });
  $('#timeline-reset').addEventListener('click', () => { stop(); setRange(null); });
  const svg = $('#timeline-svg');
  let start = null;
  const px = (ev) => ev.clientX - svg.getBoundingClientRect().left;
  svg.addEventListener('pointerdown', (ev) => {
    if (ev.button !== 0) return;
    stop();
    start = px(ev);
    svg.setPointerCapture?.(ev.pointerId);
  });
  svg.addEventListener('pointermove', (ev) => {
    if (start === null) return;
    let r = $('#timeline-drag');
    if (!r) {
      r = svgEl('rect', { id: 'timeline-drag', class: 'tl-brush drag', y: 1, height: 46 });
      svg.append(r);
    }
    const x = px(ev);
    r.setAttribute('x', Math.min(start, x));
    r.setAttribute('width', Math.abs(x - start));
  });
  svg.addEventListener('pointerup', (ev) => {
    if (start === null) return;
    const a = axis();
    const x0 = start;
    start = null;
    if (!a.ext) return;
    const x = px(ev);
    // A click (no drag) picks the bin under the pointer.
    if (Math.abs(x - x0) < 3) {
      const b = a.bins.find((bin) => x >= a.x(bin.from) && x < a.x(bin.to)) || a.bins[a.bins.length - 1];
      return setRange({ from: dayLabel(b.from), to: dayLabel(Math.max(b.from, b.to - 1e-9)) });
    }
    setRange(rangeOf(x0 - PAD, x - PAD, a.w, a.ext));
  });
  svg.addEventListener('pointercancel', () => { start = null; $('#timeline-drag')?.remove(); });
  bus.on('view:drawn', renderTimeline);
  window.addEventListener('resize', () => { if (view.timeline) renderTimeline(); });
}
