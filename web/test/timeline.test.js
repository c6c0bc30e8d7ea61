import { test } from 'node:test';
import assert from 'node:assert/strict';
import { dayOf, dateOf, timelineItems, extent, bins, rangeOf, inRange, stepRange, rangeItems, parseRange } from '../static/js/timebins.js';
import { shownCounts } from '../static/js/counts.js';
import { encodeState, decodeState } from '../static/js/urlstate.js';

const view = (over = {}) => ({
  nodes: new Map([
    ['g', { id: 'g', kind: 'Group' }],
    ['e1', { id: 'e1', kind: 'Event', properties: { date: '2024-03-22' } }],
    ['e2', { id: 'e2', kind: 'Event', properties: { date: '2024-06-01' } }],
    ['e3', { id: 'e3', kind: 'Event' }],
    ['p', { id: 'p', kind: 'Person', properties: { date: '2020-01-01' } }],
  ]),
  edges: new Map([
    ['a', { id: 'a', type: 'CLAIMED', source: 'g', target: 'e1', reportedOn: '2024-03-25' }],
    // validFrom dates an edge before reportedOn, as the API's timeline does.
    ['b', { id: 'b', type: 'MEMBER_OF', source: 'p', target: 'g', validFrom: '2015-01-01', reportedOn: '2024-04-01' }],
    ['c', { id: 'c', type: 'LOCATED_IN', source: 'e2', target: 'g' }],
    ['d', { id: 'd', type: 'CLAIMED', source: 'g', target: 'e2', reportedOn: '2024-06-03' }],
  ]),
  kindsOff: new Set(), relsOff: new Set(), asOf: null, timeRange: null, ...over,
});

test('days and dates convert both ways; partial dates are their first day', () => {
  assert.equal(dayOf('1970-01-02'), 1);
  assert.equal(dateOf(dayOf('2024-02-29')), '2024-02-29');
  assert.equal(dayOf('2024'), dayOf('2024-01-01'));
  assert.equal(dayOf('2024-03'), dayOf('2024-03-01'));
  assert.equal(dayOf('2024-03-22T10:00:00Z'), dayOf('2024-03-22'));
  assert.ok(Number.isNaN(dayOf('')));
  assert.ok(Number.isNaN(dayOf('soon')));
});

test('the timeline lists dated events and edges, oldest first, dated as the API dates them', () => {
  const items = timelineItems(view());
  assert.deepEqual(items.map((i) => `${i.what}:${i.id}:${i.date}`), [
    'relationship:b:2015-01-01', // validFrom, not reportedOn
    'event:e1:2024-03-22',
    'relationship:a:2024-03-25',
    'event:e2:2024-06-01',
    'relationship:d:2024-06-03',
  ]); // no undated edge (c) or event (e3), and a dated Person is no event
  const same = timelineItems({ nodes: new Map([['x', { id: 'x', kind: 'Event', properties: { date: '2024-01-01' } }]]),
    edges: new Map([['y', { id: 'y', source: 'x', target: 'x', reportedOn: '2024-01-01' }]]) });
  assert.deepEqual(same.map((i) => i.what), ['event', 'relationship']);
});

test('bins count each item once, the last day in the last bin', () => {
  const items = timelineItems(view());
  const ext = extent(items);
  assert.deepEqual(ext, { min: dayOf('2015-01-01'), max: dayOf('2024-06-03') });
  const b = bins(items, ext, 4);
  assert.equal(b.length, 4);
  assert.equal(b.reduce((s, x) => s + x.events, 0), 2);
  assert.equal(b.reduce((s, x) => s + x.relationships, 0), 3);
  assert.equal(b[0].relationships, 1);
  assert.deepEqual([b[3].events, b[3].relationships], [2, 2]);
  assert.equal(b[0].from, ext.min);
  assert.equal(b[3].to, ext.max);
  // One day alone still makes an axis.
  assert.deepEqual(extent([{ day: 5 }]), { min: 5, max: 6 });
  assert.equal(extent([]), null);
  assert.deepEqual(bins([], null, 4), []);
});

test('a brush becomes a range of whole days, in either direction, clamped to the axis', () => {
  const ext = { min: dayOf('2024-01-01'), max: dayOf('2024-01-11') };
  assert.deepEqual(rangeOf(0, 100, 100, ext), { from: '2024-01-01', to: '2024-01-11' });
  assert.deepEqual(rangeOf(50, 20, 100, ext), { from: '2024-01-03', to: '2024-01-06' });
  assert.deepEqual(rangeOf(-30, 500, 100, ext), { from: '2024-01-01', to: '2024-01-11' });
});

test('a range keeps the items dated in it; undated ones are outside every range', () => {
  const r = { from: '2024-03-01', to: '2024-03-31' };
  assert.equal(inRange('2024-03-01', r), true);
  assert.equal(inRange('2024-03-31', r), true);
  assert.equal(inRange('2024-04-01', r), false);
  assert.equal(inRange('', r), false);
  assert.equal(inRange('', null), true);
  assert.deepEqual(rangeItems(timelineItems(view()), r), { events: 1, relationships: 1 });
  // The canvas and the status line: events out of the range go, with their
  // edges; undated edges go; actors stay.
  assert.deepEqual(shownCounts(view()), { nodes: 5, edges: 4 });
  assert.deepEqual(shownCounts(view({ timeRange: r })), { nodes: 3, edges: 1 });
  assert.deepEqual(shownCounts(view({ timeRange: { from: '2015-01-01', to: '2015-01-01' } })), { nodes: 2, edges: 1 });
});

test('playback steps the range forward, keeping its length, and ends after the last day', () => {
  const ext = { min: dayOf('2024-01-01'), max: dayOf('2024-01-31') };
  const first = stepRange(null, ext, 3);
  assert.deepEqual(first, { from: '2024-01-01', to: '2024-01-06' });
  const next = stepRange(first, ext, 3);
  assert.deepEqual(next, { from: '2024-01-04', to: '2024-01-09' });
  let r = next;
  let steps = 0;
  for (let s = stepRange(r, ext, 3); s; s = stepRange(r, ext, 3)) {
    assert.equal(dayOf(s.to) - dayOf(s.from), 5);
    assert.ok(dayOf(s.from) > dayOf(r.from));
    r = s;
    steps++;
  }
  assert.ok(steps > 3 && dayOf(r.to) >= ext.max, `ended at ${r.to} after ${steps} steps`);
  assert.equal(stepRange(null, null, 1), null);
});

test('the range rides in the URL and a bad one is dropped', () => {
  assert.deepEqual(parseRange('2024-03-01..2024-03-31'), { from: '2024-03-01', to: '2024-03-31' });
  assert.equal(parseRange('2024-03-31..2024-03-01'), null);
  assert.equal(parseRange('2024-03-01'), null);
  const h = encodeState({ expanded: ['group:is-k'], timeRange: { from: '2024-03-01', to: '2024-03-31' } });
  assert.match(h, /time=2024-03-01\.\.2024-03-31/);
  assert.deepEqual(decodeState(h).timeRange, { from: '2024-03-01', to: '2024-03-31' });
  assert.equal(decodeState('x=a&time=junk').timeRange, null);
});
