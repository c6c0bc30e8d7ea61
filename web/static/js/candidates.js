// candidates.js: the review's pure logic (unit-tested): what a candidate's
// card shows once accepted.

// acceptedCandidate is candidate c after the API accepted it with overrides o
// (type, from, to, stance, confidence edited before accepting) and answered
// res ({candidate, edge}). The API's candidate is what the sentence proposed;
// the card shows what was accepted: the edited fields win, and an edited end
// is named by the id the edge has (its name is looked up by the caller).
export function acceptedCandidate(c, res, o = {}) {
  const out = { ...c, ...(res?.candidate || { status: 'accepted' }) };
  for (const k of ['type', 'stance', 'confidence']) if (o[k] !== undefined && o[k] !== '') out[k] = o[k];
  if (o.from) {
    out.from = res?.edge?.source || o.from;
    delete out.fromName;
  }
  if (o.to) {
    out.to = res?.edge?.target || o.to;
    delete out.toName;
  }
  return out;
}

// activeCandidate is the candidate under the review cursor, or null.
export function activeCandidate(review) {
  return review.body?.candidates?.[review.index] || null;
}

// namer maps ids and new-entity refs to names, from what a source's answer
// body says, else by fallback.
export function namer(body, fallback = (id) => id) {
  const m = new Map();
  for (const c of body?.candidates || []) {
    if (c.fromName) m.set(c.from, c.fromName);
    if (c.toName) m.set(c.to, c.toName);
  }
  for (const n of body?.newEntities || []) m.set(n.ref, n.name);
  return (id) => m.get(id) || fallback(id);
}

// queueBySource groups the review queue (GET /api/v1/candidates, oldest
// source first) by source, in the API's order: [{source, candidates}], each
// source's candidates in the API's order.
export function queueBySource(cands) {
  const by = new Map();
  for (const c of cands || []) {
    if (!by.has(c.source)) by.set(c.source, { source: c.source, candidates: [] });
    by.get(c.source).candidates.push(c);
  }
  return [...by.values()];
}
