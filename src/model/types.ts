/**
 * The document model: what the parser and metadata stage hand to every later
 * stage. Plain data, no behaviour. The author's words are kept verbatim in
 * `text` fields; editorial additions (titles, events, theme) sit beside them.
 */
import type { SourcePlace } from '../diagnostics.js';
import type { ProofSettings } from './proofSchema.js';

// The parser's vocabulary (text, places, imprint runs), part of the model as is.
export type { DigitSystem, Direction, EventDate, ImprintLine, InlineRun, Paragraph, PointParagraph, SourceSpan } from '../parse/types.js';
import type { DigitSystem, Direction, EventDate, ImprintLine, Paragraph, PointParagraph, SourceSpan } from '../parse/types.js';

export interface EventInfo {
  name: string;
  date?: EventDate;
  place?: string;
}

import type { MonthStyle } from '../format/localize.js';
import type { DateOrder } from '../parse/dates.js';

export interface ColophonInfo {
  publisher?: string;
  rights?: string;
  edition?: string;
  printer?: string;
  isbn?: string;
  contact?: string;
}

/** How point numbers are written: «١-», «(١)», «1.». */
export type NumberingStyle = 'dash' | 'paren' | 'dot';

export interface Point {
  /** The point's number as a value (1-based). */
  number: number;
  /** The number as the author wrote it, e.g. `٨ .` or `12)`. */
  label: string;
  /** The point's text, verbatim, without its number label; paragraphs joined by a line break. */
  text: string;
  /** The point's paragraphs (a point goes on until the next numbered line); the first follows the number. */
  paragraphs: PointParagraph[];
  /** Where `text` starts in the source. */
  place: SourcePlace;
  /** Where `text` continues on later source lines (soft-wrapped points); absent for one line. */
  spans?: SourceSpan[];
  /** Where the editorial texts from the metadata are written (the start of each value). */
  metaPlaces?: { title?: SourcePlace; eventName?: SourcePlace; eventPlace?: SourcePlace };
  /** Short editorial title: from metadata, else the first sentence when short, else a label («البند ٨»). */
  title: string;
  titleSource: 'meta' | 'derived' | 'label';
  /** ASCII slug for file names, e.g. `01-peace`. Always starts with the 2-digit number. */
  slug: string;
  event?: EventInfo;
  /** Optional URL (full text online) for a QR code. */
  url?: string;
}

interface Imprint {
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
  /** How point numbers are written in headings, contents, leaflets and cards. */
  numbering: NumberingStyle;
  /** Month names in the dates warraq writes (the source's own usage, or the metadata's `months`). */
  months: MonthStyle;
  /** How a pair of month names is joined, as the source joins its own: «/» or « / ». */
  monthSlash: '/' | ' / ';
  /** The order of day and month in the source's English dates («16 March 2024»: day-month), for the dates warraq writes; absent: the language's. */
  dateOrder?: DateOrder;
  /** Colophon entries from the metadata, as written there. */
  colophon: ColophonInfo;
  /** Which booklet sections are made. */
  sections: { cover: boolean; contents: boolean; colophon: boolean; backCover: boolean };
  title: string;
  titlePlace: SourcePlace;
  /** The metadata's short title for the booklet's running heads (`runningHead:`), and where it is written. */
  runningHead?: { text: string; place: SourcePlace };
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
  /** Body text: size in pt, leading as a multiple of size, and the smallest size a layout may shrink it to. */
  body: { size: number; leading: number; minSize: number };
  /**
   * The two body sizes of a document's leaflets (pt on A5; other page sizes
   * scale both with the page): a point is set at `regular` when it fits one
   * page, else at `compact` (one step down the type scale), running on to
   * further pages when even that does not fit. No other size, so the
   * leaflets look like one family.
   */
  leafletBody: { regular: number; compact: number };
  /** Justification: Arabic defaults to kashida, Persian to spaces, left-to-right text to off (ragged right; `defaultJustify`). */
  justify: 'off' | 'spaces' | 'kashida';
  /** Divide words at line ends in left-to-right paragraphs (English patterns; default off: docs/typography.md, "Hyphenation"). */
  hyphenate: boolean;
  /** Most kashidas in one line (default 2); never in adjacent words or words of three letters or fewer. */
  kashidaPerLine: number;
  /**
   * Inter-word space stretch/shrink bounds as fractions of the natural space;
   * `max`: the widest a justified line's spaces may ever get (× the natural
   * space); a line that would need more is justified with wider ones up to
   * JUSTIFY_ANYWAY_MAX (×3), past that set short at its start edge, with a warning.
   */
  space: { stretch: number; shrink: number; max?: number };
  page: {
    booklet: PageSize;
    leaflet: PageSize;
    /** Margins in pt; inner = binding side. */
    margins: { top: number; bottom: number; inner: number; outer: number };
  };
  cards: CardFormat[];
  /** Minimum body text size on a card, in px at 1080 px width (formats without their own `minBodyPx`). */
  cardMinBodyPx: number;
  /** Side margin of a card as a share of its width (square, portrait: also top and bottom). */
  cardMargin: number;
  /** Ratio between neighbouring sizes of the card type scale: body sizes are minimum × ratio^k. */
  cardScale: number;
  /**
   * The booklet's page plan: 'multiple-of-4' (default) adds spare pages
   * between the last point and the colophon (which stays on the page before
   * the back cover), so a saddle-stitched copy needs no blanks of the
   * printer's choosing; 'any' keeps the natural count.
   */
  pages: PagePlan;
  /** What the page plan's spare pages are: ruled notes pages («ملاحظات», default) or blank paper. */
  spare: SparePages;
  /**
   * Copyfitting (templates/booklet.ts, src/layout/copyfit.ts): where the page
   * plan would add spare pages, the booklet is set a little smaller (down to
   * COPYFIT_RANGE below `body.size`, never under `body.minSize`) when that
   * saves a sheet. 'on' by default; 'off' where the metadata sets the body's
   * size or leading itself (the user's setting is kept) or `copyfit: off`.
   */
  copyfit: Copyfit;
  /** The paper of the press files: its thickness drives creep in saddle-stitched booklets (0 = none). */
  paper: { thicknessMm: number };
  /**
   * CMYK (each 0–100 %) of palette colours in the press files. A palette
   * colour without one is converted from its RGB value (src/print/color.ts).
   */
  cmyk: Partial<Record<PaletteName, Cmyk>>;
  /** Fills in ink black whose both sides reach `minMm` print in this rich black; smaller ones (text, rules) in K only. */
  richBlack: { cmyk: Cmyk; minMm: number };
  /** all-leaflets.pdf: one leaflet per page, or two A5 leaflets per A4 sheet (--leaflet-sheet). */
  leafletSheet: 'pages' | 'a4-2up';
}

export type PagePlan = 'multiple-of-4' | 'any';
type SparePages = 'notes' | 'blank';
type Copyfit = 'on' | 'off';
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
  /** Keep everything but the background out of this many px at the top (and at the bottom unless `safeBottom` is given): platform overlays. */
  safeY: number;
  /** Only background in this many px at the bottom (default: `safeY`). */
  safeBottom?: number;
  /** Minimum body size in px for this format (default: theme.cardMinBodyPx scaled by width/1080). */
  minBodyPx?: number;
}
