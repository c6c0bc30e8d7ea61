import { test } from 'node:test';
import assert from 'node:assert/strict';
import { exportRequest, csvField, toCSV, NODE_COLUMNS, EDGE_COLUMNS, queryString } from '../static/js/format.js';
import { KINDS } from '../static/js/palette.js';

const schema = { relationships: [{ type: 'MEMBER_OF', count: 3 }, { type: 'LOCATED_IN', count: 2 }, { type: 'UNUSED', count: 0 }] };
const base = (over = {}) => ({ path: null, all: false, expanded: [], added: [], brokers: null,
  kindsOff: new Set(), relsOff: new Set(), schema, ...over });

test('an export asks the API for the answer the view is, with its filters', () => {
  const path = { from: 'group:is-k', to: 'state:tj', rel: ['MEMBER_OF'], stance: [], evidence: 'quote', minConfidence: '60',
    knownOn: '', mode: 'shortest', maxDepth: '' };
  const p = exportRequest(base({ path }));
  assert.equal(p.path, '/paths/shortest');
  assert.equal(queryString(p.params), 'from=group%3Ais-k&to=state%3Atj&rel=MEMBER_OF&evidence=quote&minConfidence=60&all=true');
  assert.match(p.covers, /path answer/);
  assert.equal(exportRequest(base({ path: { ...path, mode: 'ranked' } })).path, '/paths');

  const n = exportRequest(base({ expanded: ['event:x'], kindsOff: new Set(['Source']) }));
  assert.equal(n.path, '/entities/event%3Ax/neighbors');
  assert.deepEqual(n.params.kind, Object.keys(KINDS).filter((k) => k !== 'Source'));
  assert.equal(n.params.depth, 1);

  const g = exportRequest(base({ all: true, relsOff: new Set(['LOCATED_IN']) }));
  assert.equal(g.path, '/graph');
  assert.deepEqual(g.params.rel, ['MEMBER_OF']); // the unused type is no filter
  assert.equal(g.params.kind, undefined);
  assert.doesNotMatch(g.covers, /combines/);

  // Several answers combined: the graph under the filters, and the words say so.
  for (const v of [base({ path, expanded: ['event:x'] }), base({ expanded: ['a', 'b'] }), base({ expanded: ['a'], brokers: { from: 'a', to: 'b' } })]) {
    const c = exportRequest(v);
    assert.equal(c.path, '/graph');
    assert.match(c.covers, /combines several answers/);
  }
});

test('CSV fields are written as the importer reads them', () => {
  assert.equal(csvField('plain'), 'plain');
  assert.equal(csvField(80), '80');
  assert.equal(csvField(false), 'false');
  assert.equal(csvField(undefined), '');
  assert.equal(csvField(null), '');
  assert.equal(csvField(['ISIS-K', 'ISKP']), 'ISIS-K|ISKP');
  assert.equal(csvField({}), '');
  assert.equal(csvField({ a: 1 }), '"{""a"":1}"');
  assert.equal(csvField('said "no", twice'), '"said ""no"", twice"');
  assert.equal(csvField('two\nlines'), '"two\nlines"');
  assert.equal(csvField(' padded'), '" padded"');
});

test('a CSV has the importer\'s header and one line per row', () => {
  const csv = toCSV(NODE_COLUMNS, [{ id: 'group:is-k', kind: 'Group', name: 'IS-K, the affiliate', aliases: ['ISKP'], properties: { founded: '2015' } }]);
  assert.equal(csv, 'id,kind,name,aliases,properties\r\ngroup:is-k,Group,"IS-K, the affiliate",ISKP,"{""founded"":""2015""}"\r\n');
  assert.equal(EDGE_COLUMNS.length, 20);
  assert.ok(['type', 'source', 'target', 'evidence', 'sources', 'confidence', 'stance'].every((c) => EDGE_COLUMNS.includes(c)));
  assert.equal(toCSV(['a'], []), 'a\r\n');
});
