import test from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { SHORTCUTS, reviewKeys } from '../static/js/shortcuts.js';

const src = (name) => readFileSync(new URL(`../static/js/${name}`, import.meta.url), 'utf8');

test('the help lists exactly the keys the review answers', () => {
  // review.js's onKey: `const act = { j: ..., ArrowDown: ..., ... }[ev.key]`
  const body = /const act = \{([\s\S]*?)\}\[ev\.key\]/.exec(src('review.js'));
  assert.ok(body, 'review.js has its key table');
  const keys = [...body[1].matchAll(/(?:^|[\s,{])([A-Za-z]+):\s*\(/g)].map((m) => m[1]).sort();
  assert.ok(keys.length >= 9, `found the review keys ${keys}`);
  assert.deepEqual(reviewKeys(), keys);
});

test('the keys listed anywhere are handled by the page', () => {
  const app = src('app.js');
  assert.match(app, /ev\.key === '\/'/);
  assert.match(app, /ev\.key === '\?'/);
  assert.match(app, /ev\.key === 'p'/);
  assert.match(app, /k === 'z'/);
  assert.match(app, /\['f', 'n', 'N'\]/);
  const finder = src('finder.js');
  for (const k of ['Enter', 'Escape']) assert.match(finder, new RegExp(`ev\\.key === '${k}'`));
  assert.match(app, /undoView\(\)/);
  assert.match(app, /redoView\(\)/);
  const pf = src('pathfinder.js');
  for (const k of ['ArrowDown', 'ArrowUp', 'Enter', 'Escape']) assert.match(pf, new RegExp(`ev\\.key === '${k}'`));
});

test('every shortcut has keys and words', () => {
  for (const g of SHORTCUTS) {
    assert.ok(g.where && g.items.length);
    for (const i of g.items) assert.ok(i.keys.length && i.what, JSON.stringify(i));
  }
});
