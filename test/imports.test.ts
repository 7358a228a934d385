/**
 * The import graph of src/ and templates/ (static, type-only and dynamic
 * imports alike): no cycle between files, none between folders (src/<name>
 * with its subfolders, templates/; a file directly under src/ is its own
 * node), and layers point one way: renderers import templates, never the
 * reverse; templates and renderers never import the job machinery.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { projectRoot } from './support/fonts.js';

function sourceFiles(dir: string): string[] {
  return readdirSync(path.join(projectRoot, dir), { withFileTypes: true }).flatMap((e) => {
    const rel = path.posix.join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(rel);
    return /\.(ts|tsx|mts|mjs)$/.test(e.name) && !e.name.endsWith('.d.ts') ? [rel] : [];
  });
}

const isFile = (rel: string) => {
  try {
    return statSync(path.join(projectRoot, rel)).isFile();
  } catch {
    return false;
  }
};

/** The project file an import specifier names, or undefined for a package. */
function resolve(from: string, spec: string): string | undefined {
  if (!spec.startsWith('.')) return undefined;
  const base = path.posix.normalize(path.posix.join(path.posix.dirname(from), spec));
  const stem = base.replace(/\.(js|jsx|mjs)$/, '');
  const found = [base, `${stem}.ts`, `${stem}.tsx`, `${stem}.mts`, `${stem}.mjs`, `${base}/index.ts`].find(isFile);
  if (!found) throw new Error(`${from}: cannot resolve ${spec}`);
  return found;
}

const files = [...sourceFiles('src'), ...sourceFiles('templates')];
const graph = new Map<string, Set<string>>(
  files.map((f) => {
    const info = ts.preProcessFile(readFileSync(path.join(projectRoot, f), 'utf8'), true, true);
    const to = info.importedFiles.map((i) => resolve(f, i.fileName)).filter((x): x is string => x !== undefined);
    return [f, new Set(to)];
  }),
);

/** Folder of a file: `src/<name>` with its subfolders, `templates`, or the file itself directly under src/. */
const folderOf = (f: string) => {
  const parts = f.split('/');
  if (parts[0] !== 'src') return parts[0];
  return parts.length === 2 ? f : parts.slice(0, 2).join('/');
};

/** Strongly connected components with more than one node (Tarjan): each is a cycle. */
function cycles(g: Map<string, Set<string>>): string[][] {
  let next = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const out: string[][] = [];
  const visit = (v: string) => {
    index.set(v, next);
    low.set(v, next++);
    stack.push(v);
    onStack.add(v);
    for (const w of g.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) === index.get(v)) {
      const c: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        c.push(w);
      } while (w !== v);
      if (c.length > 1 || g.get(v)?.has(v)) out.push(c.sort());
    }
  };
  for (const v of g.keys()) if (!index.has(v)) visit(v);
  return out;
}

/** Every import edge from a file matching `from` to a file matching `to`, as "a → b". */
const edges = (from: RegExp, to: RegExp) => [...graph].flatMap(([f, ts]) => (from.test(f) ? [...ts].filter((t) => to.test(t)).map((t) => `${f} → ${t}`) : []));

describe('the import graph', () => {
  it('sees the files and their imports', () => {
    expect(files.length).toBeGreaterThan(50);
    expect(graph.get('src/build.ts')?.size).toBeGreaterThan(5);
    // dynamic imports count: a kind loads its template on its first job (through the kinds' modules.ts)
    expect(graph.get('src/jobs/kinds/modules.ts')?.has('templates/booklet.ts')).toBe(true);
    // type-only imports too
    expect(graph.get('src/jobs/kinds/booklet.ts')?.has('src/jobs/kind.ts')).toBe(true);
  });

  it('has no cycle between files', () => {
    expect(cycles(graph)).toEqual([]);
  });

  it('has no cycle between folders', () => {
    const folders = new Map<string, Set<string>>();
    for (const [f, to] of graph)
      for (const t of to) {
        const [a, b] = [folderOf(f), folderOf(t)];
        if (a === b) continue;
        if (!folders.has(a)) folders.set(a, new Set());
        folders.get(a)!.add(b);
      }
    expect(cycles(folders)).toEqual([]);
  });

  it('points one way: templates import neither renderers nor jobs; renderers and layout never import jobs', () => {
    expect(edges(/^templates\//, /^src\/(render|jobs|print|output)\//)).toEqual([]);
    expect(edges(/^src\/(render|layout|text|print)\//, /^src\/jobs\//)).toEqual([]);
    expect(edges(/^src\/(layout|text)\//, /^(templates|src\/render)\//)).toEqual([]);
  });
});
