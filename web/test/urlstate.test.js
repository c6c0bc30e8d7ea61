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
