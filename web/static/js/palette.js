// palette.js: one colour and one shape per entity kind, used by the canvas,
// the legend and the filters (pure; unit-tested).
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
export const OTHER_KIND = { color: '#90a4ae', shape: 'ellipse' };
export const kindStyle = (k) => (Object.hasOwn(KINDS, k) ? KINDS[k] : OTHER_KIND);

// shownKinds is the kinds a request asks for when some are unticked, in the
// palette's order; null when none is (no filter).
export function shownKinds(kindsOff) {
  if (!kindsOff?.size) return null;
  return Object.keys(KINDS).filter((k) => !kindsOff.has(k));
}
