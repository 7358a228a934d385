/**
 * Imposition: puts finished A5 pages onto A4 landscape press sheets, so a
 * booklet or leaflets can be printed on any office duplex printer.
 *
 * - `imposeSaddle`: saddle-stitch booklet. Output pages alternate front, back,
 *   front, back… one pair per sheet; print duplex flipping on the SHORT edge,
 *   stack, fold, staple. Page order comes from `saddleStitchOrder`.
 * - `imposeTwoUp`: consecutive pages two per sheet, to cut in half.
 *
 * Pages are placed as vectors (never rasterised): their content streams, as
 * they are, inside a transform and clip (src/print/pdfPages.ts `placePage`),
 * at 100 % unless a page is too big for its half-sheet, in which case it is
 * scaled down to fit.
 */

import { clip, endPath, rectangle, scale, translate, type PDFPage } from 'pdf-lib';
import {
  copyPages,
  createOutput,
  loadSource,
  placePage,
  type PlaceablePage,
  MM,
  saveOutput,
  SHEET_SIZES,
  type SheetName,
} from './pdfPages.js';
import { markPdfx4, withPdfxHeader, type Binding } from './pdfx.js';
import { DEFAULT_BLEED_PT, DEFAULT_MARK_OFFSET_PT, markColorOf } from './press.js';
import { SHEET_MARK_GAP_PT, SHEET_MARK_LENGTH_PT, sheetMarksContent, slugOf, type Slug } from './sheetMarks.js';
import { creepOffsets, saddleStitchOrder, type BindingDirection, type Slot } from './saddleStitch.js';
import type { PdfSource } from './loadedPress.js';

interface ImposeOptions {
  /** Binding side: 'rtl' for Arabic (bound on the right), 'ltr' for Latin. */
  dir: BindingDirection;
  sheet: SheetName;
  /** Fixed CreationDate/ModDate, so output is reproducible. */
  date: Date;
  /** Defaults to the source's title. */
  title?: string;
  /** Declare the sheets PDF/X-4 (src/print/pdfx.ts); for sources drawn in CMYK. */
  pdfx?: boolean;
}

interface TwoUpOptions extends ImposeOptions {
  /**
   * The press's sheet: the A4 trim inside a mark area (SRA4, as the saddle
   * sheets), with crop marks at its corners, cut marks on the line between
   * the two halves and a slug line (src/print/sheetMarks.ts). Without, the
   * sheet is plain A4 (all-leaflets.pdf's two-up, for an office printer).
   */
  cutMarks?: boolean;
  /**
   * Pages per leaflet: 1 (default; single-sided, pages 2k and 2k+1 share a
   * sheet) or an even number (front and back of one sheet or more: two leaflets
   * share each sheet, their fronts on its front and their backs behind them,
   * for duplex flipped on the short edge).
   */
  sides?: number;
}

interface SaddleOptions extends ImposeOptions {
  /**
   * Bleed around each sheet side's trim (the two pages' outer edges: top,
   * bottom, fore-edges; none at the fold, where the pages meet), pt, with
   * the press files' crop marks outside it. Default DEFAULT_BLEED_PT (3 mm),
   * as booklet-press.pdf: the cover's colour runs to the trim. 0: the sheet
   * is the trim (no marks).
   */
  bleedPt?: number;
  /**
   * Creep compensation: paper thickness in pt (e.g. 80 g/m² office paper ≈
   * 0.1 mm ≈ 0.28 pt). Sheet s (0 = outermost) has its pages moved s × creepPt
   * towards the fold. Default 0 (no creep), fine for thin booklets; the build
   * uses `creepFor` (theme.paper.thicknessMm from 16 pages on).
   */
  creepPt?: number;
}

/** A source page to place: its trim box (what fills the half-sheet), and its size. */
type Placed = { page: PlaceablePage | null; trim: Box; width: number; height: number };
type Box = { x: number; y: number; width: number; height: number };

/**
 * Draws `p` into the half-sheet starting at `halfX`, clipped to that half and
 * to the page's own clip (its trim, or its bleed box where the sheet has
 * bleed). `sheet`: the sheet's trim on the output page (at its origin when
 * it has no bleed); `bleed`: how far past the sheet's trim the half's clip
 * reaches on its outer sides (never across the fold).
 */
function drawInHalf(
  target: PDFPage,
  p: Placed,
  halfX: number,
  halfW: number,
  sheet: Box,
  align: 'fold-right' | 'fold-left' | 'centre',
  shiftTowardsFold: number,
  bleed = 0,
): void {
  if (p.page === null) return;
  const sheetH = sheet.height;
  // Scale down only: 1:1 is what the designer made.
  const k = Math.min(1, halfW / p.width, sheetH / p.height);
  const w = p.width * k;
  const h = p.height * k;
  let x: number;
  if (align === 'fold-right') x = halfX + halfW - w + shiftTowardsFold; // fold is on its right
  else if (align === 'fold-left') x = halfX - shiftTowardsFold; // fold is on its left
  else x = halfX + (halfW - w) / 2;
  const y = (sheetH - h) / 2;
  const t = p.trim;
  // The half, widened by the bleed on the sides away from the fold (a centred page has no fold: both sides).
  // Only a page that fills its half at 1:1 has its bleed there: a smaller one (an A6 booklet on A4) or a
  // scaled one is clipped at its placed trim, else its bleed would show inside the sheet's trim after cutting.
  const fills = k === 1 && Math.abs(w - halfW) < 0.01 && Math.abs(h - sheetH) < 0.01;
  const left = halfX - (align !== 'fold-left' ? bleed : 0);
  const right = halfX + halfW + (align !== 'fold-right' ? bleed : 0);
  const half =
    bleed > 0 && !fills
      ? [rectangle(sheet.x + x, sheet.y + y, w, h), clip(), endPath()]
      : [rectangle(sheet.x + left, sheet.y - bleed, right - left, sheetH + 2 * bleed), clip(), endPath()];
  const at = sheet.x === 0 && sheet.y === 0 ? [translate(x, y)] : [translate(sheet.x + x, sheet.y + y)];
  placePage(target, p.page, half, [...at, scale(k, k), translate(-t.x, -t.y)]);
}

async function prepare(pdf: PdfSource, opts: ImposeOptions, bleed = 0, marked = bleed > 0) {
  const size = SHEET_SIZES[opts.sheet];
  if (size === undefined) throw new RangeError(`unknown sheet size ${String(opts.sheet)}`);
  const bookletPdf = pdf instanceof Uint8Array ? pdf : pdf.bytes;
  // Pages are only copied out of the source: a document kept loaded (src/print/loadedPress.ts) is not changed.
  const source = pdf instanceof Uint8Array ? await loadSource(pdf) : pdf.doc;
  if (source.getPageCount() === 0) throw new RangeError('cannot impose a PDF with no pages');
  const out = await createOutput(source, { date: opts.date, title: opts.title, creator: 'warraq print/impose' });
  // Each page clipped at its TrimBox, or at its BleedBox (the press file's 3 mm) where the sheet has bleed.
  const placed: Placed[] = copyPages(out, source, (page) => (bleed > 0 ? page.getBleedBox() : page.getTrimBox())).map((p) => {
    const trim = p.page.getTrimBox();
    return { page: p, trim, width: trim.width, height: trim.height };
  });
  const slot = (s: Slot): Placed => (s === null ? { page: null, trim: { x: 0, y: 0, width: 0, height: 0 }, width: 0, height: 0 } : placed[s]);
  /**
   * A sheet side: marked (the press's sheets), the sheet's trim inside its bleed and the mark area
   * (src/print/sheetMarks.ts), TrimBox and BleedBox set to them; else the sheet is the trim, and TrimBox and BleedBox
   * are the page (nothing printed reaches past the trim: leaflets keep within their margins).
   */
  const addSheet = (): { page: PDFPage; sheet: Box } => {
    const slug = marked ? Math.max(SHEET_MARK_GAP_PT, bleed + DEFAULT_MARK_OFFSET_PT) + SHEET_MARK_LENGTH_PT : 0;
    const page = out.addPage([size.width + 2 * slug, size.height + 2 * slug]);
    const sheet = { x: slug, y: slug, width: size.width, height: size.height };
    page.setTrimBox(sheet.x, sheet.y, sheet.width, sheet.height);
    page.setBleedBox(sheet.x - bleed, sheet.y - bleed, sheet.width + 2 * bleed, sheet.height + 2 * bleed);
    return { page, sheet };
  };
  /** A marked sheet side's marks and slug line, drawn last (over nothing: they lie outside the bleed). */
  const marks = (page: PDFPage, sheet: Box, middle: 'fold' | 'cut', slug: Slug) => {
    if (!marked) return;
    const content = sheetMarksContent({ trim: sheet, bleed, middle, color: markColorOf('registration'), slug });
    page.node.addContentStream(out.context.register(out.context.flateStream(content)));
  };
  const finish = async (binding: Binding = 'imposed') => {
    if (opts.pdfx) markPdfx4(out, { title: opts.title ?? source.getTitle() ?? '', date: opts.date, idSeed: bookletPdf, creator: 'warraq print/impose', binding });
    return opts.pdfx ? withPdfxHeader(await saveOutput(out)) : saveOutput(out);
  };
  return { out, size, placed, slot, addSheet, marks, finish, source };
}

/** Booklets from this many pages on get creep compensation. */
const CREEP_FROM_PAGES = 16;

/** The creep (pt per sheet) for a saddle-stitched booklet of `pageCount` pages on paper `thicknessMm` thick (0 = off). */
export function creepFor(pageCount: number, thicknessMm: number): number {
  return pageCount >= CREEP_FROM_PAGES ? thicknessMm * MM : 0;
}

/**
 * Saddle-stitch imposition. Output page 2s is sheet s's front, 2s+1 its back;
 * each holds [left, right] as given by `saddleStitchOrder(n, dir)`, abutting
 * at the centre fold.
 */
export async function imposeSaddle(bookletPdf: PdfSource, opts: SaddleOptions): Promise<Uint8Array> {
  const bleed = opts.bleedPt ?? DEFAULT_BLEED_PT;
  if (!Number.isFinite(bleed) || bleed < 0) throw new RangeError(`bleedPt must be a finite number ≥ 0, got ${bleed}`);
  const { placed, slot, addSheet, marks, finish, size, source } = await prepare(bookletPdf, opts, bleed);
  const sheets = saddleStitchOrder(placed.length, opts.dir);
  const creep = creepOffsets(sheets.length, opts.creepPt ?? 0);
  const halfW = size.width / 2;
  const title = opts.title ?? source.getTitle();
  sheets.forEach((sheet, s) => {
    for (const [side, name] of [[sheet.front, 'front'], [sheet.back, 'back']] as const) {
      const { page, sheet: trim } = addSheet();
      drawInHalf(page, slot(side[0]), 0, halfW, trim, 'fold-right', creep[s], bleed);
      drawInHalf(page, slot(side[1]), halfW, halfW, trim, 'fold-left', creep[s], bleed);
      marks(page, trim, 'fold', slugOf(title, s + 1, sheets.length, name));
    }
  });
  return finish();
}

/**
 * Two-up: leaflets 2k and 2k+1 share sheet k, each centred in its half (cut
 * down the middle). With 'rtl' the earlier leaflet is on the right, so a
 * reader meets them in reading order; with 'ltr' on the left. Two-sided,
 * each sheet's back carries the leaflets' backs, each behind its own front
 * (the back's left half lies behind the front's right half). An odd last
 * leaflet leaves the other half blank.
 */
export async function imposeTwoUp(pdf: PdfSource, opts: TwoUpOptions): Promise<Uint8Array> {
  // No bleed: a leaflet's art keeps within its margins (nothing of it reaches the trim; docs/print.md).
  const { size, placed, slot, addSheet, marks, finish, source } = await prepare(pdf, opts, 0, opts.cutMarks === true);
  const sides = opts.sides ?? 1;
  if (!Number.isInteger(sides) || sides < 1 || (sides > 1 && sides % 2 !== 0) || placed.length % sides !== 0) {
    throw new RangeError(`two-up needs 1 or an even number of pages per leaflet and a page count that is a multiple of it; got ${sides} and ${placed.length} pages`);
  }
  const halfW = size.width / 2;
  const leaflets = placed.length / sides;
  const title = opts.title ?? source.getTitle();
  const sheets = Math.ceil(leaflets / 2) * Math.max(1, sides / 2);
  let n = 0;
  const pageOf = (leaflet: number, side: number): Slot => (leaflet < leaflets ? leaflet * sides + side : null);
  for (let i = 0; i < leaflets; i += 2) {
    const [left, right] = opts.dir === 'rtl' ? [i + 1, i] : [i, i + 1];
    // Each sheet of the pair: fronts, then (two-sided) the backs seen turned
    // over, what lies behind the front's right half on the left.
    const faces: Array<[Slot, Slot]> = [];
    for (let f = 0; f < sides; f += 2) {
      faces.push([pageOf(left, f), pageOf(right, f)]);
      if (sides > 1) faces.push([pageOf(right, f + 1), pageOf(left, f + 1)]);
    }
    faces.forEach(([l, r], f) => {
      const { page, sheet } = addSheet();
      drawInHalf(page, slot(l), 0, halfW, sheet, 'centre', 0);
      drawInHalf(page, slot(r), halfW, halfW, sheet, 'centre', 0);
      if (f % 2 === 0) n++;
      marks(page, sheet, 'cut', slugOf(title, n, sheets, sides > 1 ? (f % 2 === 0 ? 'front' : 'back') : undefined));
    });
  }
  // Leaflets without backs are printed on one side of each sheet: any number of sheets will do.
  return finish(sides === 1 ? 'imposed-one-sided' : 'imposed');
}
