// viewsearch.js: search within the view (pure; unit-tested in
// web/test/viewsearch.test.js): the nodes drawn (what the filters leave,
// counts.js) whose name or an alias holds the words typed, ignoring case and
// accents; names matched first, then aliases, each in name order.
import { nodeShown } from './counts.js';

// fold is s in lower case without accents ("Tadžikistán" -> "tadzikistan").
export const fold = (s) => String(s ?? '').normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();

// findShown answers the ids of v's drawn nodes matching q ([] for a blank q).
export function findShown(v, q) {
  const f = fold(q).trim();
  if (!f) return [];
  const byName = [];
  const byAlias = [];
  for (const n of v.nodes.values()) {
    if (!nodeShown(v, n)) continue;
    if (fold(n.name).includes(f)) byName.push(n);
    else if ((n.aliases || []).some((a) => fold(a).includes(f))) byAlias.push(n);
  }
  const order = (a, b) => fold(a.name).localeCompare(fold(b.name)) || a.id.localeCompare(b.id);
  return [...byName.sort(order), ...byAlias.sort(order)].map((n) => n.id);
}

// stepMatch is the index after i (dir 1) or before it (dir -1) among count
// matches, wrapping around; -1 with none.
export function stepMatch(i, count, dir) {
  if (!count) return -1;
  if (i < 0) return dir < 0 ? count - 1 : 0;
  return (((i + dir) % count) + count) % count;
}

// matchWords is the counter beside the field: "2 of 5", "no match", ''.
export function matchWords(q, count, i) {
  if (!fold(q).trim()) return '';
  if (!count) return 'no match';
  return `${i + 1} of ${count}`;
}
