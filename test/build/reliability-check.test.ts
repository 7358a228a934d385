/**
 * check() (npm run check) validates everything and renders nothing: here
 * every way to render (the renderers themselves, and the render pool that
 * runs them in worker threads) throws, and check() still succeeds, on a good
 * document and with the same errors as a build on bad ones.
 */
import { describe, expect, it, vi } from 'vitest';
import { build, check } from '../../src/build.js';
import { WarraqError } from '../../src/diagnostics.js';
import { fingerprint, readFixture, smallProject } from '../fixtures/reliability/project.js';

const { refuse } = vi.hoisted(() => ({
  refuse: (what: string) => () => {
    throw new Error(`${what} must not run during check()`);
  },
}));
vi.mock('../../src/render/pdf/renderPages.js', async (importOriginal) => ({
  ...(await importOriginal<object>()),
  renderPages: vi.fn(refuse('renderPages')),
}));
vi.mock('../../src/render/cards/renderCard.js', async (importOriginal) => ({
  ...(await importOriginal<object>()),
  renderCard: vi.fn(refuse('renderCard')),
}));
vi.mock('../../src/jobs/pool.js', async (importOriginal) => ({
  ...(await importOriginal<object>()),
  createPool: vi.fn(refuse('the render pool')),
}));

async function codesOf(p: Promise<unknown>): Promise<string[]> {
  const e = await p.then(() => undefined, (err: unknown) => err);
  expect(e).toBeInstanceOf(WarraqError);
  // Without the proofing pass's codes (test/proof covers those).
  return (e as WarraqError).diagnostics.map((d) => d.code).filter((c) => !c.startsWith('W-PROOF-'));
}

describe('check()', () => {
  it('validates a good document without rendering and without writing anything in the project', async () => {
    const root = await smallProject();
    const before = await fingerprint(root);
    const { model, warnings } = await check({ projectRoot: root, source: 'source/doc.txt' });
    expect(model.points).toHaveLength(3);
    expect((await warnings).map((d) => d.code)).toEqual(['W-PROOF-DIGITS-MIXED']); // «500» among Arabic-Indic numbers
    expect(await fingerprint(root)).toEqual(before); // no dist/, no cache, no lock
  });

  it('reports metadata, font and glyph errors like a build would, still without rendering', async () => {
    const small = await readFixture('small.txt');
    const root = await smallProject({
      'source/font.txt': small.replace('date: 2024-03-15\n', 'date: 2024-03-15\ntheme:\n  fonts:\n    body: [fonts/Missing-Regular.ttf]\n'),
      'source/glyph.txt': small.replace('مقدمة قصيرة', 'مقدمة 中 قصيرة'),
      'source/meta.txt': small.replace('date: 2024-03-15\n', 'date: 2024-03-15\ntittle: x\n'),
      'source/warn.txt': await readFixture('warnings.txt'),
    });
    const before = await fingerprint(root);
    expect(await codesOf(check({ projectRoot: root, source: 'source/font.txt' }))).toEqual(['E-FONT-MISSING']);
    expect(await codesOf(check({ projectRoot: root, source: 'source/glyph.txt' }))).toEqual(['E-GLYPH-MISSING']);
    expect(await codesOf(check({ projectRoot: root, source: 'source/meta.txt' }))).toEqual(['E-META-UNKNOWN-KEY']);
    expect(await codesOf(check({ projectRoot: root, source: 'source/warn.txt', strict: true }))).toEqual(['W-BRACKET-UNBALANCED']);
    expect(await fingerprint(root)).toEqual(before);
  });

  it('(a build with the same mocks does try to render, so the mocks would catch check() rendering)', async () => {
    const root = await smallProject();
    await expect(build({ projectRoot: root, source: 'source/doc.txt', out: 'dist', only: ['booklet'] })).rejects.toThrow(/must not run during check/);
  });
});
