/** @jsxRuntime automatic */
/** @jsxImportSource react */
/**
 * The social cards: one card per point and format, and one document card per
 * format (title and imprint on the cover colour).
 *
 * Two halves, both pure (no files, no clock):
 * - `layoutCard` decides where everything goes, with the same text layer as the
 *   booklet and leaflets (HarfBuzz shaping, UAX #9 bidi, Knuth–Plass lines,
 *   kashida justification), and returns a laid-out page in px.
 * - `CardView` turns that page into the JSX that satori lays out. satori only
 *   draws boxes and backgrounds; every line of text is an inline <svg> of
 *   glyph outlines at the positions the text layer computed.
 *
 * Fitting: the body is set at the largest size between the theme's minimum
 * (cardMinBodyPx at 1080 px, scaled by width) and a maximum (1.5× the minimum,
 * 1.15× on landscape cards) at which the whole point fits — or up to 12 %
 * smaller when that gives lines with at most three kashidas each. When the
 * point does not fit even at the minimum, it is cut at the last sentence or
 * clause boundary that fits and an ellipsis is added — never in the middle of
 * a word, never by clipping a line. Text stays inside the padding box, which
 * keeps clear of the format's top and bottom safe zones.
 */
import type { ReactElement } from 'react';
import type { CardFormat, DocumentModel, ImprintLine, Point } from '../src/model/types.js';
import type { Block, LaidOutPage, TextBlock } from '../src/layout/types.js';
import { moveDown, placeAt } from '../src/layout/flow.js';
import { typesetter, type TemplateFonts, type Typesetter } from '../src/layout/typeset.js';
import { probePrefix } from '../src/layout/fit.js';
import type { Align, ComposedParagraph } from '../src/text/compose.js';
import type { StyledSpan, TextStyle } from '../src/text/itemize.js';
import { formatNumber } from '../src/format/localize.js';
import { lineInk, unionBox, type Box } from '../src/layout/ink.js';
import { imprintSpans } from './booklet.js';
import { WarraqError } from '../src/diagnostics.js';
import { excerpt, makeDiagnostic } from '../src/parse/report.js';

export interface CardArgs {
  model: DocumentModel;
  /** The point to show; the document card when absent. */
  point?: Point;
  format: CardFormat;
  fonts: TemplateFonts;
}

/** What a text block on a card is, for tests and the fitting report. */
export type CardRole = 'number' | 'title' | 'body' | 'footer' | 'doc-title' | 'imprint';

export interface CardLayout {
  page: LaidOutPage;
  format: CardFormat;
  /** The role of each text block of `page.blocks`, by block index. */
  roles: Map<number, CardRole>;
  /** Where text may go: the padding box, inside the safe zones. */
  textBox: Box;
  /** Body size used, and the bounds it was chosen between (px). 0 on the document card. */
  bodySize: number;
  minBodySize: number;
  maxBodySize: number;
  /** The body text as set (with «…» when cut). */
  bodyText: string;
  /** True when the point's text had to be shortened. */
  cut: boolean;
  /** Alternative text: the title and the full text (document card: title and imprint). */
  alt: string;
}

const ELLIPSIS = '…';

/** Card geometry in px for a format; everything scales from a 1080 px wide card. */
function metrics(model: DocumentModel, format: CardFormat) {
  const { width: W, height: H } = format;
  const s = W / 1080;
  // Landscape cards (the link preview) have little height: the header shrinks.
  const wide = H < W * 0.8;
  const h = wide ? Math.max(0.62, H / W) : 1;
  const padX = Math.round(84 * s * (wide ? 0.8 : 1));
  const padY = Math.round(72 * s * h);
  const top = Math.max(padY, format.safeY > 0 ? format.safeY + Math.round(30 * s) : 0);
  const minBody = model.theme.cardMinBodyPx * s;
  return {
    W,
    H,
    s,
    h,
    wide,
    padX,
    measure: W - 2 * padX,
    top,
    bottom: H - top,
    minBody,
    maxBody: minBody * (wide ? 1.15 : 1.5),
    bodyLeading: (size: number) => size * model.theme.body.leading * 0.9,
    numberSize: 150 * s * h,
    titleSize: Math.max(54 * s * h, minBody * 1.2),
    footerSize: Math.max(24 * s, 20),
    bar: Math.round(14 * s),
  };
}

/**
 * The theme's typesetting with a card's tuning. Card lines hold few words at
 * display sizes, so a justified line has a large deficit to spread: spaces may
 * stretch further before kashidas are used, and the kashidas are fewer and
 * longer (at least one and a half tatweels each) rather than one short
 * stretch in nearly every word.
 */
function cardTypesetter(model: DocumentModel): Typesetter {
  const space = { ...model.theme.space, stretch: Math.max(model.theme.space.stretch, CARD_SPACE_STRETCH) };
  return typesetter(model, model.theme.justify, { space, kashida: CARD_KASHIDA });
}

const CARD_SPACE_STRETCH = 0.75;
const CARD_KASHIDA = { min: 1.5, max: 3 };

export function layoutCard(args: CardArgs): CardLayout {
  return args.point ? pointCard(args, args.point) : documentCard(args);
}

/** Smallest share of the largest fitting size the body may drop to for an even texture. */
const TEXTURE_SIZE_RANGE = 0.88;
const MAX_KASHIDAS_PER_LINE = 3;

/** No justified line needs more than a few kashidas. */
function evenTexture(para: ComposedParagraph): boolean {
  return para.lines.every((l) => l.kashidas <= MAX_KASHIDAS_PER_LINE);
}

/**
 * True when no line is wider than the measure. The line breaker may choose a
 * last line that only fits with shrunk spaces, which an unjustified line does
 * not get; such a setting is treated as not fitting.
 */
function withinMeasure(para: ComposedParagraph): boolean {
  return para.lines.every((l) => l.width <= para.measure + 1e-6);
}

/** A card format too small for even the first word of a point at the minimum size: a located error, not a crash. */
function cardFitErrorFor(model: DocumentModel, format: CardFormat, point: Point, minBody: number): WarraqError {
  const first = /^\S*/u.exec(point.text)![0];
  return new WarraqError([
    makeDiagnostic('E-CARD-FIT', 'error', point.place, `point ${point.label}: not even its first word fits on the ${format.name} card (${format.width}×${format.height} px)`, {
      expected: `the point's first word set at the minimum card size (${minBody.toFixed(1)} px) below its number and title`,
      found: excerpt(first),
      hint: 'make the card format larger, lower theme.cardMinBodyPx, shorten the point title, or put a space in a very long word',
    }),
  ]);
}

function blockInk(b: TextBlock): Box | undefined {
  return unionBox(b.lines.map((l) => lineInk(l.line, l)));
}

/**
 * What a point card's body is fitted with: the header and footer, the room
 * between them, and a test of a body text at the minimum size.
 */
function pointFrame(args: CardArgs, point: Point, known?: { footer: ReturnType<typeof footerBlock> }) {
  const { model, format, fonts } = args;
  const t = model.theme;
  const m = metrics(model, format);
  const ts = cardTypesetter(model);
  const bodyAlign: Align = t.justify === 'off' ? 'start' : 'justify';

  // Footer: the document title and the imprint, small, at the bottom of the text box.
  const footer = known?.footer ?? footerBlock(model, fonts, ts, m);

  // Header: the number large in accent at the start side, the title beside it.
  // Its sizes follow the body's, so the title always reads as a heading.
  const header = (bodySize: number) => headerBlocks(model, fonts, ts, m, point, Math.max(m.titleSize, bodySize * 1.3));

  // The body goes between the header and the footer rule.
  const headGap = Math.round(44 * m.s * m.h);
  const footGap = Math.round(56 * m.s * m.h);
  const roomFor = (headHeight: number) => footer.top - footGap - (m.top + headHeight + headGap);
  const bodyStyle = (size: number): TextStyle => ({ fonts: fonts.body, size, color: t.palette.ink });
  const setBody = (text: string, size: number) => ts.set(text, bodyStyle(size), m.measure, bodyAlign);
  const fits = (para: ComposedParagraph, size: number, room: number) =>
    para.lines.length * m.bodyLeading(size) <= room + 1e-6 && withinMeasure(para);
  const minHead = header(m.minBody);
  const minRoom = roomFor(minHead.height);
  const fitsAtMin = (text: string) => {
    const p = setBody(text, m.minBody);
    return fits(p, m.minBody, minRoom) ? p : undefined;
  };
  return { m, t, footer, header, headGap, footGap, roomFor, setBody, fits, minHead, fitsAtMin };
}

/**
 * For `npm run check`: the E-CARD-FIT errors the point cards of one format
 * would stop on, found without laying the cards out. A card fails only when
 * neither the whole point nor its first word (the shortest cut) fits at the
 * minimum size.
 */
export function cardFitErrors(args: Omit<CardArgs, 'point'>, points: readonly Point[]): WarraqError[] {
  const out: WarraqError[] = [];
  let known: { footer: ReturnType<typeof footerBlock> } | undefined;
  for (const point of points) {
    const f = pointFrame(args, point, known);
    known = { footer: f.footer };
    const words = cutCandidatesByWords(point.text, 256);
    if ((point.text.length <= 256 && f.fitsAtMin(point.text)) || (words.length && f.fitsAtMin(words[words.length - 1]))) continue;
    if (!words.length && point.text.length > 256) {
      // No space in the first 256 characters: only the whole layout can tell.
      try {
        pointCard({ ...args, point }, point);
        continue;
      } catch (e) {
        if (!(e instanceof WarraqError)) throw e;
      }
    }
    out.push(cardFitErrorFor(args.model, args.format, point, f.m.minBody));
  }
  return out;
}

function pointCard(args: CardArgs, point: Point): CardLayout {
  const { model, format } = args;
  const { m, t, footer, header, headGap, footGap, roomFor, setBody, fits, minHead, fitsAtMin } = pointFrame(args, point);

  let bodyText = point.text;
  let cut = false;
  let size = m.minBody;
  let head = minHead;
  // A long point is tried by its prefixes first, never composed whole when
  // even a part of it cannot fit.
  const limit = fitLimit(point.text, fitsAtMin);
  let body = limit < point.text.length ? undefined : fitsAtMin(bodyText);
  if (body) {
    // The largest size that fits, in 1 px steps from the maximum down…
    let largest = 0;
    for (let s = Math.floor(m.maxBody); s > m.minBody; s--) {
      const h = header(s);
      const p = setBody(bodyText, s);
      if (!fits(p, s, roomFor(h.height))) continue;
      if (!largest) {
        largest = s;
        size = s;
        body = p;
        head = h;
      }
      // …unless a size a little smaller sets an evenly justified text where
      // the largest needs a kashida in nearly every word of some line.
      if (evenTexture(p)) {
        size = s;
        body = p;
        head = h;
        break;
      }
      if (s <= largest * TEXTURE_SIZE_RANGE) break;
    }
  } else {
    const shortened = cutToFit(point.text, fitsAtMin, limit);
    if (!shortened) throw cardFitErrorFor(model, format, point, m.minBody);
    bodyText = shortened.text;
    body = shortened.para;
    cut = true;
  }
  const leading = m.bodyLeading(size);
  const bodyHeight = body.lines.length * leading;

  // Centre the header and body together in the room above the footer.
  const groupHeight = head.height + headGap + bodyHeight;
  const slack = footer.top - footGap - m.top - groupHeight;
  const groupTop = m.top + Math.max(0, slack / 2);
  const numberBlock = moveDown(head.number, groupTop);
  const titleBlock = moveDown(head.title, groupTop);
  const bodyBlock = placeAt(body, m.padX, groupTop + head.height + headGap, leading, t.palette.ink, size);

  const blocks: Block[] = [
    { kind: 'rect', x: 0, y: 0, width: m.W, height: m.bar, color: t.palette.accent },
    numberBlock,
    titleBlock,
    bodyBlock,
    { kind: 'rule', x1: m.padX, y1: footer.top - footGap / 2, x2: m.W - m.padX, y2: footer.top - footGap / 2, color: t.palette.muted, width: Math.max(1, Math.round(1.5 * m.s)) },
    footer.block,
  ];
  const roles = new Map<number, CardRole>([[1, 'number'], [2, 'title'], [3, 'body'], [5, 'footer']]);
  return {
    page: { width: m.W, height: m.H, background: t.palette.paper, blocks, role: 'card' },
    format,
    roles,
    textBox: { left: m.padX, right: m.W - m.padX, top: m.top, bottom: m.bottom },
    bodySize: size,
    minBodySize: m.minBody,
    maxBodySize: m.maxBody,
    bodyText,
    cut,
    alt: `${point.title}\n${point.text}`,
  };
}

/**
 * The number and the title, with the top of their ink at y = 0: the number
 * start-aligned in the full measure, the title start-aligned in what is left
 * beside it, its ink centred on the number's.
 */
function headerBlocks(
  model: DocumentModel,
  fonts: TemplateFonts,
  ts: Typesetter,
  m: ReturnType<typeof metrics>,
  point: Point,
  titleSize: number,
): { number: TextBlock; title: TextBlock; height: number } {
  const t = model.theme;
  const rtl = model.dir === 'rtl';
  const numberSize = Math.max(m.numberSize, titleSize * 2.6);
  const numberText = formatNumber(point.number, model.lang, model.digits);
  const numberPara = ts.set(numberText, { fonts: fonts.heading, size: numberSize, color: t.palette.accent }, m.measure, 'start');
  const numberWidth = Math.max(...numberPara.lines.map((l) => l.naturalWidth));
  const gap = Math.round(36 * m.s * m.h);
  const titleMeasure = m.measure - numberWidth - gap;
  const setTitle = (size: number) => ts.set(point.title, { fonts: fonts.heading, size, color: t.palette.ink }, titleMeasure, 'start');
  let titlePara = setTitle(titleSize);
  // A long title gets smaller rather than taller than two lines, down to the body minimum.
  while ((titlePara.lines.length > 2 || !withinMeasure(titlePara)) && titleSize > m.minBody * 1.05) {
    titleSize = Math.max(m.minBody * 1.05, titleSize * 0.92);
    titlePara = setTitle(titleSize);
  }
  let number = placeAt(numberPara, m.padX, 0, numberSize * 1.1, t.palette.accent, numberSize);
  let title = placeAt(titlePara, rtl ? m.padX : m.padX + numberWidth + gap, 0, titleSize * 1.45, t.palette.ink, titleSize);
  const nInk = blockInk(number)!;
  // A title of invisible characters only has no ink: it sits with the number.
  const tInk = blockInk(title) ?? nInk;
  title = moveDown(title, (nInk.top + nInk.bottom) / 2 - (tInk.top + tInk.bottom) / 2);
  const top = Math.min(nInk.top, (blockInk(title) ?? nInk).top);
  number = moveDown(number, -top);
  title = moveDown(title, -top);
  return { number, title, height: unionBox([blockInk(number), blockInk(title)])!.bottom };
}

/**
 * The footer of a point card: the document title and the imprint's
 * paragraphs, separated by dots, packed into at most two centred lines and
 * anchored to the bottom of the text box. Imprint paragraphs that do not fit
 * are left out from the end.
 */
function footerBlock(model: DocumentModel, fonts: TemplateFonts, ts: Typesetter, m: ReturnType<typeof metrics>): { block: TextBlock; top: number } {
  const t = model.theme;
  const size = m.footerSize;
  const leading = size * 1.6;
  const style: TextStyle = { fonts: fonts.body, size, color: t.palette.muted };
  // The dot is fenced with marks of the document's direction, so that two
  // Latin segments side by side keep the document's order instead of merging
  // into one left-to-right run; and it never starts a line.
  const mark = model.dir === 'rtl' ? '\u200f' : '\u200e';
  const sep: StyledSpan = { text: `${mark}\u00a0·${mark} `, style };
  const segments: StyledSpan[][] = [
    [{ text: model.title, style: { ...style, fonts: fonts.heading, color: t.palette.accent } }],
    ...imprintParagraphs(model.imprint.lines).map((p) =>
      p.flatMap((line, i): StyledSpan[] => [
        ...(i > 0 ? [{ text: ' ', style }] : []),
        // Quiet in a footer: the imprint's bold is not repeated at this size.
        ...imprintSpans(line, fonts, size, t.palette.muted).map((sp) => ({ ...sp, style: { ...sp.style, fonts: fonts.body } })),
      ]),
    ),
  ];
  const set = (segs: StyledSpan[][]) => ts.set(segs.flatMap((seg, i) => (i > 0 ? [sep, ...seg] : seg)), style, m.measure, 'center');
  // A segment that alone takes more than the two lines is never kept, nor
  // any after it (segments are left out from the end): stop before the first
  // such, judged by its first 300 characters, so that a long imprint is
  // never composed whole.
  const long = (seg: StyledSpan[]) => seg.reduce((n, sp) => n + sp.text.length, 0) > FOOTER_PROBE;
  const tooLong = segments.findIndex((seg, i) => i > 0 && long(seg) && set([spansPrefix(seg, FOOTER_PROBE)]).lines.length > 2);
  if (tooLong > 0) segments.length = tooLong;
  let paras: ComposedParagraph[] = [];
  for (let keep = segments.length; keep >= 1; keep--) {
    // Greedy: as many whole segments on a line as fit.
    paras = [];
    let current: StyledSpan[][] = [];
    for (const seg of segments.slice(0, keep)) {
      const joined = current.length ? set([...current, seg]) : undefined;
      if (joined && (joined.lines.length > 1 || !withinMeasure(joined))) {
        paras.push(set(current));
        current = [];
      }
      current.push(seg);
    }
    paras.push(set(current));
    if (paras.reduce((n, p) => n + p.lines.length, 0) <= 2 && paras.every(withinMeasure)) break;
  }
  const lines = paras.flatMap((p) => p.lines);
  const para: ComposedParagraph = { text: paras.map((p) => p.text).join('\n'), dir: model.dir, measure: m.measure, lines };
  let top = m.bottom - lines.length * leading;
  let block = placeAt(para, m.padX, top, leading, t.palette.muted, size);
  // Deep descenders may hang below the line box: keep the ink inside the text box.
  const dy = Math.min(0, m.bottom - (blockInk(block)?.bottom ?? m.bottom));
  block = moveDown(block, dy);
  top += dy;
  return { block, top };
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

function documentCard(args: CardArgs): CardLayout {
  const { model, format, fonts } = args;
  const t = model.theme;
  const m = metrics(model, format);
  const ts = cardTypesetter(model);
  const ink = t.palette.coverInk;

  // Imprint at the bottom of the text box, one composed paragraph per source line.
  const setImprint = (size: number) =>
    model.imprint.lines.map((line) => ts.set(imprintSpans(line, fonts, size, ink), { fonts: fonts.body, size, color: ink }, m.measure, 'center'));
  let impSize = m.minBody;
  let impParas = setImprint(impSize);
  // An imprint line too long for the card even when wrapped gets smaller, never wider than the measure.
  while (!impParas.every(withinMeasure) && impSize > m.minBody * 0.7) impParas = setImprint((impSize *= 0.93));
  const impLeading = impSize * 1.45;
  const gapOf = (i: number) => (i > 0 && model.imprint.lines[i].gapBefore ? impLeading * 0.5 : 0);
  const impHeight = impParas.reduce((h, p, i) => h + p.lines.length * impLeading + gapOf(i), 0);
  let y = m.bottom - impHeight;
  let impBlocks = impParas.map((p, i) => {
    y += gapOf(i);
    const b = placeAt(p, m.padX, y, impLeading, ink, impSize);
    y += p.lines.length * impLeading;
    return b;
  });
  // Deep descenders may hang below the line box: keep the ink inside the text box.
  const dy = Math.min(0, m.bottom - (unionBox(impBlocks.map(blockInk))?.bottom ?? m.bottom));
  impBlocks = impBlocks.map((b) => moveDown(b, dy));
  const impTop = m.bottom - impHeight + dy;

  // The title: as large as fits in three lines between the top and the
  // imprint, with a short rule under it. Placed by its ink, so that marks
  // (a kasra, a tail) never touch the rule.
  const rule = Math.round(90 * m.s);
  const ruleGap = Math.round(30 * m.s * m.h);
  const room = impTop - m.top - Math.round(60 * m.s * m.h);
  const setTitle = (size: number) => {
    const para = ts.set(model.title, { fonts: fonts.heading, size, color: ink }, m.measure, 'center');
    const block = placeAt(para, m.padX, 0, size * 1.4, ink, size);
    // A title of invisible characters only has no ink: an empty box at the top.
    return { para, block, ink: blockInk(block) ?? { left: m.W / 2, right: m.W / 2, top: 0, bottom: 0 } };
  };
  let titleSize = 150 * m.s * m.h;
  let title = setTitle(titleSize);
  const tooBig = () => title.para.lines.length > 3 || !withinMeasure(title.para) || title.ink.bottom - title.ink.top + ruleGap > room;
  while (tooBig() && titleSize > m.minBody) title = setTitle((titleSize *= 0.93));
  const inkHeight = title.ink.bottom - title.ink.top;
  const groupTop = m.top + Math.max(0, (room - inkHeight - ruleGap) / 2);
  const titleBlock = moveDown(title.block, groupTop - title.ink.top);
  const ruleY = groupTop + inkHeight + ruleGap;

  const inset = Math.round(40 * m.s * m.h);
  const blocks: Block[] = [
    { kind: 'rect', x: inset, y: inset, width: m.W - 2 * inset, height: Math.max(3, Math.round(5 * m.s)), color: ink },
    titleBlock,
    { kind: 'rule', x1: m.W / 2 - rule / 2, y1: ruleY, x2: m.W / 2 + rule / 2, y2: ruleY, color: ink, width: Math.max(2, Math.round(3 * m.s)) },
    ...impBlocks,
    { kind: 'rect', x: inset, y: m.H - inset - Math.max(3, Math.round(5 * m.s)), width: m.W - 2 * inset, height: Math.max(3, Math.round(5 * m.s)), color: ink },
  ];
  const roles = new Map<number, CardRole>([[1, 'doc-title']]);
  impBlocks.forEach((_, i) => roles.set(3 + i, 'imprint'));
  const imprintText = model.imprint.lines.map((l) => l.runs.map((r) => r.text).join('')).join('\n');
  return {
    page: { width: m.W, height: m.H, background: t.palette.cover, blocks, role: 'card' },
    format,
    roles,
    textBox: { left: m.padX, right: m.W - m.padX, top: m.top, bottom: m.bottom },
    bodySize: 0,
    minBodySize: m.minBody,
    maxBodySize: m.maxBody,
    bodyText: '',
    cut: false,
    alt: imprintText ? `${model.title}\n${imprintText}` : model.title,
  };
}

/** Punctuation after which a card's text may be cut: clause (، ؛ , ;) and sentence (. ؟ ! ?) ends. */
const CUT_AFTER = /[،؛,;.؟!?]/u;
const CLAUSE_MARKS = /[،؛,;.]+$/u;
const CLOSERS = new Set([...'"»”’)]}']);

/**
 * The ways a text may be shortened for a card, longest first: every prefix
 * ending at a sentence or clause boundary (outside quotes and brackets), with
 * the clause mark replaced by «…» (a question or exclamation mark is kept).
 * Never in the middle of a word. When the text has no such boundary, whole
 * words are the fallback (also marked by «…»). Only prefixes of at most
 * `limit` UTF-16 units are listed: one pass over the text, whatever its length.
 */
export function cutCandidates(text: string, limit = text.length): string[] {
  const out: string[] = [];
  const balance = new Balance(text);
  const contentEnd = text.trimEnd().length;
  for (let i = 0; i < text.length; i++) {
    if (!CUT_AFTER.test(text[i])) continue;
    let end = i + 1;
    while (end < text.length && CLOSERS.has(text[end])) end++;
    if (end > limit) break;
    // A boundary is punctuation followed by a space (not "3.5" or "a,b") and not the text's end.
    if (end >= contentEnd || !/\s/u.test(text[end])) continue;
    if (!balance.upTo(end)) continue;
    out.push(withEllipsis(text.slice(0, end).trimEnd()));
  }
  return out.length ? out.reverse() : cutCandidatesByWords(text, limit);
}

function withEllipsis(prefix: string): string {
  return prefix.replace(CLAUSE_MARKS, '').trimEnd() + ELLIPSIS;
}

const PAIRS: ReadonlyArray<readonly [string, string]> = [['(', ')'], ['[', ']'], ['{', '}'], ['«', '»'], ['“', '”']];

/**
 * Whether quotes and brackets opened in a prefix of the text are closed in
 * it (as many closers as openers of each pair, an even number of straight
 * quotes), for prefixes of growing length: each character is counted once.
 */
class Balance {
  private at = 0;
  private straight = 0;
  private readonly open = new Map<string, number>();
  constructor(private readonly text: string) {}
  upTo(end: number): boolean {
    for (; this.at < end; this.at++) {
      const c = this.text[this.at];
      if (c === '"') this.straight++;
      for (const [o, cl] of PAIRS) {
        if (c === o) this.open.set(o, (this.open.get(o) ?? 0) + 1);
        else if (c === cl) this.open.set(o, (this.open.get(o) ?? 0) - 1);
      }
    }
    return this.straight % 2 === 0 && [...this.open.values()].every((n) => n === 0);
  }
}

/**
 * A length past which no cut of `text` fits: the end of the first whole-word
 * prefix of 256, 512, 1024, … units that `tryFit` refuses (the text's length
 * when every one fits). Fits are taken to be monotone in length, so the
 * candidates need go no further, and a long point is never composed whole.
 */
function fitLimit<T>(text: string, tryFit: (text: string) => T | undefined): number {
  for (let n = 256; n < text.length; n *= 2) {
    const prefix = probePrefix(text, n);
    if (prefix.length >= text.length) break;
    if (tryFit(prefix) === undefined) return prefix.length;
  }
  return text.length;
}

/** The longest cut of `text` that `tryFit` accepts, at a clause end or else after a whole word; undefined when not even one word fits. */
function cutToFit<T>(text: string, tryFit: (text: string) => T | undefined, limit = fitLimit(text, tryFit)): { text: string; para: T } | undefined {
  // Nothing fits (a card too small for even the first clause): fall back to whole words.
  return longestFitting(cutCandidates(text, limit), tryFit) ?? longestFitting(cutCandidatesByWords(text, limit), tryFit);
}

/** The first of `cands` (longest first) that `tryFit` accepts: binary search, then a check downwards. */
function longestFitting<T>(cands: string[], tryFit: (text: string) => T | undefined): { text: string; para: T } | undefined {
  // Fits are monotone in length for all practical purposes; search for the first that fits.
  let lo = 0;
  let hi = cands.length - 1;
  let best = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (tryFit(cands[mid]) !== undefined) {
      best = mid;
      hi = mid - 1;
    } else lo = mid + 1;
  }
  if (best < 0) return undefined;
  // Line breaking is not strictly monotone: a slightly longer cut just above may also fit.
  while (best > 0 && tryFit(cands[best - 1]) !== undefined) best--;
  return { text: cands[best], para: tryFit(cands[best])! };
}

/** Cuts after whole words (longest first), up to `limit` units. */
function cutCandidatesByWords(text: string, limit = text.length): string[] {
  const out: string[] = [];
  const balance = new Balance(text);
  for (const w of text.matchAll(/\s+/gu)) {
    if (w.index! > limit) break;
    const prefix = text.slice(0, w.index).trimEnd();
    if (prefix && balance.upTo(w.index!)) out.push(withEllipsis(prefix));
  }
  return out.reverse();
}

// ---------------------------------------------------------------------------
// The view: a laid-out card page → satori JSX.


/**
 * A laid-out card as satori JSX: absolutely positioned boxes and rules. The
 * text is not here: satori would wrap each line of outlines in a nested SVG
 * image with a mask, which is slow to rasterise; the renderer adds the glyph
 * outlines as one vector layer instead (src/render/cards/glyphSvg.ts).
 */
export function CardView({ page }: { page: LaidOutPage }): ReactElement {
  const children: ReactElement[] = [];
  page.blocks.forEach((block, bi) => {
    if (block.kind === 'rect') {
      children.push(
        <div
          key={`r${bi}`}
          style={{ position: 'absolute', left: block.x, top: block.y, width: block.width, height: block.height, backgroundColor: block.color, borderRadius: block.radius ?? 0 }}
        />,
      );
    } else if (block.kind === 'rule') {
      // Rules on cards are horizontal or vertical: a thin box.
      const left = Math.min(block.x1, block.x2) - (block.x1 === block.x2 ? block.width / 2 : 0);
      const top = Math.min(block.y1, block.y2) - (block.y1 === block.y2 ? block.width / 2 : 0);
      const width = Math.abs(block.x2 - block.x1) || block.width;
      const height = Math.abs(block.y2 - block.y1) || block.width;
      children.push(<div key={`u${bi}`} style={{ position: 'absolute', left, top, width, height, backgroundColor: block.color }} />);
    }
  });
  return (
    <div style={{ display: 'flex', position: 'relative', width: page.width, height: page.height, backgroundColor: page.background }}>
      {children}
    </div>
  );
}
