/**
 * The printer's marks of an imposed sheet side (src/print/impose.ts), all in
 * the mark area outside the trim, where the cut takes them away:
 *
 * - crop marks at the trim's corners (press.ts cropMarkSegments), the same
 *   offset and length on every imposed kind (SHEET_MARK_GAP_PT,
 *   SHEET_MARK_LENGTH_PT);
 * - marks on the line down the middle of the sheet, at the top and bottom
 *   edges: the spine of a saddle-stitched sheet (fold marks, dashed, as a
 *   binder reads them) or the cut between two leaflets (solid, as crop marks);
 * - the slug line, under the trim: what the sheet is (the document's title,
 *   "sheet n of N", front or back), so a shop can tell the sheets of a run
 *   apart and back them up right.
 *
 * Everything is one /Artifact sequence in the registration colour, and the
 * slug's words are drawn as their outlines: the imposed sheets are untagged
 * and embed no font of their own (a slug set in a font would be a font the
 * PDF/X file has to embed, and text a reader could find among the pages').
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { setFillingColor, setStrokingColor, type Color } from 'pdf-lib';
import { warraqRoot } from '../codeRoot.js';
import { composeParagraph, type ComposedLine } from '../text/compose.js';
import { findUncovered } from '../text/itemize.js';
import { loadFont, type LoadedFont } from '../text/fonts.js';
import { outlinePath } from '../render/pdf/glyphPainter.js';
import { cropMarkOps, DEFAULT_BLEED_PT, DEFAULT_MARK_OFFSET_PT, MARK_LINE_WIDTH_PT } from './press.js';
import { MM, type Box } from './pdfPages.js';

/**
 * Length of an imposed sheet's marks: shorter than the press files' 5 mm, so
 * that the A4 spread with 3 mm bleed, 1 mm gap and 3.5 mm marks is
 * 312 × 225 mm, the size of SRA4, the sheet a print shop runs A4 work on
 * (with 5 mm marks it was 315 × 228 mm, taller than SRA4: page review look19).
 */
export const SHEET_MARK_LENGTH_PT = 3.5 * MM;
/**
 * How far from the trim an imposed sheet's marks start: the press files'
 * bleed and offset (3 + 1 mm), whether or not the sheet has bleed, so that
 * the saddle sheets' and the two-up sheets' marks stand alike.
 */
export const SHEET_MARK_GAP_PT = DEFAULT_BLEED_PT + DEFAULT_MARK_OFFSET_PT;
/** The mark area around an imposed sheet's trim: gap and marks. */
export const SHEET_SLUG_PT = SHEET_MARK_GAP_PT + SHEET_MARK_LENGTH_PT;
/** The slug line's type size, pt, and the least it shrinks to for a long title before the title is left out. */
const SLUG_SIZE = 6;
const SLUG_MIN_SIZE = 4.5;
/** A fold mark's dash and gap, pt: a dashed line reads as "fold here", a solid one as "cut here". */
const FOLD_DASH = [2, 1.5];

interface SheetMarks {
  /** The sheet's trim on the page. */
  trim: Box;
  /** Bleed drawn past the trim (the marks start SHEET_MARK_GAP_PT out whatever it is, at least bleed + 1 mm). */
  bleed: number;
  /** What the line down the middle is: the saddle's spine or the two-up's cut. */
  middle: 'fold' | 'cut';
  color: Color;
  /** What the slug line says (slugOf). */
  slug: Slug;
}

/** The content stream (operators as text) of a sheet side's marks: one /Artifact sequence. */
export function sheetMarksContent(m: SheetMarks): string {
  const gap = Math.max(SHEET_MARK_GAP_PT, m.bleed + DEFAULT_MARK_OFFSET_PT);
  // cropMarkOps takes the gap as bleed + offset.
  const crops = cropMarkOps(m.trim, gap - DEFAULT_MARK_OFFSET_PT, DEFAULT_MARK_OFFSET_PT, SHEET_MARK_LENGTH_PT, m.color).map(String);
  const ops = ['/Artifact BMC', ...crops, 'q', `${MARK_LINE_WIDTH_PT} w`, String(setStrokingColor(m.color))];
  if (m.middle === 'fold') ops.push(`[${FOLD_DASH.join(' ')}] 0 d`);
  const x = num(m.trim.x + m.trim.width / 2);
  const [bottom, top] = [m.trim.y, m.trim.y + m.trim.height];
  ops.push(`${x} ${num(bottom - gap)} m`, `${x} ${num(bottom - gap - SHEET_MARK_LENGTH_PT)} l`);
  ops.push(`${x} ${num(top + gap)} m`, `${x} ${num(top + gap + SHEET_MARK_LENGTH_PT)} l`, 'S', 'Q');
  ops.push(slugLine(m.slug, m.trim, gap, m.color), 'EMC');
  return ops.filter(Boolean).join('\n');
}

/**
 * The slug line as outlines, in the mark area under the trim: from past the
 * bottom-left crop mark (6 mm in from the trim's left edge) to short of the
 * middle mark, its baseline so that its ink sits between the gap's outer edge
 * and the sheet's. Set in the shipped Amiri (Latin, Arabic and Persian
 * letters), left to right, the title's own runs in their direction. A title
 * too long for the half-sheet at SLUG_MIN_SIZE, or with letters Amiri lacks,
 * is left out (the sheet count stays): never a clipped or missing letter.
 */
function slugLine(slug: Slug, trim: Box, gap: number, color: Color): string {
  const font = slugFont();
  const room = trim.width / 2 - 12 * MM;
  const set = (s: string, size: number) =>
    composeParagraph([{ text: s, style: { fonts: [font], size } }], { dir: 'ltr', measure: 1e5, align: 'start', justify: 'off', space: { stretch: 0, shrink: 0 }, wholeWords: true }).lines[0];
  const whole = slug.title ? `${slug.title}${SLUG_SEPARATOR}${slug.sheet}` : slug.sheet;
  let line: ComposedLine | undefined;
  if (findUncovered(whole, [font]).length === 0)
    for (let size = SLUG_SIZE; size >= SLUG_MIN_SIZE - 1e-9 && !line; size -= 0.5) {
      const l = set(whole, size);
      if (l.naturalWidth <= room) line = l;
    }
  line ??= set(slug.sheet, SLUG_SIZE);
  const size = line.glyphs[0]?.size ?? SLUG_SIZE;
  const x = trim.x + 6 * MM;
  // Cap height about 0.65 em: the ink's top 1.5 pt under the gap's edge, its descenders above the sheet's.
  const baseline = trim.y - gap - 1.5 - size * 0.65;
  const glyphs = line.glyphs.filter((g) => !g.space);
  const drawn = glyphs.map((g) => {
    const s = g.size / g.font.upem;
    return `q ${fine(g.scaleX * s)} 0 0 ${fine(s)} ${num(x + g.x)} ${num(baseline + g.y)} cm ${outlinePath(g.font, g.gid)} f Q`;
  });
  return ['q', String(setFillingColor(color)), ...drawn, 'Q'].join('\n');
}

/** Between the slug's parts. */
const SLUG_SEPARATOR = '  ·  ';

/** What a slug line says: the document's title (may be absent) and the sheet («sheet 1 of 2 · front»). */
export interface Slug {
  title?: string;
  sheet: string;
}

/** A sheet side's slug: the title, the sheet's number of the count, the side when the sheets are printed on both. */
export function slugOf(title: string | undefined, sheet: number, sheets: number, side?: 'front' | 'back'): Slug {
  return { title: title || undefined, sheet: [`sheet ${sheet} of ${sheets}`, ...(side ? [side] : [])].join(SLUG_SEPARATOR) };
}

let amiri: LoadedFont | undefined;
/** The shipped Amiri Regular, loaded once (a slug is a printer's mark: the same face whatever the theme's). */
function slugFont(): LoadedFont {
  return (amiri ??= loadFont(new Uint8Array(readFileSync(path.join(warraqRoot, 'fonts/Amiri-Regular.ttf'))), 'fonts/Amiri-Regular.ttf'));
}

const num = (v: number) => (Math.round(v * 1000) / 1000).toString();
const fine = (v: number) => (Math.round(v * 1e7) / 1e7).toString();
