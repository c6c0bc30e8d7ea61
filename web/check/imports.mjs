// imports.mjs checks the explorer's module graph (scripts/web-check.sh): it
// parses every ES module under web/static/js with acorn, follows its relative
// imports and fails, naming the modules, on an import cycle, an import of a
// file that does not exist, a name imported that the module does not export,
// or a module longer than the line limit.
//
//   node web/check/imports.mjs [dir]
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join, dirname, resolve, relative } from 'node:path';
import { parse } from 'acorn';

export const MAX_LINES = 420;

// moduleInfo reads one module: its relative imports (with the names taken)
// and the names it exports.
export function moduleInfo(src) {
  const ast = parse(src, { ecmaVersion: 'latest', sourceType: 'module' });
  const imports = [];
  const exports = new Set();
  for (const n of ast.body) {
    if (n.type === 'ImportDeclaration') {
      const names = n.specifiers.filter((s) => s.type === 'ImportSpecifier').map((s) => s.imported.name);
      const dflt = n.specifiers.some((s) => s.type === 'ImportDefaultSpecifier');
      imports.push({ from: n.source.value, names: dflt ? [...names, 'default'] : names });
    } else if (n.type === 'ExportNamedDeclaration') {
      if (n.source) imports.push({ from: n.source.value, names: n.specifiers.map((s) => s.local.name) });
      const d = n.declaration;
      if (d?.id) exports.add(d.id.name);
      for (const v of d?.declarations || []) if (v.id.type === 'Identifier') exports.add(v.id.name);
      for (const s of n.specifiers) exports.add(s.exported.name);
    } else if (n.type === 'ExportDefaultDeclaration') {
      exports.add('default');
    } else if (n.type === 'ExportAllDeclaration') {
      imports.push({ from: n.source.value, names: [] });
    }
  }
  return { imports, exports };
}

// findCycles returns each import cycle of graph (a Map from module to the
// modules it imports) once, as the list of modules around it.
export function findCycles(graph) {
  const cycles = [];
  const seen = new Set();
  const state = new Map(); // 1 on the stack, 2 done
  const stack = [];
  const visit = (m) => {
    state.set(m, 1);
    stack.push(m);
    for (const d of graph.get(m) || []) {
      if (state.get(d) === 1) {
        const cyc = stack.slice(stack.indexOf(d));
        const key = [...cyc].sort().join(' ');
        if (!seen.has(key)) {
          seen.add(key);
          cycles.push([...cyc, d]);
        }
      } else if (!state.has(d)) {
        visit(d);
      }
    }
    stack.pop();
    state.set(m, 2);
  };
  for (const m of [...graph.keys()].sort()) if (!state.has(m)) visit(m);
  return cycles;
}

// check returns the problems of the modules under dir, as sentences.
export function check(dir) {
  const problems = [];
  const files = readdirSync(dir, { recursive: true }).filter((f) => f.endsWith('.js')).map((f) => resolve(dir, f));
  const infos = new Map();
  for (const f of files) {
    const src = readFileSync(f, 'utf8');
    const lines = src.split('\n').length;
    if (lines > MAX_LINES) problems.push(`${relative(dir, f)}: ${lines} lines, more than ${MAX_LINES}: split it by concern`);
    try {
      infos.set(f, moduleInfo(src));
    } catch (err) {
      problems.push(`${relative(dir, f)}: does not parse: ${err.message}`);
    }
  }
  const graph = new Map();
  for (const [f, info] of infos) {
    const deps = [];
    for (const imp of info.imports) {
      if (!imp.from.startsWith('.')) continue;
      const target = resolve(dirname(f), imp.from);
      if (!existsSync(target)) {
        problems.push(`${relative(dir, f)}: imports ${imp.from}, which does not exist`);
        continue;
      }
      const t = infos.get(target);
      if (t) {
        for (const name of imp.names) {
          if (!t.exports.has(name)) problems.push(`${relative(dir, f)}: imports ${name} from ${imp.from}, which does not export it`);
        }
        deps.push(target);
      }
    }
    graph.set(f, deps);
  }
  for (const c of findCycles(graph)) problems.push(`import cycle: ${c.map((m) => relative(dir, m)).join(' -> ')}`);
  return problems;
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(new URL(import.meta.url).pathname)) {
  const dir = resolve(process.argv[2] || join(dirname(new URL(import.meta.url).pathname), '../static/js'));
  const problems = check(dir);
  for (const p of problems) console.error('imports: ' + p);
  if (problems.length) process.exit(1);
  console.log(`imports: ${readdirSync(dir).filter((f) => f.endsWith('.js')).length} modules, no cycle, every import resolves`);
}
