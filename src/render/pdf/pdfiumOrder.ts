/**
 * Where PDFium (Chrome's and Edge's PDF viewers) must think each text glyph
 * of a right-to-left line stands for it to read the line in logical order.
 *
 * PDFium's text extraction (core/fpdftext/cpdf_textpage.cpp, CloseTempLine)
 * sorts a line's text objects by the x of their origin, strings their
 * characters together in that order and runs a simplified bidi over the
 * string (CFX_BidiString): it is cut into segments of one class — Right (R,
 * AL), Left (L), LeftWeak (EN, AN, NSM, CS, ES, ET, BN) and Neutral (the
 * rest) — the segments are taken right to left (the document's
 * /ViewerPreferences /Direction /R2L makes the overall direction right), and
 * a Right segment, or a Neutral one while the current direction is right, is
 * reversed and mirrored; any other is kept as it stands, and a Left one makes
 * the current direction left. Read by their true places, a haraka drawn right
 * of its letter's origin comes before the letter, two Latin words inside
 * Arabic come in the wrong order, "278%." comes back "278.%" and every
 * bracket comes back mirrored.
 *
 * `pdfiumPlan` simulates that reading over the glyphs in logical order and
 * gives each glyph a key, the x PDFium must see: the segments laid out right
 * to left in logical order, those PDFium reverses with their glyphs right to
 * left, the others left to right. A glyph keeps its own x where the order
 * allows, so few glyphs move. A bracket in a Neutral segment PDFium reads
 * right to left it lists as `mirrored`: the painter gives PDFium its mirror,
 * which PDFium mirrors back. Where that mirror cannot be written (not one
 * byte of PDFDocEncoding), it asks instead for a left-to-right mark (for
 * PDFium only) before the segment, so that PDFium reads the bracket forward,
 * unmirrored, and returns the mark. Where the glyphs beside a mirrored
 * bracket would move with such a mark, it lists them as `copied`: the painter
 * draws them as if moved (mupdf 1.28 needs their copies, see pdfiumPlan).
 */
import { bidi } from '../../text/bidi.js';

type Direction = 'left' | 'weak' | 'right' | 'neutral';

const WEAK = new Set(['EN', 'AN', 'NSM', 'CS', 'ES', 'ET', 'BN']);

/** Whether PDFium must see a glyph drawn at x elsewhere, at `key` (a plan's keys): the painter draws it moved (a copy at the key). */
export const movedForPdfium = (key: number, x: number) => Math.abs(key - x) >= 5e-4;

/**
 * Whether the painter draws glyph piece `p` (drawn at x) as moved: PDFium must see it at its key, or the
 * plan lists it as `copied` (drawn as if moved all the same). False without a plan.
 */
export const drawnMoved = (plan: PdfiumPlan | undefined, p: number, x: number) => plan !== undefined && (movedForPdfium(plan.keys[p], x) || plan.copied?.has(p) === true);

/** A character's class in PDFium's bidi (its CFX_BidiString segments): the painter asks it too. */

export function directionOf(ch: string): Direction {
  const type = bidi.getBidiCharTypeName(ch);
  if (type === 'L') return 'left';
  if (type === 'R' || type === 'AL') return 'right';
  return WEAK.has(type) ? 'weak' : 'neutral';
}

/** A text glyph as PDFium sees it: its text (ToUnicode) and the x of its origin. */
export interface KeyedGlyph {
  text: string;
  x: number;
  /** Font size and advance, pt. */
  size: number;
  advance: number;
  /** An invisible mark: it goes wherever the order needs it. */
  floating?: boolean;
  /**
   * What PDFium compares to take a glyph for a duplicate of one nearby (fake
   * bold): its character code, so the glyph and its text. The text when absent.
   */
  same?: string;
}

export interface PdfiumPlan {
  /** The x PDFium must see for each glyph (its own x where it can stay). */
  keys: number[];
  /** Glyphs that need a left-to-right mark (for PDFium only) just before them, with the mark's key. */
  marks: Map<number, number>;
  /** Floating glyphs' and moved brackets' extraction width (pt): to the key after them, so PDFium finds no gap there. */
  reach: Map<number, number>;
  /**
   * Glyphs (brackets) PDFium reads right to left, and so mirrored: the text
   * it must be given for them is their mirror (`pdfiumMirror`), which it
   * mirrors back (the painter's `PdfiumText`). No mark is needed there.
   */
  mirrored: Set<number>;
  /**
   * Glyphs keyed at their own places that the painter draws all the same as
   * if moved (an outline, a copy for PDFium at its key, a copy for poppler
   * and mupdf 1.28): those the plan with a mark before a mirrored bracket
   * would move (see pdfiumPlan). Absent: none.
   */
  copied?: Set<number>;
}

/**
 * The text PDFium must read for a glyph it reads right to left, and so
 * mirrors (AddCharInfoByRLDirection: GetMirrorChar): each bracket's mirror,
 * «(» for «)». Only where every such character's mirror is one byte of
 * PDFDocEncoding (the ASCII brackets, the guillemets), the painter writing it
 * as a name; else undefined, and the bracket keeps a left-to-right mark.
 */
export function pdfiumMirror(text: string): string | undefined {
  const out = [...text].map((c) => bidi.getMirroredCharacter(c) ?? c);
  return out.every((c) => /^[\x21-\x7e\xa1-\xff]$/u.test(c)) ? out.join('') : undefined;
}

/**
 * How far apart (em, beyond their advances) the glyphs of one segment must
 * stand for pdfiumPlan to set them side by side: an address's final «/» and
 * the «،» after it stand an address apart; «1.0» and the «:» after it in
 * «CC0 1.0:», a short word apart, keep their spacing (as they did: set side
 * by side, pdf.js and mutool read an RLM more there, every leaflet's imprint).
 */
const APART = 3;

/** The smallest step between two keys: survives the 3 decimals written and PDFium's floats. */
export const KEY_STEP = 0.01;

interface Unit {
  /** Glyph index, or -1 for a left-to-right mark before glyph `before`. */
  glyph: number;
  before: number;
  dir: Direction;
  mirrored: boolean;
  /** Whitespace only (a word space). */
  space: boolean;
}

/** Units in logical order, cut into PDFium's segments. */
function segmentsOf(units: Unit[]): Unit[][] {
  const segments: Unit[][] = [];
  for (const u of units) {
    const last = segments[segments.length - 1];
    if (last && last[0].dir === u.dir) last.push(u);
    else segments.push([u]);
  }
  return segments;
}

/**
 * PDFium's one rule for a segment (CloseTempLine): whether it reads it
 * reversed (and mirrored), and the direction it carries on with.
 */
function reads(dir: Direction, current: Direction): { reversed: boolean; current: Direction } {
  if (dir === 'right' || (dir === 'neutral' && current === 'right')) return { reversed: true, current: 'right' };
  return { reversed: false, current: dir === 'weak' ? current : 'left' };
}

const markBefore = (u: Unit): Unit => ({ glyph: -1, before: u.glyph, dir: 'left', mirrored: false, space: false });

/** Whether a text holds a character bidi mirrors (a bracket). */
export const hasMirrored = (text: string): boolean => [...text].some((c) => bidi.getMirroredCharacter(c) !== null);

export function pdfiumPlan(glyphs: KeyedGlyph[]): PdfiumPlan {
  const plan = planWith(glyphs, new Set());
  if (plan.mirrored.size === 0) return plan;
  // Where the plan with a mark before a bracket moves the glyphs beside it
  // (the number of «(1945)», read forward), the painter drew them as outlines
  // with copies in logical order, which mupdf 1.28 reads on one line; drawn
  // where they stand, mupdf 1.28 started a new line after the bracket
  // («(⏎1945)») or took the rest of the line for visual order and reversed
  // it («الجدول (⏎٢١) .عبتي»). Likewise where the mirror's copy must reach
  // over the place moved glyphs left («(د-3)»). Those brackets kept the mark
  // (marks8b, measured December 2026).
  const marked = planWith(glyphs, plan.mirrored);
  const moved = (i: number) => i >= 0 && i < glyphs.length && movedForPdfium(marked.keys[i], glyphs[i].x);
  const forbid = [...plan.mirrored].filter((b) => plan.reach.has(b) || moved(b - 1) || moved(b + 1));
  if (forbid.length === 0) return plan;
  // Such a bracket is now mirrored all the same (pdfium15, December 2026:
  // PDFium returned the LRM), and the glyphs the plan with the mark would
  // move are drawn as if moved (`copied`), at their own keys: the same
  // outlines, and the copies poppler and mupdf 1.28 read where they were.
  const fallback = forbid.length === plan.mirrored.size ? marked : planWith(glyphs, new Set(forbid));
  const copied = new Set(glyphs.flatMap((g, i) => (!g.floating && !movedForPdfium(plan.keys[i], g.x) && movedForPdfium(fallback.keys[i], g.x) ? [i] : [])));
  return { ...plan, copied };
}

/** The plan, with a mark before every bracket in `marked` PDFium reads right to left. */
function planWith(glyphs: KeyedGlyph[], marked: ReadonlySet<number>): PdfiumPlan {
  const units: Unit[] = [];
  glyphs.forEach((g, i) => {
    const first = [...g.text][0];
    if (first !== undefined) units.push({ glyph: i, before: i, dir: directionOf(first), mirrored: hasMirrored(g.text), space: /^\s+$/u.test(g.text) });
  });
  const { withMarks, mirrored } = markedUnits(glyphs, units, marked);
  const segments = readingSegments(withMarks);
  const geo = geometryOf(glyphs);
  const guess = firstGuesses(glyphs, segments, geo);
  const sequence = segments.reverse().flatMap((s) => (s.reversed ? [...s.units].reverse() : s.units));
  const keys = sequenceKeys(glyphs, sequence, guess, geo);
  const reach = reaches(glyphs, sequence, keys, mirrored, geo);
  const plan: PdfiumPlan = { keys: glyphs.map((g) => g.x), marks: new Map(), reach, mirrored };
  sequence.forEach((u, i) => {
    if (u.glyph >= 0) plan.keys[u.glyph] = keys[i];
    else plan.marks.set(u.before, keys[i]);
  });
  return plan;
}

/** The units with the marks PDFium needs before neutral segments it reads right to left, and the brackets it reads mirrored instead. */
function markedUnits(glyphs: KeyedGlyph[], units: Unit[], marked: ReadonlySet<number>) {
  // A Neutral segment with a mirrored character read right to left gets a
  // mark before it, so PDFium reads it forward. The word spaces that end it
  // («مانديلا] بأنشطة») get one more: read forward with the bracket they
  // would stand right of it, where no space is, and leave a gap on its left
  // that PDFium reads as a space; on their own they keep their place.
  let current: Direction = 'right';
  const withMarks: Unit[] = [];
  const mirrored = new Set<number>();
  for (const s of segmentsOf(units)) {
    const step = reads(s[0].dir, current);
    if (step.reversed && s[0].dir === 'neutral' && s.some((u) => u.mirrored)) {
      // Read right to left, from its mirror: PDFium mirrors it back.
      if (s.every((u) => !u.mirrored || (!marked.has(u.glyph) && !glyphs[u.glyph].floating && pdfiumMirror(glyphs[u.glyph].text) !== undefined))) {
        for (const u of s) if (u.mirrored) mirrored.add(u.glyph);
        current = step.current;
        withMarks.push(...s);
        continue;
      }
      let end = s.length;
      while (end > 1 && s[end - 1].space) end--;
      withMarks.push(markBefore(s[0]), ...s.slice(0, end));
      if (end < s.length) withMarks.push(markBefore(s[end]));
      withMarks.push(...s.slice(end));
      current = 'left';
      continue;
    }
    current = step.current;
    withMarks.push(...s);
  }
  return { withMarks, mirrored };
}

/** PDFium's reading of the final units: segments in logical order, the keys putting the first on the right, each read forward or reversed. */
function readingSegments(units: Unit[]): Array<{ units: Unit[]; reversed: boolean }> {
  let current: Direction = 'right';
  return segmentsOf(units).map((s) => {
    const step = reads(s[0].dir, current);
    current = step.current;
    return { units: s, reversed: step.reversed };
  });
}

type Geometry = ReturnType<typeof geometryOf>;

/** Where a unit stands and ends, whether it floats (a mark, or a glyph drawn apart), and whether a segment's glyphs stand apart. */
function geometryOf(glyphs: KeyedGlyph[]) {
  const xOf = (u: Unit) => (u.glyph >= 0 ? glyphs[u.glyph].x : glyphs[u.before].x - KEY_STEP);
  const endOf = (u: Unit) => xOf(u) + (u.glyph >= 0 ? glyphs[u.glyph].advance : 0);
  const floating = (u: Unit) => u.glyph < 0 || glyphs[u.glyph].floating === true;
  // A segment whose glyphs stand more than APART em apart: an address lies between them.
  const apart = (units: Unit[]) => {
    const g = units.map((u) => glyphs[u.before]);
    const span = Math.max(...units.map(endOf)) - Math.min(...units.map(xOf));
    return units.length > 1 && span > g.reduce((w, x) => w + x.advance, 0) + APART * g[0].size;
  };
  return { xOf, endOf, floating, apart };
}

/** Each unit's first guess at its key (below). */
function firstGuesses(glyphs: KeyedGlyph[], segments: Array<{ units: Unit[]; reversed: boolean }>, { xOf, endOf, floating, apart }: Geometry): Map<Unit, number> {
  // First guess: a glyph's own x; but the segments of a stretch read forward
  // (a left-to-right run: Latin words, a URL, a number with its signs) are
  // packed from the stretch's left edge in reverse logical order, each
  // keeping its own spacing, unless their own places are in that order already.
  const guess = new Map<Unit, number>();
  for (let i = 0; i < segments.length; ) {
    if (segments[i].reversed) {
      for (const u of segments[i++].units) guess.set(u, xOf(u));
      continue;
    }
    let j = i;
    while (j < segments.length && !segments[j].reversed) j++;
    const stretch = segments.slice(i, j);
    // (The word spaces that end the stretch are invisible and go wherever the
    // order needs them, so they say nothing of whether its glyphs stand in
    // order: «(۱) هر» after an inkless mark, the space read after «)» stands
    // left of it.)
    const last = stretch[stretch.length - 1].units;
    let end = last.length;
    while (end > 0 && last[end - 1].space) end--;
    const trailing = new Set(last.slice(end));
    const packed = [...stretch].reverse().flatMap((s) => s.units.filter((u) => !floating(u) && !trailing.has(u)));
    if (packed.every((u, k) => k === 0 || xOf(u) >= endOf(packed[k - 1]) - 1e-6)) {
      for (const u of stretch.flatMap((s) => s.units)) guess.set(u, xOf(u));
      i = j;
      continue;
    }
    let at = Math.min(...stretch.flatMap((s) => s.units.map(xOf)));
    for (const s of [...stretch].reverse()) {
      if (apart(s.units)) {
        // Its glyphs stand apart, other text between them (an isolated address's
        // final «/» and the «،» after it, on either side of the address): one
        // after the other, or the segment would spread over what lies between.
        for (const u of s.units) {
          guess.set(u, at);
          at += u.glyph >= 0 ? glyphs[u.glyph].advance : 0;
        }
        at += KEY_STEP;
        continue;
      }
      const a = Math.min(...s.units.map(xOf));
      for (const u of s.units) guess.set(u, at + (xOf(u) - a));
      at += Math.max(...s.units.map(endOf)) - a + KEY_STEP;
    }
    i = j;
  }
  return guess;
}

/** The keys of the units in PDFium's order. */
function sequenceKeys(glyphs: KeyedGlyph[], sequence: Unit[], guess: ReadonlyMap<Unit, number>, { xOf, floating }: Geometry): number[] {
  // Keys from left to right: the guess where the order allows it, else just
  // right of the key before; PDFium drops a glyph whose box overlaps that of
  // the same glyph nearby (as fake bold), so such a pair is kept apart.
  const textOf = (u: Unit) => (u.glyph >= 0 ? (glyphs[u.glyph].same ?? glyphs[u.glyph].text) : '');
  const keys: number[] = [];
  const start = Math.min(...sequence.map(xOf)) - KEY_STEP;
  sequence.forEach((u, i) => {
    const before = i === 0 ? start : keys[i - 1] + KEY_STEP;
    let key = floating(u) ? before : Math.max(guess.get(u)!, before);
    const g = glyphs[u.before];
    for (let j = Math.max(0, i - 7); j < i; j++) if (textOf(sequence[j]) === textOf(u)) key = Math.max(key, keys[j] + Math.max(0.1 * g.size, g.advance));
    keys.push(key);
  });
  return keys;
}

/** How far each glyph's copy reaches (over the gaps PDFium would read as spaces); also moves the marks to the right end of their gaps. */
function reaches(glyphs: KeyedGlyph[], sequence: Unit[], keys: number[], mirrored: ReadonlySet<number>, { floating }: Geometry): Map<number, number> {
  // PDFium reads a gap between two glyphs it meets in turn as a space. A
  // left-to-right mark before a bracket goes to the right end of the gap it
  // stands in, next to the glyph after it: a gap on its left lies inside what
  // PDFium reads with the glyphs before it (a space there ends up after them,
  // not between a word and its bracket), and mutool 1.21, which meets the
  // mark just after the glyph on its right, starts a new line at a jump of
  // more than 0.8 em to a left-to-right character. A mark drawn with a glyph
  // of its own (after «278%.») stays at the left end and reaches over the gap.
  for (let i = keys.length - 2; i >= 0; i--) if (sequence[i].glyph < 0) keys[i] = Math.max(keys[i], keys[i + 1] - KEY_STEP);
  const reach = new Map<number, number>();
  sequence.forEach((u, i) => {
    if (u.glyph >= 0 && floating(u) && i + 1 < keys.length) reach.set(u.glyph, keys[i + 1] - keys[i]);
  });
  // A bracket PDFium reads forward, moved right of the word space before it
  // («وافٍ (انظـر»), ends short of the mark moved to the right end of the gap
  // when the space is stretched wider than its glyph: PDFium read that gap as
  // a space after the bracket («( انظر»). Its copy reaches to the mark.
  sequence.forEach((u, i) => {
    const next = sequence[i + 1];
    if (u.glyph < 0 || floating(u) || !next || next.glyph >= 0 || !u.mirrored) return;
    const g = glyphs[u.glyph];
    const gap = keys[i + 1] - keys[i];
    if (movedForPdfium(keys[i], g.x) && gap > g.advance) reach.set(u.glyph, gap);
  });
  // A bracket PDFium reads mirrored stays where it is drawn, and the glyphs on
  // its right may have moved (the digits of «(د-3)», read forward): its copy
  // reaches to the next key, unless a word space is there, or PDFium read the
  // place they left as a space («(د-3 )»).
  sequence.forEach((u, i) => {
    const next = sequence[i + 1];
    if (u.glyph < 0 || !mirrored.has(u.glyph) || !next || next.space) return;
    const gap = keys[i + 1] - keys[i];
    if (gap > glyphs[u.glyph].advance + 1e-6) reach.set(u.glyph, gap);
  });
  return reach;
}
