// The folder-level import graph of the source (tests and fixtures left out): which folder imports which, and any
// two folders that import each other both ways. `node scripts/import-graph.mjs` prints it; exit 1 on a two-way pair.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, sep } from "node:path";
import { fileURLToPath } from "node:url";

const SOURCE_DIRS = ["lib", "app", "components", "demo", "scripts", "bench", "instrumentation.ts", "proxy.ts"];
const isSource = (name) => /\.(ts|tsx|mjs)$/.test(name) && !/\.(test|int\.test|fixture)\.tsx?$/.test(name);
const IMPORT = /(?:import|export)[^'";]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g;

function sourceFiles(root) {
  const files = [];
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) {
        if (!["node_modules", ".next", ".kafka"].includes(entry.name)) walk(path);
      } else if (isSource(entry.name)) files.push(path);
    }
  };
  for (const name of SOURCE_DIRS) {
    const path = join(root, name);
    try {
      if (statSync(path).isDirectory()) walk(path);
      else files.push(path);
    } catch {
      // not in this checkout
    }
  }
  return files;
}

/** lib/<folder> (or lib/<file> for a top-level module), else the top-level directory. */
function folderOf(root, file) {
  const parts = relative(root, file).split(sep);
  if (parts[0] === "lib") return parts.length > 2 ? `lib/${parts[1]}` : `lib/${parts[1].replace(/\.tsx?$/, "")}`;
  return parts[0].replace(/\.tsx?$/, "");
}

/** Map "from -> to" to the files that make the edge. */
export function importGraph(root) {
  const edges = new Map();
  for (const file of sourceFiles(root)) {
    for (const match of readFileSync(file, "utf8").matchAll(IMPORT)) {
      const spec = match[1] ?? match[2];
      const target = spec.startsWith("@/") ? join(root, spec.slice(2)) : spec.startsWith(".") ? join(dirname(file), spec) : null;
      if (!target) continue;
      const [from, to] = [folderOf(root, file), folderOf(root, target)];
      if (from === to) continue;
      const key = `${from} -> ${to}`;
      if (!edges.has(key)) edges.set(key, new Set());
      edges.get(key).add(relative(root, file));
    }
  }
  return edges;
}

/** Pairs of folders that import each other. */
export function twoWayPairs(edges) {
  return [...edges.keys()]
    .map((key) => key.split(" -> "))
    .filter(([from, to]) => from < to && edges.has(`${to} -> ${from}`))
    .map(([a, b]) => [a, b]);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const root = join(dirname(fileURLToPath(import.meta.url)), "..");
  const edges = importGraph(root);
  const byFolder = new Map();
  for (const key of [...edges.keys()].sort()) {
    const [from, to] = key.split(" -> ");
    if (!from.startsWith("lib/")) continue;
    byFolder.set(from, [...(byFolder.get(from) ?? []), to]);
  }
  for (const [from, tos] of byFolder) console.log(`${from.padEnd(24)} -> ${tos.join(", ")}`);
  const pairs = twoWayPairs(edges);
  for (const [a, b] of pairs)
    console.log(`TWO-WAY: ${a} <-> ${b} (${[...edges.get(`${a} -> ${b}`)][0]}, ${[...edges.get(`${b} -> ${a}`)][0]})`);
  console.log(pairs.length === 0 ? "no two folders import each other both ways" : `${pairs.length} two-way pair(s)`);
  process.exit(pairs.length === 0 ? 0 : 1);
}
