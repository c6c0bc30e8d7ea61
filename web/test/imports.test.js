import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { check, findCycles } from '../check/imports.mjs';

test('the import check finds a cycle, a missing export and a missing file', () => {
  const dir = mkdtempSync(join(tmpdir(), 'imports-'));
  writeFileSync(join(dir, 'a.js'), "import { b } from './b.js';\nexport const a = b;\n");
  writeFileSync(join(dir, 'b.js'), "import { a } from './a.js';\nimport { nope } from './c.js';\nimport { x } from './gone.js';\nexport const b = () => a + nope + x;\n");
  writeFileSync(join(dir, 'c.js'), 'export const c = 1;\n');
  const problems = check(dir);
  assert.ok(problems.some((p) => /^import cycle: (a\.js -> b\.js -> a\.js|b\.js -> a\.js -> b\.js)$/.test(p)), problems.join('\n'));
  assert.ok(problems.some((p) => p.includes('imports nope from ./c.js, which does not export it')), problems.join('\n'));
  assert.ok(problems.some((p) => p.includes('imports ./gone.js, which does not exist')), problems.join('\n'));
});

test('the explorer\'s own modules have no import cycle', () => {
  assert.deepEqual(check(new URL('../static/js', import.meta.url).pathname), []);
  assert.deepEqual(findCycles(new Map([['a', ['b']], ['b', ['c']], ['c', []]])), []);
});
