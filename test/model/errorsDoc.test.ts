import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const root = new URL('../../', import.meta.url);
const sources = ['src/parse/', 'src/model/', 'src/fonts/', 'src/check/', 'src/output/', 'src/layout/', 'templates/', 'src/proof/'].flatMap((dir) =>
  readdirSync(new URL(dir, root))
    .filter((f) => /\.tsx?$/.test(f))
    .map((f) => readFileSync(new URL(dir + f, root), 'utf8')),
);
const codes = new Set(sources.flatMap((s) => [...s.matchAll(/'([EW]-[A-Z0-9]+(?:-[A-Z0-9]+)*)'/g)].map((m) => m[1])));
const doc = readFileSync(new URL('docs/errors.md', root), 'utf8');

describe('docs/errors.md', () => {
  it('documents every diagnostic code (parse, model, fonts, coverage, output, templates), with an example', () => {
    expect(codes.size).toBeGreaterThan(30);
    for (const code of codes) {
      expect(doc, code).toContain(`### \`${code}\``);
      expect(doc, code).toMatch(new RegExp(`(error|warning)\\[${code}\\]`));
    }
  });
  it('lists no code the stages do not emit', () => {
    const documented = [...doc.matchAll(/^### `([EW]-[A-Z0-9-]+)`/gm)].map((m) => m[1]);
    expect(documented.filter((c) => !codes.has(c))).toEqual([]);
  });
});
