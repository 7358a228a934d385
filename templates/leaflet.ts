/**
 * The leaflet: one point of the document on a sheet of its own (A5 unless the
 * metadata says A4 or A6). It shares the booklet's typefaces, palette and
 * style ratios (styles() in booklet.ts), scaled with the page.
 *
 *   ┌───────────────────────────────┐   right-to-left; a left-to-right
 *   │  document title (small)    ٨  │   document mirrors every row
 *   │  point title (heading)        │
 *   │ ───────────────────────────── │   accent rule
 *   │  the point's full text, justified, at the theme's regular
 *   │  leaflet size when it fits one page, else at its compact size
 *   │  when that fits one; else it runs on to a page 2 (and on), at
 *   │  the regular size when that takes no more pages, else compact
 *   │  ┌─────────────────────────┐▌ │   event frame (tinted) — only when
 *   │  │ event · date · place    │▌ │   the point has an event
 *   │  └─────────────────────────┘▌ │
 *   │ ───────────────────────────── │
 *   │  QR + URL          imprint    │   footer, inside the bottom margin
 *   └───────────────────────────────┘
 *
 * A document's leaflets use two body sizes (theme.leafletBody), so that they
 * look like one family, and the statement sizes, for points of a sentence or
 * two (`leafletStatementSizes`: 1.5× the regular, else 1.3×), which would
 * otherwise stand as two lines on an empty sheet; each leaflet chooses from
 * its own point alone, so an edit to one point re-renders only its leaflet.
 *
 * Pure: model + fonts in, geometry out. Everything lies inside the margins.
 */
import type { DocumentModel, Point, Theme } from '../src/model/types.js';
import type { Block, LaidOutPage, RectBlock, TextBlock } from '../src/layout/types.js';
import { flow, lineCount, moveDown, placeAt, type FlowPage, type Frame } from '../src/layout/flow.js';
import { addStats, typesetter, WHOLE_WORDS, type SetStats, type TemplateFonts, type Tuning, type Typesetter } from '../src/layout/typeset.js';
import { FIT_STEP, bodyLeading, fitBodySize, type FitResult } from '../src/layout/fit.js';
import { printedQr, QR_MODULE_MIN_MM, QR_QUIET_ZONE } from '../src/format/qr.js';
import { mixHex } from '../src/layout/color.js';
import { frameSpan, inkClearance, inkExtent } from '../src/layout/ink.js';
import { setBalanced, weakEnds } from '../src/layout/balance.js';
import { addressCuts, runts, type Align, type ComposedParagraph } from '../src/text/compose.js';
import type { StyledSpan, TextStyle } from '../src/text/itemize.js';
import type { LoadedFont } from '../src/text/fonts.js';
import { SPACES_BEFORE_KASHIDA } from '../src/text/options.js';
import { formatEventDate, formatNumber } from '../src/format/localize.js';
import { PAGE_SIZES } from '../src/model/theme.js';
import { entryText, imprintBlocks, imprintHeight, itemSpans, styles } from './booklet.js';
import { labelsFor } from './labels.js';
import { PARAGRAPH_INDENT, indentsParagraphs } from '../src/layout/paragraphs.js';

export interface LeafletOptions {
  /** Draw a QR code for point.url or model.url (default true). */
  qr?: boolean;
  /**
   * How much narrower than the page's measure the body is set, pt, centred
   * between the rules. layoutLeaflet sets it itself when the body takes a
   * narrower measure (chooseBodySize), at its start edge then (stress-fa 6
   * at 0.94 of the measure: its left edge 20 pt inside the rules', which read
   * as a mistake). The frame (the header, its rule, the event frame, the
   * footer and its rule) stays at the page's margins: print17 set it on the
   * body's measure too, and mixed-7 7's footer sat 14.6 pt in from its
   * siblings'; a page-wide footer alone (55bc990, reverted) overhung the
   * header's rule. Both rules now span the page's measure on every leaflet.
   */
  inset?: number;
}

export interface LeafletLayout {
  /** One page, or more when the text does not fit one at the compact size. */
  pages: LaidOutPage[];
  /** Body text size in pt: the page's regular or compact size (leafletBodySizes), or a statement size (leafletStatementSizes). */
  bodySize: number;
  stats: SetStats;
}

/** Page margins of a leaflet: the theme's, scaled with the page from A5; the two sides equal (a loose sheet has no binding). */
export function leafletMargins(theme: Theme): { top: number; bottom: number; left: number; right: number } {
  const k = pageScale(theme);
  const m = theme.page.margins;
  const side = ((m.inner + m.outer) / 2) * k;
  return { top: m.top * k, bottom: m.bottom * k, left: side, right: side };
}

/** The event frame's fill: the accent at 10 % over the paper (derived, not a new colour). */
export function eventTint(theme: Theme): string {
  return mixHex(theme.palette.accent, theme.palette.paper, 0.1);
}

/** The URL a leaflet's QR code points to, if any. */
export function leafletUrl(model: DocumentModel, point: Point): string | undefined {
  return point.url ?? model.url;
}

const pageScale = (theme: Theme) => theme.page.leaflet.width / PAGE_SIZES.A5.width;

/**
 * The two body sizes of a document's leaflets on its leaflet page: the
 * theme's (given for A5) scaled with the page to 0.25 pt, never below the
 * theme's minimum body size (so on A6 they may become one), compact never
 * above regular.
 */
export function leafletBodySizes(theme: Theme): { regular: number; compact: number } {
  const k = pageScale(theme);
  const size = (pt: number) => Math.max(theme.body.minSize, Math.round((pt * k) / FIT_STEP) * FIT_STEP);
  const regular = size(theme.leafletBody.regular);
  return { regular, compact: Math.min(regular, size(theme.leafletBody.compact)) };
}

/**
 * The statement sizes: the leaflet's regular size × each of STATEMENT_RATIOS
 * (to the fit step), 21 and 18.25 pt on A5. A point short enough to take at
 * most STATEMENT_SHARE of the page's body region at the larger (two to six
 * lines on A5) is set there, so that a leaflet of one or two sentences reads
 * as a statement on its page, not as two lines lost in an empty sheet; at
 * the smaller when the larger takes more room, sets a line loose (or one its Persian words keep within the spaces by keshideh), adds a
 * one-word last line or breaks an address (chooseBodySize): the shorter the
 * point the larger its type, three steps, where one statement size alone
 * fell back to the regular size here and there (seed 10–13: 21, 14, 14,
 * 21 pt; now 21, 18.25, 21, 21: 12 would need spaces past the body's ×2 at
 * both on the full measure, and takes 21 pt on one 3 % narrower,
 * STATEMENT_MEASURES). Each point decides alone.
 */
export function leafletStatementSizes(theme: Theme): number[] {
  const { regular } = leafletBodySizes(theme);
  return STATEMENT_RATIOS.map((r) => Math.round((regular * r) / FIT_STEP) * FIT_STEP);
}
const STATEMENT_RATIOS = [1.5, 1.3];
const STATEMENT_SHARE = 0.7;
/**
 * The measures a statement size is tried at, × the leaflet's measure: the
 * full one, then a little narrower (about 10, 20 and 30 pt on A5), where
 * other line breaks may keep its spaces within the body's bound, or keep a
 * word off a line of its own, that the full measure could not.
 */
const STATEMENT_MEASURES = [1, 0.97, 0.94, 0.91];

/**
 * A point's leaflet: set on the full measure and, when its body takes a
 * narrower one (chooseBodySize), set again with the body on that one,
 * centred between the rules (the frame keeps the page's measure), which is
 * taken only when it is no worse (insetNoWorse).
 */
export function layoutLeaflet(model: DocumentModel, point: Point, fonts: TemplateFonts, opts: LeafletOptions = {}): LeafletLayout {
  const full = setLeaflet(model, point, fonts, opts);
  // Ragged text keeps its narrower body at the start edge, flush with the rules' start: its other edge is ragged
  // anyway, and centred, stress-en 2's lines started 9.4 pt in from the numeral and the rules above them.
  if (full.narrower === undefined || model.theme.justify === 'off') return full.layout;
  const inset = setLeaflet(model, point, fonts, { ...opts, inset: full.narrower });
  return insetNoWorse(inset.faults, full.faults) ? inset.layout : full.layout;
}

/** One setting of a leaflet, what it gets wrong, and by how much narrower its body was set than its rules (none: at their edges). */
function setLeaflet(model: DocumentModel, point: Point, fonts: TemplateFonts, opts: LeafletOptions): { layout: LeafletLayout; faults: LeafletFaults; narrower?: number } {
  const c = leafletSetting(model, point, fonts, opts);
  // The footer (every page) and the event frame (last page) are measured before the body, so that the body's fit
  // leaves room for them; the header (page 1) gives the body's region its top.
  const footer = buildFooter(c);
  const event = point.event ? buildEvent(c) : undefined;
  const header = buildHeader(c);
  const frame: LeafletFrame = { header, footer, event, eventGap: c.u * 1.4, regionTop: header.bottom, regionBottom: footer.ruleY - c.u * 1.1 };
  const body = setBody(c, frame);
  // A point that misses one page at the compact size only by the event's
  // space keeps to one page with that space tightened (to EVENT_GAP_MIN of it).
  const placed = !body.fit.overflow || (event && body.tightGap >= frame.eventGap * EVENT_GAP_MIN - 1e-6) ? placeOnePage(c, frame, body) : runOnPages(c, frame, body);
  Object.assign(c.faults, bodyFaults(c, body));
  return { layout: { pages: placed.pages, bodySize: placed.bodySize, stats: c.ts.stats }, faults: c.faults, ...(body.narrowed ? { narrower: c.bodyMeasure - body.width } : {}) };
}

/**
 * What every step of one setting of a leaflet reads (buildHeader, buildEvent,
 * buildFooter, the body's): the page's geometry, its measure narrowed by the
 * inset, the sizes, the typesetters, and the faults each step adds to as it
 * builds (what the setting gets wrong, weighed by layoutLeaflet).
 */
interface LeafletSetting {
  model: DocumentModel;
  point: Point;
  fonts: TemplateFonts;
  opts: LeafletOptions;
  t: Theme;
  pal: Theme['palette'];
  W: number;
  H: number;
  /** The page's scale from A5 (pageScale). */
  k: number;
  rtl: boolean;
  tuning: Tuning;
  /** The typesetter of what is placed: its stats are the leaflet's. */
  ts: Typesetter;
  /** Trial settings (measuring, searching) go through their own typesetter, so stats count each paragraph once. */
  trial: Typesetter;
  st: ReturnType<typeof styles>;
  L: ReturnType<typeof labelsFor>;
  /** The point's number in the document's digits. */
  num: string;
  inset: number;
  /** The frame's start and measure: the header, its rule, the event frame, the footer and its rule, at the page's margins on every leaflet. */
  left: number;
  measure: number;
  /** The body's: the frame's, or narrower by the inset, centred between the rules. */
  bodyLeft: number;
  bodyMeasure: number;
  top: number;
  bottom: number;
  /** The design unit: the theme's body size on this page. */
  u: number;
  sz: ReturnType<typeof leafletSizes>;
  heading: (size: number, color: string) => TextStyle;
  body: (size: number, color: string) => TextStyle;
  setIn: ReturnType<typeof boxSetters>['setIn'];
  setBalancedIn: ReturnType<typeof boxSetters>['setBalancedIn'];
  faults: LeafletFaults;
}

/** A leaflet's setting context (LeafletSetting) for a point and options: one per setting, its faults at zero. */
function leafletSetting(model: DocumentModel, point: Point, fonts: TemplateFonts, opts: LeafletOptions): LeafletSetting {
  const t = model.theme;
  const { width: W, height: H } = t.page.leaflet;
  const k = pageScale(t);
  const mg = leafletMargins(t);
  const rtl = model.dir === 'rtl';
  // A point's paragraphs are one text here (joined by line breaks): each after the first is indented, as a
  // book's are, unless they are sub-items, whose labels (pointText) already mark where each starts.
  // An address that takes lines of its own is set as a display: its lines alike, unjustified, and the line before
  // it not stretched (ComposeOptions.displayAddresses; mixed-7 ٣'s report URL).
  const tuning: Tuning = { ...(indentsParagraphs(point) ? { paragraphIndent: PARAGRAPH_INDENT } : {}), displayAddresses: true, leaningTies: true };
  const ts = typesetter(model, model.theme.justify, tuning);
  const trial = typesetter(model, model.theme.justify, tuning);
  const st = styles(model, fonts);
  const inset = opts.inset ?? 0;
  return {
    model,
    point,
    fonts,
    opts,
    t,
    pal: t.palette,
    W,
    H,
    k,
    rtl,
    tuning,
    ts,
    trial,
    st,
    L: labelsFor(model.lang),
    num: formatNumber(point.number, model.lang, model.digits),
    inset,
    left: mg.left,
    measure: W - mg.left - mg.right,
    bodyLeft: mg.left + inset / 2,
    bodyMeasure: W - mg.left - mg.right - inset,
    top: mg.top,
    bottom: H - mg.bottom,
    u: t.body.size * k,
    sz: leafletSizes(t, st, k),
    heading: (size, color) => ({ fonts: fonts.heading, size, color }),
    body: (size, color) => ({ fonts: fonts.body, size, color }),
    ...boxSetters(model, ts, trial, rtl),
    faults: { head: 0, title: 0, event: 0, oneWord: 0, address: 0, weak: 0, statement: 0, short: 0, loose: 0, runts: 0, cuts: 0, edge: 0 },
  };
}

/**
 * The sizes of a leaflet's parts: the booklet's style ratios, scaled with the
 * page (`k`); small print never below 60 % of the theme's minimum body size.
 */
function leafletSizes(t: Theme, st: ReturnType<typeof styles>, k: number) {
  const floor = t.body.minSize * 0.6;
  const small = (ratio: number) => Math.max(floor, st.small.size * ratio * k);
  return {
    numeral: st.title.size * 2.5 * k,
    title: st.heading.size * 1.4 * k,
    kicker: small(1),
    eventLabel: small(1),
    eventName: st.heading.size * k,
    eventDetail: Math.max(t.body.minSize * 0.8, st.body.size * 0.95 * k),
    imprint: small(0.85),
    url: small(0.8),
    continued: small(1.1),
  };
}

/**
 * How the leaflet sets a paragraph in a box: each measured by the trial
 * typesetter and set by the placing one (`ts`), with every glyph inside the
 * box (measureInside).
 */
function boxSetters(model: DocumentModel, ts: Typesetter, trial: Typesetter, rtl: boolean) {
  /** Sets a paragraph for a box at x of the given width, with every glyph inside the box (see measureInside). */
  const setIn = (text: string | StyledSpan[], style: TextStyle, width: number, align: Align, x: number, color: string, leading: number, top: number) => {
    const fit = measureInside((m) => trial.set(text, style, m, align), width, rtl);
    return placeAt(ts.set(text, style, fit.measure, align), x + fit.dx, top, leading, color);
  };
  /**
   * A display text (the title, an event's name) set at the start side of a
   * box as `setIn` does, its lines balanced (src/layout/balance.ts):
   * «International Day in Support / of Victims of Torture», not «…in Support
   * of Victims of / Torture» (udhr-en 5's event).
   */
  const setBalancedIn = (text: string, style: TextStyle, width: number, x: number, color: string, leading: number, top: number) => {
    const inside = (s: string, m: number) => {
      // A display text's lines end at spaces: no word broken after its own hyphen (as the booklet's headings).
      const fit = measureInside((mm) => trial.set(s, style, mm, 'start', false, WHOLE_WORDS), m, rtl);
      return fit.para ?? trial.set(s, style, fit.measure, 'start', false, WHOLE_WORDS);
    };
    const para = ts.count(setBalanced(inside, text, width, model.lang));
    // At the box's start edge, what a glyph reaches past the measure inside it (as measureInside places).
    return placeAt(para, x + insideDx(glyphReach(para), para.measure, width, rtl), top, leading, color);
  };
  return { setIn, setBalancedIn };
}

/** What the body is placed between and beside: the header, the footer, the event frame and the region they leave. */
interface LeafletFrame {
  header: { blocks: Block[]; bottom: number };
  footer: { blocks: Block[]; ruleY: number };
  event?: LeafletEvent;
  /** The space above the event frame (tightened to EVENT_GAP_MIN of it to keep a point on one page). */
  eventGap: number;
  regionTop: number;
  regionBottom: number;
}

/** The body as chooseBodySize set it: its fit, measure and place, and what a one-page leaflet's event space would tighten to. */
interface LeafletBody {
  text: (size: number) => string | StyledSpan[];
  fit: FitResult;
  inside: ReturnType<typeof measureInside>;
  width: number;
  /** The body was set narrower than the rules (layoutLeaflet then sets the whole leaflet again on its measure). */
  narrowed: boolean;
  bodyX: number;
  textHeight: number;
  tightGap: number;
}

/**
 * The body: the regular size when the point fits one page between header and
 * event/footer, else the compact size when that does, the statement size for
 * a short point (chooseBodySize); a point that runs on takes the regular size
 * when that costs no more pages (runOnPages).
 */
function setBody(c: LeafletSetting, frame: LeafletFrame): LeafletBody {
  const { event, eventGap, regionTop, regionBottom } = frame;
  const text = pointText(c.point, c.st.body, c.fonts.heading, c.pal.accent);
  const { fit, inside, width } = chooseBodySize(c.model, text, c.st.body, c.tuning, c.bodyMeasure, c.rtl, regionBottom - regionTop, event ? event.height + eventGap : 0, c.inset === 0);
  // The whole leaflet is set again on the measure the body took (layoutLeaflet), once: an inset setting narrows no further.
  const narrowed = width < c.bodyMeasure - 1e-6;
  const textHeight = fit.para.lines.length * fit.leading;
  const tightGap = event && fit.overflow ? regionBottom - regionTop - textHeight - event.height : eventGap;
  return { text, fit, inside, width, narrowed, bodyX: c.bodyLeft + inside.dx, textHeight, tightGap };
}

/** What the body's setting gets wrong (LeafletFaults), counted after it is placed. */
function bodyFaults(c: LeafletSetting, body: LeafletBody): Partial<LeafletFaults> {
  const { fit } = body;
  return {
    weak: weakEnds(fit.para, c.model.lang).length,
    statement: fit.size > leafletBodySizes(c.t).regular ? 0 : 1,
    short: fit.para.lines.filter((l) => l.short).length + brokenEarly(fit.para),
    loose: fit.para.lines.filter((l) => l.loose).length,
    runts: runts(fit.para),
    cuts: addressCuts(fit.para).length,
    edge: body.narrowed ? 1 : 0,
  };
}

/** A leaflet's page, with the blocks given. */
const leafletPage = (c: LeafletSetting, blocks: Block[]): LaidOutPage => ({ width: c.W, height: c.H, background: c.pal.paper, role: 'leaflet', blocks });

/** The point on one page: body and event together a little above the middle of the free space, the footer. */
function placeOnePage(c: LeafletSetting, frame: LeafletFrame, body: LeafletBody): { pages: LaidOutPage[]; bodySize: number } {
  const { header, footer, event, eventGap, regionTop, regionBottom } = frame;
  const { fit, textHeight } = body;
  // The fit's paragraph is the point at this size and measure (fitTo in chooseBodySize): taken, not set again.
  const para = c.ts.count(fit.para);
  const gap = Math.min(eventGap, body.tightGap);
  const used = textHeight + (event ? gap + event.height : 0);
  const free = Math.max(0, regionBottom - regionTop - used);
  const bodyTop = regionTop + free * 0.35;
  // A statement of one line («السلام.», udhr-fa 3) is centred on the measure: flush to the start edge it
  // stood in a corner of the empty sheet, as if the rest had gone missing.
  const x = fit.size > leafletBodySizes(c.t).regular && para.lines.length === 1 ? c.left + centredOn(glyphReach(para), c.measure) : body.bodyX;
  const blocks: Block[] = [...header.blocks, { ...placeAt(para, x, bodyTop, fit.leading, c.pal.ink), role: 'p', item: c.point.number }];
  if (event) blocks.push(...event.place(bodyTop + textHeight + gap));
  blocks.push(...footer.blocks);
  return { pages: [leafletPage(c, blocks)], bodySize: fit.size };
}

/**
 * The point run on over pages (it misses one page even at the compact size):
 * it fills each page to the foot (flow's widow and orphan rules apply,
 * paragraph by paragraph) and continues on the next, under a small label; at
 * the regular size when that takes no more pages (a fuller first page, the
 * type of the one-page leaflets), else at the compact one. The footer on each.
 */
function runOnPages(c: LeafletSetting, frame: LeafletFrame, body: LeafletBody): { pages: LaidOutPage[]; bodySize: number } {
  const { header, footer, event } = frame;
  const { regular } = leafletBodySizes(c.t);
  const cont = buildContinued(c);
  // The compact size's measure is the one the fit found (body.fit.size is the compact size here).
  const atCompact = flowRunOn(c, frame, body.text, cont.bottom, body.fit.size, body.inside);
  const atRegular = regular > body.fit.size ? flowRunOn(c, frame, body.text, cont.bottom, regular) : undefined;
  const chosen = atRegular && atRegular.pages <= atCompact.pages ? atRegular : atCompact;
  const { flowed, eventTop } = chosen;
  addStats(c.ts.stats, chosen.stats);
  const pages: LaidOutPage[] = [];
  // The footer repeats on every page; a reader reads it once, after the
  // point: on the last page (tagged PDF: artifacts on the pages before, so
  // the point's text reads straight on across the page break).
  const repeated = footer.blocks.map(asRepeated);
  flowed.forEach((fp, i) => pages.push(leafletPage(c, [...(i === 0 ? header.blocks : cont.blocks), ...fp.blocks, ...repeated])));
  if (event) {
    // Under the text on the last page (with the paragraph's last lines
    // carried over to it when it did not fit under the full page), else,
    // when no lines can go with it, at the head of a page of its own.
    const y = eventTop(flowed);
    const last = pages[pages.length - 1];
    if (y !== undefined) last.blocks.splice(last.blocks.length - footer.blocks.length, 0, ...event.place(y));
    else pages.push(leafletPage(c, [...cont.blocks, ...event.place(cont.bottom), ...repeated]));
  }
  const last = pages[pages.length - 1];
  last.blocks.splice(last.blocks.length - footer.blocks.length, footer.blocks.length, ...footer.blocks);
  return { pages, bodySize: chosen.size };
}

/**
 * The point run on at `size` from a measure `fitted` to it, continued pages'
 * text from `contBottom`: the pages it flows to (and one more when the event
 * goes to a page of its own), the typesetter's stats of the one setting.
 */
function flowRunOn(
  c: LeafletSetting,
  frame: LeafletFrame,
  text: (size: number) => string | StyledSpan[],
  contBottom: number,
  size: number,
  fitted = measureInside((m) => c.trial.set(text(size), { ...c.st.body, size }, m, 'justify'), c.bodyMeasure, c.rtl),
) {
  const { event, eventGap, regionTop, regionBottom } = frame;
  const lead = bodyLeading(c.t, size);
  const setter = typesetter(c.model, c.model.theme.justify, c.tuning);
  // The paragraph measureInside set last is the one at its measure: taken, not set again (and counted once, here).
  const p = fitted.para ? setter.count(fitted.para) : setter.set(text(size), { ...c.st.body, size }, fitted.measure, 'justify');
  const frameFor = (i: number): Frame => ({ x: c.bodyLeft + fitted.dx, width: fitted.measure, top: i === 0 ? regionTop : contBottom, bottom: regionBottom });
  const flowInto = (frames: (i: number) => Frame) => flow([{ para: p, leading: lead, color: c.pal.ink, spaceBefore: 0, spaceAfter: 0, semantics: { role: 'p', item: c.point.number } }], frames);
  /** Where the event goes under the text of the last page; undefined when it does not fit there. */
  const eventTop = (fl: FlowPage[]): number | undefined => {
    const y = frameFor(fl.length - 1).top + linesOn(fl[fl.length - 1]) * lead + eventGap;
    return event && y + event.height <= regionBottom ? y : undefined;
  };
  let flowed = flowInto(frameFor);
  if (event && eventTop(flowed) === undefined) flowed = carryLinesToEvent(flowed, frameFor, flowInto, (fl) => eventTop(fl) !== undefined, lead);
  return { size, flowed, eventTop, stats: setter.stats, pages: flowed.length + (event && eventTop(flowed) === undefined ? 1 : 0) };
}

/**
 * Page 1's header: the big numeral at the start side, the document's name and
 * the point's title beside it, the accent rule under them. A point without a
 * title (its title the label «Point 2», «بند ۱۳») has its numeral alone, as
 * the booklet heads it (headingText): the label under the numeral read the
 * number twice. The numeral is then the heading a reader is told of, with
 * the words its contents row has (untitledHeading).
 */
function buildHeader(c: LeafletSetting): { blocks: Block[]; bottom: number } {
  const { model, point, sz, pal, measure, left, rtl, u, k, top, faults } = c;
  const untitled = point.titleSource === 'label';
  // Proportional figures: at this size a tabular «١» keeps a «٤»'s width, and «١١» read as two numbers.
  const numStyle = { ...c.heading(sz.numeral, pal.accent), proportionalFigures: true };
  const numFit = measureInside((m) => c.trial.set(c.num, numStyle, m, 'start'), measure, rtl);
  const numeral = c.ts.set(c.num, numStyle, numFit.measure, 'start');
  const line = numeral.lines[0];
  const ink = inkExtent(line);
  const gap = u * 1.3;
  const colWidth = measure - line.naturalWidth - gap;
  const colX = rtl ? left : left + line.naturalWidth + gap;
  const kL = sz.kicker * 1.6;
  const tL = sz.title * 1.45;
  const kickerStyle = c.body(sz.kicker, pal.muted);
  const titleStyle = c.heading(sz.title, pal.ink);
  // The document's name over the point's title: the editor's short title where there is one (`runningHead:`, as
  // the booklet's running heads), else the title (look18: a long title took two lines of small type on every leaflet).
  // Balanced where it takes two lines (src/layout/balance.ts): stress-en's long title broke «…Open Doors, Short» /
  // «Addresses and the Right…», the phrase split where the measure ended; balanced it breaks after «Doors,».
  const kicker = c.setBalancedIn(model.runningHead?.text ?? model.title, kickerStyle, colWidth, colX, pal.muted, kL, 0);
  const set = untitled ? undefined : c.setBalancedIn(point.title, titleStyle, colWidth, colX, pal.ink, tL, kicker.lines.length * kL);
  // A vowelled title's marks (a shadda over a tanween, «العِلْمُ حَقٌّ») reach up into the leading under the
  // kicker, as far as its descenders reach down: the title moves down until their ink clears by HEADER_CLEARANCE.
  const clearance = HEADER_CLEARANCE * sz.kicker;
  const drop = set ? Math.max(0, clearance - inkClearance(kicker.lines[kicker.lines.length - 1], set.lines[0], clearance)) : 0;
  const title = set && drop > 0 ? moveDown(set, drop) : set;
  faults.head = kicker.lines.length;
  faults.title = title?.lines.length ?? 0;
  faults.oneWord += oneWordLines(kicker) + (title ? oneWordLines(title) : 0);
  const colH = kicker.lines.length * kL + drop + (title?.lines.length ?? 0) * tL;
  const numH = ink.above + ink.below;
  const { h, numBaseline, colTop } = title ? centredHead(top, numH, ink.above, colH) : onKickerBaseline(top, ink, kicker.lines[kicker.lines.length - 1].baseline, colH);
  const ruleY = top + h + u * 0.9;
  const drawn: TextBlock = { kind: 'text', lines: [{ line, x: left + numFit.dx, baseline: numBaseline }], color: pal.accent, rtl, text: c.num };
  // Tagged-PDF order: the document title (H1), then the point's number (its
  // list item's label) and title (H2); an untitled point's number is its H2.
  const blocks: Block[] = [
    { ...moveDown(kicker, colTop), role: 'title', name: 'the document title (leaflet header)' },
    ...(title
      ? [
          { ...drawn, role: 'label', item: point.number } satisfies TextBlock,
          { ...moveDown(title, colTop), role: 'heading', item: point.number, name: `the title of point ${point.number} (leaflet header)`, place: point.metaPlaces?.title ?? point.place } satisfies TextBlock,
        ]
      : [untitledHeading(c, drawn)]),
    { kind: 'rule', x1: left, y1: ruleY, x2: left + measure, y2: ruleY, color: pal.accent, width: 0.8 * k },
  ];
  return { blocks, bottom: ruleY + u * 1.3 };
}

/** A titled header's numeral and column, each centred on the taller (its ink, the column's lines): their height, the numeral's baseline, the column's top. */
function centredHead(top: number, numH: number, above: number, colH: number): { h: number; numBaseline: number; colTop: number } {
  const h = Math.max(numH, colH);
  return { h, numBaseline: top + (h - numH) / 2 + above, colTop: top + (h - colH) / 2 };
}

/**
 * An untitled header: the numeral's baseline on the kicker's last (`lastBaseline`,
 * from the column's top), the one line the eye reads it with. Centred as a
 * title's column is, stress-en 2's numeral sat 8.2 pt under that baseline.
 */
function onKickerBaseline(top: number, ink: { above: number; below: number }, lastBaseline: number, colH: number): { h: number; numBaseline: number; colTop: number } {
  const numBaseline = top + Math.max(ink.above, lastBaseline);
  const colTop = numBaseline - lastBaseline;
  return { h: Math.max(numBaseline + ink.below, colTop + colH) - top, numBaseline, colTop };
}

/**
 * An untitled point's numeral as its heading (H2, no Lbl: `label` 0), told
 * to a reader, and in the leaflet's bookmarks, with the words of its
 * contents row and the booklet's heading /Alt (entryText: «2. Paper is the
 * single largest cost…»), where the number alone says nothing of its topic.
 */
function untitledHeading(c: LeafletSetting, numeral: TextBlock): TextBlock {
  const { model, point } = c;
  return { ...numeral, role: 'heading', item: point.number, label: 0, alt: entryText(model, point), name: `the number of point ${point.number} (leaflet header)`, place: point.place };
}

/** The head of a continued page: «number – title (continued)» in small type over a thin rule. */
function buildContinued(c: LeafletSetting): { blocks: Block[]; bottom: number } {
  const { sz, pal, measure, left, top, u, k } = c;
  const s = sz.continued;
  // An untitled point's number stands alone here too (buildHeader): «2 – Point 2» read it twice.
  const titled = c.point.titleSource !== 'label';
  const spans: StyledSpan[] = [
    // No full stop after the number: after Arabic-Indic digits it reads as a zero (٨. ≈ ٨٠).
    { text: c.num, style: c.heading(s, pal.accent) },
    ...(titled
      ? [
          { text: ' – ', style: c.body(s, pal.muted) },
          { text: c.point.title, style: c.heading(s, pal.ink) },
        ]
      : []),
    { text: ` (${c.L.continued})`, style: c.body(s, pal.muted) },
  ];
  const lead = s * 1.6;
  const label = c.setIn(spans, c.body(s, pal.ink), measure, 'start', left, pal.ink, lead, top);
  const ruleY = top + label.lines.length * lead + u * 0.5;
  return {
    blocks: [label, { kind: 'rule', x1: left, y1: ruleY, x2: left + measure, y2: ruleY, color: pal.muted, width: 0.3 * k }],
    bottom: ruleY + u * 1.3,
  };
}

/** The event frame, measured (its height) and placed where the body leaves it room (`place`). */
interface LeafletEvent {
  height: number;
  place: (y: number) => Block[];
}

/** The event frame: a tinted box with an accent bar at its start side, holding the label, the event's name, its date and place. */
function buildEvent(c: LeafletSetting): LeafletEvent {
  const { model, point, sz, pal, measure, left, rtl, u, k, L, faults } = c;
  const ev = point.event!;
  const pad = u * 0.9;
  const bar = 2.5 * k;
  const innerW = measure - 2 * pad - bar;
  const innerX = rtl ? left + pad : left + bar + pad;
  const rows: Array<(y: number) => TextBlock> = [];
  let inner = 0;
  const add = (text: string | StyledSpan[], style: TextStyle, leading: number, balanced = false) => {
    const color = style.color ?? pal.ink;
    const set = balanced && typeof text === 'string' ? c.setBalancedIn(text, style, innerW, innerX, color, leading, inner) : c.setIn(text, style, innerW, 'start', innerX, color, leading, inner);
    const block: TextBlock = { ...set, role: 'p', item: point.number };
    if (balanced) {
      faults.event += block.lines.length;
      faults.oneWord += oneWordLines(block);
    }
    rows.push((y) => moveDown(block, y));
    inner += block.lines.length * leading;
  };
  add(L.event, c.heading(sz.eventLabel, pal.accent), sz.eventLabel * 1.7);
  add(ev.name, c.heading(sz.eventName, pal.ink), sz.eventName * 1.5, true);
  const detail = (label: string, value: string): StyledSpan[] => [
    { text: `${label}: `, style: c.heading(sz.eventDetail, pal.muted) },
    { text: value, style: c.body(sz.eventDetail, pal.ink) },
  ];
  if (ev.date) add(detail(L.date, formatEventDate(ev.date, model.lang, model.digits, model.months, model.monthSlash, model.dateOrder)), c.body(sz.eventDetail, pal.ink), sz.eventDetail * 1.65);
  if (ev.place) add(detail(L.place, ev.place), c.body(sz.eventDetail, pal.ink), sz.eventDetail * 1.65);
  const height = 2 * pad + inner;
  const tint = eventTint(c.t);
  return {
    height,
    place(y) {
      const blocks: Block[] = [
        { kind: 'rect', x: left, y, width: measure, height, color: tint } satisfies RectBlock,
        // The accent bar marks the start side of the frame.
        { kind: 'rect', x: rtl ? left + measure - bar : left, y, width: bar, height, color: pal.accent } satisfies RectBlock,
      ];
      for (const row of rows) blocks.push(row(y + pad));
      return blocks;
    },
  };
}

/**
 * The footer's code and address (when the leaflet has an address and a QR
 * code is wanted), and what the imprint beside them and the rule over them
 * need to know of their room.
 */
interface FooterAddress {
  blocks: Block[];
  /** The column's width at the end side (0: no address). */
  colW: number;
  /** The column's height over the foot: the code, and the address under it when it stays in the column. */
  qrH: number;
  /** The code's quiet zone, pt. */
  quiet: number;
  /** A long address printed under the footer's row, across the measure: its height (0 when it stays under the code). */
  below: number;
  /** Never nearer than the code's quiet zone (at most 0.8 units: a 21-module code 4.2 units wide). */
  closest: number;
  /** The imprint's width beside the widest address column (addressColumn). */
  imprintW: number;
  /** What the address's clearance under the code adds over the 0.6 of the quiet zone it had. */
  grown: number;
}

/** The footer: imprint at the start side, QR + URL at the end side (footerAddress), a thin rule over them; every page. */
function buildFooter(c: LeafletSetting): { blocks: Block[]; ruleY: number } {
  const { model, fonts, sz, pal, measure, left, rtl, u, k, bottom } = c;
  const url = c.opts.qr === false ? undefined : leafletUrl(model, c.point);
  // Between the imprint and the code's column: 1.5 units, down to 1 where an address on one line needs the room.
  const gutter = u * 1.5;
  const address = url ? footerAddress(c, url, gutter) : undefined;
  const { blocks, colW, qrH, quiet, below, closest, imprintW, grown } = address ?? { blocks: [], colW: 0, qrH: 0, quiet: 0, below: 0, closest: u, imprintW: 0, grown: 0 };
  const gap = Math.max(closest, Math.min(gutter, measure - colW - imprintW));
  const impW = url ? measure - colW - gap : measure;
  const impX = url && rtl ? left + colW + gap : left;
  const imprint = imprintBlocks(model, fonts, c.ts, impX, bottom - below, impW, pal.muted, sz.imprint, 'bottom');
  blocks.push(...imprint);
  // The imprint's height as set (a long line wraps).
  const impH = imprintHeight(model, sz.imprint, lineCount(imprint));
  const footH = Math.max(impH, qrH) + below;
  // The foot as high as it was with the address 0.6 of the zone under the code: the rule stays where it stood.
  const acrossFoot = below > 0;
  const added = footH - (Math.max(impH, acrossFoot ? qrH : qrH - grown) + (acrossFoot ? below - grown : below));
  const ruleY = bottom - footH - Math.max(u * 0.9 - added, quiet);
  blocks.unshift({ kind: 'rule', x1: left, y1: ruleY, x2: left + measure, y2: ruleY, color: pal.muted, width: 0.3 * k });
  return { blocks, ruleY };
}

/** The footer's QR code of `url` and the address printed under it (or across the foot under the row), at the end side. */
function footerAddress(c: LeafletSetting, url: string, gutter: number): FooterAddress {
  const { model, fonts, point, sz, pal, measure, left, rtl, u, bottom } = c;
  // 4.2 units wide, larger (and at error correction L) for a long address whose modules would be under
  // QR_MODULE_MM there (src/format/qr.ts); model checks refuse an address that cannot be scanned from print.
  const qr = printedQr(url, u * 4.2);
  // Unreachable past the model's checks (E-META-URL-QR at the `url:`, src/model/checks.ts): printedQr at this
  // size succeeds wherever it does at any.
  if (!qr) throw new Error(`leaflet ${point.number}: an address the model's checks let through has no QR code of ${QR_MODULE_MIN_MM} mm modules`);
  const { modules, size: qrSize } = qr;
  const quiet = (QR_QUIET_ZONE * qrSize) / modules.length;
  const closest = Math.max(u, quiet);
  // The URL reads left to right whatever the document's direction.
  const ltrModel: DocumentModel = { ...model, dir: 'ltr' };
  const ltrTrial = typesetter(ltrModel, 'off');
  // The column: 0.45 of the measure, or wider where the imprint beside it keeps its lines (`closest` from it): an
  // address on one line where it can be (udhr-ar's, beside an imprint line that wraps in two either way).
  const imprintLines = (w: number) => lineCount(imprintBlocks(model, fonts, c.trial, 0, 0, w, pal.muted, sz.imprint, 'bottom'));
  const maxW = documentAddressColumn(model, fonts, sz.imprint, [measure, qrSize, gutter, closest], () => addressColumn(measure, qrSize, gutter, closest, imprintLines));
  const imprintW = measure - maxW - closest;
  const { size: urlSize, width: urlWidth } = footerUrlSetting((size, width) => ltrTrial.set(url, c.body(size, pal.muted), width, 'start').lines.length, sz.url, maxW, measure);
  const urlFit = measureInside((m) => ltrTrial.set(url, c.body(urlSize, pal.muted), m, 'start'), urlWidth, false);
  const ltr = typesetter(ltrModel, 'off');
  const urlPara = ltr.set(url, c.body(urlSize, pal.muted), urlFit.measure, 'start');
  addStats(c.ts.stats, ltr.stats);
  const reach = glyphReach(urlPara);
  const urlW = Math.max(...urlPara.lines.map((l) => l.naturalWidth), reach.max - Math.min(0, reach.min));
  const across = urlWidth > maxW;
  const colW = across ? qrSize : Math.max(qrSize, urlW);
  const urlLeading = urlSize * FOOTER_URL_LEADING;
  // The code's quiet zone (QR_QUIET_ZONE modules, ISO/IEC 18004) clear of the address's ink under it: the
  // gap to its line's top less what the line's leading leaves above the ink (at 0.6 of the zone to the line's
  // top, the ink came within 3.6 modules of the code).
  const urlInkTop = placeAt(urlPara, 0, 0, urlLeading, pal.muted).lines[0].baseline - inkExtent(urlPara.lines[0]).above;
  const urlGap = Math.max(0, quiet - urlInkTop);
  // What that adds to the foot over the gap it had (0.6 of the zone) comes out of the space over the footer's rule,
  // down to the quiet zone: the body keeps its room (udhr-fa 26, a full page, ran on to a second one at 0.6 pt less).
  const grown = Math.max(0, urlGap - quiet * 0.6);
  const urlH = urlPara.lines.length * urlLeading;
  c.faults.address = urlPara.lines.length > 1 ? 1 : 0;
  const below = across ? urlGap + urlH : 0;
  const qrH = qrSize + (across ? 0 : urlGap + urlH);
  // Column at the end side; the code and the URL keep to its outer edge.
  const colX = rtl ? left : left + measure - colW;
  const qrX = rtl ? colX : colX + colW - qrSize;
  const qrY = bottom - below - qrH;
  // Set left to right; in a left-to-right document a URL under the code keeps to the right, one across the foot to the left.
  const urlX = (across ? left : rtl ? colX : colX + colW - urlW) - Math.min(0, reach.min);
  const blocks: Block[] = [
    { kind: 'qr', x: qrX, y: qrY, size: qrSize, modules, color: pal.ink, alt: url },
    { ...placeAt(urlPara, urlX, bottom - urlH, urlLeading, pal.muted), rtl: false, role: 'p' },
  ];
  return { blocks, colW, qrH, quiet, below, closest, imprintW, grown };
}

/**
 * What a leaflet's setting gets wrong, each counted as the code weighs it
 * elsewhere: the lines of the running head (`head`), the title and an
 * event's name, the display lines of one word, a footer address divided
 * (`address`, 0 or 1), the body's lines ending on a weak word, the statement
 * size lost (`statement`, 1 at the regular or compact size), its short and
 * loose lines, its paragraphs ending in one word, its addresses cut, and a
 * body set narrower than the rules at its start edge (`edge`, 1: what an inset is for, centring it).
 */
interface LeafletFaults {
  head: number;
  title: number;
  event: number;
  oneWord: number;
  address: number;
  weak: number;
  statement: number;
  short: number;
  loose: number;
  runts: number;
  cuts: number;
  edge: number;
}

/**
 * The leaflet set on the body's narrower measure (LeafletOptions.inset) is
 * taken over the full measure's only when it is no worse in any fault and
 * better in the one it is for, its body centred rather than at its start
 * edge (print17 took it always, and a narrower header broke «histories» onto
 * a line of its own, a footer address in two (udhr-ar 7), a statement lost
 * (stress-en 24); the frame is now the page's in both settings).
 */
function insetNoWorse(inset: LeafletFaults, full: LeafletFaults): boolean {
  const keys = Object.keys(full) as (keyof LeafletFaults)[];
  return keys.every((k) => inset[k] <= full[k]) && inset.edge < full.edge;
}

/**
 * A ragged paragraph's lines, not its last, that stop short of
 * BROKEN_EARLY of the measure: a hole in a short text as a short justified
 * line is (stress-en 28 on a narrower measure, «Self-employed designers» /
 * «who volunteer their time should be» / …, the break moved off the weak «who»).
 */
function brokenEarly(para: ComposedParagraph): number {
  const t = para.text;
  return para.lines.filter((l) => !l.justified && !l.last && t[l.end] !== '\n' && !t.slice(l.start, l.end).endsWith('\n') && l.naturalWidth < BROKEN_EARLY * para.measure).length;
}
const BROKEN_EARLY = 0.7;

/** The lines of a display block (a title, a running head) that hold one word, in a block of more than one line. */
function oneWordLines(block: TextBlock): number {
  if (block.lines.length < 2) return 0;
  return block.lines.filter(({ line }) => !/\s/u.test(block.text.slice(line.start, line.end).trim())).length;
}

/**
 * The leaflet body's size and measure: the regular size when the point fits
 * the body's region (`region`, less `eventRoom` for the event frame) at it,
 * else the compact one (a fit that overflows even there runs on: the caller
 * decides). A point that fits at the regular size is set at the larger
 * statement size (leafletStatementSizes) when it takes at most
 * STATEMENT_SHARE of the region there, event included, else at the smaller
 * when it does there; a size is refused where a line of it would be set
 * loose with the body's own bound (the theme's space.max: a wider one for
 * the statement's few words a line showed as gaps in Persian, which has no
 * kashida to take the deficit: udhr-fa 10 at ×2.43), a paragraph of it
 * would end in one word where the regular setting ends none so (a runt the
 * tie at the larger size could not avoid: udhr-fa 3, «…امنیت شخصی /
 * دارد.»), or an address would be broken that the regular setting keeps whole
 * (addresses-ar 3, «info@example» / «.org.»); when both are refused on the
 * full measure, both again on a few narrower ones (STATEMENT_MEASURES), then
 * the regular size. Of the settings a size allows, one that ends no more
 * lines on a weak word (src/layout/balance.ts) than the regular setting is
 * taken first. The measure is narrowed by whatever a glyph reaches
 * past it (measureInside), so that nothing crosses the margins.
 */
function chooseBodySize(
  model: DocumentModel,
  text: (size: number) => string | StyledSpan[],
  body: TextStyle,
  tuning: Tuning,
  measure: number,
  rtl: boolean,
  region: number,
  eventRoom: number,
  narrower: boolean,
): { fit: FitResult; inside: ReturnType<typeof measureInside>; width: number } {
  const { regular, compact } = leafletBodySizes(model.theme);
  const fitAmong = (sizes: number[], tuned: Tuning = tuning, width = measure) => {
    let f!: FitResult;
    let at = NaN;
    const fitTo = (m: number) => (f = fitBodySize(model, text(body.size), body, (at = m), region - eventRoom, { sizes, tuning: tuned })).para;
    const inside = measureInside(fitTo, width, rtl);
    if (at !== inside.measure) fitTo(inside.measure);
    // measureInside places the text in a box `width` wide from its left side; a narrower box keeps to the start
    // edge, so right-to-left text moves right by what the box lost.
    return { fit: f, inside: rtl ? { ...inside, dx: inside.dx + measure - width } : inside, width };
  };
  const full = fitAmong([compact, regular]);
  const chosen = narrower ? withoutHoles(full, (width) => fitAmong([compact, regular], tuning, width), measure) : full;
  const sizes = leafletStatementSizes(model.theme);
  if (chosen.fit.overflow || chosen.fit.size !== regular || sizes[0] <= regular) return chosen;
  // The full measure first, each statement size in turn; then, before the regular size, the same at a few
  // narrower measures, whose other line breaks may clear what the full one refused (seed ١٢: a loose line at
  // both sizes on the full measure). A narrower measure taken, the leaflet is set again with its body on it, centred (LeafletOptions.inset);
  // set so (`narrower` false), the body keeps to the measure it has.
  const at = (size: number, width: number) => {
    const big = fitAmong([size], { ...tuning, runtSpace: STATEMENT_RUNT_SPACE, spacesBeforeKashida: SPACES_BEFORE_KASHIDA }, width);
    const short = big.fit.para.lines.length * big.fit.leading + eventRoom <= region * STATEMENT_SHARE;
    const fine =
      !big.fit.overflow &&
      short &&
      !big.fit.para.lines.some((l) => l.loose || l.lastResort) &&
      runts(big.fit.para) <= runts(chosen.fit.para) &&
      !cutsWorse(addressCuts(big.fit.para), addressCuts(chosen.fit.para));
    return fine ? big : undefined;
  };
  /** More lines end on a weak word («على أي» / «إنسان», «مجامع و» / …) than in the regular setting. */
  const weaker = (f: { fit: FitResult }) => weakEnds(f.fit.para, model.lang).length > weakEnds(chosen.fit.para, model.lang).length;
  const widths = (narrower ? STATEMENT_MEASURES : [1]).map((r) => measure * r);
  for (const [i, width] of widths.entries())
    for (const size of sizes) {
      if (size <= regular) break;
      const found = at(size, width);
      if (!found) continue;
      if (!weaker(found)) return found;
      // The same size at a narrower measure when that keeps the weak word off a line's end; else as found
      // (a weak word at a line's end is a blemish, not a reason for a smaller type).
      for (const narrower of widths.slice(i + 1)) {
        const other = at(size, narrower);
        if (other && !weaker(other)) return other;
      }
      return found;
    }
  return chosen;
}

/**
 * A body setting with a hole in it, a line set short (its spaces would pass
 * JUSTIFY_ANYWAY_MAX: W-LINE-LOOSE), set again at its sizes on the narrower
 * STATEMENT_MEASURES (`at`); the first where no line is short, that fits as
 * the full measure did (size and pages), ends no more paragraphs in one word
 * and cuts no address more, is taken (the first that ends none in one word,
 * else the first), and the leaflet set again on it (LeafletOptions.inset);
 * else the setting as it was. A typesetter re-breaks a paragraph rather than
 * leave a line 24 pt short: stress-fa 16's «صورت‌جلسه‌ها در https://example.org/fa/minutes
 * منتشر», three spaces to justify a line beside an address (the breaker took
 * it over a line ending «…است» at ×2.4). Its narrower settings (lf19) trade
 * one fault for another: at 0.97 and 0.94 no space past ×1.70 and ×1.39 but
 * the runt «…منتشر / می‌شوند.»; at 0.91, taken, no runt but its second
 * paragraph's first line, «نشانی تماس گروه هماهنگی secretariat@example.org»
 * (indented, the address a third of it, three Persian spaces to take the
 * rest) at ×2.22, past the theme's ×2 (W-LINE-LOOSE); every measure tried
 * from 0.8 to 1 (steps of 0.01) at 14 pt sets a runt, a loose or short line,
 * or divides an address. The pages keep the runt rather than a line past
 * their bound (RUNT_SPACE; a Persian page's, spaces only, is the theme's
 * ×2), and so does this: a setting without a loose line comes first, then
 * fewer runts (fewerFaults; stress-fa 16 at 0.94, lf20: its spaces within
 * ×1.39, «می‌شوند.» alone).
 */
function withoutHoles<F extends { fit: FitResult }>(full: F, at: (width: number) => F, measure: number): F {
  const holes = (f: F) => f.fit.para.lines.some((l) => l.short);
  if (!holes(full)) return full;
  let best: F | undefined;
  for (const r of STATEMENT_MEASURES.slice(1)) {
    const f = at(measure * r);
    const same = f.fit.size === full.fit.size && f.fit.overflow === full.fit.overflow;
    if (!same || holes(f) || runts(f.fit.para) > runts(full.fit.para) || cutsWorse(addressCuts(f.fit.para), addressCuts(full.fit.para))) continue;
    // The runt rule as the pages keep it (avoidRunts; test/templates/lastLines.test.ts): a measure whose setting
    // ends in one word gives way to a narrower one that does not, and no looser than the theme's widest space; a
    // runt is kept rather than a loose line (stress-fa 16: at 0.91 no runt but a line at ×2.22; at 0.97 and 0.94
    // «…منتشر / می‌شوند.», spaces within ×1.70 and ×1.39, the narrower taken: ×1.39).
    if (runts(f.fit.para) === 0 && looseLines(f) === 0) return f;
    if (!best || fewerFaults(f, best)) best = f;
  }
  return best ?? full;
}

/** The body's lines justified past the theme's widest space (W-LINE-LOOSE). */
const looseLines = (f: { fit: FitResult }) => f.fit.para.lines.filter((l) => l.loose).length;

/** Whether `f` has fewer loose lines than `than`, or as many and fewer runts, or as many of both and spaces no wider. */
function fewerFaults(f: { fit: FitResult }, than: { fit: FitResult }): boolean {
  const key = (x: { fit: FitResult }) => [looseLines(x), runts(x.fit.para), Math.max(0, ...x.fit.para.lines.filter((l) => l.justified && !l.last).map((l) => l.spaceRatio))];
  const [a, b] = [key(f), key(than)];
  const k = a.findIndex((v, i) => Math.abs(v - b[i]) > 1e-9);
  return k >= 0 && a[k] < b[k];
}

/**
 * The widest space (× the natural one, kashidas counted, as RUNT_SPACE in
 * src/text/options.ts) a statement size's setting may take to keep a
 * paragraph from ending in one word: the pages' bound before lastlines. A
 * statement is a few lines of large type, where a stretched line shows
 * most; the page's ×1.75 made udhr-ar's and long-30's points 6, 9 and 20
 * eligible at 21 pt, their lines stretched by long kashidas and wide spaces
 * («…أو» at a line's end) where the smaller size set them clean (9: one line
 * at 18.25 pt). With ×1.5 such a point keeps the runt at the larger size,
 * which chooseBodySize refuses, and takes the next size down.
 */
const STATEMENT_RUNT_SPACE = 1.5;

/**
 * The least clear space between the ink of the leaflet's kicker (the small
 * document title) and of the point's title under it, × the kicker's size:
 * the kicker's descenders and the title's marks never nearer than this
 * (mixed-7's «العِلْمُ حَقٌّ» and «قراءةٌ حُرَّةٌ» touched «مختلط» above them;
 * udhr-fa 3's madda, addresses-ar 6's hamza came within half a point).
 * Titles that clear it keep their places (most keep 2–12 pt).
 */
export const HEADER_CLEARANCE = 0.2;

/**
 * The smallest type a leaflet prints its address in, pt: print shops query
 * type under 6 pt (look17: every leaflet's address was 5.43 pt, shrunk from
 * 7.18 to keep it on one line), and an address is typed by hand from it.
 */
export const FOOTER_URL_MIN_SIZE = 6.5;
/**
 * The footer address's leading, × its size: an address of one line at 6.5 pt
 * takes no more height (8.1 pt) than one of 5.43 pt did at 1.5, so no leaflet
 * gives its body's room to the larger type (at 1.5, udhr-fa 26 ran on to a
 * second page); Latin small print of an address needs no more.
 */
const FOOTER_URL_LEADING = 1.25;
/** Most lines an address takes in the column under the QR code; a longer one is set across the foot's measure. */
const FOOTER_URL_COLUMN_LINES = 2;

/**
 * The footer address's size and width (`lines(size, width)`: the lines it
 * takes): as few lines as it can take at FOOTER_URL_MIN_SIZE or more, at the
 * largest size (from `size`, the leaflet's small print) that takes no more.
 * In the column under the code (`column` wide: what the imprint leaves, at
 * least 0.45 of the measure) when that is at most
 * FOOTER_URL_COLUMN_LINES lines, else across the foot (`across`), under the
 * imprint and the code (look17's 240-character address: four lines of
 * 5.43 pt in the column → three of 6.5 pt across). Never cut: the QR code and
 * the printed line carry it whole.
 */
export function footerUrlSetting(lines: (size: number, width: number) => number, size: number, column: number, across: number): { size: number; width: number } {
  const start = Math.max(size, FOOTER_URL_MIN_SIZE);
  const width = lines(FOOTER_URL_MIN_SIZE, column) <= FOOTER_URL_COLUMN_LINES ? column : across;
  const fewest = lines(FOOTER_URL_MIN_SIZE, width);
  let best = start;
  while (best - FIT_STEP >= FOOTER_URL_MIN_SIZE - 1e-9 && lines(best, width) > fewest) best -= FIT_STEP;
  return { size: lines(best, width) > fewest ? FOOTER_URL_MIN_SIZE : best, width };
}

/**
 * The widest column for the footer's code and address that leaves the
 * imprint beside it (`imprintLines`: its lines at a width) as many lines as
 * it has beside the column of 0.45 of the measure; `closest` between them,
 * to 1 pt by bisection.
 */
function addressColumn(measure: number, qrSize: number, gutter: number, closest: number, imprintLines: (width: number) => number): number {
  const lines0 = imprintLines(measure - measure * 0.45 - gutter);
  let [lo, hi] = [measure * 0.45, measure - closest - qrSize];
  if (hi > lo && imprintLines(measure - hi - closest) <= lines0) lo = hi;
  while (hi - lo > 1) {
    const mid = (lo + hi) / 2;
    if (imprintLines(measure - mid - closest) <= lines0) lo = mid;
    else hi = mid;
  }
  return lo;
}

/**
 * The footer's address column (addressColumn) of a document, found once and
 * taken by each of its leaflets: every leaflet of a document has the same
 * imprint, sizes and measure, and the search sets the imprint some ten times.
 * A leaflet's job gets a model sliced for it (no object shared between the
 * leaflets of a document), so the column is kept by what decides it: the
 * imprint's runs, what the typesetter reads of the model and theme, the
 * imprint's size and the geometry (`dims`); per set of fonts.
 */
function documentAddressColumn(model: DocumentModel, fonts: TemplateFonts, imprintSize: number, dims: number[], find: () => number): number {
  const t = model.theme;
  const key = JSON.stringify([
    model.imprint.lines.map((l) => [l.gapBefore ?? false, l.runs]),
    model.dir,
    model.lang,
    t.justify,
    t.hyphenate,
    t.space,
    t.kashidaPerLine,
    imprintSize,
    dims,
  ]);
  let known = addressColumns.get(fonts);
  if (!known) addressColumns.set(fonts, (known = new Map()));
  let column = known.get(key);
  if (column === undefined) known.set(key, (column = find()));
  return column;
}
const addressColumns = new WeakMap<TemplateFonts, Map<string, number>>();

/** More address cuts than `than`, or a dearer one (a cut in a host name where `than` cuts a path after «/»): the leaflets' statement sizes and the cards' statements refuse such a setting. */
export const cutsWorse = (cuts: number[], than: number[]) => cuts.length > than.length || Math.max(0, ...cuts) > Math.max(0, ...than);

/**
 * How far the space above the event frame (1.4 design units) may tighten to
 * keep a point on one page at the compact size, rather than run on to a
 * second page for the event alone.
 */
const EVENT_GAP_MIN = 0.6;

/**
 * A point's text as the leaflet sets it, at a body size: each sub-item's
 * label («(۱)», «الف)») in the heading face and the accent, as the booklet
 * sets it (itemSpans in booklet.ts), the rest in the body style. The
 * text as written when the point has no sub-item, or when its paragraphs,
 * labels and all, do not join back to it letter for letter (the words are
 * never changed for a style).
 */
export function pointText(point: Point, body: TextStyle, heading: LoadedFont[], accent: string): (size: number) => string | StyledSpan[] {
  const joined = point.paragraphs.map((q) => (q.item ? `${q.item} ${q.text}` : q.text)).join('\n');
  if (!point.paragraphs.some((q) => q.item) || joined !== point.text) return () => point.text;
  return (size) => {
    const plain = { ...body, size };
    return point.paragraphs.flatMap((q, k): StyledSpan[] => [...(k > 0 ? [{ text: '\n', style: plain }] : []), ...itemSpans(q, plain, heading, accent)]);
  };
}

/** The fewest lines of a point's text that go with its event to a continued page (carryLinesToEvent). */
export const CARRIED_WITH_EVENT = 2;

/**
 * The text flowed again (`flowInto`) so that its last page keeps room for
 * the event (`fits`): the paragraph's last CARRIED_WITH_EVENT lines or more
 * go on to a continued page with the event under them, so that the event
 * never stands alone on a continued page (it would look like a mistake).
 * The page they leave keeps at least two lines, and flow's widow and orphan
 * rules still hold. The flow as it was when no such break exists.
 */
function carryLinesToEvent(
  flowed: FlowPage[],
  frameFor: (i: number) => Frame,
  flowInto: (frames: (i: number) => Frame) => FlowPage[],
  fits: (fl: FlowPage[]) => boolean,
  leading: number,
): FlowPage[] {
  const lastIndex = flowed.length - 1;
  const lines = linesOn(flowed[lastIndex]);
  for (let carry = CARRIED_WITH_EVENT; lines - carry >= 2; carry++) {
    const keep = lines - carry;
    // The page that gives up lines ends `carry` lines higher…
    const tried = flowInto((i) => (i === lastIndex ? { ...frameFor(i), bottom: frameFor(i).top + keep * leading + 1e-3 } : frameFor(i)));
    if (tried.length > flowed.length && fits(tried)) {
      // …but its frame, as its blocks record it, is the full one.
      const full = frameFor(lastIndex);
      for (const b of tried[lastIndex].blocks) b.frame = { x: full.x, y: full.top, width: full.width, height: full.bottom - full.top };
      return tried;
    }
  }
  return flowed;
}

/** How many lines of text a flowed page holds. */
const linesOn = (fp: FlowPage) => lineCount(fp.blocks);

/** A block repeated on a later page: the same drawing, without a role (an artifact to a reader). */
function asRepeated(block: Block): Block {
  if (block.kind === 'text') return { ...block, role: undefined, lang: undefined, pictureOnly: true };
  if (block.kind === 'qr') return { ...block, alt: undefined };
  return block;
}

/** Horizontal reach of what a paragraph's frame must hold of its glyphs (frameSpan: an advance from its pen, a mark's ink less its hang), from its measure's left edge. */
function glyphReach(para: ComposedParagraph): { min: number; max: number } {
  let min = Infinity;
  let max = -Infinity;
  for (const l of para.lines)
    for (const g of l.glyphs) {
      const { left, right } = frameSpan(g);
      min = Math.min(min, left);
      max = Math.max(max, right);
    }
  return Number.isFinite(min) ? { min, max } : { min: 0, max: 0 };
}

/** Where a paragraph whose glyphs reach `r` (glyphReach) starts in a box of `width` for its ink to be centred there. */
const centredOn = (r: { min: number; max: number }, width: number) => (width - (r.max - r.min)) / 2 - r.min;

/**
 * A measure at which what the frame must hold of a paragraph's glyphs
 * (glyphReach) lies inside a box of `width`, and where the measure's left
 * edge goes in the box (dx). A mark's ink can hang past its measure further
 * than it may (a line-end tanween at display size), or a word be wider than
 * the measure; the measure then narrows by as much.
 * Right-to-left text keeps its right edge flush, left-to-right its left.
 * With the measure, the paragraph `set` gave at it (none when 8 tries did
 * not find one inside: the last measure was not set).
 */
export function measureInside(set: (measure: number) => ComposedParagraph, width: number, rtl: boolean): { measure: number; dx: number; para?: ComposedParagraph } {
  let m = width;
  for (let i = 0; i < 8; i++) {
    const para = set(m);
    const r = glyphReach(para);
    const span = Math.max(r.max, m) - Math.min(r.min, 0);
    // (`para`: the paragraph at the measure found, for a caller that would set it again.)
    if (span <= width + 1e-6) return { measure: m, dx: insideDx(r, m, width, rtl), para };
    m -= span - width;
  }
  return { measure: m, dx: 0 };
}

/**
 * Where a paragraph set at `measure` inside a box of `width` starts, from the
 * box's start edge, so that what its glyphs reach past the measure (`r`,
 * glyphReach) stays inside: at the
 * right edge for right-to-left text, the left for left-to-right.
 */
function insideDx(r: { min: number; max: number }, measure: number, width: number, rtl: boolean): number {
  return rtl ? width - Math.max(r.max, measure) : -Math.min(r.min, 0);
}

