import { test } from 'node:test';
import assert from 'node:assert/strict';
import { newView } from '../static/js/store.js';
import { findShown, stepMatch, matchWords, fold } from '../static/js/viewsearch.js';

function sample() {
  const v = newView();
  for (const n of [
    { id: 'group:is-k', kind: 'Group', name: 'Islamic State – Khorasan Province', aliases: ['ISIS-K', 'ISKP'] },
    { id: 'state:tj', kind: 'State', name: 'Tajikistan', aliases: ['Republic of Tajikistan'] },
    { id: 'nat:tajik', kind: 'Nationality', name: 'Tajik' },
    { id: 'state:ru', kind: 'State', name: 'Russia', aliases: ['Russian Federation'] },
    { id: 'person:x', kind: 'Person', name: 'Dalerdžon Mirzojev' },
  ]) v.nodes.set(n.id, n);
  return v;
}

test('names match first, then aliases, each in name order; case and accents ignored', () => {
  const v = sample();
  assert.deepEqual(findShown(v, 'TAJIK'), ['nat:tajik', 'state:tj']);
  assert.deepEqual(findShown(v, 'isis-k'), ['group:is-k'], 'by an alias');
  assert.deepEqual(findShown(v, 'dalerdzon'), ['person:x'], 'accents ignored');
  assert.deepEqual(findShown(v, 'state'), ['group:is-k']);
  assert.deepEqual(findShown(v, 'republic'), ['state:tj']);
  assert.deepEqual(findShown(v, 'an'), ['group:is-k', 'state:tj', 'state:ru'], 'Islamic..., Tajikistan by name, then Russia by its alias');
  assert.deepEqual(findShown(v, '  '), []);
  assert.deepEqual(findShown(v, 'nowhere'), []);
  assert.equal(fold('Tadžikistán'), 'tadzikistan');
});

test('only the nodes the filters leave drawn match', () => {
  const v = sample();
  v.kindsOff.add('Nationality');
  assert.deepEqual(findShown(v, 'tajik'), ['state:tj']);
  v.kindsOff.add('State');
  assert.deepEqual(findShown(v, 'tajik'), []);
});

test('n and N wrap around the matches', () => {
  assert.equal(stepMatch(0, 3, 1), 1);
  assert.equal(stepMatch(2, 3, 1), 0);
  assert.equal(stepMatch(0, 3, -1), 2);
  assert.equal(stepMatch(-1, 3, 1), 0);
  assert.equal(stepMatch(-1, 3, -1), 2);
  assert.equal(stepMatch(0, 0, 1), -1);
  assert.equal(matchWords('taj', 5, 1), '2 of 5');
  assert.equal(matchWords('taj', 0, -1), 'no match');
  assert.equal(matchWords('', 0, -1), '');
});
