/**
 * Where poppler (pdftotext, Evince, Okular, every poppler-based viewer) needs
 * a right-to-left character (the painter draws an invisible RLE) to keep a word space after a number or a comma in its
 * place.
 *
 * poppler (poppler/TextOutputDev.cc) builds a line from the positions of its
 * characters: it sorts the words by x, puts a space wherever the gap between
 * two is at least 0.03 em (a space character only ends a word), and, on a
 * page it finds mostly right-to-left, writes the line out with
 * `reorderText`, which scans it from the right: a run of characters that are
 * neither left-to-right letters nor numbers is written reversed, and from the
 * first left-to-right letter or number on, every character that is not a
 * right-to-left letter — spaces, brackets, quotes included — is written in
 * visual order, left to right. Its type table counts the Arabic comma and
 * `. , : / - + % ٪` as numbers. So the space left of «التسلح،» came out
 * before the comma («التسلح ،بما»), the space after a number before it
 * («العمال  2024بقوة»), a closing bracket after a number before it.
 *
 * `popplerRlms` gives the place of a right-to-left character for poppler
 * wherever, inside such a section, the character on the left comes later in
 * the text than the one on its right (a space after a number, the period
 * after «278%»): poppler's section ends there, and what follows is read right
 * to left again. Characters that come earlier in the text stay in it (the
 * digits of a number, a haraka the painter places left of the comma after its
 * letter so that poppler reads it before the comma).
 */
import { bidi } from '../../text/bidi.js';
import { KEY_STEP } from './pdfiumOrder.js';

/** poppler's classes: a right-to-left letter, a left-to-right letter, a "number" (digits and `. , : / - + % ،`…), anything else. */
export type PopplerType = 'R' | 'L' | '#' | 'N';

export function popplerType(ch: string): PopplerType {
  const type = bidi.getBidiCharTypeName(ch);
  if (type === 'L') return 'L';
  if (type === 'R' || type === 'AL') return 'R';
  return type === 'EN' || type === 'AN' || type === 'ES' || type === 'ET' || type === 'CS' ? '#' : 'N';
}

/** A character poppler reads, in logical order: where it stands (its left edge, pt) and its text ('' for a word space). */
export interface PopplerChar {
  x: number;
  text: string;
}

/** Half the painter's key step: between two characters it placed a step apart. */
const NUDGE = KEY_STEP / 2;

/**
 * For a right-to-left line: before which character (index, logical order) a
 * right-to-left character goes, and at which x (just left of that character),
 * so that poppler keeps the line's order.
 */
export function popplerRlms(chars: PopplerChar[]): Map<number, number> {
  const typeOf = (c: PopplerChar): PopplerType => (c.text === '' || /^\s/u.test(c.text) ? 'N' : popplerType([...c.text][0]));
  const visual = chars.map((c, i) => ({ i, x: c.x, type: typeOf(c) })).sort((a, b) => b.x - a.x || b.i - a.i);
  const marks = new Map<number, number>();
  let inRun = false;
  visual.forEach((v, k) => {
    const right = visual[k - 1];
    if (inRun && v.type !== 'R' && v.i > right.i) {
      marks.set(right.i, right.x - NUDGE);
      inRun = false;
    }
    if (v.type === 'R') inRun = false;
    else if (v.type === 'L' || v.type === '#') inRun = true;
  });
  return marks;
}

/**
 * How many right-to-left marks a right-to-left line needs so that poppler
 * does not count its left-to-right letters towards writing the page left to
 * right. poppler (`TextPage::coalesce`) counts a page's left-to-right letters
 * against its right-to-left ones (`lrCount`; `primaryLR = lrCount >= 0`) and
 * writes every line of a page it finds mostly left to right from the left:
 * the leaflet of mixed-7 ٣, an Arabic paragraph that holds a long URL, an
 * e-mail address and a file name, with the URL again under its QR code
 * («https:// وهو متاح على الرابط ،نطالب…»). An RLM counts as right to left
 * (UnicodeTypeTable.cc), so one RLM for each left-to-right letter of the
 * line leaves the page's direction to its right-to-left letters and its
 * left-to-right paragraphs.
 */
export function popplerBalance(texts: string[]): number {
  let n = 0;
  for (const t of texts) for (const c of t) if (popplerType(c) === 'L') n++;
  return n;
}

/** A line of a page as poppler counts it: its glyphs' texts, and whether the painter may balance it (a right-to-left line). */
export interface CountedLine {
  texts: string[];
  rtl: boolean;
}

/**
 * How many of `popplerBalance`'s RLMs each line of a page gets: none on a
 * page whose right-to-left letters outnumber its left-to-right ones anyway
 * (poppler reads it right to left without them) or whose right-to-left lines
 * read the same both ways (no line mixes the two: the seed's covers), else
 * only as many as the page lacks,
 * taken from its right-to-left lines with left-to-right letters in turn,
 * never more than a line's own `popplerBalance`. The count allows for the
 * painter's own marks poppler counts left to right: at most one LRM per
 * left-to-right run of a right-to-left line that a neutral other than a
 * space follows (`popplerLrms`, after a URL's «?»). The stretch marks
 * (`withBidiMarks`) are not counted: `popplerKeepsMark` never keeps an LRM,
 * and the other LRMs the painter draws (PDFium's marks) carry an
 * empty ActualText, which poppler reads instead. (Until marks2 every run
 * counted one: seed booklet 4 and mixed-7 leaflets 3 RLMs more.)
 */
export function popplerPageBalance(lines: CountedLine[]): PopplerPageDirection {
  const lr = popplerLrCount(lines);
  // poppler reads the page left to right when lrCount >= 0; that is harmless
  // where no right-to-left line mixes right-to-left letters with left-to-right
  // letters or "numbers" (punctuation included): a line without either is
  // one section, written the same in both directions (a cover's title and its
  // English lines), but for a neutral at its left end (`popplerLeftEnd` in
  // glyphPainter.ts: a haraka ending a verse).
  const mixed = lines.some((line) => {
    if (!line.rtl) return false;
    const types = new Set(line.texts.flatMap((t) => [...t].map(popplerType)));
    return types.has('R') && (types.has('L') || types.has('#'));
  });
  let lacking = mixed ? Math.max(0, lr + 1) : 0;
  const shares = lines.map((line) => {
    if (!line.rtl || !lacking) return 0;
    const n = Math.min(lacking, popplerBalance(line.texts));
    lacking -= n;
    return n;
  });
  return { shares, leftToRight: lr - shares.reduce((a, b) => a + b, 0) >= 0 };
}

/**
 * A page's direction as poppler will read it: each line's share of the
 * page-direction RLMs (`shares`), and whether poppler still reads the page
 * left to right with them (`leftToRight`, `lrCount >= 0`): a leaflet of
 * mulk-ar, one short verse under 120 Latin letters of Tanzil's notice, whose
 * lines mix nothing, so it gets none. One count of the page serves both.
 */
export interface PopplerPageDirection {
  shares: number[];
  leftToRight: boolean;
}

/** poppler's `lrCount` of a page as the painter leaves it before the page-direction RLMs (`popplerPageBalance`). */
function popplerLrCount(lines: CountedLine[]): number {
  let lr = 0;
  for (const line of lines) {
    // In a left-to-right run of a right-to-left line; whether its LRM is counted yet.
    let inRun = false;
    let counted = false;
    for (const t of line.texts) {
      for (const c of t) {
        const type = popplerType(c);
        if (type === 'L') lr++;
        else if (type === 'R') lr--;
        // popplerLrms's LRM follows a neutral that ends a run (a URL's «?»): one per run that has one.
        if (line.rtl && inRun && !counted && type === 'N' && !/\s/u.test(c)) {
          lr++;
          counted = true;
        }
        if (type === 'L' && !inRun) [inRun, counted] = [true, false];
        else if (type === 'R') inRun = false;
      }
    }
  }
  return lr;
}

/**
 * Where poppler needs a left-to-right character (the painter draws an
 * invisible, inkless LRM) to keep a neutral that ends a left-to-right run at
 * the right end of a line part in that run: a URL's «?» before the line
 * break («…appendices.pdf?» came back «?review/…» on a page poppler reads
 * right to left). Scanning from the right, `reorderText` writes a neutral
 * that no left-to-right letter or number precedes with the right-to-left
 * run (reversed), not with the left-to-right section on its left. Each such
 * neutral — right of a left-to-right letter or number and later in the text
 * than it, so the bidi algorithm made it part of that run — gets the mark
 * at its right edge: the index of the character it follows and its x.
 */
export function popplerLrms(chars: Array<PopplerChar & { advance: number }>): Map<number, number> {
  const typeOf = (c: PopplerChar): PopplerType => (c.text === '' || /^\s/u.test(c.text) ? 'N' : popplerType([...c.text][0]));
  const visual = chars.map((c, i) => ({ i, x: c.x, end: c.x + c.advance, type: typeOf(c) })).filter((v) => chars[v.i].text !== '').sort((a, b) => a.x - b.x || a.i - b.i);
  const marks = new Map<number, number>();
  for (let k = 1; k < visual.length; k++) {
    const v = visual[k];
    const left = visual[k - 1];
    if (v.type !== 'N' || /^\s/u.test(chars[v.i].text) || left.i > v.i) continue;
    // The neutral's run: it and the neutrals right of it that follow it in the text.
    let last = k;
    while (last + 1 < visual.length && visual[last + 1].type === 'N' && visual[last + 1].i > visual[last].i && !/^\s/u.test(chars[visual[last + 1].i].text)) last++;
    let from = k - 1;
    while (from >= 0 && visual[from].type === 'N') from--;
    if (from < 0 || (visual[from].type !== 'L' && visual[from].type !== '#') || visual[from].i > v.i) continue;
    const right = visual[last + 1];
    if (right && right.type !== 'R') continue;
    marks.set(visual[last].i, visual[last].end);
    k = last;
  }
  return marks;
}

/**
 * Whether the painter draws one of its inkless bidi marks around a
 * left-to-right stretch of a right-to-left line (glyphPainter's
 * `withBidiMarks`: an LRM before the stretch, an RLM after it). Of the
 * readers only poppler and mupdf 1.28 read them (PDFium skips a glyph
 * without ink, pdf.js drops a format character; mutool 1.21 reads the lines
 * the same without them, and the painter's bridges follow what is drawn),
 * and all returned them (pdftotext: every stretch as RLM … LRM). `before` is
 * the text of the glyph before the mark, `gluedAfter` whether the glyph after
 * it is punctuation that touches the stretch («1945.», «(2)»). poppler needs
 * none of them: the LRM stands inside the left-to-right section it would
 * start anyway, and the RLM, at the stretch's right edge, where poppler's
 * right-to-left section is; where a section must end, `popplerRlms` asks for
 * its own mark. mupdf 1.28 needs the RLM between ASCII digits or a Latin
 * letter and the punctuation after them: without it, it broke the line
 * before the period of «1945.» and «2024.» (seed ٢ and ٨ with spaces, 14 → 12).
 * After Persian or Arabic-Indic digits («(۱)», «۱-») it does without.
 * So a kept RLM without ink is drawn for mupdf 1.28 alone (glyphPainter's
 * `mupdfMark`): pdftotext no longer returns it (poppler15, December 2026).
 */
export function popplerKeepsMark(mark: string, before: string, gluedAfter: boolean): boolean {
  if (mark !== '\u200F' || !gluedAfter) return false;
  const first = [...before][0];
  if (first === undefined) return false;
  return /^[0-9]$/u.test(first) || bidi.getBidiCharTypeName(first) === 'L';
}

/**
 * Whether mupdf 1.28 (the npm `mupdf`) should still read poppler's marks on
 * a line (its text in logical order): where two or more Arabic-Indic digits
 * are followed by a word space and an Arabic word («التاريخ: ١٢ سبتمبر»).
 * Elsewhere the painter hides them from it (glyphPainter's
 * POPPLER_MARK_OPEN): mupdf reads those lines the same or better without
 * them. mupdf builds its lines from the glyphs' own texts
 * (source/fitz/stext-device.c at 1.28.2): an Arabic-Indic digit is right to
 * left to it (pdf-op-run.c `guess_bidi_level`, bidi AN), so the second digit
 * of a number drawn left to right after the first looks like visual order,
 * and it reverses every right-to-left run of that line (`reverse_bidi_line`).
 * An RLE (a level of 0 to it, left to right) jumping back across the line
 * starts a new line there, which keeps the reversal to the number's part:
 * «التاريخ:⏎ ربمتبس ١٢» with the marks, «خيراتلا: ربمتبس ١٢» without. Where
 * the number ends the line or a sign follows it («١٩-», «٢٠٢٤.»), mupdf
 * read the same without the marks; elsewhere it read better: a mark no
 * longer breaks the line («إنسان⏎ٍ،» → «إنسانٍ،», «التاريخ:⏎٨ مارس» →
 * «التاريخ: ٨ مارس»).
 */
export function mupdfKeepsPopplerMarks(logical: string): boolean {
  return /[\u0660-\u0669]{2}\s+(?=\p{L})\p{Script=Arabic}/u.test(logical);
}
