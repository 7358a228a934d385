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
 *   line, one of 0.15–0.8 em forwards adds a space (unless the character
 *   before is a space);
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
   * the character before is not whitespace.
   */
  breaksBefore(x: number, text: string, size: number): boolean {
    const { pen, last } = this.open;
    if (this.blind) return false;
    const first = [...text][0];
    if (pen === undefined || first === undefined || /\s/u.test(last)) return false;
    if (mutoolDirection(first, this.open.dir) < 0) return false;
    const jump = (x - pen) / size;
    return Math.abs(jump) > NEW_LINE || jump >= SPACE;
  }

  /** mutool reads a glyph with `text` at x, `advance` (its font advance, pt) wide. */
  read(x: number, text: string, advance: number, inked: boolean): void {
    const chars = [...text];
    if (!chars.length) return;
    const s = this.open;
    for (const c of chars) s.dir = mutoolDirection(c, s.dir);
    s.pen = x + advance;
    s.last = chars[chars.length - 1];
    if (inked) this.inked = true;
  }
}
