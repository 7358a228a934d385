/**
 * What the parser hands on: directions, digits, verbatim paragraphs with
 * their places, imprint runs. The document model (src/model/types.ts)
 * takes these as they are.
 */
import type { SourcePlace } from '../diagnostics.js';

export type Direction = 'rtl' | 'ltr';

/** Digit families (CLDR numbering-system ids). */
export type DigitSystem = 'arab' | 'arabext' | 'latn';

/**
 * Where the characters of a derived text come from, for diagnostics: from
 * UTF-16 offset `at` of the text on, the characters are the source's, one for
 * one, starting at `place`, until the next entry. Needed where the text is
 * not a verbatim copy of one source line (soft-wrapped paragraphs are joined
 * with spaces; imprint markup is removed).
 */
export interface SourceSpan {
  at: number;
  place: SourcePlace;
}

/** A run of the imprint block with its markup resolved. */
export interface InlineRun {
  text: string;
  bold?: boolean;
  italic?: boolean;
  sup?: boolean;
}

/** One line of the imprint (hard line breaks in the source). */
export interface ImprintLine {
  runs: InlineRun[];
  place: SourcePlace;
  /** Where the line's text comes from, when not one verbatim stretch starting at `place`. */
  spans?: SourceSpan[];
  /** True on the first line of an imprint paragraph after a blank line (leave a gap above it). */
  gapBefore?: boolean;
}

/** A verbatim paragraph of the source with where it starts. */
export interface Paragraph {
  text: string;
  place: SourcePlace;
  /** Where the text continues on later source lines (soft-wrapped paragraphs); absent for one line. */
  spans?: SourceSpan[];
}

/** One paragraph of a point: the first (after the label), a further one, or a sub-item. */
export interface PointParagraph extends Paragraph {
  /** The sub-item label as written (`(١)`, `أ-`, `1)`), when the paragraph is a sub-item; `text` then excludes it. */
  item?: string;
  /** Where the sub-item label starts. */
  itemPlace?: SourcePlace;
}

/**
 * A date as an editor writes it: `2024-05-04` (a day), or `--09-21` (the same
 * day every year, ISO 8601 recurring form). A range has an `end`.
 */
export interface EventDate {
  start: string;
  end?: string;
}
