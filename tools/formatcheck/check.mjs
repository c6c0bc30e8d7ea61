// check.mjs loads an actorgraph export with the libraries a frontend uses and
// prints what they saw as one JSON line:
//   {"format":"cytoscape","nodes":5,"edges":4,"pathElements":7,"nodeIds":[...],"edgeIds":[...]}
// Usage: node check.mjs FILE cytoscape|d3. Exits non-zero when the library
// rejects the file or warns about it.
import { readFileSync } from 'node:fs';
import cytoscape from 'cytoscape';
import { forceLink, forceManyBody, forceSimulation } from 'd3-force';

const [file, format] = process.argv.slice(2);
if (!file || !['cytoscape', 'd3'].includes(format)) {
  console.error('usage: node check.mjs FILE cytoscape|d3');
  process.exit(2);
}

// Both libraries report some bad input on the console instead of throwing.
for (const level of ['warn', 'error']) {
  console[level] = (...args) => {
    throw new Error(`${format} ${level}: ${args.join(' ')}`);
  };
}

function fail(msg) {
  process.stderr.write(`${file}: ${msg}\n`);
  process.exit(1);
}

function checkCytoscape(body) {
  if (!body.elements || !Array.isArray(body.elements.nodes) || !Array.isArray(body.elements.edges)) {
    fail('want {"elements":{"nodes":[...],"edges":[...]}}');
  }
  const cy = cytoscape({ headless: true, styleEnabled: false, elements: body.elements });
  const added = cytoscape({ headless: true, styleEnabled: false });
  added.add(body.elements);
  if (added.nodes().length !== cy.nodes().length || added.edges().length !== cy.edges().length) {
    fail(`cy.add loaded ${added.nodes().length}/${added.edges().length} elements, cytoscape({elements}) ${cy.nodes().length}/${cy.edges().length}`);
  }
  cy.edges().forEach((e) => {
    if (e.source().empty() || e.target().empty()) fail(`edge ${e.id()} has no source or target`);
  });
  const onPath = cy.elements('.path');
  onPath.forEach((el) => {
    const ranks = el.data('pathRanks');
    if (!Array.isArray(ranks) || ranks.length === 0) fail(`${el.id()} has class path but no pathRanks`);
  });
  return {
    nodes: cy.nodes().length,
    edges: cy.edges().length,
    pathElements: onPath.length,
    nodeIds: cy.nodes().map((n) => n.id()),
    edgeIds: cy.edges().map((e) => e.id()),
  };
}

function checkD3(body) {
  if (!Array.isArray(body.nodes) || !Array.isArray(body.links)) fail('want {"nodes":[...],"links":[...]}');
  const linkIds = body.links.map((l) => l.id);
  const sim = forceSimulation(body.nodes)
    .force('link', forceLink(body.links).id((d) => d.id))
    .force('charge', forceManyBody())
    .stop();
  sim.tick(10);
  for (const l of body.links) {
    if (typeof l.source !== 'object' || typeof l.target !== 'object') fail(`link ${l.id} was not resolved`);
  }
  for (const n of body.nodes) {
    if (!Number.isFinite(n.x) || !Number.isFinite(n.y)) fail(`node ${n.id} has no position`);
  }
  const onPath = [...body.nodes, ...body.links].filter((el) => Array.isArray(el.pathRanks) && el.pathRanks.length > 0);
  return {
    nodes: body.nodes.length,
    edges: body.links.length,
    pathElements: onPath.length,
    nodeIds: body.nodes.map((n) => n.id),
    edgeIds: linkIds,
  };
}

try {
  const body = JSON.parse(readFileSync(file, 'utf8'));
  const seen = format === 'cytoscape' ? checkCytoscape(body) : checkD3(body);
  process.stdout.write(JSON.stringify({ format, ...seen }) + '\n');
} catch (err) {
  fail(err && err.stack ? err.stack : String(err));
}
