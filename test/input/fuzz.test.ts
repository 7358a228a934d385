/** A few runs of the fuzz properties (scripts/fuzz.ts runs thousands): metadata, file system, rendering. */
import { rm } from 'node:fs/promises';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fsCase, metaProperty, renderDoc, runFsCase, runRenderCase, scratchDir } from './fuzz.property.js';

let scratch: string;
beforeAll(async () => {
  scratch = await scratchDir();
});
afterAll(async () => {
  await rm(scratch, { recursive: true, force: true });
});

describe('fuzz properties', () => {
  it('hostile metadata ends in a model or diagnostics (60 runs)', () => {
    const seen = { model: 0, diagnostics: 0 };
    fc.assert(metaProperty((o) => seen[o]++), { numRuns: 60, seed: 13 });
    expect(seen.diagnostics).toBeGreaterThan(0);
  });

  it('every pair of file-system cases for source and metadata ends in a model or diagnostics', async () => {
    const kinds = ['regular', 'fifo', 'dev-zero', 'folder', 'dangling-link', 'link-to-folder', 'missing', 'sparse-17mb', 'utf16', 'bytes', 'empty'] as const;
    const outcomes = new Set<string>();
    for (const source of kinds) for (const meta of kinds) outcomes.add(`${source}/${meta}:${await runFsCase(scratch, { source, meta, bytes: new Uint8Array([0xff, 0x00, 0x41]) })}`);
    expect(outcomes).toContain('regular/missing:model');
    expect(outcomes).toContain('fifo/regular:diagnostics');
    expect(outcomes).toContain('regular/fifo:diagnostics');
  });

  it('a small random document that passes check builds, and one that fails it stops the build with the same codes (3 runs)', async () => {
    await fc.assert(fc.asyncProperty(renderDoc, async (d) => void (await runRenderCase(scratch, d))), { numRuns: 3, seed: 7 });
  });

  it('fs cases as a property (20 runs)', async () => {
    await fc.assert(fc.asyncProperty(fsCase, async (c) => void (await runFsCase(scratch, c))), { numRuns: 20, seed: 3 });
  });
});
