import { test } from 'node:test';
import assert from 'node:assert/strict';
import { encodeState, decodeState } from '../static/js/urlstate.js';

const graphView = {
  path: { from: 'group:is-k', to: 'state:tj', rel: ['MEMBER_OF', 'NATIONAL_OF'], stance: ['claimed'], evidence: 'quote',
    minConfidence: '60', knownOn: '2024-03-07', mode: 'ranked', maxDepth: '4' },
  all: true,
  expanded: ['event:2024-03-22-crocus-city-hall', 'group:is-k'],
  selected: 'group:is-k',
  kindsOff: new Set(['Source']),
  relsOff: new Set(['LOCATED_IN']),
  asOf: '2024-03-23',
};

test('a graph view survives the round trip through the URL', () => {
  const h = encodeState(graphView);
  assert.ok(h.includes('from=group:is-k'), h); // ids unescaped
  assert.ok(h.includes('rel=MEMBER_OF,NATIONAL_OF'), h);
  const back = decodeState('#' + h);
  assert.deepEqual(back.path, graphView.path);
  assert.equal(back.all, true);
  assert.deepEqual(back.expanded, graphView.expanded);
  assert.equal(back.selected, 'group:is-k');
  assert.deepEqual([...back.kindsOff], ['Source']);
  assert.deepEqual([...back.relsOff], ['LOCATED_IN']);
  assert.equal(back.asOf, '2024-03-23');
  assert.equal(back.src, null);
});

test('an empty view is an empty fragment, and defaults come back', () => {
  assert.equal(encodeState({ expanded: [], kindsOff: new Set(), relsOff: new Set() }), '');
  const s = decodeState('');
  assert.equal(s.path, null);
  assert.equal(s.all, false);
  assert.deepEqual(s.expanded, []);
});

test('what does not parse is dropped, not guessed', () => {
  const s = decodeState('from=a&to=b&stance=claimed,bogus&evidence=maybe&mode=weird&asOf=yesterday&span=9-3&src=source:x');
  assert.deepEqual(s.path.stance, ['claimed']);
  assert.equal(s.path.evidence, '');
  assert.equal(s.path.mode, 'shortest');
  assert.equal(s.asOf, null);
  assert.equal(s.src, 'source:x');
  assert.equal(s.span, null);
  assert.equal(decodeState('from=a').path, null); // one end is no query
});

test('a source with a span round-trips', () => {
  const h = encodeState({ src: 'source:seed-2024-03-25', span: { start: 120, end: 187 } });
  assert.equal(h, 'src=source:seed-2024-03-25&span=120-187');
  const s = decodeState(h);
  assert.equal(s.src, 'source:seed-2024-03-25');
  assert.deepEqual(s.span, { start: 120, end: 187 });
});

test('the analytics and the brokers survive the round trip', () => {
  const s = { expanded: ['group:is-k'], selected: 'group:is-k', second: 'state:tj', kindsOff: new Set(), relsOff: new Set(),
    sizeBy: 'pagerank', colorBy: 'community', brokers: { from: 'group:is-k', to: 'state:tj' } };
  const h = encodeState(s);
  assert.ok(h.includes('size=pagerank'), h);
  assert.ok(h.includes('color=community'), h);
  assert.ok(h.includes('brokers=group:is-k,state:tj'), h);
  assert.ok(h.includes('sel2=state:tj'), h);
  const back = decodeState('#' + h);
  assert.equal(back.sizeBy, 'pagerank');
  assert.equal(back.colorBy, 'community');
  assert.deepEqual(back.brokers, s.brokers);
  assert.equal(back.selected, 'group:is-k');
  assert.equal(back.second, 'state:tj');
  assert.equal(encodeState(back), h);
  // Off, they leave no trace.
  const none = decodeState('x=a');
  assert.equal(none.sizeBy, '');
  assert.equal(none.colorBy, '');
  assert.equal(none.brokers, null);
  assert.equal(none.second, null);
  assert.equal(encodeState(none), 'x=a');
});

test('analytics state that does not parse is dropped', () => {
  const s = decodeState('size=fame&color=rainbow&brokers=a&sel2=b');
  assert.equal(s.sizeBy, '');
  assert.equal(s.colorBy, '');
  assert.equal(s.brokers, null); // one end is no question
  assert.equal(s.second, null); // a second selection needs a first
  assert.equal(decodeState('brokers=a,a').brokers, null);
  assert.equal(decodeState('brokers=a,b,c').brokers, null);
  assert.equal(decodeState('size=betweenness').sizeBy, 'betweenness');
});

test('the layout rides in the link; the default and unknown names are left out', async () => {
  const { LAYOUTS } = await import('../static/js/urlstate.js');
  for (const l of LAYOUTS.slice(1)) {
    const h = encodeState({ expanded: ['group:is-k'], layout: l });
    assert.match(h, new RegExp(`layout=${l}`));
    assert.equal(decodeState(h).layout, l);
  }
  assert.doesNotMatch(encodeState({ expanded: ['a'], layout: 'force' }), /layout=/);
  assert.doesNotMatch(encodeState({ expanded: ['a'], layout: 'spiral' }), /layout=/);
  assert.equal(decodeState('x=a&layout=spiral').layout, 'force');
  assert.equal(decodeState('x=a').layout, 'force');
});
