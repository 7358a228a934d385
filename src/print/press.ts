/**
 * Press-ready PDF for a commercial printer: each finished page gets bleed
 * (colour that runs past the cut so no white hairline shows after trimming)
 * and crop marks, and declares its boxes (MediaBox ⊃ BleedBox ⊃ TrimBox) so
 * prepress software knows where to cut.
 *
 * Page layout, from the outside in: crop-mark slug (offset + mark length),
 * bleed, trim. Marks sit wholly outside the bleed so a cut a little off the
 * line never catches them. The source's own pages are enlarged in place and
 * their content moved and clipped to trim + bleed, so a tagged source stays
 * tagged (structure tree, marked content, /Lang: docs/accessibility.md; its
 * link annotations go, out of the tree too: annotations.ts); the
 * background and the crop marks are /Artifact content. Whatever the source
 * draws beyond its trim shows in the bleed, and `pageBackgrounds` extends flat
 * page colours (covers) into it.
 */

import { parseHex } from '../layout/color.js';
import {
  beginMarkedContent,
  clip,
  cmyk,
  endMarkedContent,
  endPath,
  fill,
  lineTo,
  PDFName,
  type PDFPage,
  rectangle,
  setFillingColor,
  translate,
  moveTo,
  popGraphicsState,
  pushGraphicsState,
  rgb,
  setLineWidth,
  setStrokingColor,
  stroke,
  type Color,
  type PDFOperator,
  type PDFDocument,
} from 'pdf-lib';
import type { Cmyk } from '../model/types.js';
import { assertUpright, contentRefs, loadSource, MM, plainStream, saveOutput } from './pdfPages.js';
import { markPdfx4, withPdfxHeader, type Binding } from './pdfx.js';
import { dropAnnotations } from './annotations.js';

interface PressOptions {
  /** Bleed on every side, pt. Default 3 mm (8.504 pt). */
  bleedPt?: number;
  /** Crop-mark length, pt. Default 5 mm. */
  markLengthPt?: number;
  /** Gap between the bleed edge and the start of each crop mark, pt. Default 1 mm. */
  markOffsetPt?: number;
  /**
   * One entry per source page: a hex colour ('#rrggbb' or '#rgb') or CMYK
   * percentages painted over the whole bleed box under the page, for pages
   * whose background must run off the edge (covers, full-colour pages);
   * `null` = paper white. May be shorter than the page count (missing entries
   * are `null`), never longer.
   */
  pageBackgrounds: Array<string | Cmyk | null>;
  /** Declare the file PDF/X-4 (src/print/pdfx.ts), finished as given; for sources drawn in CMYK. */
  pdfx?: Binding;
  /** 'registration' (C=M=Y=K=100 %, shows on every plate; default), 'black' (K only) or a hex colour. */
  markColor?: string;
  /** Fixed CreationDate/ModDate, so output is reproducible. */
  date: Date;
  title?: string;
}

export const DEFAULT_BLEED_PT = 3 * MM;
const DEFAULT_MARK_LENGTH_PT = 5 * MM;
export const DEFAULT_MARK_OFFSET_PT = 1 * MM;
/** Line width of every printer's mark (crop, fold, cut), pt. */
export const MARK_LINE_WIDTH_PT = 0.25;

/** Parses '#rgb' / '#rrggbb' into a pdf-lib RGB colour. */
export function hexColor(hex: string): Color {
  const [r, g, b] = parseHex(hex);
  return rgb(r / 255, g / 255, b / 255);
}

export function markColorOf(spec: string | undefined): Color {
  if (spec === undefined || spec === 'registration') return cmyk(1, 1, 1, 1);
  if (spec === 'black') return cmyk(0, 0, 0, 1);
  return hexColor(spec);
}

function nonNegative(name: string, v: number): number {
  if (!Number.isFinite(v) || v < 0) throw new RangeError(`${name} must be a finite number ≥ 0, got ${v}`);
  return v;
}

/**
 * The eight crop-mark segments for a trim box, as [x1, y1, x2, y2]: at each
 * corner one horizontal mark on the line of the top/bottom trim edge and one
 * vertical mark on the line of the left/right trim edge, each running from
 * `bleed + offset` to `bleed + offset + length` away from the trim.
 */
export function cropMarkSegments(
  trim: { x: number; y: number; width: number; height: number },
  bleedPt: number,
  markOffsetPt: number,
  markLengthPt: number,
): Array<[number, number, number, number]> {
  const near = bleedPt + markOffsetPt;
  const far = near + markLengthPt;
  const x0 = trim.x;
  const y0 = trim.y;
  const x1 = trim.x + trim.width;
  const y1 = trim.y + trim.height;
  const segs: Array<[number, number, number, number]> = [];
  for (const y of [y0, y1]) {
    segs.push([x0 - far, y, x0 - near, y], [x1 + near, y, x1 + far, y]);
  }
  for (const x of [x0, x1]) {
    segs.push([x, y0 - far, x, y0 - near], [x, y1 + near, x, y1 + far]);
  }
  return segs;
}

/** The operators that stroke the crop marks of `trim` (cropMarkSegments) in `color`, at the press files' line width. */
export function cropMarkOps(trim: { x: number; y: number; width: number; height: number }, bleedPt: number, markOffsetPt: number, markLengthPt: number, color: Color): PDFOperator[] {
  const ops = [pushGraphicsState(), setLineWidth(MARK_LINE_WIDTH_PT), setStrokingColor(color)];
  for (const [ax, ay, bx, by] of cropMarkSegments(trim, bleedPt, markOffsetPt, markLengthPt)) ops.push(moveTo(ax, ay), lineTo(bx, by));
  ops.push(stroke(), popGraphicsState());
  return ops;
}

/**
 * `bookletPdf`: the file's bytes, or the file already loaded (the press files
 * recoloured from their RGB twin, src/print/pressFiles.ts) with `idSeed`, what
 * it was made from.
 */
export async function pressPdf(bookletPdf: Uint8Array | { doc: PDFDocument; idSeed: Uint8Array }, opts: PressOptions): Promise<Uint8Array> {
  const bleed = nonNegative('bleedPt', opts.bleedPt ?? DEFAULT_BLEED_PT);
  const markLength = nonNegative('markLengthPt', opts.markLengthPt ?? DEFAULT_MARK_LENGTH_PT);
  const markOffset = nonNegative('markOffsetPt', opts.markOffsetPt ?? DEFAULT_MARK_OFFSET_PT);
  const markColor = markColorOf(opts.markColor);
  const slug = bleed + markOffset + markLength;

  const { doc: source, idSeed } = bookletPdf instanceof Uint8Array ? { doc: await loadSource(bookletPdf), idSeed: bookletPdf } : bookletPdf;
  const pageCount = source.getPageCount();
  if (pageCount === 0) throw new RangeError('cannot prepare a PDF with no pages for press');
  if (opts.pageBackgrounds.length > pageCount) {
    throw new RangeError(
      `pageBackgrounds has ${opts.pageBackgrounds.length} entries but the PDF has ${pageCount} pages`,
    );
  }
  const backgrounds = opts.pageBackgrounds.map((c) => (c === null ? null : typeof c === 'string' ? hexColor(c) : cmyk(c[0] / 100, c[1] / 100, c[2] / 100, c[3] / 100)));

  dropAnnotations(source);
  source.getPages().forEach((page, i) => {
    assertUpright(page, i);
    const t = page.getTrimBox();
    const trim = { x: slug, y: slug, width: t.width, height: t.height };
    const bleedBox = { x: slug - bleed, y: slug - bleed, width: t.width + 2 * bleed, height: t.height + 2 * bleed };
    const bg = backgrounds[i] ?? null;
    const before = [
      ...(bg === null ? [] : artifact([pushGraphicsState(), setFillingColor(bg), rectangle(bleedBox.x, bleedBox.y, bleedBox.width, bleedBox.height), fill(), popGraphicsState()])),
      // The page's own content, moved onto the trim and clipped to the bleed.
      pushGraphicsState(),
      rectangle(bleedBox.x, bleedBox.y, bleedBox.width, bleedBox.height),
      clip(),
      endPath(),
      translate(slug - t.x, slug - t.y),
    ];
    const after = [popGraphicsState()];
    if (markLength > 0) after.push(...artifact(cropMarkOps(trim, bleed, markOffset, markLength, markColor)));
    wrapContent(page, before, after);
    for (const box of ['CropBox', 'ArtBox']) page.node.delete(PDFName.of(box));
    page.setMediaBox(0, 0, t.width + 2 * slug, t.height + 2 * slug);
    page.setTrimBox(trim.x, trim.y, trim.width, trim.height);
    page.setBleedBox(bleedBox.x, bleedBox.y, bleedBox.width, bleedBox.height);
  });
  const out = source;
  if (!(opts.date instanceof Date) || Number.isNaN(opts.date.getTime())) {
    throw new TypeError('print output needs a valid `date` (fixed, for reproducible PDFs)');
  }
  if (opts.title !== undefined && opts.title !== '') out.setTitle(opts.title, { showInWindowTitleBar: true });
  out.setProducer('warraq');
  out.setCreator('warraq print/press');
  out.setCreationDate(opts.date);
  out.setModificationDate(opts.date);
  if (opts.pdfx) markPdfx4(out, { title: opts.title ?? source.getTitle() ?? '', date: opts.date, idSeed, creator: 'warraq print/press', binding: opts.pdfx });
  return opts.pdfx ? withPdfxHeader(await saveOutput(out)) : saveOutput(out);
}

/** Operators inside an `/Artifact` marked-content sequence (printer's marks, backgrounds: not the text a reader reads). */
function artifact(ops: PDFOperator[]): PDFOperator[] {
  return [beginMarkedContent('Artifact'), ...ops, endMarkedContent()];
}

/** Puts `before` and `after` around the page's content streams. */
function wrapContent(page: PDFPage, before: PDFOperator[], after: PDFOperator[]): void {
  const ctx = page.doc.context;
  const streams = contentRefs(page);
  const pre = plainStream(ctx, before);
  const post = plainStream(ctx, after);
  page.node.set(PDFName.of('Contents'), ctx.obj([pre, ...streams, post]));
}
