/**
 * `npm run check` runs every validation the build would: each case here used
 * to pass check and then stop the build with a stack trace. Each is now a
 * located diagnostic from check() (the build runs check() first).
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { build, check } from '../../src/build.js';
import { WarraqError, type Diagnostic } from '../../src/diagnostics.js';
import { composeParagraph } from '../../src/text/compose.js';
import { layoutCard } from '../../templates/cardLayout.js';
import { amiri } from '../support/fonts.js';
import { codes, diagnosticsOf, project, SMALL } from './project.js';

/** check() of SMALL with this sidecar metadata. */
async function checkWith(meta: string, text = SMALL) {
  const root = await project({ 'doc.txt': text, 'doc.meta.yaml': meta });
  return { root, run: () => check({ projectRoot: root, source: 'doc.txt' }) };
}

describe('check finds what the build would stop on', () => {
  it('a card format too small for the text: E-CARD-FIT at the point, from check and from the card template', async () => {
    const { run } = await checkWith('theme:\n  cardMinBodyPx: 400\n  cards:\n    add: [{name: tiny, width: 64, height: 64}]\n');
    const ds = await diagnosticsOf(run());
    expect(codes(ds)).toContain('E-CARD-FIT');
    const fit = ds.find((d) => d.code === 'E-CARD-FIT' && d.message.includes('tiny card (64×64 px)'))!;
    expect(fit).toMatchObject({ file: 'doc.txt', line: 8, col: 4 });
    // The template throws the same diagnostic, not a bare Error.
    const { run: ok } = await checkWith('date: 2024-03-15\n');
    const { model, fonts } = await ok();
    const tiny = { name: 'tiny', width: 64, height: 64, extra: [], safeY: 0 };
    const m = { ...model, theme: { ...model.theme, cardMinBodyPx: 400, cards: [tiny] } };
    await expect(layoutCard({ model: m, point: m.points[0], format: tiny, fonts })).rejects.toThrow(WarraqError);
  });

  it('cards that cannot be set: the build, which fits each card as it renders it, stops with what check reports (every point), writing nothing', async () => {
    const { root, run } = await checkWith('theme:\n  cards:\n    add: [{name: tiny, width: 64, height: 64, minBodyPx: 400}]\n');
    const checked = await diagnosticsOf(run());
    expect(codes(checked).filter((c) => c === 'E-CARD-FIT')).toHaveLength(2);
    // check() without the layout pass (what the build runs first) leaves the card fit to the build.
    await expect(check({ projectRoot: root, source: 'doc.txt', layout: false })).resolves.toMatchObject({ laidOut: { jobs: 0 } });
    for (const serial of [true, false]) {
      expect(await diagnosticsOf(build({ projectRoot: root, source: 'doc.txt', out: 'out', only: ['cards'], serial }))).toEqual(checked);
      expect(existsSync(path.join(root, 'out'))).toBe(false);
    }
  });

  it('a language tag Intl rejects: E-META-LANG at the lang line (was RangeError: Invalid language tag)', async () => {
    const { run } = await checkWith('lang: ar-XYZ\n');
    const ds = await diagnosticsOf(run());
    expect(ds.find((d) => d.code === 'E-META-LANG')).toMatchObject({ file: 'doc.meta.yaml', line: 1, col: 7 });
  });

  it('a 3 KB URL: E-META-URL-LONG at the url line (was: The amount of data is too big to be stored in a QR Code)', async () => {
    const { run } = await checkWith(`url: https://example.org/${'x'.repeat(3000)}\n`);
    const ds = await diagnosticsOf(run());
    expect(ds.find((d) => d.code === 'E-META-URL-LONG')).toMatchObject({ file: 'doc.meta.yaml', line: 1, col: 6 });
  });

  it('a 600-byte URL: E-META-URL-QR at the url line (encodable, but in modules too small to scan from a leaflet)', async () => {
    const { run } = await checkWith(`url: https://example.org/${'x'.repeat(580)}\n`);
    const ds = await diagnosticsOf(run());
    expect(ds.find((d) => d.code === 'E-META-URL-QR')).toMatchObject({ file: 'doc.meta.yaml', line: 1, col: 6 });
    expect(ds.find((d) => d.code === 'E-META-URL-LONG')).toBeUndefined();
  });

  it('an 8192 px card with a JPEG: E-CARD-JPEG at its entry (was: JPEG stays above 300 KB)', async () => {
    const { run } = await checkWith('theme:\n  cards:\n    add:\n      - {name: huge, width: 8192, height: 4096, extra: [jpeg]}\n');
    const ds = await diagnosticsOf(run());
    expect(ds.find((d) => d.code === 'E-CARD-JPEG')).toMatchObject({ file: 'doc.meta.yaml', line: 4, col: 9 });
  });

  it('two points with the same slug: E-META-SLUG-DUPLICATE at the second', async () => {
    const { run } = await checkWith('points:\n  1: {slug: same}\n  2: {slug: same}\n');
    const ds = await diagnosticsOf(run());
    expect(ds.find((d) => d.code === 'E-META-SLUG-DUPLICATE')).toMatchObject({ file: 'doc.meta.yaml', line: 3, col: 13 });
  });

  it('a bidi isolate at the start of a word: check passes and the text composes (was E-GLYPH-MISSING at 1:1)', async () => {
    const text = SMALL.replace('حماية التراث', 'حماية \u2066ABC\u2069 و\u2067التراث\u2069');
    const { root, run } = await checkWith('', text);
    const { model, fonts } = await run();
    const report = await build({ projectRoot: root, source: 'doc.txt', out: 'out', only: ['booklet'], serial: true });
    expect(report.files.map((f) => f.path)).toEqual(['booklet.pdf']);
    const p = model.points[0];
    const para = composeParagraph([{ text: p.text, style: { fonts: [amiri()], size: 11 } }], { dir: 'rtl', lang: 'ar', measure: 300, align: 'justify', justify: 'kashida', space: { stretch: 0.5, shrink: 0.2 } });
    expect(para.lines.length).toBeGreaterThan(0);
    for (const format of model.theme.cards) expect((await layoutCard({ model, point: p, format, fonts })).length).toBe(1);
  });
});

describe('check lays every output out, as the build would (E-OVERFLOW)', () => {
  /** A source whose title (line 4) is one Arabic word too long for any line: Arabic is never broken. */
  const LONG = 'ب'.repeat(150);
  const overflowing = SMALL.replace('## خطة قصيرة', `## ${LONG}`);

  it('an unbreakable Arabic title: check fails with E-OVERFLOW at the title, and the build stops with the same codes, writing nothing', async () => {
    const root = await project({ 'doc.txt': overflowing, 'doc.meta.yaml': 'date: 2024-03-15\n' });
    const errors = (ds: Diagnostic[]) => new Set(codes(ds.filter((d) => d.severity === 'error')));
    const checked = (await diagnosticsOf(check({ projectRoot: root, source: 'doc.txt' }))).filter((d) => d.severity === 'error');
    expect(errors(checked)).toEqual(new Set(['E-OVERFLOW']));
    // Every output that sets the title is named: the booklet (cover), leaflets and cards.
    const outputs = new Set(checked.map((d) => d.message.split(',')[0].split(':')[0]));
    expect(outputs).toContain('booklet.pdf');
    expect(checked.find((d) => d.message.startsWith('booklet.pdf'))).toMatchObject({ file: 'doc.txt', line: 4 });
    // The build (which does not lay out in check: it lays out as it renders) stops on the same code.
    const built = await diagnosticsOf(build({ projectRoot: root, source: 'doc.txt', out: 'out', serial: true }));
    expect(errors(built)).toEqual(errors(checked));
    expect(existsSync(path.join(root, 'out'))).toBe(false);
  });

  it('a 60-character Latin word in the title and a point: set over two lines (emergency breaks), so check passes and the build succeeds', async () => {
    const word = 'x'.repeat(60);
    const text = SMALL.replace('## خطة قصيرة', `## خطة ${word}`).replace('حماية التراث', `حماية ${word} التراث`);
    const root = await project({ 'doc.txt': text });
    const { laidOut } = await check({ projectRoot: root, source: 'doc.txt' });
    expect(laidOut.jobs).toBeGreaterThan(0);
    const report = await build({ projectRoot: root, source: 'doc.txt', out: 'out', only: ['booklet', 'cards'], serial: true });
    expect(report.files.map((f) => f.path)).toContain('booklet.pdf');
  });

  it('check without the layout pass (what the build runs first) does not see it', async () => {
    const root = await project({ 'doc.txt': overflowing });
    await expect(check({ projectRoot: root, source: 'doc.txt', layout: false })).resolves.toMatchObject({ laidOut: { jobs: 0 } });
  });

  it('a source that passes check lays out every job the build plans', async () => {
    const { run } = await checkWith('date: 2024-03-15\n');
    const { model, laidOut } = await run();
    // The booklet, a leaflet per point, and a card per format for the document and each point.
    expect(laidOut.jobs).toBe(1 + model.points.length + model.theme.cards.length * (1 + model.points.length));
  });
});

describe('found by npm run fuzz', () => {
  it('a point whose first clause is only an invisible mark, and a title of invisible characters only: cards lay out', async () => {
    const text = SMALL.replace('## خطة قصيرة', '## \u200f').replace('١. النقطة الأولى: حماية التراث.', '١. \u200f ، مجلس 30% NATO.');
    const { run } = await checkWith('', text);
    const { model, fonts } = await run();
    // The first clause has no letter: the title falls back to the number.
    // No letter or digit in the first clause: the heading is a label (issue 14).
    expect(model.points[0].title).toBe('البند ١');
    const blank = { ...model.points[0], title: '\u200f' };
    for (const format of model.theme.cards) {
      expect((await layoutCard({ model, point: blank, format, fonts }))[0].page.blocks.length).toBeGreaterThan(0);
      expect((await layoutCard({ model, format, fonts }))[0].page.blocks.length).toBeGreaterThan(0);
    }
  });
});
