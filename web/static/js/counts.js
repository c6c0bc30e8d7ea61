// counts.js: what the filters leave drawn (pure; unit-tested): a node is
// hidden when its kind is unticked, or when it is an Event dated outside the
// timeline's brushed range; an edge when its type is, when either end is
// hidden, when it was reported after the date slider's day, or when its date
// (validFrom, else reportedOn) is outside the brushed range (an undated edge
// is outside every range).
import { inRange, edgeDate, eventDate } from './timebins.js';

export const nodeShown = (v, n) => !v.kindsOff.has(n.kind) &&
  (!v.timeRange || n.kind !== 'Event' || inRange(eventDate(n), v.timeRange));

export function edgeShown(v, e) {
  if (v.relsOff.has(e.type)) return false;
  if (v.asOf && e.reportedOn && e.reportedOn > v.asOf) return false;
  if (v.timeRange && !inRange(edgeDate(e), v.timeRange)) return false;
  const s = v.nodes.get(e.source);
  const t = v.nodes.get(e.target);
  return !!s && !!t && nodeShown(v, s) && nodeShown(v, t);
}

// shownCounts counts the nodes and edges of the view v that are drawn.
export function shownCounts(v) {
  let nodes = 0;
  let edges = 0;
  for (const n of v.nodes.values()) if (nodeShown(v, n)) nodes++;
  for (const e of v.edges.values()) if (edgeShown(v, e)) edges++;
  return { nodes, edges };
}

// summaryLine is the status line's words for the view v.
export function summaryLine(v) {
  if (!v.nodes.size) return '';
  const { nodes, edges } = shownCounts(v);
  return `${nodes} node${nodes === 1 ? '' : 's'}, ${edges} edge${edges === 1 ? '' : 's'} shown`;
}
