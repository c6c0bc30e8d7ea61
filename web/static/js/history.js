// history.js: an entity's or an edge's recorded changes (GET
// /api/v1/entities/{id}/history, /edges/{id}/history) in words (pure;
// unit-tested): who, when, what changed, from which source or candidate.

const ACTIONS = { import: 'imported', accept: 'accepted from review', edit: 'edited', retract: 'retracted' };

// same compares two stored values (JSON-shaped).
const same = (a, b) => JSON.stringify(a) === JSON.stringify(b);

// brief writes a stored value short: lists by their length past three items,
// long text cut.
export function brief(v) {
  if (v === undefined || v === null) return '—';
  if (Array.isArray(v)) return v.length > 3 ? `${v.slice(0, 3).map(brief).join(', ')} (+${v.length - 3})` : v.map(brief).join(', ');
  if (typeof v === 'object') return JSON.stringify(v).slice(0, 60);
  const s = String(v);
  return s.length > 80 ? s.slice(0, 79) + '…' : s;
}

// changedFields lists, in key order, the fields a change set, altered or
// removed: {field, before, after} (before undefined when the record was
// created). The id never counts.
export function changedFields(c) {
  const before = c.before || {};
  const after = c.after || {};
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].filter((k) => k !== 'id').sort();
  return keys.filter((k) => !same(before[k], after[k])).map((k) => ({ field: k, before: before[k], after: after[k] }));
}

// describeChange is one change as the history panel shows it: when (the
// date and the minute, UTC), who (the key's name, or the unnamed key or the
// command line), what was done, what it rested on (a candidate, a source),
// the reason given, and the fields changed.
export function describeChange(c) {
  const at = String(c.at || '');
  const when = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(at) ? at.slice(0, 10) + ' ' + at.slice(11, 16) + ' UTC' : at;
  const from = [];
  if (c.candidate) from.push(`candidate ${c.candidate}`);
  if (c.source) from.push(`source ${c.source}`);
  return {
    when,
    who: c.key ? `key “${c.key}”` : 'the unnamed key or the command line',
    what: ACTIONS[c.action] || c.action || 'changed',
    created: !c.before && !!c.after,
    from: from.join(', '),
    reason: c.reason || '',
    fields: changedFields(c),
  };
}
