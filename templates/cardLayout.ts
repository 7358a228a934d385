/**
 * The social cards: per format, a document card and, per point, one card or
 * a carousel of slides. Pure (no files, no clock).
 *
 * The text layer sets every text block (HarfBuzz shaping, UAX #9 bidi,
 * Knuth–Plass lines, kashida justification) and measures the box it needs;
 * the design (templates/card.tsx, JSX with flexbox) receives the boxes and
 * satori decides where they go (`flexLayout`); the blocks are then placed in
 * the boxes satori computed. Nothing here adds up positions.
 *
 * Fitting. A format's series has two body sizes (`seriesSizes`): compact,
 * the format's minimum (`minBodyPx`, else `cardMinBodyPx` at 1080 px wide),
 * and regular, one step of the theme's scale above it. Side by side, the
 * cards of a format then read as one series (before, a short point took up
 * to 1.5× the minimum beside a long one at the minimum). A point that fits
 * one card at regular size is set there when its word spaces stay near the
 * theme's (below), else at compact size.
 * One that does not becomes a carousel, one size for every slide: it is
 * divided between sentences, else between clauses, never inside a word,
 * each slide opening at a sentence end where one fits (at the minimum
 * size), then spreading the text evenly over them and
 * ending slides where paragraphs end (templates/cardText.ts, `divideEvenly`); it is set at regular size when
 * that division still takes as many slides, cuts no more sentences
 * and words, and keeps its word spaces as a single card's (`largerCarousel`),
 * else at the minimum; every
 * slide repeats the number and title with a «١ من ٣» marker (slideLabel) and carries the
 * footer (a slide shared alone still says where it is from), every slide
 * but the last says "continued" at the end of the footer's rule. The link card
 * (one image) shows an excerpt instead: the longest run of whole sentences
 * that fits, marked as an excerpt, with the document's URL.
 */
import type { CardFormat, DocumentModel, ImprintLine, Point } from '../src/model/types.js';
import type { LaidOutPage, TextBlock } from '../src/layout/types.js';
import type { Box } from '../src/layout/ink.js';
import { typesetter, WHOLE_WORDS, type SetStats, type TemplateFonts, type Typesetter } from '../src/layout/typeset.js';
import { probePrefix } from '../src/layout/fit.js';
import { endsWeak, leaningSpaces, offWeakBySize, setBalanced, weakEnds } from '../src/layout/balance.js';
import { flexLayout, measureText, placeText, type MeasuredText } from '../src/layout/flexbox.js';
import { addressCuts, runts, type ComposedParagraph } from '../src/text/compose.js';
import { isVerbatimToken } from '../src/text/addresses.js';
import { DEFAULT_MAX_SPACE, JUSTIFY_ANYWAY_MAX } from '../src/text/options.js';
import type { StyledSpan, TextStyle } from '../src/text/itemize.js';
import type { LoadedFont } from '../src/text/fonts.js';
import { formatNumber } from '../src/format/localize.js';
import { imprintSpans } from './booklet.js';
import { labelsFor } from './labels.js';
import { cutsWorse, pointText } from './leaflet.js';
import { PARAGRAPH_INDENT, indentsParagraphs } from '../src/layout/paragraphs.js';
import { boundaries, cuts, divide, divideEvenly, evenEnough, lexLess, longestPiece } from './cardText.js';
import { coverRuleGap, defaultDesign, type CardDesign, type CardGeometry, type CardTokens, type PointParts } from './card.js';
import { WarraqError } from '../src/diagnostics.js';
import { excerpt, makeDiagnostic } from '../src/parse/report.js';

export interface CardArgs {
  model: DocumentModel;
  /** The point to show; the document card when absent. */
  point?: Point;
  format: CardFormat;
  fonts: TemplateFonts;
  /** The design; warraq's own (templates/card.tsx) when absent. */
  design?: CardDesign;
}

/** What a text block on a card is, for tests and the fitting report. */
export type CardRole = 'number' | 'title' | 'marker' | 'body' | 'footer' | 'continued' | 'doc-title' | 'imprint';

/** One image: a single card, or one slide of a carousel. */
export interface CardSlide {
  /** The text blocks, placed in the boxes satori computed (px). */
  page: LaidOutPage;
  /** satori's SVG of the design's boxes, rules and backgrounds (no text). */
  svg: string;
  format: CardFormat;
  /** The role of each text block of `page.blocks`, by block index. */
  roles: Map<number, CardRole>;
  /** The padding box, clear of the format's safe zones: all text lies inside. */
  textBox: { left: number; right: number; top: number; bottom: number };
  /** Body size used, and the format's bounds (px). 0 on the document card. */
  bodySize: number;
  minBodySize: number;
  maxBodySize: number;
  /** The body text set on this card. */
  bodyText: string;
  /** Index (1-based) and count of a carousel's slides; absent for a single card. */
  slide?: { index: number; count: number };
  /** The link card shows only the start of the point. */
  excerpt: boolean;
  /** A statement: a short point at the statement size, its lines balanced and ragged (`statementCard`). */
  statement?: boolean;
  /** Alternative text: the title and the card's full text. */
  alt: string;
  /**
   * The body's lines justified past the theme's widest space or set short
   * (`ComposedLine.loose`), located in the point's text, as a page's typesetter
   * counts them (SetStats.loose): reported as W-LINE-LOOSE (src/layout/looseLines.ts).
   */
  loose: SetStats['loose'];
}

/** The cards for a point (one, or a carousel's slides) or the document card. */
export async function layoutCard(args: CardArgs): Promise<CardSlide[]> {
  const c = context(args);
  if (!args.point) return [await documentCard(c)];
  return renderPoint(c, args.point, await planPoint(c, args.point));
}

/**
 * For `npm run check` and the build's first step: the E-CARD-FIT errors of
 * one format — the points `layoutCard` could not set. It is the very
 * planning `layoutCard` does (`planPoint`: the size, the slides, every
 * piece measured into its room; `assertPlannable` asks its parts in the
 * cheaper order), without drawing the slides, so the check and the
 * renderer cannot disagree: a point that passes here is laid out by the
 * same plan at render.
 */
export async function cardFitErrors(args: Omit<CardArgs, 'point'>, points: readonly Point[]): Promise<WarraqError[]> {
  const out: WarraqError[] = [];
  const c = context(args);
  for (const point of points) {
    try {
      await assertPlannable(c, point);
    } catch (e) {
      if (!(e instanceof WarraqError)) throw e;
      out.push(e);
    }
  }
  return out;
}

// ---------------------------------------------------------------------------
// Context: geometry from the theme, tokens from the design.

interface Context {
  model: DocumentModel;
  format: CardFormat;
  fonts: TemplateFonts;
  design: CardDesign;
  g: CardGeometry;
  t: CardTokens;
  ts: Typesetter;
  /** The body's typesetter (`cardTypesetter`'s runt rule for a body). */
  body: Typesetter;
  /** The body's typesetter when a point's paragraphs are not sub-items: each after the first indented (`PARAGRAPH_INDENT`). */
  indented: Typesetter;
  /** The same three with an address that fits a line divided at its own breaks (`body`, `statementBody`: only where whole it leaves a line short). */
  dividing: { ts: Typesetter; body: Typesetter; indented: Typesetter };
  /** The width text is set in: the card less its side margins. */
  measure: number;
  minBody: number;
  maxBody: number;
  /** The two body sizes of a series, ascending: compact (the minimum) and regular (`seriesSizes`). */
  steps: number[];
  /** The statement size, for a point of a few lines (`statementCard`): the top of the display range, when above regular. */
  statement?: number;
  /** The body size the series' title is scaled from (`seriesTitleSize`): the top of the card's display range. */
  titleBody: number;
  /** satori needs a font even though it sets no text. */
  font: LoadedFont;
}

/**
 * The theme's typesetting with a card's tuning. Card lines hold few words at
 * display sizes, so a justified line has a large deficit to spread: spaces may
 * stretch further before kashidas are used, and the kashidas are fewer and
 * longer (at least one and a half tatweels each). A paragraph does not end
 * in a lone word where it need not (a runt: «Nations.» under three lines).
 *
 * A line's widest space is the theme's, as on pages (src/text/compose.ts,
 * `trackingFor`): a line that needs wider is justified with them up to
 * JUSTIFY_ANYWAY_MAX and flagged `loose`, past it set short at its start
 * edge (W-LINE-LOOSE, `looseLines`). Before (December 2026) a card line was
 * justified whatever it took: stress-fa's link card 6 had one space of
 * ×8.1 (95 px) between its URL and «در». An address on lines of its own is
 * displayed, the line before it not stretched, as on leaflets
 * (`displayAddresses`); an address that fits a line is never divided
 * (`wholeAddresses`: stress-fa's square card 16 split a 30-character one
 * after «/fa/» on a loose line). No letter-spacing before the spaces pass
 * their maximum.
 *
 * `body`: a body's runt, in a paragraph of two lines too, is pulled up by
 * a looser line as far as the card's own bounds allow (`BODY_RUNTS`),
 * rather than by a smaller size (`oneCard`); titles, statements and labels
 * keep the text layer's rule (they are balanced: src/layout/balance.ts).
 */
function cardTypesetter(model: DocumentModel, body: boolean, paragraphIndent?: number, wholeAddresses = true): Typesetter {
  const max = model.theme.space.max ?? DEFAULT_MAX_SPACE;
  const space = { ...model.theme.space, stretch: Math.max(model.theme.space.stretch, 0.75), max, letterSpaceFrom: max };
  return typesetter(model, model.theme.justify, { space, kashida: { min: 1.5, max: 3 }, avoidRunts: body ? BODY_RUNTS(max) : { maxSpace: max }, paragraphIndent, displayAddresses: true, wholeAddresses });
}

/**
 * How much wider than the theme's maximum a card's spaces may be before a
 * smaller body size is preferred: a card line holds few words at display
 * size, and each step down the scale costs an eighth of the type's size.
 */
const CARD_SPACE_SLACK = 1.25;
/**
 * Ragged, the shortest a card line may be made to keep a paragraph from
 * ending in one word (pages: 3/4, RAGGED_FILL in src/text/lineBreaks.ts). A
 * card's rag is two to five lines of display type: a line two thirds full
 * reads as its rag, and the runt it saves would else cost the card a size
 * (udhr-en 17 and 20 were set at 40 px beside 15 at 45 px, December 2026).
 */
const CARD_RAGGED_FILL = 2 / 3;
/**
 * A card body's runt rule: justified, spaces to CARD_SPACE_SLACK × the
 * theme's maximum (what the size rule allows anyway); ragged, a line to
 * CARD_RAGGED_FILL of the measure; a paragraph of two lines too («No one
 * shall be arbitrarily deprived of» / «his property.», udhr-en 17).
 */
const BODY_RUNTS = (max: number) => ({ maxSpace: max * CARD_SPACE_SLACK, raggedFill: CARD_RAGGED_FILL, minLines: 2 });

/**
 * The widest word space a paragraph's justified lines take, × the natural
 * space (1 when none is stretched); a line set short (it needed more than
 * JUSTIFY_ANYWAY_MAX) counts as that bound, though its spaces stop at the
 * theme's maximum: it is the loosest a setting can be.
 */
export function widestSpace(para: ComposedParagraph): number {
  return para.lines.reduce((w, l) => (l.justified ? Math.max(w, l.short ? JUSTIFY_ANYWAY_MAX : l.spaceRatio) : w), 1);
}

/**
 * The body sizes of a format's series: regular, one step of the theme's
 * scale above the minimum (in whole px), and compact, the minimum. Each
 * point takes regular when it fits one card there, else compact (a
 * carousel: regular when that takes no more slides). A point decides
 * alone, so an edit re-renders only its own cards, and a series shows at
 * most two sizes, 1 : 1.125 apart by default (docs/cards.md).
 */
function seriesSizes(min: number, ratio: number): number[] {
  const regular = Math.round(min * ratio);
  return regular > min ? [min, regular] : [min];
}

/** Sizes from `min` up to `max`, each `ratio` times the one before, in whole px (the first is `min` itself). */
export function sizeSteps(min: number, max: number, ratio: number): number[] {
  const out = [min];
  for (let v = min * ratio; Math.round(v) <= max + 1e-9; v *= ratio) if (Math.round(v) > out[out.length - 1]) out.push(Math.round(v));
  return out;
}

function context(args: Omit<CardArgs, 'point'>): Context {
  const { model, format, fonts } = args;
  const t = model.theme;
  const { width: W, height: H } = format;
  const s = W / 1080;
  const wide = H < W * 0.8;
  const h = wide ? Math.max(0.62, H / W) : 1;
  const padX = Math.round(t.cardMargin * W);
  const padY = Math.round(t.cardMargin * W * h * (wide ? 0.75 : 1));
  const safeTop = format.safeY;
  const safeBottom = format.safeBottom ?? format.safeY;
  // Text keeps a little further from a safe zone than from a plain edge.
  const clear = (safe: number) => (safe > 0 ? safe + Math.round(40 * s) : padY);
  const g: CardGeometry = {
    width: W,
    height: H,
    s,
    h,
    padX,
    padTop: clear(safeTop),
    padBottom: clear(safeBottom),
    safeTop,
    safeBottom,
    rtl: model.dir === 'rtl',
    palette: t.palette,
  };
  const design = args.design ?? defaultDesign;
  const minBody = format.minBodyPx ?? Math.round(t.cardMinBodyPx * s * 100) / 100;
  const steps = seriesSizes(minBody, t.cardScale);
  const display = sizeSteps(minBody, minBody * (wide ? 1.15 : 1.5), t.cardScale);
  const font = fonts.body[0] ?? fonts.heading[0];
  if (!font) throw new Error('cards: no font');
  const titleBody = display[display.length - 1];
  const statement = titleBody > steps[steps.length - 1] ? titleBody : undefined;
  const dividing = { ts: cardTypesetter(model, false, undefined, false), body: cardTypesetter(model, true, undefined, false), indented: cardTypesetter(model, true, PARAGRAPH_INDENT, false) };
  return { model, format, fonts, design, g, t: design.tokens(g), ts: cardTypesetter(model, false), body: cardTypesetter(model, true), indented: cardTypesetter(model, true, PARAGRAPH_INDENT), dividing, measure: W - 2 * padX, minBody, maxBody: statement ?? steps[steps.length - 1], steps, statement, titleBody, font };
}

/**
 * True when no line is wider than the measure. The line breaker may choose a
 * last line that only fits with shrunk spaces, which an unjustified line does
 * not get; such a setting is treated as not fitting.
 */
function withinMeasure(para: ComposedParagraph): boolean {
  return para.lines.every((l) => l.width <= para.measure + 1e-6);
}

// ---------------------------------------------------------------------------
// Parts of a point card, measured.

interface Head {
  number: MeasuredText;
  title: MeasuredText;
}

/**
 * The title size of every point card of a format: at least the design's
 * title size and the top of the format's display range (`titleBody`, 1.5×
 * the minimum body, 1.15× on landscape cards, on the scale) × titleOverBody,
 * so that it is one size across a series and stays well above its body.
 */
function seriesTitleSize(t: Pick<CardTokens, 'titleSize' | 'titleOverBody'>, body: number): number {
  return Math.max(t.titleSize, body * t.titleOverBody);
}

/**
 * The number and the title. The title is the format's series size
 * (`seriesTitleSize`), the body's size has no say, in at most two lines
 * beside the number (stepping down the scale, to just above the body size,
 * when longer: the only per-card change); the number follows the title.
 * `reserve`: width kept free at the end of the header for a slide marker.
 */
function header(c: Context, point: Point, bodySize: number, reserve: number): Head {
  const { t, ts, model, fonts } = c;
  const pal = model.theme.palette;
  let titleSize = seriesTitleSize(t, c.titleBody);
  const numberSize = Math.max(t.numberSize, titleSize * t.numberOverTitle);
  // Proportional figures, as the leaflet's numeral: a tabular «١» keeps a «٤»'s width at this size.
  const numberPara = ts.set(formatNumber(point.number, model.lang, model.digits), { fonts: fonts.heading, size: numberSize, color: pal.accent, proportionalFigures: true }, c.measure, 'start');
  const number = measureText(numberPara, numberSize * 1.1, numberSize, pal.accent, true);
  const titleMeasure = c.measure - number.width - t.headGap - (reserve > 0 ? reserve + t.headGap : 0);
  // Balanced: «Equal in dignity / and rights», not «Equal in dignity and / rights» (src/layout/balance.ts).
  // A heading's lines end at spaces: no word broken after its own hyphen (as the booklet's headings).
  const setTitle = (size: number) => setBalanced((text, m) => ts.set(text, { fonts: fonts.heading, size, color: pal.ink }, m, 'start', false, WHOLE_WORDS), point.title, titleMeasure, model.lang);
  let titlePara = setTitle(titleSize);
  const floor = bodySize * 1.05;
  while ((titlePara.lines.length > 2 || !withinMeasure(titlePara)) && titleSize > floor) {
    titleSize = Math.max(floor, titleSize / model.theme.cardScale);
    titlePara = setTitle(titleSize);
  }
  return { number, title: measureText(titlePara, titleSize * 1.45, titleSize, pal.ink, true) };
}

/**
 * Where `piece` (a slide's body, a link card's excerpt: a slice of `text`,
 * the point's) starts in `text`, at `from` or after (a carousel's pieces
 * follow each other, so a phrase the point repeats is found at its own
 * place, not its first); -1 when it is not there. A link card's excerpt cut
 * inside a sentence ends in an ellipsis the text does not have: the piece
 * is found without it (`addedEllipsis`). The one search `pieceSpans` and
 * `looseLines` both use.
 */
export function pieceStart(text: string, piece: string, from = 0): number {
  return text.indexOf(addedEllipsis(text, piece, from) ? piece.slice(0, -1) : piece, from);
}

/** Whether `piece` ends in an ellipsis `text` does not have there (a link card's excerpt cut inside a sentence). */
function addedEllipsis(text: string, piece: string, from: number): boolean {
  return piece.endsWith('…') && !text.includes(piece, from);
}

/**
 * The spans of `piece`, a part of `text` (the point's) found at `from` or
 * after (`pieceStart`), when `full` styles `text` in spans; `piece` itself
 * when `full` is plain.
 */
function pieceSpans(full: string | StyledSpan[], text: string, piece: string, from = 0): string | StyledSpan[] {
  if (typeof full === 'string') return piece;
  const ellipsis = addedEllipsis(text, piece, from) ? '…' : '';
  const start = pieceStart(text, piece, from);
  if (start < 0) return piece;
  const end = start + piece.length - ellipsis.length;
  const out: StyledSpan[] = [];
  let at = 0;
  for (const sp of full) {
    const [from, to] = [Math.max(start, at), Math.min(end, at + sp.text.length)];
    if (from < to) out.push({ ...sp, text: sp.text.slice(from - at, to - at) });
    at += sp.text.length;
  }
  if (ellipsis && out.length) out.push({ ...out[out.length - 1], text: ellipsis });
  return out;
}

/** A small muted line (slide marker, "continued"), as wide as its ink; in the body face unless `fonts` says. */
function smallText(c: Context, text: string, size: number, fonts = c.fonts.body): MeasuredText {
  const color = c.model.theme.palette.muted;
  return measureText(c.ts.set(text, { fonts, size, color }, c.measure, 'start'), size * 1.4, size, color, true);
}

/** Where a slide stands in its carousel, in the document's digits and words: «١ من ٣», «۱ از ۳», «1/3». */
function slideLabel(c: Context, index: number, count: number): string {
  const n = (v: number) => formatNumber(v, c.model.lang, c.model.digits);
  return `${n(index)}${labelsFor(c.model.lang).slideOf}${n(count)}`;
}

/**
 * The slide marker, muted, in the heading face at the design's marker size
 * (templates/card.tsx): the body face at 30 px was a pale whisper on a phone,
 * where a 1080 px card shows at about a third of its size (Arabic and Persian
 * digits are small in Amiri); the heading's strokes keep it legible there
 * while the colour keeps it behind the title and the statement.
 */
function marker(c: Context, index: number, count: number): MeasuredText {
  return smallText(c, slideLabel(c, index, count), c.t.markerSize, c.fonts.heading);
}

/** "continued", on every slide of a carousel but the last. */
const continuedLabel = (c: Context) => smallText(c, labelsFor(c.model.lang).continued, c.t.footerSize);

/** The widest marker a carousel of up to 99 slides needs, reserved beside the title. */
const markerReserve = (c: Context) => marker(c, 88, 88).width;

/**
 * The body of a card: `piece` (the point's text, or a slide's part of it)
 * as leaflets set it. Each paragraph after the first starts indented
 * (`PARAGRAPH_INDENT` × the size), so that a break between paragraphs shows
 * even when a line ends full; a point of sub-items is not indented, its
 * labels, in the heading face and the accent colour (`pointText`), mark
 * where each starts. 'justify' with the theme's mode: ragged when
 * justification is off, as on leaflets.
 */
function body(c: Context, point: Point, piece: string, size: number, from = 0, tieLines = 0): MeasuredText {
  const ink = c.model.theme.palette.ink;
  const style: TextStyle = { fonts: c.fonts.body, size, color: ink };
  const indented = indentsParagraphs(point);
  const spans = pieceSpans(pointText(point, style, c.fonts.heading, c.model.theme.palette.accent)(size), point.text, piece, from);
  // (Justified text only: there a tie is taken when its spaces stay within the card's bound; a ragged line would be
  // shortened for it, to two thirds of the measure.)
  // `tieLines`: lines the ties may add, where a single card has room for them (`withRoomForTies`).
  const how = c.model.theme.justify === 'off' ? undefined : { softTies: leaningSpaces(typeof spans === 'string' ? spans : spans.map((sp) => sp.text).join(''), c.model.lang), softTieLines: tieLines };
  const set = (ts: { body: Typesetter; indented: Typesetter }, tied = true) => (indented ? ts.indented : ts.body).set(spans, style, c.measure, 'justify', false, tied ? how : undefined);
  let para = set(c);
  // A line left short inside a paragraph by an address kept whole (`wholeAddresses`; stress-fa 16: «نشانی تماس گروه
  // هماهنگی» stopped short, the e-mail whole on the next line) or by a leaning word kept with the next (mixed-7 3:
  // «…على الرابط», the URL then displayed below it): the address divided at its own breaks, the ties dropped, in
  // that order, when that leaves fewer.
  let short = stopsShort(c, para);
  for (const retry of [() => set(c, false), () => set(c.dividing), () => set(c.dividing, false)]) {
    if (short === 0) break;
    const other = retry();
    const n = stopsShort(c, other);
    if (n < short) [para, short] = [other, n];
  }
  return measureText(para, size * c.t.bodyLeading, size, ink);
}

/**
 * The lines of a justified text that stop short inside a paragraph: set
 * short (W-LINE-LOOSE), or not stretched before an address displayed on
 * lines of its own (`displayAddresses`); a line of an address alone (no
 * word space) is the display itself. Ragged text has none. Inside a
 * paragraph such a line reads as the paragraph's end.
 */
function stopsShort(c: Context, para: ComposedParagraph): number {
  return shortLines(c, para).length;
}

/** The lines `stopsShort` counts. */
function shortLines(c: Context, para: ComposedParagraph): ComposedParagraph['lines'] {
  if (c.model.theme.justify === 'off') return [];
  return para.lines.filter((l) => !l.last && (l.short || (!l.justified && /\S\s+\S/u.test(para.text.slice(l.start, l.end).trim()))));
}

/**
 * What a line stopping short before an address weighs in the size rule, in
 * runts: less than one, so that it is not traded for a step down that ends
 * in a runt and widens other lines (stress-fa 16, session 17: 40 px with
 * «می‌شوند.» alone and spaces at ×2.5 in the lines after its address, the
 * square and story cards half empty, against 45 px with «نشانی تماس گروه
 * هماهنگی» short before «secretariat@example.org»).
 */
const BEFORE_ADDRESS = 0.5;

/**
 * Of the lines `stopsShort` counts, those an address opens the next line
 * after (`isVerbatimToken`): the address, too wide to share the line, is
 * the reason it stops, and it reads as displayed rather than as the
 * paragraph's end. The size rule weighs such a line as BEFORE_ADDRESS of a
 * runt, not as a line stopping short.
 */
function shortBeforeAddress(c: Context, para: ComposedParagraph): number {
  return shortLines(c, para).filter((l) => isVerbatimToken(para.text.slice(l.end).trimStart().split(/\s/u)[0] ?? '')).length;
}

/**
 * The lines of a justified body that end on a word leaning on the next
 * (`weakEnds`, by `leans`), where `body` asked the breaker to keep them
 * together (`leaningSpaces`, by the same `leans`: a word followed by
 * punctuation, «لا.», «for.», leans on nothing in either). Ragged text has none: its lines end where they end,
 * and a tie would shorten a line to keep a word (udhr-en's «and», «the»).
 */
function leaningEnds(c: Context, para: ComposedParagraph): number {
  return c.model.theme.justify === 'off' ? 0 : weakEnds(para, c.model.lang).length;
}

/**
 * A statement's body (`statementCard`): the point's one paragraph at `size`,
 * its lines balanced (src/layout/balance.ts) on the narrowest measure that
 * keeps their number, so that two lines of display type read as one block
 * rather than a full line over a short one. Set ragged at the start edge
 * (not justified as the body is); the box is that measure wide, at the start
 * edge (templates/card.tsx).
 */
function statementBody(c: Context, text: string, size: number): MeasuredText {
  const ink = c.model.theme.palette.ink;
  const style: TextStyle = { fonts: c.fonts.body, size, color: ink };
  const set = (ts: Typesetter) => setBalanced((t, m) => ts.set(t, style, m, 'start'), text, c.measure, c.model.lang);
  let para = set(c.ts);
  // An address kept whole that leaves a line short of the others (addresses-ar 8: «في الصفحة 12» over
  // «من https://example.org/guide/ نجد 3 أمثلة،»): divided at its own breaks when that balances the lines.
  if (!statementEven(para)) {
    const divided = set(c.dividing.ts);
    if (statementEven(divided)) para = divided;
  }
  return measureText(para, size * c.t.bodyLeading, size, ink);
}

/**
 * Whether a statement's lines but the last are each at least
 * STATEMENT_BALANCE of its longest: a line shorter reads as the end of the
 * statement, not as its balanced rag.
 */
function statementEven(para: ComposedParagraph): boolean {
  const widths = para.lines.map((l) => l.naturalWidth);
  return widths.slice(0, -1).every((w) => w >= STATEMENT_BALANCE * Math.max(...widths) - 1e-6);
}

/**
 * The shortest a statement's line but the last may be, × its longest:
 * addresses-ar 8's «في الصفحة 12» was 0.29 of the line under it, and read
 * as the statement's end; 3's «أرسلوا ملاحظاتكم إلى البريد» over
 * «info@example.org. وسنرد عليها خلال أسبوع.» (0.55) reads as its rag, and
 * at two thirds it fell to two lines at 45 px in an empty card.
 */
const STATEMENT_BALANCE = 1 / 2;

/**
 * The footer: the document title and the imprint's paragraphs (and, on a
 * link card, the excerpt mark and the URL), separated by dots, packed into
 * at most two centred lines. Segments that do not fit are left out from
 * the end. A link card's URL is never left out (docs/metadata.md: it is
 * the address printed on the card): it always starts a line, the footer
 * takes up to three (more when the URL alone needs three or more: its
 * lines and the excerpt mark's), and the other pieces give way first
 * (`linkFooter`). A URL of more than URL_MAX_LINES is an E-CARD-URL at the
 * point's place.
 */
function footer(c: Context, opts: { excerpt?: boolean; url?: string; point?: Point } = {}): MeasuredText {
  const { model, ts } = c;
  const size = c.t.footerSize;
  const parts = footerSegments(c, opts);
  const { segments, url, excerptMark, title, sep, style } = parts;
  const set = (segs: StyledSpan[][]) => ts.set(segs.flatMap((seg, i) => (i > 0 ? [sep, ...seg] : seg)), style, c.measure, 'center');
  // The URL alone: the lines it needs (it breaks at its own places: src/text/addresses.ts).
  const urlAlone = url ? set([url]) : undefined;
  if (urlAlone && (urlAlone.lines.length > URL_MAX_LINES || !withinMeasure(urlAlone))) throw cardUrlError(c, opts.point, opts.url!, urlAlone.lines.length, withinMeasure(urlAlone));
  // (A URL of three lines or more keeps the excerpt mark on a line above it: the card shows only the start of the point.)
  const maxLines = urlAlone ? Math.max(FOOTER_URL_LINES, urlAlone.lines.length + (excerptMark ? 1 : 0)) : 2;
  withoutLongSegments(segments, url, set, maxLines);
  const tries = urlAlone ? linkFooter(segments, url!, excerptMark, title, sep) : segments.map((_, i) => segments.slice(0, segments.length - i));
  let paras: ComposedParagraph[] | undefined;
  for (const segs of tries) if ((paras = packFooter(segs, url, set, maxLines))) break;
  // (Without a URL, the title alone is kept even past the lines, as before; with one, the URL alone always packs.)
  paras ??= [set([tries[tries.length - 1].flat()])];
  const para: ComposedParagraph = { text: paras.map((p) => p.text).join('\n'), dir: model.dir, measure: c.measure, lines: paras.flatMap((p) => p.lines) };
  return measureText(para, size * 1.6, size, model.theme.palette.muted);
}

/** A footer's pieces (`footer`): its segments in order (the excerpt mark, the document title, the URL, the imprint's paragraphs), those three by name, the separator between segments and the footer's style. */
function footerSegments(c: Context, opts: { excerpt?: boolean; url?: string }) {
  const { model, fonts } = c;
  const t = model.theme;
  const size = c.t.footerSize;
  const style: TextStyle = { fonts: fonts.body, size, color: t.palette.muted };
  // The dot is fenced with marks of the document's direction, so that two
  // Latin segments side by side keep the document's order instead of merging
  // into one left-to-right run; and it never starts a line.
  const mark = model.dir === 'rtl' ? '\u200f' : '\u200e';
  const sep: StyledSpan = { text: `${mark}\u00a0·${mark} `, style };
  const accent = { ...style, fonts: fonts.heading, color: t.palette.accent };
  const url: StyledSpan[] | undefined = opts.url ? [{ text: opts.url, style }] : undefined;
  const excerptMark: StyledSpan[] | undefined = opts.excerpt ? [{ text: labelsFor(model.lang).excerpt, style: accent }] : undefined;
  const title: StyledSpan[] = [{ text: model.title, style: accent }];
  const segments: StyledSpan[][] = [
    ...(excerptMark ? [excerptMark] : []),
    title,
    ...(url ? [url] : []),
    ...imprintParagraphs(model.imprint.lines).map((p) =>
      p.flatMap((line, i): StyledSpan[] => [
        ...(i > 0 ? [{ text: ' ', style }] : []),
        // Quiet in a footer: the imprint's bold is not repeated at this size.
        ...imprintSpans(line, fonts, size, t.palette.muted).map((sp) => ({ ...sp, style: { ...sp.style, fonts: fonts.body } })),
      ]),
    ),
  ];
  return { segments, url, excerptMark, title, sep, style };
}

/**
 * `segments` cut before the first that alone takes more than `maxLines`
 * (never kept, nor any after it), judged by its first FOOTER_PROBE
 * characters, so that a long imprint is never composed whole. Only after
 * the URL, when there is one: a document title too long for the lines must
 * not take the URL with it (review15: a 439-character title left an excerpt
 * card with no address); the footers tried drop the title instead.
 */
function withoutLongSegments(segments: StyledSpan[][], url: StyledSpan[] | undefined, set: (segs: StyledSpan[][]) => ComposedParagraph, maxLines: number): void {
  const long = (seg: StyledSpan[]) => seg.reduce((n, sp) => n + sp.text.length, 0) > FOOTER_PROBE;
  const firstCut = Math.max(1, (url ? segments.indexOf(url) : -1) + 1);
  const tooLong = segments.findIndex((seg, i) => i >= firstCut && long(seg) && set([spansPrefix(seg, FOOTER_PROBE)]).lines.length > maxLines);
  if (tooLong > 0) segments.length = tooLong;
}

/**
 * The segments packed into lines (greedy: as many whole segments on a line as
 * fit), or undefined past `maxLines`. The URL starts a line: every link card
 * of a series shows it in one place, under the title (udhr-fa 9's title and
 * URL shared a line where 23's, after the excerpt mark, did not).
 */
function packFooter(segs: StyledSpan[][], url: StyledSpan[] | undefined, set: (segs: StyledSpan[][]) => ComposedParagraph, maxLines: number): ComposedParagraph[] | undefined {
  const paras: ComposedParagraph[] = [];
  let current: StyledSpan[][] = [];
  for (const seg of segs) {
    const joined = current.length ? set([...current, seg]) : undefined;
    if (joined && (seg === url || joined.lines.length > 1 || !withinMeasure(joined))) {
      paras.push(set(current));
      current = [];
    }
    current.push(seg);
  }
  paras.push(set(current));
  return paras.reduce((n, p) => n + p.lines.length, 0) <= maxLines && paras.every(withinMeasure) ? paras : undefined;
}

/**
 * A link card's footers, from the fullest: every segment, then the imprint's
 * paragraphs left out from the end; then the excerpt mark run into the
 * document title (one paragraph, «Excerpt · A Programme for…», rather than a
 * line of its own); then the URL under the excerpt mark alone, or the title
 * alone; then the URL alone. The URL is in every one: fa 01 and 06, en 03 of
 * the look17 documents lost it silently when the excerpt mark, a document
 * title of two lines and the URL made four lines of three (December 2026).
 */
function linkFooter(segments: StyledSpan[][], url: StyledSpan[], excerptMark: StyledSpan[] | undefined, title: StyledSpan[], sep: StyledSpan): StyledSpan[][][] {
  const at = segments.indexOf(url);
  const out = segments.slice(at).map((_, i) => segments.slice(0, segments.length - i));
  if (excerptMark) out.push([[...excerptMark, sep, ...title], url], [excerptMark, url]);
  else out.push([title, url]);
  out.push([url]);
  return out;
}

/** Lines a link card's footer may take (more only when its URL alone takes more: `footer`). */
const FOOTER_URL_LINES = 3;
/**
 * Most lines a link card's URL may take in its footer (at 28.9 px on the
 * 1200×630 card, about 75 characters of an address a line; look17's en 3,
 * 216 characters, takes three): with the excerpt mark, five lines of
 * 46 px are a third of the card, and the excerpt has a line or two left.
 * An address longer is an E-CARD-URL: the point's `url` should be a short one.
 */
const URL_MAX_LINES = 4;

/** A link card's URL that its footer cannot hold (`footer`): a located error, never an address left out. */
function cardUrlError(c: Context, point: Point | undefined, url: string, lines: number, fits = true): WarraqError {
  const { format } = c;
  const place = point?.place ?? { file: c.model.source.file, line: 1, col: 1 };
  const whose = point ? `point ${point.label}: its` : 'the document’s';
  const owner = point ? `point ${point.label}: a piece of its` : 'a piece of the document’s';
  const card = `the footer of the ${format.name} card (${format.width}×${format.height} px)`;
  return new WarraqError([
    makeDiagnostic('E-CARD-URL', 'error', place, fits ? `${whose} address takes ${lines} lines in ${card}, more than ${URL_MAX_LINES}` : `${owner} address between two of its break places is wider than ${card}`, {
      expected: `an address of at most ${URL_MAX_LINES} lines at the footer's size (${c.t.footerSize.toFixed(1)} px), each piece within the card's measure`,
      found: excerpt(url),
      hint: 'give the point a shorter address (points.N.url in the metadata, or the document’s url), or make the card format wider',
    }),
  ]);
}

const FOOTER_PROBE = 300;

/** The spans cut to about `n` characters in all (the spans themselves when shorter). */
function spansPrefix(spans: StyledSpan[], n: number): StyledSpan[] {
  const out: StyledSpan[] = [];
  let left = n;
  for (const sp of spans) {
    if (left <= 0) break;
    out.push(sp.text.length <= left ? sp : { ...sp, text: probePrefix(sp.text, left) });
    left -= sp.text.length;
  }
  return out;
}

/** Imprint lines grouped into paragraphs (a gap in the source starts a new one). */
function imprintParagraphs(lines: ImprintLine[]): ImprintLine[][] {
  const out: ImprintLine[][] = [];
  for (const line of lines) {
    if (!out.length || line.gapBefore) out.push([]);
    out[out.length - 1].push(line);
  }
  return out;
}

// ---------------------------------------------------------------------------
// Fitting a point: how much room flex leaves the body, and what goes where.

/** Room for the body by the parts around it, per thread (satori is asked once per combination of part sizes). */
const roomCache = new Map<string, number>();
const ROOM_CACHE_MAX = 2000;

/** The height the design's `room` element gets with these parts around it (no body). */
async function roomFor(c: Context, parts: Omit<PointParts, 'body'>): Promise<number> {
  const dims = (m?: MeasuredText) => (m ? [m.width, m.height] : null);
  const key = JSON.stringify([c.g, c.design === defaultDesign, dims(parts.number), dims(parts.title), dims(parts.marker), dims(parts.footer), dims(parts.continued), parts.centre, parts.tight ?? false]);
  let room = c.design === defaultDesign ? roomCache.get(key) : undefined;
  if (room === undefined) {
    const { boxes } = await flexLayout(c.design.point(c.g, parts), c.g.width, c.g.height, c.font);
    room = boxes.get('room')?.height ?? 0;
    if (c.design === defaultDesign) {
      if (roomCache.size >= ROOM_CACHE_MAX) roomCache.clear();
      roomCache.set(key, room);
    }
  }
  return room;
}

const fitsRoom = (m: MeasuredText, room: number) => withinMeasure(m.para) && m.height <= room + 1e-6;

/** A generous bound on the characters a line of the measure holds at `size`: no glyph is narrower than a fifth of the size. */
const charsPerLine = (c: Context, size: number) => c.measure / (size * 0.2);

/** A generous bound on the characters a body of `room` px can hold at `size` (charsPerLine on each line). */
const capacity = (c: Context, room: number, size: number) => Math.ceil((Math.max(0, room) / (size * c.t.bodyLeading) + 1) * charsPerLine(c, size));

/** How a point is set: its body size and the text of each card. */
interface PointPlan {
  size: number;
  /** A statement (`statementCard`): one card, its body balanced at the statement size. */
  statement?: boolean;
  /** The body of each card, in order (one: a single card). */
  pieces: string[];
  /** The link card's excerpt (only the start of the point). */
  excerpt: boolean;
  url?: string;
  /** A single card with the design's narrower gaps around the body (`PointParts.tight`). */
  tight?: boolean;
  /** Lines the body's soft ties may add on a single card with room for them (`withRoomForTies`). */
  tieLines?: number;
}

/** How a point is set on the context's format: one card if it fits one, else slides (or an excerpt); E-CARD-FIT when neither can be set. */
async function planPoint(c: Context, point: Point): Promise<PointPlan> {
  return (await oneCard(c, point)) ?? (await divided(c, point, true));
}

/**
 * Throws what `planPoint` would throw, and nothing when it would succeed:
 * it succeeds when one card holds the point or the point can be divided,
 * so the division is tried first, and filled in order only (`divide`; the
 * balanced division fails exactly when that does); on the link card, whose
 * excerpt is searched from the longest, one card first.
 */
async function assertPlannable(c: Context, point: Point): Promise<void> {
  if (isLink(c)) {
    await planPoint(c, point);
    return;
  }
  try {
    await divided(c, point, false);
  } catch (e) {
    if (!(e instanceof WarraqError) || !(await oneCard(c, point))) throw e;
  }
}

/**
 * One card at the largest step that holds the whole point with no word
 * space wider than a card allows (`CARD_SPACE_SLACK` × the theme's
 * maximum) and no paragraph ending in a lone word (`runts`: look17's fa 1
 * on the portrait card ended «…۱۴۰۳ پیش‌بینی» / «کنند.» at 45 px, where
 * the year, bound to the word after it, left the line breaker no other
 * setting; 40 px has none) and no line ending on a word that leans on the
 * next (`leaningEnds`: a preposition, a conjunction, a Persian word with
 * its written ezafe, in justified text) where the soft ties (`leaningSpaces`)
 * found no setting within the theme's widest space that keeps it with what
 * follows: stress-fa 17 at 45 px split «برنامه‌های» / «قصه‌گویی» and «پس» /
 * «از» with a line at ×2.16, at 40 px it keeps both, its widest space ×1.99.
 * When every step that holds it has such a fault, the step with the fewest
 * runts, then the narrowest widest space, then the fewest loose lines (a
 * weak word is never traded for a wide space; a loose line within the
 * card's bound is alone no reason to step down), then the fewest weak line
 * ends; else one card at the compact
 * size with the design's narrower gaps around the body (`tight`), before
 * a carousel: udhr-en 2 and udhr-fa 23 on the square card were 684 px of
 * body for 679 and 666 px of room, and became two slides of 5 and 6 lines.
 * Undefined when none holds it.
 */
async function oneCard(c: Context, point: Point): Promise<PointPlan | undefined> {
  const text = point.text.trim();
  const url = isLink(c) ? (point.url ?? c.model.url) : undefined;
  const foot = footer(c, { url, point });
  const statement = await statementCard(c, point, foot);
  if (statement) return statement;
  const maxSpace = (c.model.theme.space.max ?? DEFAULT_MAX_SPACE) * CARD_SPACE_SLACK;
  // A setting's faults, compared in order: a line stopping short inside a paragraph (`stopsShort`: it reads as the
  // paragraph's end), but for one an address opens the next line after (`shortBeforeAddress`, weighed with the
  // runts at BEFORE_ADDRESS), a paragraph ending in a lone word (`runts`), spaces past the bound, loose lines
  // (within it), then lines ending on a word that leans on the next (`leaningEnds`).
  const faults = (m: MeasuredText) => {
    const before = shortBeforeAddress(c, m.para);
    const loose = m.para.lines.filter((l) => l.loose && !l.short).length;
    return [stopsShort(c, m.para) - before, before * BEFORE_ADDRESS + runts(m.para), Math.max(0, widestSpace(m.para) - maxSpace - 1e-9), loose, leaningEnds(c, m.para)];
  };
  let best: { size: number; faults: number[]; tieLines: number } | undefined;
  const tries = [...[...c.steps].reverse().map((size) => ({ size, tight: false })), { size: c.minBody, tight: true }];
  for (const { size, tight } of tries) {
    if (tight && best) break;
    const head = header(c, point, size, 0);
    if (!withinMeasure(head.title.para)) continue;
    const room = await roomFor(c, { ...head, footer: foot, centre: true, tight });
    if (text.length > capacity(c, room, size)) continue;
    const first = body(c, point, text, size);
    if (!fitsRoom(first, room)) continue;
    // At this size, before a smaller one: the leaning words kept with the next in the lines the card has room for.
    const { f, tieLines } = withRoomForTies(c, first, room, faults, (lines) => body(c, point, text, size, 0, lines));
    // (A loose line, within the card's bound, is alone no reason to step down, CARD_SPACE_SLACK; nor taken for a weak word.)
    const clean = f[0] === 0 && f[1] === 0 && f[2] === 0 && f[4] === 0 && (!best || f[3] <= best.faults[3]);
    if (tight || clean) return { size, pieces: [text], excerpt: false, url, tight, ...(tieLines ? { tieLines } : {}) };
    if (!best || lexLess(f, best.faults)) best = { size, faults: f, tieLines };
  }
  return best && { size: best.size, pieces: [text], excerpt: false, url, ...(best.tieLines ? { tieLines: best.tieLines } : {}) };
}

/**
 * A single card's body `m` at its size, or, where a line of it ends on a
 * word leaning on the next (the last of `faults`) and the room holds more
 * lines, the body set again with its ties allowed that many more lines
 * (`set(lines)`, ComposeOptions.softTieLines), when that fits and has fewer
 * faults: the next setting at the same size, tried before a smaller size.
 * Its faults and the lines it was given (0: `m` kept).
 */
function withRoomForTies(c: Context, m: MeasuredText, room: number, faults: (m: MeasuredText) => number[], set: (lines: number) => MeasuredText): { m: MeasuredText; f: number[]; tieLines: number } {
  const f = faults(m);
  const spare = Math.floor((room - m.height) / (m.size * c.t.bodyLeading) + 1e-9);
  if (f[f.length - 1] === 0 || spare < 1) return { m, f, tieLines: 0 };
  const more = set(spare);
  const g = faults(more);
  return fitsRoom(more, room) && lexLess(g, f) ? { m: more, f: g, tieLines: spare } : { m, f, tieLines: 0 };
}

/**
 * Most lines a statement takes at the statement size: 4 × 57 px × 1.71 is
 * about two thirds of the square card's room (≈ 600 px), so a statement
 * fills its card without crowding the header or the footer; the square,
 * portrait and story cards share their measure, so a point is a statement
 * on all three or on none that has the room.
 */
const STATEMENT_LINES = 3;

/**
 * A point of a few lines as a statement: one card at the format's
 * statement size (`Context.statement`, the top of the display range the
 * title is scaled from, so the title still stands titleOverBody above it:
 * 57 px under a 74 px title at 1080 px wide), its lines balanced
 * (`statementBody`). At 45 px such a point was one to three lines in a
 * room of about 600 px on the square card, the card largely empty
 * (udhr-ar 3 and 9 one line each; the seed's 13 two). One size, not a
 * range: a series then shows at most three (compact, regular, statement),
 * the statement a clear step above the body, read as a display setting
 * rather than a body that grew. Set ragged, its word spaces natural (the
 * body's 1.25× slack would show as gaps at display size). Taken only when
 * its setting is clean: at most STATEMENT_LINES lines, no
 * one-word last line, no line ending on a weak word (src/layout/balance.ts), no address cut that the regular size keeps whole (or
 * cuts where it costs less: `cutsWorse`, as the leaflets' statement sizes) with no loose line (a whole address is worth
 * no size and no loose line: addresses-ar 2);
 * a point of several paragraphs or sub-items stays body text. Undefined
 * when not a statement.
 */
async function statementCard(c: Context, point: Point, foot: MeasuredText): Promise<PointPlan | undefined> {
  const size = c.statement;
  if (size === undefined || isLink(c) || point.paragraphs.length !== 1 || point.paragraphs[0].item) return undefined;
  const text = point.text.trim();
  // A cheap bound first: a text that takes more lines at the full measure than a statement may is not one.
  if (text.length > STATEMENT_LINES * charsPerLine(c, size)) return undefined;
  // (Set ragged, statementBody: no line of it is justified, so none has wide spaces, is loose or takes a keshideh.)
  const m = statementBody(c, text, size);
  if (m.para.lines.length > STATEMENT_LINES || !withinMeasure(m.para) || !statementEven(m.para)) return undefined;
  // Display lines: none ends on a weak word its balancing could not move (udhr-fa 24's «…ساعات کار و» / «مرخصی‌های…»).
  if (runts(m.para) > 0 || endsWeak(m.para, c.model.lang)) return undefined;
  // Nor an address cut where the body at the regular size keeps it whole, or cut dearer (addresses-ar 3's «info» /
  // «@example.org», 8's «https://example» / «.org/guide/» at 57 px), with no loose line: an address is kept whole
  // only where that costs no size and no loose line. addresses-ar 2's body at 45 px kept
  // «https://en.wikipedia.org/wiki/Bidi_(text))» whole after a line set short, and the card fell to 40 px.
  const cut = addressCuts(m.para);
  if (cut.length) {
    const regular = body(c, point, text, c.steps[c.steps.length - 1]).para;
    if (!regular.lines.some((l) => l.loose) && cutsWorse(cut, addressCuts(regular))) return undefined;
  }
  const head = header(c, point, size, 0);
  if (!withinMeasure(head.title.para)) return undefined;
  const room = await roomFor(c, { ...head, footer: foot, centre: true });
  return fitsRoom(m, room) ? { size, statement: true, pieces: [text], excerpt: false } : undefined;
}

/**
 * The point divided into a carousel's slides, as many as the minimum size
 * needs, at the largest step that keeps them (`largerCarousel`); the link
 * card: the excerpt that fits at the minimum size. E-CARD-FIT when it cannot
 * be. `balanced` false (the check): the slides are only filled in order at
 * the minimum (`divide`), not balanced (`divideEvenly`, which fails exactly
 * when that does) nor set larger (the minimum is the fallback).
 */
async function divided(c: Context, point: Point, balanced: boolean): Promise<PointPlan> {
  const text = point.text.trim();
  const url = isLink(c) ? (point.url ?? c.model.url) : undefined;
  const size = c.minBody;
  const bodyOf = bodies(c, point, size);
  const fits = (room: number) => (piece: string) => fitsRoom(bodyOf(piece), room);
  // The title as the slides set it: a word of it wider than the card cannot be set (the body has no say).
  const slideHead = header(c, point, size, isLink(c) ? 0 : markerReserve(c));
  if (!withinMeasure(slideHead.title.para)) throw cardFitError(c, point, point.title);
  if (isLink(c)) {
    // The link card is one image: the longest run of whole sentences that fits.
    const foot = footer(c, { excerpt: true, url, point });
    const room = await roomFor(c, { ...slideHead, footer: foot, centre: true });
    const b = boundaries(text);
    const cap = capacity(c, room, size);
    const end = largest(b.sentence.filter((e) => e <= cap), (e) => fits(room)(text.slice(0, e))) ?? longestPiece(text, b, 0, (e) => fits(room)(text.slice(0, e)), cap);
    if (end === undefined) throw cardFitError(c, point);
    const cut = text.slice(0, end);
    // Cut inside a sentence (no sentence fits whole): say so.
    return { size, pieces: [b.sentence.includes(end) ? cut : `${cut.replace(/[،؛,;:]+$/u, '')}…`], excerpt: true, url };
  }
  // A carousel: divided at the minimum size, then set at the largest step that divides into as many slides.
  const slides = await slideDivider(c, point, size, bodyOf);
  const atMin = balanced ? slides?.even() : slides?.fill();
  if (!atMin) throw cardFitError(c, point);
  return (balanced ? await largerCarousel(c, point, atMin, bodyOf) : undefined) ?? { size, pieces: atMin, excerpt: false };
}

/** A memo of the body set at `size`: each piece tried is set once, whatever it is tried for (a slide's room, its lines). */
function bodies(c: Context, point: Point, size: number): (piece: string) => MeasuredText {
  const set = new Map<string, MeasuredText>();
  return (piece) => set.get(piece) ?? set.set(piece, body(c, point, piece, size)).get(piece)!;
}

/**
 * The point's divisions into slides whose body is `size` (`bodyOf` sets it),
 * the slides' rooms measured once for both: filled in order (`divide`) or
 * balanced (`divideEvenly`), each undefined when a slide cannot hold a word;
 * undefined when the slides' title does not fit.
 */
async function slideDivider(c: Context, point: Point, size: number, bodyOf: (piece: string) => MeasuredText): Promise<{ fill: () => string[] | undefined; even: () => string[] | undefined } | undefined> {
  const text = point.text.trim();
  const head = header(c, point, size, markerReserve(c));
  if (!withinMeasure(head.title.para)) return undefined;
  const parts = { ...head, marker: marker(c, 88, 88), centre: false };
  // Every slide carries the footer (a slide shared alone says where it is from); all but the last say "continued".
  const foot = footer(c);
  const mid = await roomFor(c, { ...parts, footer: foot, continued: continuedLabel(c) });
  const last = await roomFor(c, { ...parts, footer: foot });
  const cap = capacity(c, Math.max(mid, last), size);
  const fits = (room: number) => (piece: string) => fitsRoom(bodyOf(piece), room);
  return {
    fill: () => divide(text, fits(mid), fits(last), cap),
    // (The lines a middle slide's room holds: `divideEvenly` weighs how full each slide is.)
    even: () => divideEvenly(text, fits(mid), fits(last), (piece) => bodyOf(piece).para.lines.length, cap, Math.floor(mid / (size * c.t.bodyLeading) + 1e-9)),
  };
}

/**
 * The carousel at the largest step above the minimum whose balanced division
 * has as many slides as `atMin` (the division at the minimum size), cuts no
 * more sentences, ends between words no more often, is as even (its
 * emptiest slide 60 % of its fullest, `evenEnough`) when that was, and needs no word
 * space wider than a single card allows (or than the minimum size needs);
 * undefined when no step above the minimum does.
 */
async function largerCarousel(c: Context, point: Point, atMin: string[], minBodyOf: (piece: string) => MeasuredText): Promise<PointPlan | undefined> {
  const count = atMin.length;
  const atMinCuts = cuts(atMin);
  const lines = (pieces: string[], bodyOf: (piece: string) => MeasuredText) => pieces.map((p) => bodyOf(p).para.lines.length);
  const even = evenEnough(lines(atMin, minBodyOf));
  const widest = (pieces: string[], bodyOf: (piece: string) => MeasuredText) => Math.max(...pieces.map((p) => widestSpace(bodyOf(p).para)));
  const maxSpace = Math.max((c.model.theme.space.max ?? DEFAULT_MAX_SPACE) * CARD_SPACE_SLACK, widest(atMin, minBodyOf));
  for (const size of c.steps.slice(1).reverse()) {
    const bodyOf = bodies(c, point, size);
    const slides = await slideDivider(c, point, size, bodyOf);
    // (Balanced at once: a step that fills more slides in order may still divide into as few at its fewest, divideEvenly.)
    const pieces = slides?.even();
    if (!pieces || pieces.length !== count) continue;
    const k = cuts(pieces);
    if (k.clauses > atMinCuts.clauses || k.words > atMinCuts.words || (even && !evenEnough(lines(pieces, bodyOf)))) continue;
    if (widest(pieces, bodyOf) > maxSpace + 1e-9) continue;
    return { size, pieces, excerpt: false };
  }
  return undefined;
}

const isLink = (c: Context) => c.g.h < 1;

/** The largest of `ends` (ascending) that `fits`. */
function largest(ends: number[], fits: (e: number) => boolean): number | undefined {
  for (let i = ends.length - 1; i >= 0; i--) if (fits(ends[i])) return ends[i];
  return undefined;
}

/**
 * A point that cannot be set at all on a format: a located error, not a
 * crash. It shows the longest word of `text` (the point's, else its title's):
 * the one most likely too wide.
 */
function cardFitError(c: Context, point: Point, text = point.text): WarraqError {
  const word = text.split(/\s+/u).reduce((a, w) => (w.length > a.length ? w : a), '');
  const { format } = c;
  return new WarraqError([
    makeDiagnostic('E-CARD-FIT', 'error', point.place, `point ${point.label}: its text cannot be set on the ${format.name} card (${format.width}×${format.height} px), not even as a carousel`, {
      expected: `every word of the point within the card at the minimum card size (${c.minBody.toFixed(1)} px), below its number and title`,
      found: excerpt(word),
      hint: 'make the card format larger, lower the minimum size (theme.cardMinBodyPx or the format’s minBodyPx), shorten the point title, or put a space in a very long word',
    }),
  ]);
}

// ---------------------------------------------------------------------------
// Drawing the plan: the design laid out by satori, the text placed in its boxes.

async function renderPoint(c: Context, point: Point, plan: PointPlan): Promise<CardSlide[]> {
  const count = plan.pieces.length;
  const carousel = count > 1;
  const head = header(c, point, plan.size, carousel ? markerReserve(c) : 0);
  const foot = footer(c, { excerpt: plan.excerpt, url: plan.url, point });
  const out: CardSlide[] = [];
  // Each piece where it stands in the point's text, after the one before (`pieceStart`).
  let from = 0;
  for (let i = 0; i < count; i++) {
    const lastSlide = i === count - 1;
    const start = Math.max(from, pieceStart(point.text, plan.pieces[i], from));
    from = start + plan.pieces[i].length;
    const parts: PointParts = {
      ...head,
      marker: carousel ? marker(c, i + 1, count) : undefined,
      body: plan.statement ? statementBody(c, plan.pieces[i], plan.size) : body(c, point, plan.pieces[i], plan.size, start, plan.tieLines),
      footer: foot,
      continued: lastSlide ? undefined : continuedLabel(c),
      centre: !carousel,
      tight: plan.tight,
    };
    const { svg, page, roles } = await draw(c, c.design.point(c.g, parts), c.model.theme.palette.paper, [
      ['number', parts.number, 'number'],
      ['title', parts.title, 'title'],
      ['marker', parts.marker, 'marker'],
      ['body', parts.body, 'body'],
      ['footer', parts.footer, 'footer'],
      ['continued', parts.continued, 'continued'],
    ]);
    out.push({
      ...common(c),
      page,
      svg,
      roles,
      bodySize: plan.size,
      bodyText: plan.pieces[i],
      slide: carousel ? { index: i + 1, count } : undefined,
      excerpt: plan.excerpt,
      ...(plan.statement ? { statement: true } : {}),
      alt: `${point.title}${carousel ? ` (${slideLabel(c, i + 1, count)})` : ''}\n${plan.pieces[i]}`,
      loose: parts.body ? looseLines(point, parts.body.para, start) : [],
    });
  }
  return out;
}

/** A body's loose lines, each at its offset in the point's text (a slide's body is the piece of it at `at`, `pieceStart`), for W-LINE-LOOSE. */
function looseLines(point: Point, para: ComposedParagraph, at: number): SetStats['loose'] {
  return para.lines.filter((l) => l.loose).map((l) => ({ text: point.text, offset: at + l.start, spaceRatio: l.spaceRatio, ...(l.short ? { short: true } : {}) }));
}

function common(c: Context) {
  const { g } = c;
  return {
    format: c.format,
    textBox: { left: g.padX, right: g.width - g.padX, top: g.padTop, bottom: g.height - g.padBottom },
    minBodySize: c.minBody,
    maxBodySize: c.maxBody,
  };
}

/**
 * Lays out a view with satori and places each measured block in the box of
 * its id. The page's live area is the card less its safe zones, so a glyph
 * there is an E-OVERFLOW.
 */
async function draw(
  c: Context,
  view: ReturnType<CardDesign['point']>,
  background: string,
  parts: Array<[id: string, m: MeasuredText | undefined, role: CardRole]>,
): Promise<{ svg: string; page: LaidOutPage; roles: Map<number, CardRole> }> {
  const { svg, boxes } = await flexLayout(view, c.g.width, c.g.height, c.font);
  const blocks: TextBlock[] = [];
  const roles = new Map<number, CardRole>();
  for (const [id, m, role] of parts) {
    if (!m) continue;
    const box = boxes.get(id);
    if (!box) throw new Error(`card design: no element with id="${id}" for a measured block`);
    roles.set(blocks.length, role);
    blocks.push(placeText(m, box, c.g.rtl));
  }
  const live: Box = { left: 0, right: c.g.width, top: c.g.safeTop, bottom: c.g.height - c.g.safeBottom };
  const page: LaidOutPage = {
    width: c.g.width,
    height: c.g.height,
    background,
    blocks,
    role: 'card',
    live: { x: live.left, y: live.top, width: live.right - live.left, height: live.bottom - live.top },
  };
  return { svg, page, roles };
}

// ---------------------------------------------------------------------------
// The document card: the title as large as fits, the imprint below.

async function documentCard(c: Context): Promise<CardSlide> {
  const { model, fonts, ts, g } = c;
  const ink = model.theme.palette.coverInk;
  const ratio = model.theme.cardScale;
  // The imprint, one centred paragraph per source line, a step smaller while a line is wider than the card.
  const setImprint = (size: number) =>
    model.imprint.lines.map((line) => ts.set(imprintSpans(line, fonts, size, ink), { fonts: fonts.body, size, color: ink }, c.measure, 'center'));
  let impSize = c.minBody;
  let impParas = setImprint(impSize);
  while (!impParas.every(withinMeasure) && impSize > c.minBody * 0.7) impParas = setImprint((impSize /= ratio));
  const imprint = impParas.map((p) => measureText(p, impSize * 1.45, impSize, ink));
  const imprintGaps = model.imprint.lines.map((l, i) => (i > 0 && l.gapBefore ? impSize * 0.7 : 0));

  // The title: a step of the scale at a time from the largest, until it takes at most three lines and fits the room.
  const { boxes } = await flexLayout(c.design.document(g, { imprint, imprintGaps }), g.width, g.height, c.font);
  const room = boxes.get('room')?.height ?? 0;
  // Balanced, and no weak word at a line's end: «عناوين / في نص عربي» (src/layout/balance.ts).
  const setTitle = (size: number) =>
    measureText(setBalanced((text, m) => ts.set(text, { fonts: fonts.heading, size, color: ink }, m, 'center'), model.title, c.measure, model.lang), size * 1.4, size, ink, true);
  let titleSize = 150 * g.s * g.h;
  let title = setTitle(titleSize);
  const rule = (size: number) => coverRuleGap(g, size) + Math.max(2, Math.round(3 * g.s));
  const fits = (t: MeasuredText, size: number) => t.para.lines.length <= 3 && withinMeasure(t.para) && t.height + rule(size) <= room;
  while (!fits(title, titleSize) && titleSize > c.minBody) title = setTitle((titleSize /= ratio));
  // A line that ends on a weak word at this size whatever the breaks: a step smaller when that avoids it (udhr-en, as its cover).
  ({ title, titleSize } = offWeakBySize({ title, titleSize }, () => {
    const size = titleSize / ratio;
    const smaller = setTitle(size);
    return size >= c.minBody && fits(smaller, size) ? { title: smaller, titleSize: size } : undefined;
  }, (t) => t.title.para, model.lang));
  // A tight box is as wide as the widest line; the lines are centred on the measure, so the box spans it.
  title = { ...title, width: title.para.measure };

  const { svg, page, roles } = await draw(c, c.design.document(g, { title, imprint, imprintGaps }), model.theme.palette.cover, [
    ['title', title, 'doc-title'],
    ...imprint.map((m, i): [string, MeasuredText, CardRole] => [`imprint${i}`, m, 'imprint']),
  ]);
  const imprintText = model.imprint.lines.map((l) => l.runs.map((r) => r.text).join('')).join('\n');
  return {
    ...common(c),
    page,
    svg,
    roles,
    bodySize: 0,
    bodyText: '',
    excerpt: false,
    loose: [],
    alt: imprintText ? `${model.title}\n${imprintText}` : model.title,
  };
}
