/**
 * How mutool 1.21 (Debian's `mutool draw -F txt`) reads a line, followed as
 * the painter draws it, so that the painter can tell where mutool would
 * start a new line or add a space that the text does not have.
 *
 * What mutool does was read in its source (source/fitz/stext-device.c,
 * `fz_add_stext_char_imp`, and list-device.c, in 1.21.1):
 * - it reads the glyphs in content order; each character sets its
 *   direction: a left-to-right letter (or an LRM) left to right, a
 *   right-to-left one (or an RLM) right to left, an embedding or isolate
 *   (RLE…) "neutral", which it treats as left to right; digits, marks,
 *   spaces and punctuation keep the direction before them;
 * - in a right-to-left direction it never starts a new line nor adds a
 *   space on the same baseline; otherwise it compares the glyph's origin
 *   with the end of the glyph before (its origin plus its font advance, the
 *   `hmtx` one, not /W): a jump of more than 0.8 em either way starts a new
 *   line, after a space too, one of 0.15–0.8 em forwards adds a space
 *   (unless the character before is a space);
 * - it reads the whitespace characters of `fz_add_stext_char`'s list (a
 *   no-break space, U+180E, the spaces of U+2000–U+200A…) as a space, before
 *   it looks at their direction;
 * - a character after the first of a glyph's text is added where the pen
 *   is, without any of these checks;
 * - `mutool draw` runs the page through a display list, which skips a text
 *   object (glyphs shown between two flushes: ET, a change of render mode
 *   or of colour) whose box is empty: glyphs without ink are read only in a
 *   text object that also holds an inked one.
 *
 * `MutoolReading` keeps where mutool's pen is, its direction and its last
 * character, for the text objects it keeps and for the one still open
 * (kept only if an inked glyph comes into it).
 */
import { bidi } from '../../text/bidi.js';

/** Where mutool's reading stands: its pen, direction and last character (`MutoolReading.after`). */
export interface MutoolPen {
  /** The end of the last glyph read (its x plus its font advance), pt; undefined at a line's start. */
  pen: number | undefined;
  /** 1 left to right, 0 neutral (read as left to right), -1 right to left. */
  dir: number;
  last: string;
}

/** What a reading state holds (`MutoolReading.mark`), for `rewind`. */
export interface MutoolMark {
  kept: MutoolPen;
  open: MutoolPen;
  inked: boolean;
}

/** Where mutool would break a line (`MutoolReading.breakBefore`): after a character that is not whitespace (a new line or a space), or after a space (a new line). */
export type MutoolBreak = 'text' | 'space';

/** The whitespace mupdf 1.21's text device turns into a space (`fz_add_stext_char`, without preserve-whitespace). */
const MUPDF_SPACES = /^[\t \u00A0\u1680\u180E\u2000-\u200A\u202F\u205F\u3000]$/u;

/** A character as mutool's text device reads it. */
export const mutoolChar = (c: string): string => (MUPDF_SPACES.test(c) ? ' ' : c);

const EMBEDDINGS = new Set(['LRE', 'RLE', 'PDF', 'LRO', 'RLO', 'LRI', 'RLI', 'FSI', 'PDI']);

/** mutool's `direction_from_bidi_class`: the direction after reading `ch`. */
export function mutoolDirection(ch: string, before: number): number {
  const type = bidi.getBidiCharTypeName(ch);
  if (type === 'L') return 1;
  if (type === 'R' || type === 'AL') return -1;
  return EMBEDDINGS.has(type) ? 0 : before;
}

/** mutool's SPACE_DIST and SPACE_MAX_DIST, in em. */
const SPACE = 0.15;
const NEW_LINE = 0.8;

export class MutoolReading {
  private kept: MutoolPen;
  private open: MutoolPen;
  private inked = false;
  /** Inside a text object of glyphs without ink only (the painter's `inkless`): mutool reads none of it. */
  blind = false;

  /**
   * A line's reading, starting right to left where mutool already reads so
   * (`startRtl`): mutool sets its direction once per page and carries it
   * across lines (`fz_new_stext_device`: `curdir = 1`), so a line starts in
   * the direction the page's text before it left (`rtl` of the line before's
   * reading). Or where a part of the same line drawn before left it (its
   * `after`): a heading's title goes on from its label, on the same
   * baseline, where mutool compares the title's first glyph with the
   * label's pen.
   */
  constructor(start: boolean | MutoolPen = false) {
    this.kept = typeof start === 'boolean' ? { pen: undefined, dir: start ? -1 : 1, last: ' ' } : { ...start };
    this.open = { ...this.kept };
  }

  /** What mutool kept (call `end` first): for a part of the same line drawn next. */
  get after(): MutoolPen {
    return { ...this.kept };
  }

  /** A text object ends (ET, a new render mode or colour): mutool keeps what was read in it only if it had ink. */
  end(): void {
    if (this.inked) this.kept = { ...this.open };
    else this.open = { ...this.kept };
    this.inked = false;
  }

  /** Whether mutool reads right to left after what it kept (call `end` first: the open text object is not counted). */
  get rtl(): boolean {
    return this.kept.dir < 0;
  }

  /** What was read in the open text object is not kept (it lies under a clip that leaves it off the page). */
  discard(): void {
    this.open = { ...this.kept };
    this.inked = false;
  }

  /**
   * Whether mutool, reading `text` at x (in the open text object, which an
   * inked glyph keeps), starts a new line or adds a space there although
   * the character before is not whitespace (`'text'`), or starts a new
   * line after a space (`'space'`: stext-device.c, `fz_add_stext_char_imp`,
   * compares the jump with SPACE_MAX_DIST whatever the last character; only
   * the space it would add looks at it).
   */
  breakBefore(x: number, text: string, size: number): MutoolBreak | undefined {
    const { pen, last, dir } = this.open;
    if (this.blind) return undefined;
    const first = [...text][0];
    if (pen === undefined || first === undefined) return undefined;
    if (mutoolDirection(mutoolChar(first), dir) < 0) return undefined;
    const jump = (x - pen) / size;
    if (last === ' ') return Math.abs(jump) > NEW_LINE ? 'space' : undefined;
    return Math.abs(jump) > NEW_LINE || jump >= SPACE ? 'text' : undefined;
  }

  /** The reading as it stands, for `rewind`. */
  mark(): MutoolMark {
    return { kept: { ...this.kept }, open: { ...this.open }, inked: this.inked };
  }

  /**
   * What was read since `m` is taken back: the painter moved it under a clip
   * off the page (mutool reads none of it), ending mupdf's text object where
   * `m` was taken (an ET there: what the object held is kept if it had ink).
   */
  rewind(m: MutoolMark): void {
    this.kept = { ...(m.inked ? m.open : m.kept) };
    this.open = { ...this.kept };
    this.inked = false;
  }

  /** mutool reads a glyph with `text` at x, `advance` (its font advance, pt) wide. */
  read(x: number, text: string, advance: number, inked: boolean): void {
    readInto(this.open, x, text, advance);
    if (inked && [...text].length) this.inked = true;
  }

  /** The reading in the open text object as it stands, for `keptSince` (a copy: reading on changes the open one). */
  openPen(): MutoolPen {
    return { ...this.open };
  }

  /**
   * Whether mutool has read nothing since `pen` (`openPen`, taken right after
   * a glyph it read) and kept that glyph's text object: a glyph added to that
   * object afterwards (`readKept`) is read right after it.
   */
  keptSince(pen: MutoolPen): boolean {
    const same = (a: MutoolPen, b: MutoolPen) => a.pen === b.pen && a.dir === b.dir && a.last === b.last;
    return !this.inked && same(this.open, this.kept) && same(this.kept, pen);
  }

  /** Where mutool's pen stands, in the open text object (undefined at a line's start). */
  get pen(): number | undefined {
    return this.open.pen;
  }

  /** Whether the open text object holds an inked glyph (mutool keeps it, and whatever else it reads in it). */
  get inkedOpen(): boolean {
    return this.inked;
  }

  /** mutool reads a glyph added to the text object it kept last (`keptSince`). */
  readKept(x: number, text: string, advance: number): void {
    readInto(this.kept, x, text, advance);
    this.open = { ...this.kept };
  }
}

/** What reading a glyph with `text` at x, `advance` wide, does to a reading state. */
function readInto(s: MutoolPen, x: number, text: string, advance: number): void {
  const chars = [...text].map(mutoolChar);
  if (!chars.length) return;
  for (const c of chars) s.dir = mutoolDirection(c, s.dir);
  s.pen = x + advance;
  s.last = chars[chars.length - 1];
}
