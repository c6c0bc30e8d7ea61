import { test } from 'node:test';
import assert from 'node:assert/strict';
import { describeChange, changedFields, brief } from '../static/js/history.js';

test('a change says who, when, what and from which candidate or source', () => {
  const d = describeChange({ at: '2026-12-07T15:00:30.576Z', key: 'alice', action: 'accept', candidate: 'cand:1', source: 'source:a',
    before: null, after: { id: 'e1', confidence: 70, stance: 'claimed' } });
  assert.equal(d.when, '2026-12-07 15:00 UTC');
  assert.equal(d.who, 'key “alice”');
  assert.equal(d.what, 'accepted from review');
  assert.equal(d.created, true);
  assert.equal(d.from, 'candidate cand:1, source source:a');
  assert.deepEqual(d.fields, [{ field: 'confidence', before: undefined, after: 70 }, { field: 'stance', before: undefined, after: 'claimed' }]);
  const anon = describeChange({ at: 'soon', key: '', action: 'import', before: null, after: {} });
  assert.equal(anon.who, 'the unnamed key or the command line');
  assert.equal(anon.when, 'soon');
  assert.equal(anon.from, '');
});

test('an edit lists only the fields it changed, a retraction its reason', () => {
  const f = changedFields({ before: { id: 'x', confidence: 60, sources: ['a'], note: 'n' }, after: { id: 'y', confidence: 80, sources: ['a'] } });
  assert.deepEqual(f, [{ field: 'confidence', before: 60, after: 80 }, { field: 'note', before: 'n', after: undefined }]);
  const r = describeChange({ at: '2026-12-07T16:00:00Z', key: 'bob', action: 'retract', reason: 'misread the source',
    before: { status: 'active' }, after: { status: 'retracted' } });
  assert.equal(r.what, 'retracted');
  assert.equal(r.reason, 'misread the source');
  assert.equal(r.created, false);
  assert.deepEqual(r.fields, [{ field: 'status', before: 'active', after: 'retracted' }]);
});

test('values are written short', () => {
  assert.equal(brief(null), '—');
  assert.equal(brief(['a', 'b']), 'a, b');
  assert.equal(brief(['a', 'b', 'c', 'd', 'e']), 'a, b, c (+2)');
  assert.equal(brief('x'.repeat(100)).length, 80);
  assert.equal(brief(70), '70');
});
