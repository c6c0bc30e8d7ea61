import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createBus, newView, clearGraph } from '../static/js/store.js';
import { merge, edgeCounts, hiddenOf, neighbourCounts, removeNode, canonicalId } from '../static/js/merge.js';
import { activeCandidate, namer } from '../static/js/candidates.js';

test('the bus calls each subscriber in order; one that throws does not stop the others', () => {
  const errs = [];
  const bus = createBus((e) => errs.push(e.message));
  const got = [];
  bus.on('x', (p) => got.push('a' + p));
  bus.on('x', () => { throw new Error('boom'); });
  const off = bus.on('x', (p) => got.push('c' + p));
  bus.emit('x', 1);
  off();
  bus.emit('x', 2);
  bus.emit('nobody', 3);
  assert.deepEqual(got, ['a1', 'c1', 'a2']);
  assert.deepEqual(errs, ['boom', 'boom']);
  assert.equal(bus.count('x'), 2);
});

const nbrAnswer = {
  nodes: [
    { id: 'event:a', kind: 'Event', name: 'Attack', hidden: 3 },
    { id: 'group:g', kind: 'Group', name: 'G', aliases: ['GG'] },
    { id: 'source:s', kind: 'Source', name: 'Wire' },
    { id: 'source:lone', kind: 'Source', name: 'Lone' },
  ],
  edges: [
    { id: 'e1', type: 'CLAIMED', source: 'group:g', target: 'event:a' },
    { id: 'e2', type: 'CITES', source: 'event:a', target: 'source:s' },
    { id: 'e3', type: 'X', source: 'event:a', target: 'nowhere' },
  ],
};

test('merging a neighbour answer: badges count what is not drawn, links to sources do not count', () => {
  const v = newView();
  merge(v, nbrAnswer);
  assert.deepEqual([...v.nodes.keys()].sort(), ['event:a', 'group:g', 'source:s']); // a lone source only feeds the panel
  assert.ok(v.sources.has('source:lone'));
  assert.deepEqual([...v.edges.keys()].sort(), ['e1', 'e2']); // an edge to a node not drawn is left out
  assert.equal(v.total.get('event:a'), 4); // 3 hidden + 1 drawn (the source link does not count)
  assert.equal(edgeCounts(v).get('event:a'), 1);
  assert.equal(hiddenOf(v, 'event:a'), 3);
  assert.equal(hiddenOf(v, 'group:g'), null); // unknown: no neighbour answer for it
  assert.equal(neighbourCounts(v).get('event:a'), 2);
  assert.equal(canonicalId(newView(), 'GG', nbrAnswer), 'group:g');
  removeNode(v, 'group:g');
  assert.ok(!v.edges.has('e1'));
  assert.equal(hiddenOf(v, 'event:a'), 4);
  clearGraph(v);
  assert.equal(v.nodes.size + v.edges.size + v.expanded.length + v.added.length, 0);
});

test('the review cursor and the names a source answer gives', () => {
  const body = { candidates: [{ from: 'state:ua', fromName: 'Ukraine', to: 'new:1' }], newEntities: [{ ref: 'new:1', name: 'Crocus' }] };
  assert.equal(activeCandidate({ body, index: 0 }), body.candidates[0]);
  assert.equal(activeCandidate({ body, index: 5 }), null);
  assert.equal(activeCandidate({ body: null, index: 0 }), null);
  const nm = namer(body, (id) => 'fallback ' + id);
  assert.equal(nm('state:ua'), 'Ukraine');
  assert.equal(nm('new:1'), 'Crocus');
  assert.equal(nm('state:ru'), 'fallback state:ru');
});
