/**
 * The document model: what the parser and metadata stage hand to every later
 * stage. Plain data, no behaviour. The author's words are kept verbatim in
 * `text` fields; editorial additions (titles, events, theme) sit beside them.
 */
import type { SourcePlace } from '../diagnostics.js';
import type { ProofSettings } from '../proof/schema.js';

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

/**
 * A date as an editor writes it: `2024-05-04` (a day), or `--09-21` (the same
 * day every year, ISO 8601 recurring form). A range has an `end`.
 */
export interface EventDate {
  start: string;
  end?: string;
}

export interface EventInfo {
  name: string;
  date?: EventDate;
  place?: string;
}

export interface Point {
  /** The point's number as a value (1-based). */
  number: number;
  /** The number as the author wrote it, e.g. `٨ .` or `12)`. */
  label: string;
  /** The point's text, verbatim, without its number label. */
  text: string;
  /** Where `text` starts in the source. */
  place: SourcePlace;
  /** Where `text` continues on later source lines (soft-wrapped points); absent for one line. */
  spans?: SourceSpan[];
  /** Where the editorial texts from the metadata are written (the start of each value). */
  metaPlaces?: { title?: SourcePlace; eventName?: SourcePlace; eventPlace?: SourcePlace };
  /** Short editorial title: from metadata, else derived from the first clause. */
  title: string;
  titleSource: 'meta' | 'derived';
  /** ASCII slug for file names, e.g. `01-peace`. Always starts with the 2-digit number. */
  slug: string;
  event?: EventInfo;
  /** Optional URL (full text online) for a QR code. */
  url?: string;
}

export interface Imprint {
  lines: ImprintLine[];
}

export interface DocumentModel {
  source: {
    /** Path as given to the build, for diagnostics. */
    file: string;
    /** SHA-256 of the source bytes (hex). */
    sha256: string;
  };
  /** BCP 47 language tag, e.g. `ar`. */
  lang: string;
  dir: Direction;
  /** The digits the document itself uses; page numbers and dates follow them. */
  digits: DigitSystem;
  title: string;
  titlePlace: SourcePlace;
  preamble: Paragraph[];
  points: Point[];
  imprint: Imprint;
  /** Build date (ISO yyyy-mm-dd), from SOURCE_DATE_EPOCH or the metadata; never the clock. */
  date: string;
  /** Optional document URL (QR on leaflets). */
  url?: string;
  theme: Theme;
  /** Proofing decisions from the metadata (words, corrections); src/proof applies and then removes them. */
  proof?: ProofSettings;
  /** How many editorial corrections (metadata `corrections:`) were applied to the printed text; the colophon says so. */
  corrections?: number;
}

/** Design tokens: the one place all templates read typography and colour from. */
export interface Theme {
  palette: {
    paper: string;
    ink: string;
    accent: string;
    muted: string;
    /** Background of the cover and cards. */
    cover: string;
    coverInk: string;
  };
  fonts: {
    /** Font files (project-relative), first that covers a character wins. */
    body: string[];
    heading: string[];
  };
  /** Body text: size in pt, leading as a multiple of size. */
  body: { size: number; leading: number; minSize: number; maxSize: number };
  justify: 'off' | 'spaces' | 'kashida';
  /** Inter-word space stretch/shrink bounds as fractions of the natural space. */
  space: { stretch: number; shrink: number };
  page: {
    booklet: PageSize;
    leaflet: PageSize;
    /** Margins in pt; inner = binding side. */
    margins: { top: number; bottom: number; inner: number; outer: number };
  };
  cards: CardFormat[];
  /** Minimum body text size on a card, in px at 1080 px width. */
  cardMinBodyPx: number;
  /**
   * The booklet's page plan: 'multiple-of-4' (default) adds blank pages
   * between the colophon and the back cover so a saddle-stitched copy needs
   * no blanks of the printer's choosing; 'any' keeps the natural count.
   */
  pages: PagePlan;
  /** The paper of the press files: its thickness drives creep in saddle-stitched booklets (0 = none). */
  paper: { thicknessMm: number };
  /**
   * CMYK (each 0–100 %) of palette colours in the press files. A palette
   * colour without one is converted from its RGB value (src/print/color.ts).
   */
  cmyk: Partial<Record<PaletteName, Cmyk>>;
  /** Fills in ink black whose both sides reach `minMm` print in this rich black; smaller ones (text, rules) in K only. */
  richBlack: { cmyk: Cmyk; minMm: number };
}

export type PagePlan = 'multiple-of-4' | 'any';
export type PaletteName = keyof Theme['palette'];
/** Cyan, magenta, yellow, black, each 0–100 (%). */
export type Cmyk = [c: number, m: number, y: number, k: number];

export type PageSizeName = 'A4' | 'A5' | 'A6';

export interface PageSize {
  name: PageSizeName;
  /** pt */
  width: number;
  height: number;
}

export interface CardFormat {
  name: string;
  width: number;
  height: number;
  /** Extra encodings besides PNG. */
  extra: Array<'webp' | 'jpeg'>;
  /** Keep text clear of this many px at top and bottom (platform safe zone). */
  safeY: number;
}
