/** How a paragraph is composed: the options of src/text/compose.ts, shared with the line breaker. */

export type Align = 'justify' | 'start' | 'end' | 'center';

/** Widest word space, × the natural space, when the theme sets none (ComposeOptions.space.max). */
export const DEFAULT_MAX_SPACE = 2;
/**
 * Widest word space (× the natural one) a line that cannot be justified
 * within the theme's maximum is justified with all the same (W-LINE-LOOSE,
 * docs/typography.md "A justified line never stops short"). Past it the line
 * is set short at its start edge and reported the same way: a line of two
 * long words or a word and a URL piece would else take one space ×10–×50
 * wide (the 150-point test document), which reads as a hole, not a line.
 */
export const JUSTIFY_ANYWAY_MAX = 3;
/**
 * Widest word space (× the natural one, in the line breaker's model, a line's
 * two largest kashida places counted) a justified paragraph may take to keep
 * its last line from holding one word, on pages (src/layout/typeset.ts): past the
 * planned ×1.3, short of the maximum ×2. A reader sees a lone last word at
 * once and a space of ×1.7 hardly; at ×1.5 (before December 2026, lastlines)
 * «…الحاطة / بالكرامة.» (udhr-ar, long-30, ×1.65), «…بالحدود / الجغرافية.»
 * (×1.71), mixed-7's «والأحياء.» and the seed's leaflet ٥ «مانديلا.» stayed.
 * The justifier may set a line of such a setting a little looser than the
 * breaker planned (it places fewer kashidas than the two largest: adjacent
 * words, places under the line above): seed leaflet ٥, ×1.86, within the
 * maximum. A leaflet's statement sizes ask for ×1.5 (STATEMENT_RUNT_SPACE,
 * templates/leaflet.ts): a stretched line shows most in large type.
 * docs/typography.md, "No runts on pages".
 */
export const RUNT_SPACE = 1.75;
export type JustifyMode = 'off' | 'spaces' | 'kashida';

/**
 * The space ratio a statement's lines (a leaflet's few lines of large type)
 * widen to before a kashida is set (ComposeOptions.spacesBeforeKashida),
 * where body text takes ×1.3: leaflet 37 of a 40-point test document had
 * four kashidas in three lines at 21 pt («بضـمان … محاكمـة», «قضـاء …
 * تصـدر»); the seven documents' statements had 52 (docs/typography.md).
 */
export const SPACES_BEFORE_KASHIDA = 1.5;

export interface ComposeOptions {
  dir: 'rtl' | 'ltr';
  lang?: string;
  /** Line width in pt. */
  measure: number;
  align: Align;
  /** How justified lines are stretched. Ignored unless align is 'justify'. */
  justify: JustifyMode;
  /**
   * Space stretch/shrink bounds, as fractions of the natural space; `max` caps the final ratio (default 2);
   * `letterSpaceFrom`: the ratio past which the Latin of a justified right-to-left line holding an address
   * takes a little letter-spacing before the spaces widen further (default 1 + stretch: compose.ts trackingFor).
   */
  space: { stretch: number; shrink: number; max?: number; letterSpaceFrom?: number };
  /** Kashida width bounds, in multiples of the font's tatweel advance. */
  kashida?: { min: number; max: number };
  /** Divide words at line ends (left-to-right paragraphs in a language with patterns: src/text/hyphenate.ts). */
  hyphenate?: boolean;
  /**
   * Lines end at spaces only: no word divided (`hyphenate` is ignored), nor
   * broken after its own hyphen. Headings ask for it: «self-/hosted» across
   * two lines of a heading reads as two words (page review look17). A token
   * wider than the measure is still broken (itemize.ts emergencyBreaks).
   */
  wholeWords?: boolean;
  /**
   * An address (URL, e-mail) no wider than the measure is never divided: it
   * goes whole to the next line. Cards ask for it: at display size a short
   * address split on a loose line («https://example.org/fa/» / «minutes»,
   * stress-fa's square card 16) reads as two words; pages weigh such a break
   * by its cost (itemize.ts, addressBreakCost).
   */
  wholeAddresses?: boolean;
  /**
   * Offsets in the text where a word space starts (the word before it
   * ends) that a line should not end at where a
   * setting as good exists (the soft ties of a short Latin name, itemize.ts
   * markLatinNames, and the same test, lineBreaks.ts withTies): the caller's
   * reading of the words, such as a preposition or a Persian ezafe that leans
   * on the next word (src/layout/balance.ts, `leans`; the cards ask for it).
   */
  softTies?: number[];
  /**
   * Lines a paragraph may take beyond its first setting to keep its soft
   * ties all at once (`softTies`; default 0: in no more lines). A card with
   * room below its body asks for it: another break at the same size before
   * a step down the scale (templates/cardLayout.ts, `oneCard`).
   */
  softTieLines?: number;
  /** Most kashidas in one line (default 2). */
  kashidaPerLine?: number;
  /**
   * Justified with kashida, the ratio (× the natural space) the spaces widen
   * to before any kashida is set; default 1 + `space.stretch` (×1.3). A
   * leaflet's statement sizes ask for SPACES_BEFORE_KASHIDA: in a few lines
   * of large type a kashida shows most.
   */
  spacesBeforeKashida?: number;
  /**
   * Keep a paragraph of more than two lines from ending in a line of one
   * word (a runt) where another break set takes no more lines and is no
   * worse: justified, no word space wider than `maxSpace` × the natural one
   * (pages ask for RUNT_SPACE; nor than the first setting's widest); ragged, no
   * line shorter than 3/4 of the measure (nor than the first setting's
   * shortest), and a last word of a quarter of the measure or more is no
   * runt (LONG_LAST_WORD). See src/text/lineBreaks.ts. Cards ask for it: their few lines
   * at display sizes make a lone last word stand out; pages too
   * (src/layout/typeset.ts), with `minLines` 2 (default 3: the paragraph's
   * fewest lines for the rule). Each paragraph of a text with line breaks is
   * tied in turn.
   */
  avoidRunts?: {
    maxSpace: number;
    minLines?: number;
    /** Ragged, the shortest fill a line may be given for the runt's sake, × the measure (default RAGGED_FILL, lineBreaks.ts): cards ask for less. */
    raggedFill?: number;
  };
  /**
   * In a text of several paragraphs joined by line breaks (a leaflet sets a
   * point so), the first line of each paragraph after the first starts this
   * many pt in from the start edge, as a book indents its paragraphs; the
   * first paragraph is not indented (unless `indentFirst`). See src/text/compose.ts.
   */
  paragraphIndent?: number;
  /**
   * The text follows a paragraph of its own (the booklet sets a point's
   * paragraphs one by one): its first line is indented by `paragraphIndent`
   * too, as the lines after its own line breaks are.
   */
  indentFirst?: boolean;
  /**
   * An address that takes lines of its own in a justified right-to-left
   * paragraph is set as a display (a leaflet asks for it: templates/leaflet.ts):
   * its lines (no word space in them, only the address) stand unjustified at
   * the start edge, never letter-spaced, all alike; and the line before them,
   * which ends only because the address's first piece does not fit there, is
   * not stretched to meet the measure. See src/text/compose.ts (`addressLines`).
   */
  displayAddresses?: boolean;
}

/** Whether the paragraph's lines (all but a paragraph's last) are justified: aligned to justify, and justification not off. */
export function justifies(opts: Pick<ComposeOptions, 'align' | 'justify'>): boolean {
  return opts.align === 'justify' && opts.justify !== 'off';
}
