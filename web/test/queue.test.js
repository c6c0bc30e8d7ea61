import test from 'node:test';
import assert from 'node:assert/strict';
import { queueBySource } from '../static/js/candidates.js';

test('the review queue is grouped by source, in the API order', () => {
  const q = [
    { id: 'c1', source: 'source:b' }, { id: 'c2', source: 'source:a' },
    { id: 'c3', source: 'source:b' }, { id: 'c4', source: 'source:c' }, { id: 'c5', source: 'source:a' },
  ];
  const g = queueBySource(q);
  assert.deepEqual(g.map((x) => x.source), ['source:b', 'source:a', 'source:c']);
  assert.deepEqual(g.map((x) => x.candidates.map((c) => c.id)), [['c1', 'c3'], ['c2', 'c5'], ['c4']]);
  assert.equal(g.reduce((n, x) => n + x.candidates.length, 0), q.length);
});

test('an empty or missing queue has no groups', () => {
  assert.deepEqual(queueBySource([]), []);
  assert.deepEqual(queueBySource(undefined), []);
});
