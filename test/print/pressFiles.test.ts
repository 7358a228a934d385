/**
 * The press files of the real seed document, made as the build makes them:
 * the booklet's press PDF (CMYK, PDF/X-4, page plan), the saddle sheets
 * imposed from it, leaflets-press.pdf and the 2-up sheet with cut marks.
 * Checked in the content streams (colour operators), in the declarations
 * (OutputIntent, XMP), by preflight, and in pixels (mupdf, CMYK).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import * as mupdf from 'mupdf';
import { loadDocument } from '../../src/model/buildModel.js';
import { loadFontSet } from '../../src/fonts/loadFontSet.js';
import type { DocumentModel } from '../../src/model/types.js';
import type { LaidOutPage } from '../../src/layout/types.js';
import type { TemplateFonts } from '../../src/layout/typeset.js';
import { layoutBooklet, REVERSED_MIN_PT } from '../../templates/booklet.js';
import { layoutLeaflet } from '../../templates/leaflet.js';
import { pressOfPages } from '../support/press.js';
import { creepFor, imposeSaddle, imposeTwoUp } from '../../src/print/impose.js';
import { MM } from '../../src/print/pdfPages.js';
import { MARK_LINE_WIDTH_PT } from '../../src/print/press.js';
import { SHEET_SLUG_PT } from '../../src/print/sheetMarks.js';
import { saddleStitchOrder } from '../../src/print/saddleStitch.js';
import { evenSides } from '../../src/layout/pagePlan.js';
import { readPdfx4 } from '../../src/print/pdfx.js';
import { preflight } from '../../src/print/preflight.js';
import { renderPages, renderTwin } from '../../src/render/pdf/renderPages.js';
import { pressDocFromDrawing } from '../../src/print/pressFiles.js';
import { projectRoot } from '../support/fonts.js';
import { colorOperators, pageContents, textPaints } from '../support/pdfContent.js';

let model: DocumentModel;
let fonts: TemplateFonts;
let pages: LaidOutPage[];
/** The seed booklet with copyfitting off: padded with notes pages (the page plan's spare pages). */
let padded: LaidOutPage[];
let press: Uint8Array;
let saddle: Uint8Array;
let leafletPages: LaidOutPage[];
let leafletsPress: Uint8Array;
let twoUp: Uint8Array;
const meta = () => ({ title: model.title, lang: model.lang, rtl: true, date: new Date(`${model.date}T00:00:00Z`) });

beforeAll(async () => {
  model = (await loadDocument('source/izmir-2023.txt', { projectRoot, sourceDateEpoch: '1698000000' })).model;
  fonts = await loadFontSet(model.theme, projectRoot);
  pages = layoutBooklet(model, fonts).pages;
  padded = layoutBooklet(uncopyfitted(), fonts).pages;
  press = await pressOfPages(pages, model.theme, meta(), 'saddle');
  saddle = await imposeSaddle(press, { dir: 'rtl', sheet: 'A4', date: meta().date, title: model.title, pdfx: true });
  leafletPages = model.points.slice(0, 3).flatMap((p) => layoutLeaflet(model, p, fonts).pages);
  leafletsPress = await pressOfPages(leafletPages, model.theme, meta(), 'loose');
  twoUp = await imposeTwoUp(leafletsPress, { dir: 'rtl', sheet: 'A4', date: meta().date, title: model.title, pdfx: true, cutMarks: true });
}, 60_000);

/** The seed with copyfitting off (theme.copyfit), and `theme` changed. */
const uncopyfitted = (theme: Partial<DocumentModel['theme']> = {}): DocumentModel => ({ ...model, theme: { ...model.theme, copyfit: 'off', ...theme } });

const RGB_OPERATOR = /(?:^| )(?:rg|RG|g|G)$|DeviceRGB|CalRGB/;

describe('the page plan', () => {
  it('gives the booklet a multiple of 4 pages: ruled notes pages after the last point, the colophon on the inside back cover', () => {
    const roles = padded.map((p) => p.role);
    expect(roles.length % 4).toBe(0);
    // Copyfitting off, the seed's 9 pages become 12: pages 8–10 are notes pages, 11 the colophon, 12 the back cover.
    expect(roles.slice(-5)).toEqual(['notes', 'notes', 'notes', 'colophon', 'back-cover']);
    for (const notes of padded.filter((p) => p.role === 'notes')) {
      const rules = notes.blocks.filter((b) => b.kind === 'rule');
      expect(rules.length).toBeGreaterThan(15); // the running head's rule and the writing lines
      expect(rules.every((r) => r.width >= 0.25)).toBe(true); // preflight's thinnest line
      expect(notes.blocks.filter((b) => b.kind === 'text').map((b) => b.text)).toContain('ملاحظات');
    }
  });
  it('copyfits the seed instead (theme.copyfit on, the default): 8 pages at 11 pt, none spare, the colophon still on the inside back cover', () => {
    expect(pages.map((p) => p.role)).toEqual(['cover', 'contents', 'preamble', 'body', 'body', 'body', 'colophon', 'back-cover']);
  });
  it("with spare: 'blank' the spare pages are paper only; with pages: 'any' there are none", () => {
    const blank = layoutBooklet(uncopyfitted({ spare: 'blank' }), fonts).pages;
    expect(blank.map((p) => p.role)).toEqual(padded.map((p) => (p.role === 'notes' ? 'blank' : p.role)));
    expect(blank.filter((p) => p.role === 'blank').every((p) => p.blocks.length === 0 && p.background === model.theme.palette.paper)).toBe(true);
    // No spare page to save: `pages: any` is never copyfitted.
    const any = layoutBooklet({ ...model, theme: { ...model.theme, pages: 'any' } }, fonts).pages;
    expect(any.map((p) => p.role)).toEqual(padded.map((p) => p.role).filter((r) => r !== 'notes'));
  });
  it('the press PDF and the saddle file carry the same pages, a multiple of 4: each press page once, 2 per sheet side, no blank of its own', async () => {
    const pressCount = mupdf.Document.openDocument(press, 'application/pdf').countPages();
    expect(pressCount).toBe(pages.length);
    expect(pressCount % 4).toBe(0);
    expect(mupdf.Document.openDocument(saddle, 'application/pdf').countPages() * 2).toBe(pressCount);
    const placed = saddleStitchOrder(pressCount, 'rtl').flatMap((s) => [...s.front, ...s.back]);
    expect([...placed].sort((a, b) => (a ?? -1) - (b ?? -1))).toEqual(pages.map((_, i) => i));
  });
  it('leaflets-press: one side per leaflet; once a leaflet runs on to a second page, every leaflet has a back', async () => {
    expect(mupdf.Document.openDocument(leafletsPress, 'application/pdf').countPages()).toBe(3);
    // Twice point 8: more than one page at the compact size (12 pt), less than two.
    const long = { ...model.points[0], text: Array.from({ length: 2 }, () => model.points[7].text).join(' ') };
    const sets = [layoutLeaflet(model, long, fonts).pages, ...model.points.slice(1, 3).map((p) => layoutLeaflet(model, p, fonts).pages)];
    expect(sets.map((l) => l.length)).toEqual([2, 1, 1]);
    const { pages: even, sides } = evenSides(sets, model.theme.palette.paper);
    const pdf = await pressOfPages(even, model.theme, meta(), 'loose');
    expect(mupdf.Document.openDocument(pdf, 'application/pdf').countPages()).toBe(6);
    expect(even.map((p) => p.role)).toEqual(['leaflet', 'leaflet', 'leaflet', 'blank', 'leaflet', 'blank']);
    const sheets = await imposeTwoUp(pdf, { dir: 'rtl', sheet: 'A4', date: meta().date, pdfx: true, cutMarks: true, sides });
    expect(mupdf.Document.openDocument(sheets, 'application/pdf').countPages()).toBe(4);
    expect((await preflight(pdf)).problems).toEqual([]);
  });
});

describe('colour in the content streams', () => {
  it('the press files use no RGB or grey operator at all', () => {
    for (const [name, pdf] of Object.entries({ press, saddle, leafletsPress, twoUp })) {
      pageContents(pdf).forEach((content, i) => {
        const bad = colorOperators(content).filter((op) => RGB_OPERATOR.test(op));
        expect(bad, `${name} page ${i + 1}`).toEqual([]);
      });
    }
  });
  it('every text-showing operator of every press file paints in 0/0/0/100; only the covers knock text out (no ink)', () => {
    const coverPages: Record<string, number[]> = { press: pages.flatMap((p, i) => (p.role === 'cover' || p.role === 'back-cover' ? [i] : [])), saddle: [0], leafletsPress: [], twoUp: [] };
    for (const [name, pdf] of Object.entries({ press, saddle, leafletsPress, twoUp })) {
      const perPage = textPaints(pdf);
      expect(perPage.flat().filter((t) => t.paint === 'fill').length, name).toBeGreaterThan(500);
      perPage.forEach((paints, i) => {
        const where = `${name} page ${i + 1}`;
        // Visible text is filled, never stroked or used as a clip.
        expect(paints.filter((t) => t.paint !== 'fill' && t.paint !== 'invisible'), where).toEqual([]);
        const colours = new Set(paints.filter((t) => t.paint === 'fill').map((t) => `${t.space} ${t.color.join(' ')}`));
        const allowed = ['DeviceCMYK 0 0 0 1', ...(coverPages[name].includes(i) ? ['DeviceCMYK 0 0 0 0'] : [])];
        expect([...colours].filter((c) => !allowed.includes(c)), where).toEqual([]);
      });
    }
  });
  it("black text overprints (OP, op, OPM 1); the covers' knocked-out text does not", () => {
    const leaflet = pageContents(leafletsPress)[0];
    expect(leaflet.match(/\/GSOverprint gs/g)?.length).toBeGreaterThan(3);
    const doc = mupdf.Document.openDocument(leafletsPress, 'application/pdf').asPDF()!;
    const states: string[] = [];
    const walk = (res: mupdf.PDFObject) => {
      res.get('ExtGState').forEach((g, name) => void (name === 'GSOverprint' && states.push(['OP', 'op', 'OPM'].map((k) => String(g.get(k))).join(' '))));
      res.get('XObject').forEach((x) => walk(x.get('Resources')));
    };
    walk((doc.loadPage(0) as mupdf.PDFPage).getObject().getInheritable('Resources'));
    expect(new Set(states)).toEqual(new Set(['true true 1']));
    expect(pageContents(press)[0]).not.toMatch(/GSOverprint/);
  });
  it('rules are K only on text pages: solid 0/0/0/100, and the crop marks in registration colour outside the bleed', () => {
    // Page 4: the first text page under a running head and its rule (page 3, where the title opens, has none).
    const body = pageContents(press)[3];
    expect(new Set(colorOperators(body).filter((op) => op.endsWith(' K')))).toEqual(new Set(['0 0 0 1 K', '1 1 1 1 K']));
  });
  it('the screen booklet stays RGB', async () => {
    const screen = await renderPages(pages.slice(2, 3), meta());
    expect(colorOperators(pageContents(screen)[0]).some((op) => op.endsWith(' rg'))).toBe(true);
    expect(colorOperators(pageContents(screen)[0]).some((op) => op.endsWith(' k'))).toBe(false);
  });
});

describe('PDF/X-4', () => {
  it('every press file has an OutputIntent with a 4-component CMYK profile, PDF/X-4 identification, XMP title, ID and boxes', async () => {
    for (const pdf of [press, saddle, leafletsPress, twoUp]) {
      const r = await readPdfx4(pdf);
      expect(r).toMatchObject({ version: 'PDF/X-4', xmpVersion: 'PDF/X-4', trapped: 'False', xmpTitle: model.title, hasId: true, pagesWithoutBoxes: [] });
      expect(r.outputIntent).toEqual({ identifier: 'FOGRA39', components: 4 });
      expect(Buffer.from(pdf.subarray(0, 8)).toString('latin1')).toBe('%PDF-1.6');
    }
  });
  it('declares how each file is finished, and preflight accepts every press file with no warning (the covers\' reversed imprint ≥ 8 pt)', async () => {
    const expected = [
      [press, 'saddle'],
      [saddle, 'imposed'],
      [leafletsPress, 'loose'],
      [twoUp, 'imposed-one-sided'],
    ] as const;
    for (const [pdf, binding] of expected) {
      const r = await preflight(pdf);
      expect(r.binding).toBe(binding);
      expect(r.problems).toEqual([]);
      expect(r.warnings).toEqual([]);
    }
  });
  it("sets no reversed type under 8 pt on the covers, the imprint's superscripts included («23rd»)", () => {
    for (const page of pages.filter((p) => p.role === 'cover' || p.role === 'back-cover')) {
      const sizes = page.blocks.flatMap((b) => (b.kind === 'text' ? b.lines.flatMap((l) => l.line.glyphs.map((g) => g.size)) : []));
      expect(sizes.length).toBeGreaterThan(0);
      expect(Math.min(...sizes), page.role).toBeGreaterThanOrEqual(REVERSED_MIN_PT);
    }
  });
  // Ghostscript is only a second opinion where it is installed; nothing needs it.
  it.skipIf(spawnSync('gs', ['--version']).status !== 0)('Ghostscript reads every page of every press file without a warning, and its ink per page is what preflight measured', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'warraq-gs-'));
    try {
      for (const [name, pdf] of Object.entries({ press, saddle, leafletsPress, twoUp })) {
        const file = join(dir, `${name}.pdf`);
        writeFileSync(file, pdf);
        const strict = spawnSync('gs', ['-q', '-dNOPAUSE', '-dBATCH', '-dPDFSTOPONERROR', '-dPDFSTOPONWARNING', '-sDEVICE=nullpage', file], { encoding: 'utf8' });
        expect({ status: strict.status, out: strict.stdout + strict.stderr }, name).toEqual({ status: 0, out: '' });
        // 8-bit CMYK pixels at 72 dpi (1 px = 1 pt; no anti-aliasing), the highest C+M+Y+K inside each page's bleed box.
        const raw = join(dir, `${name}-%03d.cmyk`);
        expect(spawnSync('gs', ['-q', '-dNOPAUSE', '-dBATCH', '-sDEVICE=bitcmyk', '-dGrayValues=256', '-r72', `-sOutputFile=${raw}`, file]).status).toBe(0);
        const doc = mupdf.Document.openDocument(pdf, 'application/pdf');
        const report = await preflight(pdf);
        for (let i = 0; i < doc.countPages(); i++) {
          const page = doc.loadPage(i);
          const [, , mw] = page.getBounds('MediaBox');
          const [bx0, by0, bx1, by1] = page.getBounds('BleedBox');
          const px = readFileSync(raw.replace('%03d', String(i + 1).padStart(3, '0')));
          const w = Math.round(mw);
          let max = 0;
          for (let y = Math.ceil(by0); y < Math.floor(by1); y++) {
            for (let x = Math.ceil(bx0); x < Math.floor(bx1); x++) {
              const o = (y * w + x) * 4;
              max = Math.max(max, [0, 1, 2, 3].reduce((a, c) => a + Math.round((px[o + c] / 255) * 100), 0));
            }
          }
          expect(max, `${name} page ${i + 1}`).toBe(report.pages[i].maxInkPercent);
        }
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
  it('is reproducible', async () => {
    expect(Buffer.from(await pressOfPages(pages, model.theme, meta(), 'saddle')).equals(Buffer.from(press))).toBe(true);
  });
});

/** CMYK samples of a page rendered with mupdf (colour management off: the file's own values), 1 px = 1 pt. */
function cmykPixels(pdf: Uint8Array, index: number, scale = 1) {
  mupdf.disableICC();
  try {
    const page = mupdf.Document.openDocument(pdf, 'application/pdf').loadPage(index) as mupdf.PDFPage;
    const pix = page.toPixmap(mupdf.Matrix.scale(scale, scale), mupdf.ColorSpace.DeviceCMYK, false);
    const px = pix.getPixels();
    const [stride, n, w, h] = [pix.getStride(), pix.getNumberOfComponents(), pix.getWidth(), pix.getHeight()];
    const ink = (x: number, y: number) => {
      const i = Math.floor(y * scale) * stride + Math.floor(x * scale) * n;
      return [px[i], px[i + 1], px[i + 2], px[i + 3]];
    };
    return { ink, w: w / scale, h: h / scale, trim: page.getBounds('TrimBox'), bleed: page.getBounds('BleedBox') };
  } finally {
    mupdf.enableICC();
  }
}

describe('paper is paper (pixels)', () => {
  it('text pages print no ink in the bleed or the margins; the cover colour fills its bleed', () => {
    const m = model.theme.page.margins;
    for (let i = 0; i < pages.length; i++) {
      const { ink, trim, bleed } = cmykPixels(press, i);
      const strip: Array<[number, number]> = [];
      // Points in the bleed (between BleedBox and TrimBox) and in the top margin above the running head.
      for (let x = bleed[0] + 1; x < bleed[2] - 1; x += 4) strip.push([x, bleed[1] + 2], [x, bleed[3] - 2], [x, trim[1] + m.top - 40]);
      for (let y = bleed[1] + 1; y < bleed[3] - 1; y += 4) strip.push([bleed[0] + 2, y], [bleed[2] - 2, y]);
      const inked = strip.filter(([x, y]) => ink(x, y).some((v) => v > 0));
      if (pages[i].role === 'cover' || pages[i].role === 'back-cover') {
        // The cover's 0/90/85/50 everywhere in the bleed (where no cover text is).
        const [c, mg, y, k] = ink(bleed[0] + 2, bleed[1] + 2);
        expect([c, mg, y, k].map((v) => Math.round((v / 255) * 100))).toEqual(model.theme.cmyk.cover);
        expect(strip.filter(([x, y]) => ink(x, y)[1] === 0).length).toBe(0);
      } else {
        expect(inked, `page ${i + 1} (${pages[i].role})`).toEqual([]);
      }
    }
  });
  it('a blank page is paper only: no ink anywhere inside its bleed box', async () => {
    const blank = layoutBooklet(uncopyfitted({ spare: 'blank' }), fonts).pages;
    const i = blank.findIndex((p) => p.role === 'blank');
    const { ink, bleed } = cmykPixels(await pressOfPages(blank.slice(i, i + 1), model.theme, meta(), 'loose'), 0);
    for (let y = bleed[1]; y < bleed[3]; y += 3) for (let x = bleed[0]; x < bleed[2]; x += 3) expect(ink(x, y)).toEqual([0, 0, 0, 0]);
  });
  it('a notes page prints on the black plate only', async () => {
    const i = padded.findIndex((p) => p.role === 'notes');
    const { ink, trim } = cmykPixels(await pressOfPages(padded.slice(i, i + 1), model.theme, meta(), 'loose'), 0);
    let [black, colour] = [0, 0];
    for (let y = trim[1]; y < trim[3]; y += 2) {
      for (let x = trim[0]; x < trim[2]; x += 2) {
        const [c, m, yl, k] = ink(x, y);
        if (c + m + yl > 0) colour++;
        if (k > 0) black++;
      }
    }
    expect(colour).toBe(0);
    expect(black).toBeGreaterThan(0);
  });
});

describe('the 2-up leaflet sheet', () => {
  it("is the A4 trim on an SRA4 sheet, as the saddle sheets: crop marks at its corners, cut marks on the line between the two leaflets, in registration, outside the trim", () => {
    const page = (mupdf.Document.openDocument(twoUp, 'application/pdf') as mupdf.PDFDocument).loadPage(0);
    expect(page.getBounds('MediaBox').map((v) => Math.round(v / MM))).toEqual([0, 0, 312, 225]);
    const trim = page.getBounds('TrimBox');
    expect(trim[0]).toBeCloseTo(SHEET_SLUG_PT, 1);
    expect((trim[2] - trim[0]) / MM).toBeCloseTo(297, 0);
    const sheet = pageContents(twoUp)[0];
    expect(sheet).toContain(`${MARK_LINE_WIDTH_PT} w`);
    expect(sheet).toMatch(/1 1 1 1 K/);
    expect(sheet).toContain('/Artifact BMC');
    // The cut mark in the mark area over the trim, in every plate; nothing at the trim's edge itself.
    const { ink, w } = cmykPixels(twoUp, 0, 8);
    expect(Math.min(...ink(w / 2, 5))).toBeGreaterThan(100);
    expect(Math.max(...ink(w / 2, SHEET_SLUG_PT + 2))).toBe(0);
  });
});

describe('a long document (long-30: 16 pages)', () => {
  it('gets creep in its saddle file: each inner sheet 0.1 mm (theme.paper) nearer the fold than the one around it', async () => {
    const long = (await loadDocument('test/fixtures/docs/long-30/long-30.txt', { projectRoot, sourceDateEpoch: '1698000000' })).model;
    const longPages = layoutBooklet(long, await loadFontSet(long.theme, projectRoot)).pages;
    expect(longPages.length).toBe(16);
    const longPress = await pressOfPages(longPages, long.theme, { ...meta(), title: long.title }, 'saddle');
    const creepPt = creepFor(longPages.length, long.theme.paper.thicknessMm);
    expect(creepPt).toBeCloseTo(0.1 * MM, 6);
    const sheets = await imposeSaddle(longPress, { dir: 'rtl', sheet: 'A4', date: meta().date, pdfx: true, creepPt });
    // Where each sheet side places its two pages: the x of each form's translation (left half, right half), the one
    // followed by its scale (the press page's own move onto its trim is a translation too).
    const xs = pageContents(sheets).map((c) => [...c.matchAll(/1 0 0 1 ([\d.]+) [\d.]+ cm\s+[\d.]+ 0 0 [\d.]+ 0 0 cm/g)].map((m) => Number(m[1])).filter((x) => x > 0));
    expect(xs.length).toBe(8);
    xs.forEach(([left, right], side) => {
      const s = Math.floor(side / 2);
      expect(left - xs[0][0]).toBeCloseTo(s * creepPt, 6); // the left page moves right, towards the fold
      expect(xs[0][1] - right).toBeCloseTo(s * creepPt, 6); // the right page moves left
    });
    expect((await preflight(sheets)).problems).toEqual([]);
  }, 60_000);
});

describe('an imposition from the press file kept loaded (src/print/loadedPress.ts)', () => {
  it('is the same file as from its bytes parsed', async () => {
    const twin = await renderTwin(pages, meta());
    const booklet = await pressDocFromDrawing(twin, model.theme, meta(), 'saddle');
    expect(booklet.bytes).toEqual(press);
    const opts = { dir: 'rtl', sheet: 'A4', date: meta().date, title: model.title, pdfx: true } as const;
    expect(await imposeSaddle(booklet, opts)).toEqual(saddle);
    const leaflets = await pressDocFromDrawing(await renderTwin(leafletPages, meta()), model.theme, meta(), 'loose');
    expect(await imposeTwoUp(leaflets, { ...opts, cutMarks: true })).toEqual(twoUp);
    // The document is only read: a second imposition from it is the same again.
    expect(await imposeTwoUp(leaflets, { ...opts, cutMarks: true })).toEqual(twoUp);
  }, 180_000);
});
