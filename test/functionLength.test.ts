/**
 * The house rule "no function longer than a screen without a reason": every
 * function of src/ and templates/ (declarations, methods, arrow functions and
 * function expressions alike, a nested one counted in its own right and
 * inside the function around it) is at most MAX_LINES long, from its first
 * line to its last, or is in ALLOWED with the reason it is longer. An entry
 * whose function has come under the limit must go (the list says what is
 * long, not what once was), but for those being split while this list was
 * written, which may have gone by the time a branch is merged.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { projectRoot } from './support/fonts.js';

/** A screen. */
const MAX_LINES = 60;

/** A function may be on its way out: being split in a branch of its own. */
const BEING_SPLIT = 'being split';

/** `file name` → why the function is longer than MAX_LINES. */
const ALLOWED: Record<string, string> = {
  'templates/gallery.tsx galleryPage': 'the page as one tree of markup, a tag a line; its sections are components already',
};

function sourceFiles(dir: string): string[] {
  return readdirSync(path.join(projectRoot, dir), { withFileTypes: true }).flatMap((e) => {
    const rel = path.posix.join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(rel);
    return /\.(ts|tsx)$/.test(e.name) && !e.name.endsWith('.d.ts') ? [rel] : [];
  });
}

/** The name a function goes by: its own, else the variable, property or class member it is assigned to. */
function nameOf(fn: ts.FunctionLikeDeclaration): string {
  if (fn.name) return fn.name.getText();
  const parent = fn.parent;
  if ((ts.isVariableDeclaration(parent) || ts.isPropertyAssignment(parent) || ts.isPropertyDeclaration(parent)) && parent.name) return parent.name.getText();
  return '(anonymous)';
}

/** `file name` → lines, for each function of the file longer than MAX_LINES (the longest when a name is used twice). */
function longFunctions(file: string): Map<string, number> {
  const sf = ts.createSourceFile(file, readFileSync(path.join(projectRoot, file), 'utf8'), ts.ScriptTarget.Latest, true, file.endsWith('x') ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  const out = new Map<string, number>();
  const visit = (n: ts.Node) => {
    if ((ts.isFunctionDeclaration(n) || ts.isMethodDeclaration(n) || ts.isArrowFunction(n) || ts.isFunctionExpression(n)) && n.body) {
      const lines = sf.getLineAndCharacterOfPosition(n.end).line - sf.getLineAndCharacterOfPosition(n.getStart()).line + 1;
      const key = `${file} ${nameOf(n)}`;
      if (lines > MAX_LINES) out.set(key, Math.max(lines, out.get(key) ?? 0));
    }
    ts.forEachChild(n, visit);
  };
  visit(sf);
  return out;
}

const files = [...sourceFiles('src'), ...sourceFiles('templates')];
const long = new Map(files.flatMap((f) => [...longFunctions(f)]));

describe('function length', () => {
  it('sees the files and their long functions', () => {
    expect(files.length).toBeGreaterThan(50);
    expect(long.size).toBeGreaterThan(0);
  });

  it(`has no function over ${MAX_LINES} lines without a reason`, () => {
    const unexplained = [...long].filter(([key]) => !(key in ALLOWED)).map(([key, lines]) => `${key} (${lines} lines)`);
    expect(unexplained).toEqual([]);
  });

  it('allows only what is still long', () => {
    const stale = Object.keys(ALLOWED).filter((key) => !long.has(key) && ALLOWED[key] !== BEING_SPLIT);
    expect(stale).toEqual([]);
  });
});
