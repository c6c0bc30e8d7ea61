// undo.js: the history of view changes, for undo and redo (pure; unit-tested
// in web/test/undo.test.js). Each entry is a snapshot of the view as
// urlstate.js writes it (the nodes expanded and added, the path, the filters,
// the layout, ...): the same fragment a history entry of the page carries.
// An entry has a serial number the page keeps in history.state, so that Back
// and Forward move through the same entries as undo and redo (ui.js).
import { decodeState, LAYOUTS } from './urlstate.js';

// createUndo is an empty history of at most max entries (the oldest are
// dropped past it).
export function createUndo(max = 200) {
  let entries = []; // {n, hash}
  let at = -1;
  let serial = 0;
  const h = {
    // record adds hash as the entry after the current one (the entries
    // after it, undone, are dropped, as a browser's Forward list is) and
    // answers its serial number. The same hash as the current entry is not
    // a change: its number is answered.
    record(hash) {
      if (at >= 0 && entries[at].hash === hash) return entries[at].n;
      entries = entries.slice(0, at + 1);
      entries.push({ n: ++serial, hash });
      if (entries.length > max) entries = entries.slice(entries.length - max);
      at = entries.length - 1;
      return serial;
    },
    // replace rewrites the current entry (a selection, a restore); with no
    // entry yet it records one. It answers the entry's number.
    replace(hash) {
      if (at < 0) return h.record(hash);
      entries[at].hash = hash;
      return entries[at].n;
    },
    // moveTo makes the entry numbered n current (Back, Forward); false when
    // there is no such entry (one of an earlier page load).
    moveTo(n) {
      const i = entries.findIndex((e) => e.n === n);
      if (i < 0) return false;
      at = i;
      return true;
    },
    // reset forgets every entry and starts again from hash.
    reset(hash) {
      entries = [];
      at = -1;
      return h.record(hash);
    },
    current: () => (at >= 0 ? entries[at] : null),
    canUndo: () => at > 0,
    canRedo: () => at >= 0 && at < entries.length - 1,
    // previous and next are the entries undo and redo would show.
    previous: () => (at > 0 ? entries[at - 1] : null),
    next: () => (at >= 0 && at < entries.length - 1 ? entries[at + 1] : null),
    size: () => entries.length,
  };
  return h;
}

const list = (a) => a.join(', ');
const added = (a, b) => b.filter((x) => !a.includes(x));
const setDiff = (a, b) => [...b].filter((x) => !a.has(x));

// describeChange says in words what changed from the view fragment a to b
// ("expanded IS-K", "hid kind Source", "layout grid"), naming entities with
// nameOf; '' when nothing that is a view change differs.
export function describeChange(a, b, nameOf = (id) => id) {
  const s = decodeState(a);
  const t = decodeState(b);
  const out = [];
  const names = (ids) => list(ids.map(nameOf));
  if (t.src !== s.src) return t.src ? `opened source ${nameOf(t.src)}` : 'back to the graph';
  const empty = (v) => !v.expanded.length && !v.all && !v.path && !v.added.length;
  if (empty(t) && !empty(s)) return 'cleared the view';
  const x = added(s.expanded, t.expanded);
  const ux = added(t.expanded, s.expanded);
  if (x.length) out.push(`expanded ${names(x)}`);
  if (ux.length) out.push(`removed ${names(ux)}`);
  const pathKey = (p) => (p ? JSON.stringify(p) : '');
  if (pathKey(s.path) !== pathKey(t.path)) out.push(t.path ? `path ${nameOf(t.path.from)} → ${nameOf(t.path.to)}` : 'closed the path');
  if (t.all !== s.all) out.push(t.all ? 'whole graph' : 'left the whole graph');
  const n = added(s.added, t.added);
  if (n.length) out.push(`added ${names(n)}`);
  const rn = [...new Set([...added(t.added, s.added), ...added(s.removed, t.removed)])].filter((id) => !ux.includes(id));
  if (rn.length) out.push(`removed ${names(rn)}`);
  const hk = setDiff(s.kindsOff, t.kindsOff);
  const sk = setDiff(t.kindsOff, s.kindsOff);
  const hr = setDiff(s.relsOff, t.relsOff);
  const sr = setDiff(t.relsOff, s.relsOff);
  if (hk.length) out.push(`hid ${list(hk)}`);
  if (sk.length) out.push(`showed ${list(sk)}`);
  if (hr.length) out.push(`hid ${list(hr)}`);
  if (sr.length) out.push(`showed ${list(sr)}`);
  if (t.asOf !== s.asOf) out.push(t.asOf ? `as of ${t.asOf}` : 'every date');
  if (t.layout !== s.layout) out.push(`layout ${t.layout || LAYOUTS[0]}`);
  if (t.sizeBy !== s.sizeBy || t.colorBy !== s.colorBy) out.push('analytics');
  const bk = (v) => (v ? `${v.from},${v.to}` : '');
  if (bk(t.brokers) !== bk(s.brokers)) out.push(t.brokers ? 'brokers' : 'closed the brokers');
  return out.join('; ');
}
