import { describe, expect, it } from 'vitest';
import * as mupdf from 'mupdf';
import { creepFor, imposeSaddle, imposeTwoUp } from '../../src/print/impose.js';
import { SHEET_MARK_LENGTH_PT } from '../../src/print/sheetMarks.js';
import { MM } from '../../src/print/pdfPages.js';
import { DEFAULT_BLEED_PT, DEFAULT_MARK_OFFSET_PT } from '../../src/print/press.js';
import { saddleStitchOrder, type BindingDirection, type Slot } from '../../src/print/saddleStitch.js';
import { A5, labelsByPage, pageText, syntheticBooklet } from './fixtures.js';

const DATE = new Date(Date.UTC(2026, 0, 1));
const A4L = { width: 841.89, height: 595.28 };
/** The saddle sheets' trim sits inside the press files' slug: 3 mm bleed, 1 mm gap, 5 mm crop marks. */
const SLUG = DEFAULT_BLEED_PT + DEFAULT_MARK_OFFSET_PT + SHEET_MARK_LENGTH_PT;

/** [left, right] label on each output page, as read back from the PDF. */
function sides(pdf: Uint8Array): Array<[string | null, string | null]> {
  return labelsByPage(pdf).map((labels) => {
    const left = labels.filter((l) => l.cx < A4L.width / 2);
    const right = labels.filter((l) => l.cx >= A4L.width / 2);
    expect(left.length).toBeLessThanOrEqual(1);
    expect(right.length).toBeLessThanOrEqual(1);
    return [left[0]?.text ?? null, right[0]?.text ?? null];
  });
}

/** mupdf's JSON rounds boxes to whole points. */
function expectNear(actual: number, expected: number, tol = 1): void {
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(tol);
}

const label = (s: Slot) => (s === null ? null : `P${s}`);

describe('imposeSaddle', () => {
  for (const n of [1, 4, 5, 8, 13]) {
    for (const dir of ['rtl', 'ltr'] as BindingDirection[]) {
      it(`n=${n} ${dir}: each sheet side carries the expected pages left/right`, async () => {
        const out = await imposeSaddle(await syntheticBooklet(n), { dir, sheet: 'A4', date: DATE });
        const expected = saddleStitchOrder(n, dir).flatMap((s) => [
          [label(s.front[0]), label(s.front[1])],
          [label(s.back[0]), label(s.back[1])],
        ]);
        expect(sides(out)).toEqual(expected);

        // Each sheet side: the A4 trim, 3 mm of bleed around it, the crop marks' slug around that (as the press PDF).
        const doc = mupdf.Document.openDocument(out, 'application/pdf') as mupdf.PDFDocument;
        for (let i = 0; i < doc.countPages(); i++) {
          const page = doc.loadPage(i);
          const [x0, y0, x1, y1] = page.getBounds('MediaBox');
          expect(x1 - x0).toBeCloseTo(A4L.width + 2 * SLUG, 1);
          expect(y1 - y0).toBeCloseTo(A4L.height + 2 * SLUG, 1);
          const [tx0, ty0, tx1, ty1] = page.getBounds('TrimBox');
          expect([tx0, ty0, tx1 - tx0, ty1 - ty0].map((v) => Math.round(v * 10) / 10)).toEqual([SLUG, SLUG, A4L.width, A4L.height].map((v) => Math.round(v * 10) / 10));
          const [bx0, by0, bx1] = page.getBounds('BleedBox');
          expect(tx0 - bx0).toBeCloseTo(DEFAULT_BLEED_PT, 1);
          expect(ty0 - by0).toBeCloseTo(DEFAULT_BLEED_PT, 1);
          expect(bx1 - tx1).toBeCloseTo(DEFAULT_BLEED_PT, 1);
        }
        const text = pageText(out).join('\n');
        for (let i = 0; i < n; i++) expect(text).toMatch(new RegExp(`\\bP${i}\\b`));
      });
    }
  }

  it('the rtl front cover is on the left half of the first side (right-bound fold)', async () => {
    const out = await imposeSaddle(await syntheticBooklet(8), { dir: 'rtl', sheet: 'A4', date: DATE });
    expect(sides(out)[0]).toEqual(['P0', 'P7']);
    expect(sides(out)[3]).toEqual(['P4', 'P3']); // centre spread: P3 right, P4 left
  });

  it("places pages as vectors, not images: each page's own content streams, as they were, abutting at the fold", async () => {
    const src = await syntheticBooklet(4);
    const out = await imposeSaddle(src, { dir: 'ltr', sheet: 'A4', date: DATE });
    const doc = new mupdf.PDFDocument(out);
    const page = doc.loadPage(0);
    const kinds: string[] = [];
    page.getObject().get('Resources', 'XObject').forEach((v: mupdf.PDFObject) => kinds.push(v.resolve().get('Subtype').asName()));
    expect(kinds).toEqual([]);
    // The source pages' content streams, byte for byte (still compressed), between the sheet's own.
    const raw = (d: mupdf.PDFDocument, n: number) => {
      const c = d.loadPage(n).getObject().get('Contents');
      const streams: string[] = [];
      if (c.isArray()) c.forEach((x: mupdf.PDFObject) => streams.push(Buffer.from(x.readRawStream().asUint8Array()).toString('hex')));
      else streams.push(Buffer.from(c.readRawStream().asUint8Array()).toString('hex'));
      return streams;
    };
    const source = new mupdf.PDFDocument(src);
    const sheet = raw(doc, 0);
    for (const n of [0, 3]) for (const s of raw(source, n)) expect(sheet).toContain(s);
    // 1:1, the left page's right edge and the right page's left edge on the fold.
    const srcLabel = labelsByPage(src)[0][0];
    const [l, r] = labelsByPage(out)[0]; // P3 left, P0 right
    expectNear(l.cx, SLUG + A4L.width / 2 - A5.width + srcLabel.cx);
    expectNear(r.cx, SLUG + A4L.width / 2 + srcLabel.cx);
    expectNear(l.cy, SLUG + srcLabel.cy);
  });

  it('without bleed (bleedPt: 0) the sheet is the A4 trim, as the two-up sheets are', async () => {
    const out = await imposeSaddle(await syntheticBooklet(4), { dir: 'rtl', sheet: 'A4', date: DATE, bleedPt: 0 });
    const page = (mupdf.Document.openDocument(out, 'application/pdf') as mupdf.PDFDocument).loadPage(0);
    for (const box of ['MediaBox', 'TrimBox', 'BleedBox'] as const) expect(page.getBounds(box).map(Math.round)).toEqual([0, 0, 842, 595]);
  });

  it('creepFor: the paper thickness per sheet from 16 pages on; none below, none at 0 mm', () => {
    expect(creepFor(12, 0.1)).toBe(0);
    expect(creepFor(16, 0.1)).toBeCloseTo(0.1 * MM, 9);
    expect(creepFor(32, 0)).toBe(0);
  });

  it('shifts inner sheets towards the fold by the creep', async () => {
    const src = await syntheticBooklet(16);
    const flat = labelsByPage(await imposeSaddle(src, { dir: 'rtl', sheet: 'A4', date: DATE }));
    const crept = labelsByPage(await imposeSaddle(src, { dir: 'rtl', sheet: 'A4', date: DATE, creepPt: 2 }));
    for (let p = 0; p < flat.length; p++) {
      const sheet = Math.floor(p / 2);
      flat[p].forEach((lab, k) => {
        const moved = crept[p][k];
        expect(moved.text).toBe(lab.text);
        const towardsFold = lab.cx < A4L.width / 2 ? moved.cx - lab.cx : lab.cx - moved.cx;
        expectNear(towardsFold, sheet * 2);
      });
    }
  });

  it('is byte-for-byte reproducible and carries the given date and title', async () => {
    const src = await syntheticBooklet(6);
    const a = await imposeSaddle(src, { dir: 'rtl', sheet: 'A4', date: DATE, title: 'كتيّب' });
    const b = await imposeSaddle(src, { dir: 'rtl', sheet: 'A4', date: DATE, title: 'كتيّب' });
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
    const doc = mupdf.Document.openDocument(a, 'application/pdf');
    expect(doc.getMetaData('info:Title')).toBe('كتيّب');
    expect(doc.getMetaData('info:CreationDate')).toContain('20260101000000');
    expect(doc.getMetaData('info:ModDate')).toContain('20260101000000');
  });

  it('marks the spine (dashed fold marks in the mark area, over and under the fold) and draws a slug line under the trim: outlines, an artifact, no text', async () => {
    const out = await imposeSaddle(await syntheticBooklet(8), { dir: 'rtl', sheet: 'A4', date: DATE, title: 'كتيّب' });
    const doc = mupdf.Document.openDocument(out, 'application/pdf') as mupdf.PDFDocument;
    for (let i = 0; i < doc.countPages(); i++) {
      const page = doc.loadPage(i) as mupdf.PDFPage;
      const streams = page.getObject().get('Contents');
      const last = streams.isArray() ? streams.get(streams.length - 1) : streams;
      const marks = last.readStream().asString();
      expect(marks.startsWith('/Artifact BMC')).toBe(true);
      expect(marks).toContain('[2 1.5] 0 d');
      // The spine at the middle of the A4 trim, in the mark area over and under it.
      const x = String(Math.round((SLUG + A4L.width / 2) * 1000) / 1000);
      expect(marks).toContain(`${x} ${Math.round(SHEET_MARK_LENGTH_PT * 1000) / 1000} m`);
      expect(marks).not.toMatch(/\bBT\b|\bTj\b/);
      // The slug's words are outlines: nothing a reader finds as text on the sheet beyond the pages' own.
      expect(page.toStructuredText('').asText()).not.toContain('sheet');
      // Filled outlines under the trim: the slug line.
      expect(marks).toMatch(/ cm [\d. -]+ m[\s\S]* f Q/);
    }
    expect(doc.countPages()).toBe(4);
  });

  it('refuses a missing date', async () => {
    await expect(
      imposeSaddle(await syntheticBooklet(3), { dir: 'rtl', sheet: 'A4' } as never),
    ).rejects.toThrow(/date/);
  });
});

describe('imposeTwoUp', () => {
  it('rtl: earlier page on the right; odd last page alone', async () => {
    const out = await imposeTwoUp(await syntheticBooklet(5), { dir: 'rtl', sheet: 'A4', date: DATE });
    expect(sides(out)).toEqual([
      ['P1', 'P0'],
      ['P3', 'P2'],
      [null, 'P4'],
    ]);
  });

  it('ltr: earlier page on the left, centred in its half', async () => {
    const src = await syntheticBooklet(4);
    const out = await imposeTwoUp(src, { dir: 'ltr', sheet: 'A4', date: DATE });
    expect(sides(out)).toEqual([
      ['P0', 'P1'],
      ['P2', 'P3'],
    ]);
    const [l, r] = labelsByPage(out)[0];
    const srcLabel = labelsByPage(src)[0][0];
    const margin = (A4L.width / 2 - A5.width) / 2;
    expectNear(l.cx, margin + srcLabel.cx);
    expectNear(r.cx, A4L.width / 2 + margin + srcLabel.cx);
    expect(pageText(out).join('\n')).toMatch(/P3/);
  });

  it('two sides: two leaflets per sheet, fronts on the front, each back behind its own front (duplex, short edge)', async () => {
    // Three leaflets, front and back each: P0/P1, P2/P3, P4/P5.
    const src = await syntheticBooklet(6);
    expect(sides(await imposeTwoUp(src, { dir: 'rtl', sheet: 'A4', date: DATE, sides: 2 }))).toEqual([
      ['P2', 'P0'],
      ['P1', 'P3'],
      [null, 'P4'],
      ['P5', null],
    ]);
    expect(sides(await imposeTwoUp(src, { dir: 'ltr', sheet: 'A4', date: DATE, sides: 2 }))).toEqual([
      ['P0', 'P2'],
      ['P3', 'P1'],
      ['P4', null],
      [null, 'P5'],
    ]);
    await expect(imposeTwoUp(await syntheticBooklet(5), { dir: 'rtl', sheet: 'A4', date: DATE, sides: 2 })).rejects.toThrow(/multiple/);
    await expect(imposeTwoUp(src, { dir: 'rtl', sheet: 'A4', date: DATE, sides: 3 })).rejects.toThrow(/even/);
    // Two leaflets of two sheets each: P0–P3 and P4–P7.
    expect(sides(await imposeTwoUp(await syntheticBooklet(8), { dir: 'rtl', sheet: 'A4', date: DATE, sides: 4 }))).toEqual([
      ['P4', 'P0'],
      ['P1', 'P5'],
      ['P6', 'P2'],
      ['P3', 'P7'],
    ]);
  });
});
