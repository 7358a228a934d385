/**
 * Preflight rejects what a print shop would (with the page and the reason)
 * and accepts a clean CMYK file; the command line exits 1 on a rejection.
 */
import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { PDFDocument, StandardFonts, clip, cmyk, endPath, popGraphicsState, pushGraphicsState, rectangle, rgb } from 'pdf-lib';
import { preflight } from '../../src/print/preflight.js';
import { projectRoot } from '../support/fonts.js';
import { tempDirSync } from '../support/tmp.js';

const work = tempDirSync('warraq-preflight-');

const A5 = [419.53, 595.28] as const;

/** `n` A5 pages with boxes; `draw` paints on page index `at`. */
async function pdf(n: number, draw?: (page: ReturnType<PDFDocument['addPage']>, doc: PDFDocument) => Promise<void> | void, at = 0) {
  const doc = await PDFDocument.create({ updateMetadata: false });
  for (let i = 0; i < n; i++) {
    const page = doc.addPage([A5[0], A5[1]]);
    page.setTrimBox(0, 0, A5[0], A5[1]);
    page.setBleedBox(0, 0, A5[0], A5[1]);
    page.drawRectangle({ x: 50, y: 50, width: 100, height: 20, color: cmyk(0, 0, 0, 1) });
    if (i === at && draw) await draw(page, doc);
  }
  return doc.save();
}

const rgbText = () =>
  pdf(4, async (page, doc) => {
    const font = await doc.embedFont(StandardFonts.Helvetica);
    page.drawText('RGB words', { x: 60, y: 300, size: 12, font, color: rgb(0.1, 0.1, 0.1) });
  }, 1);
const heavyInk = () => pdf(4, (page) => page.drawRectangle({ x: 60, y: 200, width: 200, height: 200, color: cmyk(0.9, 0.9, 0.9, 0.9) }), 2);

describe('preflight', () => {
  it('accepts clean CMYK pages in a multiple of 4, and reports them', async () => {
    const r = await preflight(await pdf(4));
    expect(r.problems).toEqual([]);
    expect(r.pageCount).toBe(4);
    expect(r.saddle).toEqual({ suits: true, blanksNeeded: 0 });
    expect(r.pages[0]).toMatchObject({ trimMm: { width: 148, height: 210 }, colorSpaces: { CMYK: ['fill'] }, maxInkPercent: 100, images: [] });
  });
  it('rejects RGB text, with its page', async () => {
    const r = await preflight(await rgbText());
    expect(r.problems).toContainEqual({ page: 2, reason: expect.stringMatching(/^RGB colour \(text\)/) });
    expect(r.problems).toContainEqual({ page: 2, reason: expect.stringMatching(/Helvetica is not embedded/) });
  });
  it('rejects 360 % ink, with its page and place', async () => {
    const r = await preflight(await heavyInk());
    expect(r.pages[2].maxInkPercent).toBe(360);
    expect(r.problems).toEqual([{ page: 3, reason: expect.stringMatching(/^total ink 360 % at .* more than 300 %/) }]);
  });
  it('counts a rule thinner than a pixel at its full colour (the 72 dpi rendering would average it with the paper)', async () => {
    const thin = await pdf(4, (page) => page.drawLine({ start: { x: 60, y: 300 }, end: { x: 300, y: 300 }, thickness: 0.5, color: cmyk(0.9, 0.9, 0.9, 0.9) }), 1);
    const r = await preflight(thin);
    expect(r.pages[1].maxInkPercent).toBe(360);
    expect(r.problems).toEqual([{ page: 2, reason: expect.stringMatching(/^total ink 360 % at 21\.\d, 104\.\d mm/) }]);
  });
  it("ignores what a clip hides (a placed page's crop marks on an imposed sheet)", async () => {
    const clipped = await pdf(4, (page) => {
      page.pushOperators(pushGraphicsState(), rectangle(40, 40, 200, 200), clip(), endPath());
      page.drawRectangle({ x: 300, y: 300, width: 50, height: 50, color: cmyk(1, 1, 1, 1) });
      page.pushOperators(popGraphicsState());
    });
    const r = await preflight(clipped);
    expect(r.pages[0].maxInkPercent).toBe(100);
    expect(r.problems).toEqual([]);
  });
  it('warns of small knocked-out type (paper-coloured, under 8 pt), without rejecting it', async () => {
    const reversed = await pdf(4, async (page, doc) => {
      const font = await doc.embedFont(StandardFonts.Helvetica);
      page.drawRectangle({ x: 40, y: 280, width: 200, height: 40, color: cmyk(0, 0.9, 0.85, 0.5) });
      page.drawText('small print', { x: 60, y: 300, size: 6, font, color: cmyk(0, 0, 0, 0) });
    });
    const r = await preflight(reversed);
    expect(r.warnings).toContainEqual({ page: 1, reason: expect.stringMatching(/^knocked-out \(paper-coloured\) type from 6 pt: under 8 pt/) });
    expect(r.problems.filter((p) => !/not embedded/.test(p.reason))).toEqual([]);
  });
  it('rejects 9 pages for a saddle-stitched booklet, not for loose pieces', async () => {
    const nine = await pdf(9);
    expect((await preflight(nine)).problems).toEqual([{ page: null, reason: expect.stringMatching(/^9 pages: a saddle-stitched booklet needs a multiple of 4 \(add 3 blank pages/) }]);
    expect((await preflight(nine, { binding: 'loose' })).problems).toEqual([]);
  });
  it('an odd number of sheet sides: a sheet without a back when printed front and back, nothing to say when printed on one side', async () => {
    const five = await pdf(5);
    expect((await preflight(five, { binding: 'imposed' })).warnings).toContainEqual({ page: null, reason: '5 sheet sides: the last sheet has no back' });
    expect((await preflight(five, { binding: 'imposed-one-sided' })).warnings.filter((w) => /sheet sides/.test(w.reason))).toEqual([]);
  });
  it('8 pt knocked-out type passes, also measured through an imposed sheet\'s single-precision matrix', async () => {
    const reversed = await pdf(4, async (page, doc) => {
      const font = await doc.embedFont(StandardFonts.Helvetica);
      page.drawRectangle({ x: 40, y: 280, width: 200, height: 40, color: cmyk(0, 0.9, 0.85, 0.5) });
      page.drawText('small print', { x: 60, y: 300, size: 8 * (1 - 6e-8), font, color: cmyk(0, 0, 0, 0) });
    });
    expect((await preflight(reversed)).warnings.filter((w) => /knocked-out/.test(w.reason))).toEqual([]);
  });
  it('rejects pages without a TrimBox and hairlines; skips marks outside the bleed box', async () => {
    const doc = await PDFDocument.create();
    for (let i = 0; i < 4; i++) {
      const page = doc.addPage([500, 700]);
      if (i > 0) page.setTrimBox(20, 20, 460, 660);
      if (i > 0) page.setBleedBox(10, 10, 480, 680);
      // A 0.1 pt line outside the bleed box (like a crop mark), and on page 2 one inside.
      page.drawLine({ start: { x: 0, y: 2 }, end: { x: 8, y: 2 }, thickness: 0.1, color: cmyk(0, 0, 0, 1) });
      if (i === 1) page.drawLine({ start: { x: 100, y: 100 }, end: { x: 200, y: 100 }, thickness: 0.1, color: cmyk(0, 0, 0, 1) });
    }
    const r = await preflight(await doc.save());
    // Page 1 has no boxes at all, so its whole page counts.
    expect(r.problems.map((p) => [p.page, p.reason.slice(0, 20)])).toEqual([
      [1, 'no TrimBox: the shop'],
      [1, 'line 0.1 pt wide at '],
      [2, 'line 0.1 pt wide at '],
    ]);
  });
  it('the command line exits 1 naming page and reason for each bad file, 0 for a good one', async () => {
    const files = { rgb: await rgbText(), ink: await heavyInk(), nine: await pdf(9), good: await pdf(8) };
    for (const [name, bytes] of Object.entries(files)) writeFileSync(join(work, `${name}.pdf`), bytes);
    const run = (...args: string[]) =>
      promisify(execFile)(process.execPath, ['--import', 'tsx', join(projectRoot, 'scripts/preflight.ts'), ...args], { cwd: projectRoot }).then(
        (r) => ({ code: 0, out: r.stdout }),
        (e: { code: number; stdout: string }) => ({ code: e.code, out: e.stdout }),
      );
    const bad = await run(...['rgb', 'ink', 'nine'].map((n) => join(work, `${n}.pdf`)));
    expect(bad.code).toBe(1);
    expect(bad.out).toMatch(/REJECT \(page 2\): RGB colour \(text\)/);
    expect(bad.out).toMatch(/REJECT \(page 3\): total ink 360 %/);
    expect(bad.out).toMatch(/REJECT \(document\): 9 pages: a saddle-stitched booklet needs a multiple of 4/);
    const good = await run(join(work, 'good.pdf'));
    expect(good).toMatchObject({ code: 0, out: expect.stringContaining('✓ nothing a print shop would reject') });
  }, 60_000);
});
