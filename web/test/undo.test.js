import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createUndo, describeChange } from '../static/js/undo.js';
import { encodeState, decodeState } from '../static/js/urlstate.js';

test('undo and redo walk the recorded snapshots; a new change drops the undone ones', () => {
  const u = createUndo();
  assert.equal(u.canUndo(), false);
  const a = u.record('');
  const b = u.record('x=group:is-k');
  const c = u.record('x=group:is-k,state:tj');
  assert.deepEqual([a, b, c], [1, 2, 3]);
  assert.equal(u.canUndo(), true);
  assert.equal(u.canRedo(), false);
  assert.equal(u.previous().hash, 'x=group:is-k');
  assert.ok(u.moveTo(b));
  assert.equal(u.current().hash, 'x=group:is-k');
  assert.equal(u.next().hash, 'x=group:is-k,state:tj');
  assert.ok(u.moveTo(a));
  assert.equal(u.canUndo(), false);
  assert.equal(u.canRedo(), true);
  // A change after an undo drops the entries undone, as the browser does.
  const d = u.record('all=1');
  assert.equal(d, 4);
  assert.equal(u.canRedo(), false);
  assert.equal(u.size(), 2);
  assert.equal(u.moveTo(c), false, 'the dropped entry is gone');
  assert.equal(u.previous().hash, '');
});

test('the same snapshot twice is one entry; replace rewrites the current one', () => {
  const u = createUndo();
  const a = u.record('x=a');
  assert.equal(u.record('x=a'), a);
  assert.equal(u.size(), 1);
  assert.equal(u.replace('x=a&sel=a'), a);
  assert.equal(u.current().hash, 'x=a&sel=a');
  const fresh = createUndo();
  assert.equal(fresh.replace('x=b'), 1, 'replace on an empty list records');
  assert.equal(fresh.size(), 1);
});

test('past its size the oldest entries go, and numbers stay unique', () => {
  const u = createUndo(3);
  const ns = ['a', 'b', 'c', 'd', 'e'].map((h) => u.record(h));
  assert.deepEqual(ns, [1, 2, 3, 4, 5]);
  assert.equal(u.size(), 3);
  assert.equal(u.moveTo(1), false);
  assert.ok(u.moveTo(3));
  assert.equal(u.canUndo(), false);
  u.reset('z');
  assert.equal(u.size(), 1);
  assert.equal(u.canRedo(), false);
});

test('a change is described in words', () => {
  const name = (id) => ({ 'group:is-k': 'IS-K', 'state:tj': 'Tajikistan' }[id] || id);
  assert.equal(describeChange('', 'x=group:is-k', name), 'expanded IS-K');
  assert.equal(describeChange('x=group:is-k', 'x=group:is-k&hideKinds=Source', name), 'hid Source');
  assert.equal(describeChange('x=group:is-k&hideRels=LOCATED_IN', 'x=group:is-k', name), 'showed LOCATED_IN');
  assert.equal(describeChange('x=group:is-k', 'x=group:is-k&layout=grid', name), 'layout grid');
  assert.equal(describeChange('x=group:is-k&layout=grid', 'x=group:is-k', name), 'layout force');
  assert.equal(describeChange('x=group:is-k', 'x=group:is-k&rm=state:tj', name), 'removed Tajikistan');
  assert.equal(describeChange('x=group:is-k,state:tj', 'x=group:is-k', name), 'removed Tajikistan');
  assert.equal(describeChange('x=group:is-k&all=1', '', name), 'cleared the view');
  assert.equal(describeChange('x=a', 'from=group:is-k&to=state:tj&x=a', name), 'path IS-K → Tajikistan');
  assert.equal(describeChange('x=a', 'x=a&sel=a'), '', 'a selection is not a view change');
});

test('removed nodes (rm=) ride in the URL', () => {
  const h = encodeState({ expanded: ['group:is-k'], removed: ['state:tj', 'person:x'] });
  assert.ok(h.includes('rm=state:tj,person:x'), h);
  assert.deepEqual(decodeState(h).removed, ['state:tj', 'person:x']);
  assert.deepEqual(decodeState('x=a').removed, []);
});
