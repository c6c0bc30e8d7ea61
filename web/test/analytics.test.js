import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sizeScale, SIZE, communityColors, communityLegend, COMMUNITY_COLORS, OTHER_COMMUNITY,
  matchPaths, brokerMarks, brokerSubgraph, pathKey, percent } from '../static/js/analytics.js';

test('a centrality maps onto node sizes: lowest min, highest max, area by score', () => {
  const s = sizeScale([{ id: 'a', score: 0.5 }, { id: 'b', score: 0.1 }, { id: 'c', score: 0.3 }, { id: 'd', score: 0.1 }]);
  assert.equal(s.get('a'), SIZE.max);
  assert.equal(s.get('b'), SIZE.min);
  assert.equal(s.get('d'), SIZE.min);
  // Half way in score is sqrt(1/2) of the way in width: the area is halved.
  assert.equal(s.get('c'), Math.round((SIZE.min + (SIZE.max - SIZE.min) * Math.SQRT1_2) * 10) / 10);
  assert.ok(s.get('a') > s.get('c') && s.get('c') > s.get('b'));
  // Equal scores: one size for all, neither extreme; nothing to scale: nothing.
  const eq = sizeScale([{ id: 'x', score: 2 }, { id: 'y', score: 2 }]);
  assert.equal(eq.get('x'), eq.get('y'));
  assert.ok(eq.get('x') > SIZE.min && eq.get('x') < SIZE.max);
  assert.equal(sizeScale([]).size, 0);
  assert.equal(sizeScale(undefined).size, 0);
  assert.equal(sizeScale([{ id: 'n', score: NaN }]).size, 0);
  assert.equal(sizeScale([{ id: 'a', score: 1 }, { id: 'b', score: 0 }], { min: 10, max: 20 }).get('a'), 20);
});

const communities = {
  communities: Array.from({ length: 12 }, (_, i) => ({ id: 100 + i, size: 12 - i, members: [`m${i}a`, `m${i}b`], central: [`m${i}a`] })),
};

test('the largest communities get distinct colours, the rest one grey', () => {
  const c = communityColors(communities);
  assert.equal(c.get('m0a').color, COMMUNITY_COLORS[0]);
  assert.equal(c.get('m0b').color, COMMUNITY_COLORS[0]);
  assert.equal(c.get('m1a').color, COMMUNITY_COLORS[1]);
  assert.equal(c.get('m1a').id, 101);
  assert.equal(c.get('m9a').color, COMMUNITY_COLORS[9]);
  assert.equal(c.get('m10a').color, OTHER_COMMUNITY);
  assert.equal(c.get('m11b').color, OTHER_COMMUNITY);
  assert.equal(new Set(COMMUNITY_COLORS).size, COMMUNITY_COLORS.length);
  assert.ok(!COMMUNITY_COLORS.includes(OTHER_COMMUNITY));
  assert.equal(communityColors(null).size, 0);
});

test('the community legend lists the coloured ones and folds the rest', () => {
  const rows = communityLegend(communities, new Set(['m0a', 'm0b', 'm1a', 'm11a']));
  assert.equal(rows.length, COMMUNITY_COLORS.length + 1);
  assert.deepEqual(rows[0], { index: 0, color: COMMUNITY_COLORS[0], size: 12, central: ['m0a'], inView: 2 });
  assert.equal(rows[1].inView, 1);
  const other = rows.at(-1);
  assert.equal(other.index, -1);
  assert.equal(other.communities, 2);
  assert.equal(other.size, 2 + 1);
  assert.equal(other.inView, 1);
  assert.deepEqual(communityLegend({ communities: [] }), []);
});

const brokers = {
  from: 'a', to: 'd', paths: 3,
  brokers: [
    { id: 'b', share: 2 / 3, sources: 2, paths: [['ab', 'bd'], ['ab', 'bc', 'cd']] },
    { id: 'c', share: 1 / 3, sources: 1, paths: [['ab', 'bc', 'cd']] },
  ],
};
const ranked = {
  nodes: ['a', 'b', 'c', 'd', 'e'].map((id) => ({ id })),
  edges: [['ab', 'a', 'b'], ['bd', 'b', 'd'], ['bc', 'b', 'c'], ['cd', 'c', 'd'], ['ad', 'a', 'd'], ['ae', 'a', 'e']]
    .map(([id, source, target]) => ({ id, source, target })),
  paths: [
    { edges: ['ad'], hops: [{ edge: 'ad' }] },
    { edges: ['ab', 'bd'], hops: [{ edge: 'ab', quote: 'q1' }, { edge: 'bd' }] },
    { edges: ['ab', 'bc', 'cd'], hops: [{ edge: 'ab' }, { edge: 'bc' }, { edge: 'cd' }] },
  ],
  sources: [{ id: 'source:s' }],
};

test("each broker's path is matched with the ranked path carrying its evidence", () => {
  const m = matchPaths(brokers, ranked);
  assert.equal(m.size, 2);
  assert.equal(m.get(pathKey(['ab', 'bd'])).hops[0].quote, 'q1');
  assert.equal(m.get(pathKey(['ab', 'bc', 'cd'])).hops.length, 3);
  assert.equal(m.has(pathKey(['ad'])), false); // no broker on a direct path
  // The same ids in another order are another path.
  assert.equal(matchPaths({ brokers: [{ paths: [['bd', 'ab']] }] }, ranked).size, 0);
});

test('the brokers, the ends and their paths are marked; a focus keeps one broker\'s paths', () => {
  const all = brokerMarks(brokers);
  assert.deepEqual([...all.brokers], ['b', 'c']);
  assert.deepEqual([...all.ends].sort(), ['a', 'd']);
  assert.deepEqual([...all.edges].sort(), ['ab', 'bc', 'bd', 'cd']);
  const one = brokerMarks(brokers, 'c');
  assert.deepEqual([...one.brokers], ['b', 'c']);
  assert.deepEqual([...one.edges].sort(), ['ab', 'bc', 'cd']);
  assert.equal(brokerMarks(null).edges.size, 0);
});

test('the view draws the nodes and relationships of the brokers\' paths only', () => {
  const g = brokerSubgraph(brokers, ranked);
  assert.deepEqual(g.edges.map((e) => e.id).sort(), ['ab', 'bc', 'bd', 'cd']);
  assert.deepEqual(g.nodes.map((n) => n.id).sort(), ['a', 'b', 'c', 'd']);
  assert.deepEqual(g.sources, ranked.sources);
  assert.equal(percent(2 / 3), '67%');
});
