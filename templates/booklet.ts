/**
 * The booklet's design: cover, contents, preamble, one section per point,
 * the page plan's notes pages, colophon and back cover, as laid-out pages,
 * copyfitted to the sheets where a slightly smaller size saves one.
 * Pure: it receives the model and loaded fonts and returns geometry; the PDF
 * renderer only draws it.
 *
 * Right-to-left documents bind on the right, so inner and outer margins swap
 * sides from recto to verso the other way round from a left-to-right book.
 */
import type { DocumentModel, ImprintLine, Point, PointParagraph } from '../src/model/types.js';
import type { LoadedFont } from '../src/text/fonts.js';
import type { ComposedParagraph } from '../src/text/compose.js';
import type { LaidOutPage, Block, TextBlock } from '../src/layout/types.js';
import { flow, lineCount, moveDown, placeAt, type Frame, type FlowPage, type FlowPara } from '../src/layout/flow.js';
import { bodyLeading } from '../src/layout/fit.js';
import { typesetter, WHOLE_WORDS, type TemplateFonts, type SetStats, type Typesetter } from '../src/layout/typeset.js';
import { endsWeak, offWeakBySize, sameBreaks, setBalanced, type LineEnds } from '../src/layout/balance.js';
import { RTL_LETTER, type StyledSpan, type TextStyle } from '../src/text/itemize.js';
import { verbatimSpans } from '../src/text/addresses.js';
import { formatDay, formatNumber } from '../src/format/localize.js';
import { labelsFor, OFL_VERSION, pointNumber, pointNumberAlone, sourceName } from './labels.js';
import { blankLike, blanksToFill } from '../src/layout/pagePlan.js';
import { copyfit, copyfits, copyfitSizes, pagesFilled, scaledParas } from '../src/layout/copyfit.js';
import { PARAGRAPH_INDENT, indentsParagraphs } from '../src/layout/paragraphs.js';
import { leaderDots, leaderRoom } from '../src/layout/leaders.js';
import { lineInk } from '../src/layout/ink.js';
import { balancedPages, endsInPhrase, hangTitle, openingWords, startFlush } from './contentsRows.js';
import { runningHeadFor } from './runningHead.js';
import type { Diagnostic } from '../src/diagnostics.js';

/** A contents entry: the point, the page it starts on (1-based), and where its heading stands there (pt from the top). */
export interface ContentsEntry {
  point: number;
  page: number;
  top?: number;
}

export interface BookletLayout {
  pages: LaidOutPage[];
  /** Page number (1-based, cover = 1) where each point starts, and its heading's top on that page (pt from the page's top). */
  contents: ContentsEntry[];
  stats: SetStats;
  /** Set when the booklet was copyfitted: the body size it was set at, the theme's, and its page count at each. */
  copyfit?: { size: number; from: number; pages: number; naturalPages: number };
  /** What the layout decided that the author should know (a running head shortened or left out: W-RUNNING-HEAD). */
  warnings: Diagnostic[];
}

/** Styles derived from the design tokens; the leaflet and cards scale the same ratios. */
export function styles(model: DocumentModel, fonts: TemplateFonts) {
  const t = model.theme;
  const size = t.body.size;
  return {
    body: { fonts: fonts.body, size } satisfies TextStyle,
    bodyLeading: bodyLeading(t, size),
    heading: { fonts: fonts.heading, size: size * 1.3, color: t.palette.ink } satisfies TextStyle,
    number: { fonts: fonts.heading, size: size * 1.3, color: t.palette.accent } satisfies TextStyle,
    title: { fonts: fonts.heading, size: size * 2, color: t.palette.accent } satisfies TextStyle,
    small: { fonts: fonts.body, size: size * 0.78, color: t.palette.muted } satisfies TextStyle,
  };
}

/**
 * The smallest type reversed out of a printed ground (the covers' imprint, in
 * the paper colour on the red): finer strokes fill in when the plates of the
 * ground are a little out of register, and print shops (and preflight) reject
 * or query reversed type under 8 pt.
 */
export const REVERSED_MIN_PT = 8;

/**
 * Imprint lines as styled spans: bold → heading font, superscripts raised and
 * smaller (0.62 × size, but never under `minSize`: a superscript made larger
 * is lowered by as much as it grew, × 0.7, so its top stays where it was).
 */
export function imprintSpans(line: ImprintLine, fonts: TemplateFonts, size: number, color: string, minSize = 0): StyledSpan[] {
  const sup = Math.max(size * 0.62, minSize);
  return line.runs.map((r) => ({
    text: r.text,
    style: {
      fonts: r.bold ? fonts.heading : fonts.body,
      size: r.sup ? sup : size,
      rise: r.sup ? size * 0.38 - (sup - size * 0.62) * 0.7 : 0,
      color,
    },
  }));
}

export { TRIM_SAFETY } from '../src/layout/liveArea.js';
import { TRIM_SAFETY } from '../src/layout/liveArea.js';

/**
 * The booklet: laid out at the theme's body size, or, where the page plan
 * would add spare pages and a size up to COPYFIT_RANGE smaller saves a sheet,
 * copyfitted at the largest such size (src/layout/copyfit.ts): every style of
 * the template scales with it (text, headings, contents, running heads,
 * colophon); the covers keep theirs.
 */
export function layoutBooklet(model: DocumentModel, fonts: TemplateFonts): BookletLayout {
  const natural = layoutAtBodySize(model, fonts);
  if (!copyfits(model.theme) || natural.spares === 0) return natural.finish();
  const body = model.theme.body;
  const sized = (size: number) => layoutAtBodySize({ ...model, theme: { ...model.theme, body: { ...body, size } } }, fonts);
  const fit = copyfit(natural.pageCount, copyfitSizes(body), (size) => predictedPages(natural, size / body.size), sized);
  if (!fit) return natural.finish();
  const layout = fit.layout.finish();
  return { ...layout, copyfit: { size: fit.size, from: body.size, pages: layout.pages.length, naturalPages: natural.pageCount } };
}

/**
 * The pages a booklet laid out at its body size (`natural`) is predicted to
 * take, spare pages left out, at `ratio` × that size, the last counted as its
 * filled share (copyfit's estimate): its text flowed as it would be at that
 * size, no paragraph composed (scaledParas); the pages around the text as
 * they are.
 */
export function predictedPages(natural: AtBodySize, ratio: number): number {
  return filledWith(natural, flow(scaledParas(natural.paras, ratio), natural.textFrame));
}

/** A booklet's pages but the spare ones, its text flowed as `text` (its last page counted as its filled share): the pages around the text as they are. */
function filledWith(b: Pick<AtBodySize, 'pageCount' | 'spares' | 'flowed' | 'textFrame'>, text: readonly FlowPage[]): number {
  return b.pageCount - b.spares - b.flowed.length + pagesFilled(text, b.textFrame);
}

/**
 * A booklet laid out at its theme's body size, with what copyfitting
 * estimates from: its text flowed and its pages counted, their pages made
 * only when asked (`finish`). Copyfitting counts the pages at several sizes
 * and keeps one: the covers, running heads, folios, spare pages and colophon
 * of the others were never drawn (docs/performance.md, "Composing and painting").
 */
export interface AtBodySize {
  /** Its pages, spare pages included, counted before they are made. */
  pageCount: number;
  /** Its pages made (once; the same object after). */
  finish: () => BookletLayout;
  /** The spare pages the page plan adds. */
  spares: number;
  /** The text's paragraphs, as flowed into its pages, and its frames (0: the first text page's). */
  paras: FlowPara[];
  flowed: FlowPage[];
  textFrame: (i: number) => Frame;
  /** Its pages but the spare ones, the last text page counted as its filled share (pagesFilled). */
  filled: number;
}

/** What every step of a booklet's layout at one body size shares: its page, measure, frames, styles and typesetter. */
interface BookletSetting {
  model: DocumentModel;
  fonts: TemplateFonts;
  W: number;
  H: number;
  measure: number;
  ts: Typesetter;
  st: ReturnType<typeof styles>;
  L: ReturnType<typeof labelsFor>;
  /** Page n's text frame (1-based): its margins swap sides from recto to verso. */
  frameFor: (pageNumber: number) => Frame;
}

/** The booklet's page, measure, frames, styles and typesetter at the model's body size. */
function bookletSetting(model: DocumentModel, fonts: TemplateFonts): BookletSetting {
  const t = model.theme;
  const { width: W, height: H } = t.page.booklet;
  const m = t.page.margins;
  const rtl = model.dir === 'rtl';
  const measure = W - m.inner - m.outer;
  // Page n (1-based) is a recto when odd. Its binding edge is on the right in
  // a right-to-left book, on the left otherwise.
  const frameFor = (pageNumber: number): Frame => {
    const bindRight = (pageNumber % 2 === 1) === rtl;
    return { x: bindRight ? m.outer : m.inner, width: measure, top: m.top, bottom: H - m.bottom };
  };
  return {
    model,
    fonts,
    W,
    H,
    measure,
    // The paragraph indent (src/layout/paragraphs.ts) for the paragraphs that follow another (bodyParagraphs).
    ts: typesetter(model, t.justify, { paragraphIndent: PARAGRAPH_INDENT, leaningTies: true }),
    st: styles(model, fonts),
    L: labelsFor(model.lang),
    frameFor,
  };
}

/** The booklet laid out at its theme's body size (no copyfitting), with what copyfitting estimates from. */
export function layoutAtBodySize(model: DocumentModel, fonts: TemplateFonts): AtBodySize {
  const b = bookletSetting(model, fonts);
  const paras = bodyParagraphs(model, fonts, b.ts, b.measure);
  const { firstBody, flowed, contents, contentsLaid } = bodyAfterContents(b, paras);
  // The page plan (theme.pages): the spare pages a multiple of 4 needs go
  // after the last point, ruled for notes or blank (theme.spare), so the
  // colophon stays on the inside back cover, the page before the back cover.
  const sec = model.sections;
  const before = firstBody - 1;
  const ends = (sec.colophon ? 1 : 0) + (sec.backCover ? 1 : 0);
  const spares = model.theme.pages === 'multiple-of-4' ? blanksToFill(before + flowed.length + ends) : 0;
  const pageCount = before + flowed.length + spares + ends;
  const textFrame = (i: number) => b.frameFor(firstBody + i);
  const filled = filledWith({ pageCount, spares, flowed, textFrame }, flowed);
  // The pages themselves only when asked: copyfitting counts several sizes and keeps one.
  let made: BookletLayout | undefined;
  const finish = () => (made ??= bookletPages(b, { firstBody, flowed, contents, contentsLaid, spares }));
  return { pageCount, finish, spares, paras, flowed, textFrame, filled };
}

/** The body flowed after the cover and the contents, its first page's number, its contents entries and pages. */
interface Settled {
  firstBody: number;
  flowed: FlowPage[];
  contents: ContentsEntry[];
  contentsLaid: LaidOutPage[];
}

/**
 * The body flowed after the cover and the contents. The contents take as
 * many pages as their entries need, and the entries need the body's page
 * numbers, which follow the contents' pages: the body is flowed again until
 * the contents' page count settles (a few rounds at most).
 */
function bodyAfterContents(b: BookletSetting, paras: FlowPara[]): Settled {
  const { model, fonts, ts, st, frameFor } = b;
  const sec = model.sections;
  const cover = sec.cover ? 1 : 0;
  let contentsPages = sec.contents ? 1 : 0;
  let flowed: FlowPage[] = [];
  let contents: ContentsEntry[] = [];
  let contentsLaid: LaidOutPage[] = [];
  for (let round = 0; round < 6; round++) {
    const firstBody = 1 + cover + contentsPages;
    flowed = flow(paras, (i) => frameFor(firstBody + i), {
      // Pages n and n + 1 face each other when n is even (page 1, the cover, faces none).
      balance: { maxGap: st.bodyLeading * HEADING_GAP_LINES, maxUnlike: st.bodyLeading * SPREAD_GAP_LINES, leading: st.bodyLeading, spreadOf: (i) => Math.floor((firstBody + i) / 2) },
    });
    contents = contentsEntries(model, flowed, firstBody);
    contentsLaid = sec.contents ? contentsPagesFor(model, fonts, ts, frameFor, 1 + cover, b.W, b.H, contents, b.L.contents) : [];
    if (contentsLaid.length === contentsPages) break;
    contentsPages = contentsLaid.length;
  }
  return { firstBody: 1 + cover + contentsPages, flowed, contents, contentsLaid };
}

/** Each point's page in the body flowed from page `firstBody` on, and its heading's top there, where the outline entry of that page points too: the contents row links there. */
function contentsEntries(model: DocumentModel, flowed: FlowPage[], firstBody: number): ContentsEntry[] {
  return model.points.map((p) => {
    const i = flowed.findIndex((fp) => fp.tags.includes(`point:${p.number}`));
    return { point: p.number, page: firstBody + i, top: flowed[i]?.anchors.find((a) => a.tag === `point:${p.number}`)?.top };
  });
}

/** The booklet's pages, in the order they were always set (the typesetter's stats count them in it). */
function bookletPages(b: BookletSetting, s: Settled & { spares: number }): BookletLayout {
  const { model, fonts, ts, st, W, H, L, frameFor } = b;
  const t = model.theme;
  const sec = model.sections;
  const head = runningHeadSetting(b);
  const runningHeadAndFoot = (n: number) => headAndFoot(model, ts, st, head.para, frameFor(n), H, n);
  const pages: LaidOutPage[] = [];
  if (sec.cover) pages.push(coverPage(model, fonts, ts, W, H));
  s.contentsLaid.forEach((p, i) => pages.push({ ...p, outline: i === 0 ? [{ title: L.contents, level: 1, top: 0 }] : [] }));
  s.flowed.forEach((fp, i) => pages.push(textPage(b, fp, i === 0, s.firstBody + i, runningHeadAndFoot)));
  for (let i = 0; i < s.spares; i++) {
    const n = pages.length + 1;
    pages.push(t.spare === 'notes' ? notesPage(model, ts, st, L.notes, frameFor(n), W, H, () => runningHeadAndFoot(n)) : blankLike(pages[pages.length - 1], t.palette.paper));
  }
  if (sec.colophon) pages.push({ ...colophonPage(model, fonts, ts, frameFor(pages.length + 1), W, H), outline: [{ title: L.colophon, level: 1, top: 0 }] });
  if (sec.backCover) pages.push(backCover(model, fonts, ts, W, H));
  // The outline: the document's title first (on its first page), every other entry under it.
  pages[0].outline = [{ title: model.title, level: 0, top: 0 }, ...(pages[0].outline ?? [])];
  const live = { x: TRIM_SAFETY, y: TRIM_SAFETY, width: W - 2 * TRIM_SAFETY, height: H - 2 * TRIM_SAFETY };
  for (const p of pages) p.live = live;
  return { pages, contents: s.contents, stats: ts.stats, warnings: head.warning ? [head.warning] : [] };
}

/**
 * The running head: one line, whatever the title's length
 * (templates/runningHead.ts), tried by a typesetter of its own so that the
 * trials are not counted; the setting tried is the one every text page
 * places (counted there: `headAndFoot`). No para: no running head.
 */
function runningHeadSetting(b: BookletSetting): { para?: ComposedParagraph; warning?: Diagnostic } {
  const trial = typesetter(b.model);
  const tried = new Map<string, ComposedParagraph>();
  const setHead = (text: string) => tried.get(text) ?? tried.set(text, trial.set(text, b.st.small, b.measure, 'center')).get(text)!;
  const head = runningHeadFor(b.model, (text) => setHead(text).lines.length === 1);
  return { para: head.text === undefined ? undefined : setHead(head.text), warning: head.warning };
}

/** Page n of the body, its text `fp` flowed, its outline entries at its points' headings; the first opens the body. */
function textPage(b: BookletSetting, fp: FlowPage, opening: boolean, n: number, runningHeadAndFoot: (n: number) => Block[]): LaidOutPage {
  const { model, ts, st, W, H, frameFor } = b;
  const outline = fp.anchors.flatMap((a) => {
    const point = a.tag.startsWith('point:') ? model.points.find((p) => `point:${p.number}` === a.tag) : undefined;
    return point ? [{ title: entryText(model, point), level: 1 as const, top: a.top }] : [];
  });
  return {
    width: W,
    height: H,
    background: model.theme.palette.paper,
    role: opening ? 'preamble' : 'body',
    // A book leaves the running head off an opening page: the title opens
    // the first body page (bodyParagraphs), so there it would repeat the
    // title right above itself. The folio stays.
    blocks: [...fp.blocks, ...(opening ? [folio(model, ts, st, frameFor(n), H, n)] : runningHeadAndFoot(n))],
    outline,
  };
}

/**
 * A point's paragraph in the body style, its sub-item label («(۱)», «الف)»)
 * first in the heading face and the accent: as the booklet sets it, and the
 * leaflet (pointText, leaflet.ts).
 */
export function itemSpans(q: PointParagraph, body: TextStyle, heading: LoadedFont[], accent: string): StyledSpan[] {
  const text = { text: q.text, style: body };
  return q.item ? [{ text: q.item, style: { ...body, fonts: heading, color: accent } }, { text: ' ', style: body }, text] : [text];
}

/**
 * A point's heading as a reader sees it: «٨- العنوان», or its number alone
 * when the point has no title, the number its contents row starts with
 * (entryText; page review: its label, «بند ۱۳», «Point 2», matched no row,
 * the row having the number and the point's opening words; pointNumberAlone).
 */
export function headingText(model: DocumentModel, point: Point): string {
  if (point.titleSource === 'label') return pointNumberAlone(model, point.number);
  return `${pointNumber(model, point.number)} ${point.title}`;
}

/**
 * What a point's contents row says after its number: its title, or, for a
 * point without one, its opening words (openingWords; the row sets them in
 * the muted ink); undefined when no word can open it (the number alone).
 */
function entryWords(model: DocumentModel, point: Point): { text: string; opening: boolean } | undefined {
  if (point.titleSource !== 'label') return { text: point.title, opening: false };
  const text = openingWords(point.paragraphs[0]?.text ?? point.text, point.paragraphs.length > 1, model.lang);
  return text === undefined ? undefined : { text, opening: true };
}

/** A point's contents row as a reader reads it, and its outline entry (a contents too): «٨- العنوان», «2. Paper is the single largest cost…». */
export function entryText(model: DocumentModel, point: Point): string {
  const number = pointNumber(model, point.number);
  const words = entryWords(model, point);
  return words ? `${number} ${words.text}` : number;
}

/**
 * How the booklet's headings and contents rows end their lines
 * (setBalanced): neither on a word that leans on the next nor inside a
 * phrase a preposition completes («…of more / than…», «…تا پاسی / از
 * شب…»: stress-en's and stress-fa's contents, page review), and, where a
 * break must move, where the lines come out the more even (a row as its
 * heading: «…every town / of more than twenty thousand people»).
 */
const PHRASES: LineEnds = { completions: true, evenest: true };

/** Measures a Persian heading or contents row tries, from half its room to all of it, for breaks where phrases break (endsInPhrase). */
const PHRASE_STEPS = 24;

/**
 * A balanced Persian heading or contents row (`para`) whose lines break
 * inside a phrase (an ezafe not written, «ناشران» / «زندانی»: endsInPhrase),
 * set again (`at`) at the narrowest of PHRASE_STEPS measures up to its room
 * that keeps its number of lines and breaks where phrases do, no line ending
 * on a weak word (PHRASES) nor the last of one word («…در سراسر / جهان»);
 * else as it was. The heading and its contents row read alike.
 */
function atPhraseBreaks(para: ComposedParagraph, at: (measure: number) => ComposedParagraph, room: number, lang: string): ComposedParagraph {
  if (!endsInPhrase(para, lang)) return para;
  const lastWords = (p: ComposedParagraph) => p.text.slice(p.lines[p.lines.length - 1].start).trim().split(/\s+/u).length;
  const fine = (p: ComposedParagraph) => p.lines.length === para.lines.length && !endsInPhrase(p, lang) && !endsWeak(p, lang, PHRASES) && lastWords(p) > 1;
  for (let k = 0; k <= PHRASE_STEPS; k++) {
    const trial = at(room * (1 / 2 + k / (2 * PHRASE_STEPS)));
    if (fine(trial)) return trial;
  }
  return para;
}

/** `spans` with their text taken from `text`, as long as theirs (setBalanced's trials: a line break where a space was). */
function withText(spans: StyledSpan[], text: string): StyledSpan[] {
  let at = 0;
  return spans.map((s) => ({ ...s, text: text.slice(at, (at += s.text.length)) }));
}

/** The heading's spans: the number in the accent colour, then the title (none: headingText). */
function headingSpans(model: DocumentModel, point: Point, number: TextStyle, title: TextStyle): StyledSpan[] {
  if (point.titleSource === 'label') return [{ text: headingText(model, point), style: number }];
  return [
    { text: pointNumber(model, point.number), style: number },
    { text: ' ', style: title },
    { text: point.title, style: title },
  ];
}

/** The body's paragraphs: title, preamble, then each point's heading, paragraphs and sub-items, in reading order. */
function bodyParagraphs(model: DocumentModel, fonts: TemplateFonts, ts: Typesetter, measure: number): FlowPara[] {
  const st = styles(model, fonts);
  const paras: FlowPara[] = [titlePara(model, st, ts, measure), ...preambleParas(model, st, ts, measure)];
  // Headings balanced through a typesetter of their own (the trials not counted), then counted once by `ts`.
  const trial = typesetter(model);
  for (const p of model.points) paras.push(headingPara(model, st, ts, trial, p, measure), ...pointParas(model, fonts, st, ts, p, measure));
  return paras;
}

/** The title, centred, opening the first body page; kept with what follows it. */
function titlePara(model: DocumentModel, st: ReturnType<typeof styles>, ts: Typesetter, measure: number): FlowPara {
  return {
    para: ts.set(model.title, st.title, measure, 'center'),
    leading: st.title.size * 1.5,
    color: model.theme.palette.accent,
    spaceBefore: 0,
    spaceAfter: st.bodyLeading * 0.6,
    keepWithNext: true,
    name: 'the title',
    place: model.titlePlace,
    semantics: { role: 'title' },
  };
}

/**
 * The preamble's paragraphs, as on leaflets and cards (src/layout/paragraphs.ts):
 * each that follows another starts with a first-line indent, none after the
 * title, and no space between them.
 */
function preambleParas(model: DocumentModel, st: ReturnType<typeof styles>, ts: Typesetter, measure: number): FlowPara[] {
  return model.preamble.map((p, i) => ({
    para: ts.set(p.text, st.body, measure, 'justify', i > 0),
    leading: st.bodyLeading,
    color: model.theme.palette.ink,
    spaceBefore: 0,
    spaceAfter: 0,
    name: `preamble paragraph ${i + 1}`,
    place: p.place,
    semantics: { role: 'p' },
  }));
}

/**
 * A point's heading, kept with its text. Its lines end at spaces: no word
 * divided, nor broken after its own hyphen («self-/hosted», look17); balanced,
 * no line ending on a word that leans on the next, as the leaflets' and cards'
 * titles (balance.ts: «تا پاسی از / شب», «retired / compositors» were set
 * ragged), in as many lines as ragged, so that no page moves. The trials are
 * set by `trial`, the setting kept counted once by `ts`.
 */
function headingPara(model: DocumentModel, st: ReturnType<typeof styles>, ts: Typesetter, trial: Typesetter, p: Point, measure: number): FlowPara {
  const spans = headingSpans(model, p, st.number, st.heading);
  const set = (text: string, m: number) => trial.set(withText(spans, text), st.heading, m, 'start', false, WHOLE_WORDS);
  const text = spans.map((s) => s.text).join('');
  const balanced = atPhraseBreaks(setBalanced(set, text, measure, model.lang, PHRASES), (m) => set(text, m), measure, model.lang);
  return {
    para: ts.count(startFlush(balanced, measure - balanced.measure)),
    leading: st.heading.size * 1.6,
    color: model.theme.palette.ink,
    spaceBefore: st.bodyLeading * 0.9,
    spaceAfter: st.bodyLeading * 0.15,
    keepWithNext: true,
    tag: `point:${p.number}`,
    name: `the heading of point ${p.number}`,
    place: p.place,
    semantics: p.titleSource === 'label' ? { role: 'heading', item: p.number, label: 0, alt: entryText(model, p) } : { role: 'heading', item: p.number, label: pointNumber(model, p.number).length },
  };
}

/**
 * A point's paragraphs and sub-items, justified. Paragraphs as the preamble's
 * (indented after the first where the point indents them: indentsParagraphs);
 * a sub-item set in from the start margin by the paragraph indent, as a list,
 * its label in the heading face and the accent (itemSpans).
 */
function pointParas(model: DocumentModel, fonts: TemplateFonts, st: ReturnType<typeof styles>, ts: Typesetter, p: Point, measure: number): FlowPara[] {
  const t = model.theme;
  const indents = indentsParagraphs(p);
  const indent = st.body.size * PARAGRAPH_INDENT;
  return p.paragraphs.map((q, k) => ({
    para: ts.set(itemSpans(q, st.body, fonts.heading, t.palette.accent), st.body, q.item ? measure - indent : measure, 'justify', indents && k > 0),
    leading: st.bodyLeading,
    color: t.palette.ink,
    spaceBefore: 0,
    spaceAfter: 0,
    indent: q.item ? indent : 0,
    name: `point ${p.number}, ${q.item ? `sub-item ${q.item}` : `paragraph ${k + 1}`}`,
    place: q.place,
    semantics: { role: 'p', item: p.number },
  }));
}

/**
 * A text page's running head (`para`, one line set on the text frame's
 * measure: templates/runningHead.ts) over its rule, and its folio. No head:
 * the folio alone, no rule under nothing.
 */
function headAndFoot(model: DocumentModel, ts: Typesetter, st: ReturnType<typeof styles>, para: ComposedParagraph | undefined, f: Frame, H: number, n: number): Block[] {
  const t = model.theme;
  if (para === undefined) return [folio(model, ts, st, f, H, n)];
  const head = ts.count(para);
  return [
    { ...placeAt(head, f.x, f.top - 30, st.small.size * 1.5, t.palette.muted), name: 'the running head' },
    { kind: 'rule', x1: f.x, y1: f.top - 12, x2: f.x + f.width, y2: f.top - 12, color: t.palette.muted, width: 0.3 },
    folio(model, ts, st, f, H, n),
  ];
}

/**
 * Page n's number in the document's digits, centred under the frame: on the
 * contents, text and notes pages. The covers and the colophon (the imprint
 * page, which a publisher leaves unnumbered) have none; their numbers still
 * count (the colophon of an 8-page booklet is page 7, unprinted).
 */
function folio(model: DocumentModel, ts: Typesetter, st: ReturnType<typeof styles>, f: Frame, H: number, n: number): TextBlock {
  const t = model.theme;
  const foot = ts.set(formatNumber(n, model.lang, model.digits), { ...st.small, color: t.palette.ink }, f.width, 'center');
  return { ...placeAt(foot, f.x, H - t.page.margins.bottom + 18, st.small.size * 1.5, t.palette.ink), name: 'the page number' };
}

/** The imprint on both covers, reversed out of the red (its superscripts REVERSED_MIN_PT). */
const COVER_IMPRINT_PT = 10.5;

/** Distance between the rules of a notes page: 24 pt ≈ 8.5 mm, wide-ruled paper's pitch, roomy for Arabic handwriting. */
const NOTES_PITCH = 24;

/**
 * A spare page of the page plan ruled for notes: the heading («ملاحظات»),
 * then thin rules at a handwriting pitch down to the frame's foot, under the
 * running head and folio of a text page.
 */
function notesPage(model: DocumentModel, ts: Typesetter, st: ReturnType<typeof styles>, label: string, f: Frame, W: number, H: number, headAndFolio: () => Block[]): LaidOutPage {
  const t = model.theme;
  const headLeading = st.heading.size * 1.8;
  const head = ts.set(label, { ...st.heading, color: t.palette.accent }, f.width, 'center');
  const blocks: Block[] = [{ ...placeAt(head, f.x, f.top, headLeading, t.palette.accent), name: 'the notes heading', role: 'heading' }];
  for (let y = f.top + headLeading + NOTES_PITCH; y <= f.bottom; y += NOTES_PITCH) {
    blocks.push({ kind: 'rule', x1: f.x, y1: y, x2: f.x + f.width, y2: y, color: t.palette.muted, width: 0.3 });
  }
  blocks.push(...headAndFolio());
  return { width: W, height: H, background: t.palette.paper, role: 'notes', blocks };
}

function coverPage(model: DocumentModel, fonts: TemplateFonts, ts: Typesetter, W: number, H: number): LaidOutPage {
  const t = model.theme;
  const inset = 36;
  const measure = W - 2 * inset;
  let titleSize = Math.min(W / 8, 54);
  // Balanced, and no weak word at a line's end, as the document card's title (src/layout/balance.ts); the
  // trials through a typesetter of their own, so that the summary's counts take the title once.
  const trial = typesetter(model);
  const setTitle = (size: number) => {
    const set = (text: string, m: number) => trial.set(text, { fonts: fonts.heading, size }, m, 'center');
    const full = set(model.title, measure);
    const balanced = setBalanced(set, model.title, measure, model.lang);
    // The text layer balances a centred paragraph itself: where the weak-word rule moved no break, its setting on
    // the cover's whole measure, truly centred (at a narrower measure a glyph reaching past its edge moves its line).
    return sameBreaks(balanced, full) ? full : balanced;
  };
  let title = setTitle(titleSize);
  // A long title gets smaller in steps (down to 18 pt) rather than run off the cover's foot.
  const step = (size: number) => Math.max(18, size * 0.9);
  while (title.lines.length * titleSize * 1.4 > H * 0.4 && titleSize > 18) title = setTitle((titleSize = step(titleSize)));
  // A line that ends on a weak word at this size whatever the breaks: a step smaller when that avoids it (udhr-en 52 → 47 pt).
  const smaller = () => (titleSize > 18 ? { title: setTitle(step(titleSize)), titleSize: step(titleSize) } : undefined);
  ({ title, titleSize } = offWeakBySize({ title, titleSize }, smaller, (t) => t.title, model.lang));
  ts.count(title);
  const titleLeading = titleSize * 1.4;
  const titleTop = H * 0.3;
  const blocks: Block[] = [
    { kind: 'rect', x: inset, y: inset, width: W - 2 * inset, height: 3, color: t.palette.coverInk },
    // Its lines centred on a measure that may be narrower than the cover's: that measure centred on the cover.
    { ...placeAt(title, inset + (measure - title.measure) / 2, titleTop, titleLeading, t.palette.coverInk), role: 'title' },
    { kind: 'rule', x1: W / 2 - 40, y1: titleTop + title.lines.length * titleLeading + 18, x2: W / 2 + 40, y2: titleTop + title.lines.length * titleLeading + 18, color: t.palette.coverInk, width: 1 },
  ];
  blocks.push(...imprintBlocks(model, fonts, ts, inset, H - inset - 20, measure, t.palette.coverInk, COVER_IMPRINT_PT, 'bottom', REVERSED_MIN_PT));
  return { width: W, height: H, background: t.palette.cover, role: 'cover', blocks };
}

/** The imprint, one composed line per source line, anchored at its top or bottom edge. */
export function imprintBlocks(
  model: DocumentModel,
  fonts: TemplateFonts,
  ts: Typesetter,
  x: number,
  y: number,
  measure: number,
  color: string,
  size: number,
  anchor: 'top' | 'bottom',
  minSize = 0,
): TextBlock[] {
  const leading = size * 1.45;
  const gap = leading * 0.6; // a blank line in the source imprint
  // Set first: a source line too long for the measure wraps, and the block's height counts its set lines (anchored at
  // the bottom, a wrapped line counted once ran its second line past the margin: udhr-ar's leaflets, fa16).
  const set = model.imprint.lines.map((line) => ({ line, para: ts.set(imprintSpans(line, fonts, size, color, minSize), { fonts: fonts.body, size, color }, measure, 'center') }));
  const height = imprintHeight(model, size, lineCount(set.map((s) => s.para)));
  let top = anchor === 'top' ? y : y - height;
  return set.map(({ line, para }) => {
    if (line.gapBefore) top += gap;
    const block: TextBlock = { ...placeAt(para, x, top, leading, color), role: 'p', lang: languageOf(line.runs.map((r) => r.text).join(''), model.lang) };
    top += leading * para.lines.length;
    return block;
  });
}

/**
 * The language of an imprint line for tagged PDF: undefined when it is the
 * document's own; 'en' for a line in Latin script inside an Arabic or Persian
 * document (the imprint is the one place such lines occur).
 */
function languageOf(text: string, docLang: string): string | undefined {
  const latin = /\p{Script=Latin}/u.test(text);
  const arabic = /\p{Script=Arabic}/u.test(text);
  if (latin && !arabic && docLang !== 'en') return 'en';
  if (arabic && !latin && docLang === 'en') return 'ar';
  return undefined;
}

/** Height of the imprint block at a given size, its source lines set in `setLines` lines (a long one wraps). */
export function imprintHeight(model: DocumentModel, size: number, setLines: number): number {
  const leading = size * 1.45;
  return setLines * leading + model.imprint.lines.filter((l) => l.gapBefore).length * leading * 0.6;
}

/**
 * The leading between the lines of one contents title that wraps, × the body
 * size: a heading's (the points' headings are set at 1.6), never more than
 * the body's own (left to right, 1.45). Between two rows it stays 2.1, so
 * the space inside an entry is plainly smaller than the space between
 * entries (look16: at 2.1 both, one two-line title read as two entries).
 */
const CONTENTS_TITLE_LEADING = 1.6;

/**
 * The contents: one row per point (number and title at the start side, page
 * number at the end side), over as many pages as the rows need. Each row is
 * a link to its page. Numbers keep their units in one column, as figures
 * in a table do: in either direction a number narrower than the widest is
 * indented from the start margin by the difference, so that every number
 * ends at one line, its units over the others' («9.» over the «0.» of
 * «10.»; right to left «٩-» over the «٠-» of «١٠-», the digits read left to
 * right), and every title starts at one line the same space after its
 * number (page review: flush with the right margin, «١-» stood over the
 * tens of «١٠-» and its title 9.6 pt from it, «١٠-»'s 3 pt). The page
 * numbers, at the end margin, are right-aligned in the column of the widest
 * («٩» over the «٠» of «١٠»). Every row is one system: a point without a
 * title of its own has its first words after its number, in the muted ink,
 * to its first clause's end or six words, then «…» (`openingWords`; the
 * number alone where no word can open it), not its label as a title:
 * «١٧- بند ١٧» read the number twice; its heading is its number alone
 * (headingText), so that row and heading share it. Titles end their lines at
 * spaces, as the headings do (WHOLE_WORDS: no «self-/hosted»).
 * A title that wraps is balanced as a heading is (setBalanced: no line
 * ending on a word that leans on the next, no word alone on the last),
 * hangs its later lines under its first word
 * (hangTitle), closer than the rows are to one another
 * (CONTENTS_TITLE_LEADING); every row's last line carries leaders to its
 * page number, a row that would leave them too little room set short of the
 * numbers' column (startFlush, leaderRoom); and the rows are shared over the
 * contents pages so that these end nearly level (balancedPages:
 * templates/contentsRows.ts).
 */
function contentsPagesFor(
  model: DocumentModel,
  fonts: TemplateFonts,
  ts: Typesetter,
  frameFor: (pageNumber: number) => Frame,
  firstPage: number,
  W: number,
  H: number,
  contents: ContentsEntry[],
  heading: string,
): LaidOutPage[] {
  const t = model.theme;
  const st = styles(model, fonts);
  const c = contentsSetting(model, fonts, st, frameFor(firstPage).width, contents);
  const titleLeading = st.title.size * 1.5;
  // Each row set once (every contents page has the same measure), then shared out over the pages.
  const rows = contentsRows(c, ts, contents);
  const headingRoom = titleLeading + st.bodyLeading * 0.5;
  const top = frameFor(firstPage).top;
  const shares = balancedPages(
    rows.map((r) => r.height),
    top + headingRoom,
    top,
    frameFor(firstPage).bottom,
  );
  return shares.map((share, k) => {
    const n = firstPage + k;
    const f = frameFor(n);
    const page: LaidOutPage = { width: W, height: H, background: t.palette.paper, role: 'contents', blocks: [], links: [] };
    let y = f.top;
    if (k === 0) {
      page.blocks.push({ ...placeAt(ts.set(heading, { ...st.title, size: st.title.size * 0.8 }, f.width, 'center'), f.x, f.top, titleLeading, t.palette.accent), name: 'the contents heading', role: 'heading' });
      y += headingRoom;
    }
    // Every contents page has its folio, where the body's pages have theirs.
    page.blocks.push(folio(model, ts, st, f, H, n));
    for (const i of share) {
      placeContentsRow(c, ts, page, f, rows[i], y);
      y += rows[i].height;
    }
    return page;
  });
}

/** What every row of the contents shares: its styles, leadings and columns, pt, and how a page number reads. */
interface ContentsSetting {
  model: DocumentModel;
  st: ReturnType<typeof styles>;
  rtl: boolean;
  /** Between two rows; between the lines of one title that wraps (CONTENTS_TITLE_LEADING). */
  rowLeading: number;
  titleLeadingWithin: number;
  /** The page numbers' column, at the end side; right to left, the widest page number's (`pageColumn`). */
  numberWidth: number;
  pageColumn: number;
  /** Each entry's number and title (`spans`; the number alone for a point without a title), and its number's width with the space after it. */
  labels: Array<{ point: Point; spans: StyledSpan[]; numberWidth: number }>;
  offset: (own: number) => number;
  pageLabel: (n: number) => string;
  /** A typesetter of its own for widths and rows (nothing counted twice in the stats). */
  trial: Typesetter;
  measure: number;
}

/** The contents' columns (contentsPagesFor): the numbers' widths, where the titles start, the page numbers' column. */
function contentsSetting(model: DocumentModel, fonts: TemplateFonts, st: ReturnType<typeof styles>, measure: number, contents: ContentsEntry[]): ContentsSetting {
  const t = model.theme;
  const numberWidth = st.body.size * 3;
  // Widths only (a typesetter of its own: nothing counted twice in the stats).
  const trial = typesetter(model);
  const firstLine = (spans: StyledSpan[]) => trial.set(spans, st.body, measure, 'start').lines[0];
  const widthOf = (spans: StyledSpan[]) => firstLine(spans)?.naturalWidth ?? 0;
  const labelOf = (entry: { point: number }) => {
    const point = model.points.find((p) => p.number === entry.point)!;
    // Every row one system (page review look17): the number in its column in the accent, then the title in the
    // body's face and ink. A point without a title of its own has its first words in the muted ink, an
    // opening rather than a title (entryWords; its label, «بند ١٧», is the number again in words: «١٧- بند ١٧»
    // read it twice), or its number alone when no word can open it; its heading is its number alone, the row's.
    const number: StyledSpan[] = [
      { text: pointNumber(model, point.number), style: { ...st.body, fonts: fonts.heading, color: t.palette.accent } },
      { text: ' ', style: st.body },
    ];
    const words = entryWords(model, point);
    const spans = words ? [...number, { text: words.text, style: words.opening ? { ...st.body, color: t.palette.muted } : st.body }] : number.slice(0, 1);
    // The number and the space after it.
    return { point, spans, numberWidth: widthOf(number) };
  };
  const pageLabel = (n: number) => formatNumber(n, model.lang, model.digits);
  const labels = contents.map(labelOf);
  const widestNumber = Math.max(0, ...labels.map((l) => l.numberWidth));
  // How far a row's number is short of the widest: the row indented by as much, so that the numbers end and the titles start on one line.
  const offset = (own: number) => widestNumber - own;
  const pageColumn = Math.min(numberWidth, Math.max(0, ...contents.map((e) => widthOf([{ text: pageLabel(e.page), style: st.body }]))));
  return {
    model,
    st,
    rtl: model.dir === 'rtl',
    rowLeading: st.body.size * 2.1,
    titleLeadingWithin: Math.min(st.body.size * CONTENTS_TITLE_LEADING, st.bodyLeading),
    numberWidth,
    pageColumn,
    labels,
    offset,
    pageLabel,
    trial,
    measure,
  };
}

/** One contents row (contentsPagesFor): its entry, its title set (widened, hung) and how much room it takes. */
interface ContentsRow {
  entry: ContentsEntry;
  point: Point;
  indent: number;
  rowWidth: number;
  row: ComposedParagraph;
  height: number;
}

/** Each entry's title set once, at the start side, counted in the stats by `ts`. */
function contentsRows(c: ContentsSetting, ts: Typesetter, contents: ContentsEntry[]): ContentsRow[] {
  const { model, st, rtl, trial } = c;
  // The free space a row's last line leaves before the page numbers' column (its ink, from the row's start edge).
  const leaderSpace = (row: ComposedParagraph, indent: number) => {
    const ink = lineInk(row.lines[row.lines.length - 1], { x: 0, baseline: 0 });
    if (!ink) return Infinity;
    return rtl ? c.numberWidth + ink.left - c.pageColumn : c.measure - c.pageColumn - (indent + ink.right);
  };
  const leaderMin = leaderRoom(st.body.size);
  return contents.map((entry, i) => {
    const { point, spans: label, numberWidth: own } = c.labels[i];
    // From the start margin, either side: right to left the row's start edge is its right one (placeContentsRow).
    const indent = c.offset(own);
    const rowWidth = c.measure - c.numberWidth - indent;
    // `short`: the row set that much short of its room (startFlush), for the leaders or its balance. Lines end at
    // spaces, as a heading's.
    const setShort = (spans: StyledSpan[], short: number) => {
      const set = startFlush(trial.set(spans, st.body, rowWidth - short, 'start', false, WHOLE_WORDS), short);
      // A wrapped title's later lines start under its first word.
      return hangTitle(set, spans, (rest, measure) => trial.set(rest, st.body, measure - short, 'start', false, WHOLE_WORDS));
    };
    // A wrapped title balanced as a heading is (setBalanced): no line ending on a word that leans on the next
    // («…of / the…», «…و / …»), its lines as even as its room `rowWidth - less` allows in as many lines, so that no
    // word is left alone on the last (page review: «…در سراسر / جهان»). Its number and leaders stay in their columns.
    const text = label.map((s) => s.text).join('');
    const balanced = (less: number) => setBalanced((t, m) => setShort(withText(label, t), rowWidth - m), text, rowWidth - less, model.lang, PHRASES);
    // A Persian row whose balanced lines break inside a phrase (an ezafe not written, «ناشران» / «زندانی»:
    // endsInPhrase) takes the narrowest wider measure, in as many lines, whose breaks fall where phrases do.
    const setRow = (less: number) => atPhraseBreaks(balanced(less), (m) => setShort(label, rowWidth - m), rowWidth - less, model.lang);
    let hung = setRow(0);
    // Every row has its leaders (look17: fa ٨'s long title ran its last line into the page numbers' column and had
    // none): a row whose last line leaves too little room is set again short of the column by what it needs.
    if (leaderSpace(hung, indent) < leaderMin) hung = setRow(leaderMin - (c.numberWidth - c.pageColumn));
    const row = ts.count(hung);
    // The first line in a row's full leading, the title's later lines closer (CONTENTS_TITLE_LEADING): the space
    // between two rows stays the leading's, so a two-line title reads as one entry, not two.
    const height = c.rowLeading + (row.lines.length - 1) * c.titleLeadingWithin;
    return { entry, point, indent, rowWidth, row, height };
  });
}

/** A contents row placed on `page` at `y` in frame `f`: its title, its page number, the leaders between them, its link. */
function placeContentsRow(c: ContentsSetting, ts: Typesetter, page: LaidOutPage, f: Frame, r: ContentsRow, y: number): void {
  const { model, st, rtl, numberWidth, pageColumn, rowLeading } = c;
  const ink = model.theme.palette.ink;
  const { entry, point, indent, rowWidth, row, height } = r;
  // Right to left, the page number's column is the widest number's, at the left margin, the number flush right in it.
  const pageNo = rtl ? ts.set(c.pageLabel(entry.page), st.body, pageColumn, 'start') : ts.set(c.pageLabel(entry.page), st.body, numberWidth, 'end');
  // The title sits at the start side, the page number at the end side; right to left the row, `indent` narrower, ends that short of the right margin.
  const rowX = f.x + (rtl ? numberWidth : indent);
  const numX = rtl ? f.x : f.x + f.width - numberWidth;
  const numW = rtl ? pageColumn : numberWidth;
  const name = `contents entry ${entry.point}`;
  const placed = placeAt(row, rowX, y, rowLeading, ink);
  const title = { ...placed, lines: placed.lines.map((l, j) => ({ ...l, baseline: placed.lines[0].baseline + j * c.titleLeadingWithin })) };
  // The page number on the title's last line, the leaders between them (after both: the row's text stays one run).
  const last = title.lines[title.lines.length - 1];
  page.blocks.push({ ...title, name, place: point.place, frame: { x: rowX, y, width: rowWidth, height }, role: 'toc', item: entry.point });
  page.blocks.push({ ...placeAt(pageNo, numX, last.baseline - title.lines[0].baseline + y, rowLeading, ink), name: `${name} (page number)`, frame: { x: numX, y, width: numW, height }, role: 'toc', item: entry.point });
  const lastInk = lineInk(last.line, last);
  const leader = lastInk && (rtl ? leaderDots(f.x + pageColumn, lastInk.left, 'left', last.baseline, st.body.size, ink) : leaderDots(lastInk.right, f.x + f.width - pageColumn, 'right', last.baseline, st.body.size, ink));
  if (leader) page.blocks.push(leader);
  page.links!.push({ x: f.x, y, width: f.width, height, toPage: entry.page - 1, toTop: entry.top, description: `${entryText(model, point)} ${c.pageLabel(entry.page)}`, item: entry.point });
}

/**
 * How much a space before a heading may grow, in body lines, when a page
 * ends short (widow control, a heading kept with its text): three quarters of
 * a line, the same on every heading of the page (src/layout/flow.ts,
 * balancing), so the space above a heading is at most 1.65 lines, still
 * under twice its own 0.9 with the heading plainly the text's below it. Half
 * a line (before December 2026) left the seed's page 5 2.7 lines short of
 * page 4 facing it; what the cap and the moved lines leave stays at the foot
 * of both pages of the spread (a short spread reads better than a gappy one).
 */
export const HEADING_GAP_LINES = 0.75;

/**
 * How much more the heading spaces of one page of a spread may grow than the
 * facing page's, in body lines (src/layout/flow.ts, balancing): a quarter
 * line, about 5 pt on a natural space of 44 (one space a ninth larger than
 * its neighbour across the gutter, where 0.75 line, a third larger, read as
 * one page dense and the other airy: page review look15). Equal is the aim;
 * a spread that can end level only with more (its pages' headings too few
 * or too many for its lines) takes it, the excess counted as lines apart.
 */
export const SPREAD_GAP_LINES = 0.25;

/** A left-to-right run (a URL, a file name, a hash) isolated with LRI … PDI, so the paragraph's bidi can neither reorder it nor move its neighbours into it. */
export const isolate = (run: string): string => `\u2066${run}\u2069`;
/** A run isolated with FSI … PDI: it reads in the direction of its own first strong letter. */
const firstStrongIsolate = (run: string): string => `\u2068${run}\u2069`;

/**
 * A colophon value made safe from the paragraph's bidi. A left-to-right value
 * (file name, URL, ISBN, e-mail) is isolated whole with FSI … PDI. A value
 * that holds right-to-left words too («Amiri — مرخّصة برخصة SIL Open Font
 * License 1.1») is left to the paragraph's own bidi (isolated whole, its first
 * letter, Latin, made it a left-to-right island, and a reader of the
 * right-to-left line read «SIL Open Font License 1.1 مرخّصة برخصة — Amiri»),
 * but each URL, e-mail, file name or hash in it (verbatimSpans, between
 * spaces) is isolated: else its neutral ends join the Arabic around it, and
 * «راسلونا على https://example.org/path/» showed «/https://example.org/path».
 * The punctuation around it stays outside (tokenCore): isolated with the
 * address, the full stop of «راسلونا على info@example.org.» showed right of
 * the address, not at the sentence's end.
 */
export function isolateLtr(value: string): string {
  if (!RTL_LETTER.test(value)) return /[A-Za-z0-9]/.test(value) ? firstStrongIsolate(value) : value;
  let out = '';
  let at = 0;
  for (const [a, b] of verbatimSpans(value)) {
    out += value.slice(at, a) + isolate(value.slice(a, b));
    at = b;
  }
  return out + value.slice(at);
}

/**
 * The colophon's source entry, the file's name and its hash (labels'
 * `sourceText`). A file name with right-to-left letters («خطة.txt») is no
 * token isolateLtr finds: in a right-to-left document it is isolated with
 * FSI … PDI (it reads in the direction of its first letter), and the hash,
 * which isolateLtr would find, with LRI … PDI; unisolated, «.txt · SHA-256 …»
 * read as one left-to-right run after «خطة».
 */
function sourceEntry(model: DocumentModel, rtl: boolean): string {
  const file = sourceName(model);
  const hash = model.source.sha256.slice(0, 16);
  const L = labelsFor(model.lang);
  return rtl && RTL_LETTER.test(file) ? L.sourceText(firstStrongIsolate(file), isolate(hash)) : L.sourceText(file, hash);
}

/**
 * Whether a colophon value already begins with its label's word («الطبعة
 * الأولى» under «الطبعة», «Edition 2» under «Edition»): it is then printed
 * alone, not as «الطبعة: الطبعة الأولى».
 */
function namesItself(label: string, value: string): boolean {
  const l = label.toLocaleLowerCase();
  const v = value.trim().toLocaleLowerCase();
  return v === l || v.startsWith(`${l} `) || v.startsWith(`${l}،`) || v.startsWith(`${l},`);
}

/**
 * The colophon: the imprint, then the metadata's publisher, edition, rights,
 * printer, ISBN and contact, then the typefaces, the date and the source;
 * centred, and moved up as far as it must to end above the bottom margin.
 * No folio: the imprint page is left unnumbered, as the covers are.
 */
function colophonPage(model: DocumentModel, fonts: TemplateFonts, ts: Typesetter, f: Frame, W: number, H: number): LaidOutPage {
  const t = model.theme;
  const st = styles(model, fonts);
  const L = labelsFor(model.lang);
  const rtl = model.dir === 'rtl';
  const small = { ...st.body, size: st.body.size * 0.9 };
  const leading = small.size * 1.8;
  const families = [...new Set([...fonts.body, ...fonts.heading].map((f) => f.family))];
  const c = model.colophon;
  const meta: Array<[string, string | undefined]> = [
    [L.publisher, c.publisher],
    [L.edition, c.edition],
    [L.rights, c.rights],
    [L.printer, c.printer],
    [L.isbn, c.isbn],
    [L.contact, c.contact],
  ];
  const entries: Array<[string, string]> = [
    ...meta.filter((e): e is [string, string] => e[1] !== undefined),
    [L.fonts(families.length), L.typefaces(families, formatNumber(OFL_VERSION, model.lang, model.digits))],
    [L.built, formatDay(model.date, model.lang, model.digits, model.months, model.monthSlash, model.dateOrder)],
    [L.source, sourceEntry(model, rtl)],
  ];
  if (model.corrections) entries.push([L.corrections, formatNumber(model.corrections, model.lang, model.digits)]);
  // Set everything first, then place it: the block starts a third down the page, or higher when it is tall.
  const parts: Array<{ height: number; place: (y: number) => TextBlock[] }> = [];
  const headLeading = st.heading.size * 1.8;
  const head = ts.set(L.colophon, { ...st.heading, color: t.palette.accent }, f.width, 'center');
  parts.push({ height: headLeading + 8, place: (y) => [{ ...placeAt(head, f.x, y, headLeading, t.palette.accent), name: 'the colophon heading', role: 'heading' }] });
  // Set once at the top of the frame, moved to its place: its height counts a line that wraps.
  const imprint = imprintBlocks(model, fonts, ts, f.x, 0, f.width, t.palette.ink, small.size, 'top');
  parts.push({ height: imprintHeight(model, small.size, lineCount(imprint)) + 14, place: (y) => imprint.map((b) => moveDown(b, y)) });
  for (const [k, v] of entries) {
    const value: StyledSpan = { text: rtl ? isolateLtr(v) : v, style: small };
    const spans: StyledSpan[] = namesItself(k, v) ? [value] : [{ text: `${k}: `, style: { ...small, fonts: fonts.heading } }, value];
    const para = ts.set(spans, small, f.width, 'center');
    parts.push({ height: para.lines.length * leading + 4, place: (y) => [{ ...placeAt(para, f.x, y, leading, t.palette.ink), name: `the colophon entry «${k}»`, role: 'p' }] });
  }
  const made = ts.set(L.madeWith, { ...small, color: t.palette.muted }, f.width, 'center');
  parts.push({ height: 10 + made.lines.length * leading, place: (y) => [{ ...placeAt(made, f.x, y + 10, leading, t.palette.muted), name: 'the colophon credit', role: 'p' }] });
  const total = parts.reduce((a, p) => a + p.height, 0);
  let y = Math.max(f.top, Math.min(f.top + H * 0.35, f.bottom - total));
  const blocks: Block[] = [];
  for (const p of parts) {
    blocks.push(...p.place(y));
    y += p.height;
  }
  return { width: W, height: H, background: t.palette.paper, role: 'colophon', blocks };
}

function backCover(model: DocumentModel, fonts: TemplateFonts, ts: Typesetter, W: number, H: number): LaidOutPage {
  const t = model.theme;
  const inset = 36;
  const blocks: Block[] = [
    ...imprintBlocks(model, fonts, ts, inset, H / 2 - 20, W - 2 * inset, t.palette.coverInk, COVER_IMPRINT_PT, 'top', REVERSED_MIN_PT),
    { kind: 'rect', x: inset, y: H - inset - 3, width: W - 2 * inset, height: 3, color: t.palette.coverInk },
  ];
  return { width: W, height: H, background: t.palette.cover, role: 'back-cover', blocks };
}
