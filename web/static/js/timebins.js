// timebins.js: the timeline of the view (pure; unit-tested): the dated
// events and relationships the view holds, dated as GET /api/v1/timeline
// dates them (an edge by validFrom, else reportedOn; an Event by its date),
// binned along a day axis; the brushed range and what it keeps; the step of
// the playback.

const DAY = 86400000;
const DATE = /^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?/;

// dayOf reads a date (YYYY, YYYY-MM or YYYY-MM-DD; a time after it is
// ignored) as a day number (days since 1970-01-01, UTC); NaN when it is not one.
export function dayOf(date) {
  const m = DATE.exec(String(date || ''));
  if (!m) return NaN;
  return Date.UTC(Number(m[1]), Number(m[2] || 1) - 1, Number(m[3] || 1)) / DAY;
}

// dateOf writes a day number as YYYY-MM-DD.
export const dateOf = (day) => new Date(Math.round(day) * DAY).toISOString().slice(0, 10);

// edgeDate is the date the timeline gives an edge: validFrom, else
// reportedOn ('' when it has neither).
export const edgeDate = (e) => e.validFrom || e.reportedOn || '';

// eventDate is an Event's date ('' for any other kind, or an undated event).
export const eventDate = (n) => (n.kind === 'Event' && n.properties?.date) ? String(n.properties.date) : '';

// timelineItems lists the view's dated items, oldest first (events before
// relationships on the same day, as the API orders them): {what, id, date, day}.
export function timelineItems(v) {
  const items = [];
  for (const n of v.nodes.values()) {
    const d = eventDate(n);
    if (d && !Number.isNaN(dayOf(d))) items.push({ what: 'event', id: n.id, date: d, day: dayOf(d) });
  }
  for (const e of v.edges.values()) {
    const d = edgeDate(e);
    if (d && !Number.isNaN(dayOf(d))) items.push({ what: 'relationship', id: e.id, date: d, day: dayOf(d) });
  }
  return items.sort((a, b) => a.day - b.day || (a.what === b.what ? a.id.localeCompare(b.id) : a.what === 'event' ? -1 : 1));
}

// extent is the first and last day of items, padded to a span of at least
// one day; null without items.
export function extent(items) {
  if (!items.length) return null;
  const min = items[0].day;
  const max = items[items.length - 1].day;
  return { min, max: max > min ? max : min + 1 };
}

// bins cuts the extent ext into n equal bins and counts the events and the
// relationships falling in each: [{from, to, events, relationships}] (day
// numbers; the last bin holds the last day).
export function bins(items, ext, n) {
  if (!ext || n < 1) return [];
  const w = (ext.max - ext.min) / n;
  const out = Array.from({ length: n }, (_, i) => ({ from: ext.min + i * w, to: ext.min + (i + 1) * w, events: 0, relationships: 0 }));
  for (const it of items) {
    const i = Math.min(n - 1, Math.max(0, Math.floor((it.day - ext.min) / w)));
    if (it.what === 'event') out[i].events++;
    else out[i].relationships++;
  }
  return out;
}

// rangeOf turns a brush from pixel x0 to x1 on an axis width px wide over
// ext into a range of whole days {from, to} (YYYY-MM-DD, from <= to).
export function rangeOf(x0, x1, width, ext) {
  const [a, b] = x0 <= x1 ? [x0, x1] : [x1, x0];
  const clamp = (x) => Math.min(width, Math.max(0, x));
  const day = (x) => ext.min + (clamp(x) / width) * (ext.max - ext.min);
  return { from: dateOf(Math.floor(day(a))), to: dateOf(Math.floor(day(b))) };
}

// inRange: is date (an item's date) inside range {from, to}? Every date is
// without a range; an undated item never is within one.
export function inRange(date, range) {
  if (!range) return true;
  const d = dayOf(date);
  if (Number.isNaN(d)) return false;
  return d >= dayOf(range.from) && d <= dayOf(range.to);
}

// stepRange moves range forward by step days, keeping its length, so that
// playback walks the axis; from no range it starts with the first fifth of
// ext. It answers null once the range has passed the last day (the playback
// is over).
export function stepRange(range, ext, step) {
  if (!ext) return null;
  const s = Math.max(1, Math.round(step));
  if (!range) return { from: dateOf(ext.min), to: dateOf(ext.min + Math.max(0, Math.round((ext.max - ext.min) / 5) - 1)) };
  const from = dayOf(range.from);
  const to = dayOf(range.to);
  if (to >= ext.max) return null;
  return { from: dateOf(from + s), to: dateOf(to + s) };
}

// rangeItems counts the items of the range: {events, relationships}.
export function rangeItems(items, range) {
  const c = { events: 0, relationships: 0 };
  for (const it of items) {
    if (!inRange(it.date, range)) continue;
    if (it.what === 'event') c.events++;
    else c.relationships++;
  }
  return c;
}

// parseRange reads 'YYYY-MM-DD..YYYY-MM-DD' (the URL's time=); null when it
// is not one, or ends before it starts.
export function parseRange(s) {
  const m = /^(\d{4}-\d{2}-\d{2})\.\.(\d{4}-\d{2}-\d{2})$/.exec(String(s || ''));
  if (!m || Number.isNaN(dayOf(m[1])) || Number.isNaN(dayOf(m[2])) || m[1] > m[2]) return null;
  return { from: m[1], to: m[2] };
}
