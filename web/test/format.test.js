// Unit tests of the explorer's pure functions: node --test web/test/
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  shortName, LABEL_MAX, evidenceLevel, quoteSpan, sourceHash, codePointIndex, sliceCodePoints, segments,
  mentionClass, mentionLabel, pathParams, queryString, stanceSummary, datedList, safeURL, STANCES, groupCandidates,
} from '../static/js/format.js';

test('shortName keeps short names and cuts long ones at a word', () => {
  assert.equal(shortName('IS-K'), 'IS-K');
  const long = 'Islamic State Khorasan Province and its many affiliated groups';
  const s = shortName(long);
  assert.ok(s.length <= LABEL_MAX, s);
  assert.ok(s.endsWith('…'));
  assert.ok(long.startsWith(s.slice(0, -1)), s);
  assert.equal(shortName(null), '');
});

test('evidenceLevel labels the three levels and marks only quotes as verified', () => {
  const q = evidenceLevel({ evidence: 'quote', quote: 'Q' });
  assert.deepEqual([q.level, q.label, q.verified, q.words, q.isQuote], ['quote', 'verified quote ✓', true, 'Q', true]);
  const r = evidenceLevel({ evidence: 'reported-quote', quote: 'R' });
  assert.deepEqual([r.level, r.label, r.verified, r.words], ['reported-quote', 'reported quote (not checked)', false, 'R']);
  const s = evidenceLevel({ evidence: 'summary', quote: '', summary: 'S' });
  assert.deepEqual([s.level, s.label, s.verified, s.words, s.isQuote], ['summary', 'curator summary', false, 'S', false]);
  // An answer that does not state the level is not shown as verified.
  assert.equal(evidenceLevel({ quote: 'x' }).verified, false);
  assert.equal(evidenceLevel({ quote: 'x' }).level, 'unknown');
  assert.equal(evidenceLevel(undefined).level, 'none');
});

test('quoteSpan opens only verified quotes with sane offsets', () => {
  const ev = { evidence: 'quote', quoteSource: 'source:a', quoteStart: 4, quoteEnd: 9 };
  assert.deepEqual(quoteSpan(ev), { source: 'source:a', start: 4, end: 9 });
  assert.equal(quoteSpan({ ...ev, evidence: 'reported-quote' }), null);
  assert.equal(quoteSpan({ ...ev, quoteEnd: 4 }), null);
  assert.equal(quoteSpan({ ...ev, quoteStart: undefined }), null);
  assert.equal(quoteSpan({ ...ev, quoteSource: '' }), null);
  assert.equal(sourceHash('source:a', { start: 4, end: 9 }), '#src=source:a&span=4-9');
  assert.equal(sourceHash('source:a b'), '#src=source:a+b');
});

test('code point offsets map to string offsets past astral characters', () => {
  const text = 'a😀b — Moscow';
  const at = codePointIndex(text);
  assert.equal(at(0), 0);
  assert.equal(at(2), 3); // after the emoji (two UTF-16 units)
  assert.equal(sliceCodePoints(text, 1, 2), '😀');
  assert.equal(sliceCodePoints(text, 6, 12), 'Moscow');
  assert.equal(at(99), text.length); // clipped
});

test('segments cut the text at span bounds, with overlaps and nesting', () => {
  const text = 'IS-K claimed the attack on Crocus.';
  const m1 = { start: 0, end: 4, id: 'm1' };
  const m2 = { start: 27, end: 33, id: 'm2' };
  const sent = { start: 0, end: 34, id: 'sent' };
  const pieces = segments(text, [m1, m2, sent]);
  assert.equal(pieces.map((p) => p.text).join(''), text);
  assert.deepEqual(pieces.map((p) => p.text), ['IS-K', ' claimed the attack on ', 'Crocus', '.']);
  assert.deepEqual(pieces[0].spans.map((s) => s.span.id), ['m1', 'sent']);
  assert.deepEqual(pieces[0].spans.map((s) => [s.first, s.last]), [[true, true], [true, false]]);
  assert.deepEqual(pieces[3].spans.map((s) => [s.span.id, s.first, s.last]), [['sent', false, true]]);
  // Overlapping spans split each other; empty and out-of-range spans are harmless.
  const o = segments('abcdef', [{ start: 1, end: 4 }, { start: 3, end: 6 }, { start: 2, end: 2 }, { start: 5, end: 99 }]);
  assert.deepEqual(o.map((p) => [p.text, p.spans.length]), [['a', 0], ['bc', 1], ['d', 2], ['e', 1], ['f', 2]]);
  assert.deepEqual(segments('', []), []);
  // Offsets count code points, not UTF-16 units.
  const e = segments('😀 Tajik', [{ start: 2, end: 7 }]);
  assert.deepEqual(e.map((p) => p.text), ['😀 ', 'Tajik']);
});

test('mentions are linked, ambiguous or new, and say so in words', () => {
  const linked = { text: 'IS-K', entity: 'group:is-k', options: [] };
  const amb = { text: 'Moscow', entity: null, options: ['location:moscow', 'event:moscow'] };
  const nw = { text: 'Mr X', entity: null, options: [], newEntity: 'new:mr-x' };
  assert.deepEqual([linked, amb, nw, {}].map(mentionClass), ['linked', 'ambiguous', 'new', 'unlinked']);
  const nm = (id) => ({ 'group:is-k': 'Islamic State – Khorasan Province' }[id] || id);
  assert.equal(mentionLabel(linked, nm), 'linked to Islamic State – Khorasan Province (group:is-k)');
  assert.match(mentionLabel(amb), /^ambiguous: location:moscow .* or event:moscow/);
  assert.equal(mentionLabel(nw), 'new entity proposed: new:mr-x');
});

test('pathParams sends stance and evidence only when set, and the mode', () => {
  const q = { from: 'IS-K', to: 'Tajikistan', rel: [], stance: [], evidence: '', minConfidence: '', knownOn: '', mode: 'shortest', maxDepth: '' };
  assert.equal(queryString(pathParams(q)), 'from=IS-K&to=Tajikistan&all=true');
  const r = { ...q, stance: ['claimed', 'attributed'], evidence: 'quote', mode: 'ranked', rel: ['MEMBER_OF'] };
  assert.equal(queryString(pathParams(r)), 'from=IS-K&to=Tajikistan&rel=MEMBER_OF&stance=claimed&stance=attributed&evidence=quote&limit=5');
});

test('stanceSummary, datedList and safeURL', () => {
  assert.equal(stanceSummary(STANCES), 'all');
  assert.equal(stanceSummary([]), 'none');
  assert.equal(stanceSummary(['claimed', 'denied']), 'claimed, denied');
  assert.deepEqual(datedList([{ reportedOn: '2024-03-23' }, {}, { reportedOn: '2024-03-22' }, { reportedOn: '2024-03-23' }]), ['2024-03-22', '2024-03-23']);
  assert.equal(safeURL('javascript:alert(1)', 'http://x/'), null);
  assert.equal(safeURL('/a', 'http://x/'), 'http://x/a');
  assert.equal(safeURL('https://e.org/p?q=1'), 'https://e.org/p?q=1');
  assert.equal(safeURL('::', undefined), null);
});

test('groupCandidates groups by type, from and to, most first, with the corroborated edge', () => {
  const c = (id, type, from, to, extra = {}) => ({ id, type, from, to, fromName: from.toUpperCase(), toName: to.toUpperCase(), ...extra });
  const cands = [
    c('1', 'DENIED', 'state:ua', 'event:x'),
    c('2', 'CLAIMED', 'group:b', 'event:x'),
    c('3', 'CLAIMED', 'group:b', 'event:x', { corroborates: 'CLAIMED:group:b->event:x' }),
    c('4', 'CLAIMED', 'group:a', 'event:x'),
  ];
  const gs = groupCandidates(cands);
  assert.deepEqual(gs.map((g) => g.candidates.map((x) => x.id)), [['2', '3'], ['4'], ['1']]);
  assert.deepEqual(gs[0].at, [1, 2]);
  assert.equal(gs[0].corroborates, 'CLAIMED:group:b->event:x');
  assert.equal(gs[1].corroborates, null);
  assert.deepEqual(groupCandidates(undefined), []);
});
