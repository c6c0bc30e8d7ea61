import { test } from 'node:test';
import assert from 'node:assert/strict';
import { KINDS, kindStyle, shownKinds, OTHER_KIND } from '../static/js/palette.js';
import { shownCounts, summaryLine, edgeShown } from '../static/js/counts.js';
import { acceptedCandidate } from '../static/js/candidates.js';
import { encodeState, decodeState } from '../static/js/urlstate.js';

const view = (over = {}) => {
  const nodes = new Map([
    ['a', { id: 'a', kind: 'Group' }], ['b', { id: 'b', kind: 'Event' }], ['c', { id: 'c', kind: 'Location' }],
  ]);
  const edges = new Map([
    ['ab', { id: 'ab', type: 'CLAIMED', source: 'a', target: 'b', reportedOn: '2024-03-23' }],
    ['bc', { id: 'bc', type: 'LOCATED_IN', source: 'b', target: 'c' }],
    ['ac', { id: 'ac', type: 'CLAIMED', source: 'a', target: 'c', reportedOn: '2024-04-01' }],
  ]);
  return { nodes, edges, kindsOff: new Set(), relsOff: new Set(), asOf: null, ...over };
};

test('the kinds a request asks for when some are unticked', () => {
  assert.equal(shownKinds(new Set()), null);
  assert.deepEqual(shownKinds(new Set(['Event', 'Source'])), Object.keys(KINDS).filter((k) => k !== 'Event' && k !== 'Source'));
  assert.equal(kindStyle('Event'), KINDS.Event);
  assert.equal(kindStyle('toString'), OTHER_KIND); // no prototype lookups
});

test('the status line counts what each filter leaves drawn, at once', () => {
  assert.deepEqual(shownCounts(view()), { nodes: 3, edges: 3 });
  // A kind unticked hides its nodes and every edge touching them.
  assert.deepEqual(shownCounts(view({ kindsOff: new Set(['Location']) })), { nodes: 2, edges: 1 });
  assert.deepEqual(shownCounts(view({ relsOff: new Set(['CLAIMED']) })), { nodes: 3, edges: 1 });
  // The date slider hides edges reported later; undated edges stay.
  assert.deepEqual(shownCounts(view({ asOf: '2024-03-25' })), { nodes: 3, edges: 2 });
  assert.equal(summaryLine(view({ kindsOff: new Set(['Location']) })), '2 nodes, 1 edge shown');
  assert.equal(summaryLine(view({ nodes: new Map() })), '');
  const v = view();
  assert.equal(edgeShown(v, { type: 'X', source: 'a', target: 'missing' }), false);
});

test('an edited candidate shows what was accepted, not what the sentence proposed', () => {
  const c = { id: 'cand:1', type: 'CLAIMED', from: 'group:is-k', fromName: 'IS-K', to: 'event:x', toName: 'X',
    stance: 'claimed', confidence: 60, status: 'pending' };
  const res = { candidate: { ...c, status: 'accepted', edge: 'edge:1' },
    edge: { id: 'edge:1', type: 'ATTRIBUTED_TO', source: 'group:is-k', target: 'event:y', confidence: 85, stance: 'attributed' } };
  const got = acceptedCandidate(c, res, { confidence: 85, type: 'ATTRIBUTED_TO', to: 'event:y', stance: 'attributed' });
  assert.equal(got.status, 'accepted');
  assert.equal(got.edge, 'edge:1');
  assert.equal(got.confidence, 85);
  assert.equal(got.type, 'ATTRIBUTED_TO');
  assert.equal(got.stance, 'attributed');
  assert.equal(got.to, 'event:y');
  assert.equal(got.toName, undefined); // the old end's name is not kept
  assert.equal(got.fromName, 'IS-K');
  // Without edits the card is the API's candidate.
  assert.equal(acceptedCandidate(c, res).confidence, 60);
});

test('entities drawn on their own (after a review) are in the link', () => {
  const h = encodeState({ added: ['state:ua', 'event:x'], kindsOff: new Set(['Location']) });
  assert.ok(h.includes('n=state:ua,event:x'), h);
  const back = decodeState(h);
  assert.deepEqual(back.added, ['state:ua', 'event:x']);
  assert.deepEqual([...back.kindsOff], ['Location']);
  assert.deepEqual(decodeState('').added, []);
});
