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
import { chooseSize } from '../src/layout/fit.js';
import type { Align, ComposedParagraph } from '../src/text/compose.js';
import type { StyledSpan, TextStyle } from '../src/text/itemize.js';
import { formatNumber } from '../src/format/localize.js';
import { lineInk, unionBox, type Box } from '../src/layout/ink.js';
import { imprintSpans } from './booklet.js';

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

function blockInk(b: TextBlock): Box | undefined {
  return unionBox(b.lines.map((l) => lineInk(l.line, l)));
}

function pointCard(args: CardArgs, point: Point): CardLayout {
  const { model, format, fonts } = args;
  const t = model.theme;
  const m = metrics(model, format);
  const ts = cardTypesetter(model);
  const bodyAlign: Align = t.justify === 'off' ? 'start' : 'justify';

  // Footer: the document title and the imprint, small, at the bottom of the text box.
  const footer = footerBlock(model, fonts, ts, m);

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

  let bodyText = point.text;
  let cut = false;
  // The largest size that fits, in 1 px steps between the minimum and the
  // maximum, unless a size a little smaller sets an evenly justified text
  // where the largest needs a kashida in nearly every word of some line.
  const grid = [m.minBody];
  for (let s = Math.floor(m.minBody) + 1; s <= m.maxBody; s++) grid.push(s);
  const chosen = chooseSize(
    grid,
    (s) => ({ head: header(s), body: setBody(bodyText, s) }),
    (set, s) => fits(set.body, s, roomFor(set.head.height)),
    { badness: (set) => (evenTexture(set.body) ? 0 : 1), range: 1 - TEXTURE_SIZE_RANGE, perPercent: 0.001 },
  );
  const size = chosen?.size ?? m.minBody;
  const head = chosen?.set.head ?? header(size);
  let body = chosen?.set.body ?? setBody(bodyText, size);
  if (!chosen) {
    const room = roomFor(head.height);
    const shortened = cutToFit(point.text, (text) => {
      const p = setBody(text, size);
      return fits(p, size, room) ? p : undefined;
    });
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
  const tInk = blockInk(title)!;
  title = moveDown(title, (nInk.top + nInk.bottom) / 2 - (tInk.top + tInk.bottom) / 2);
  const top = Math.min(nInk.top, blockInk(title)!.top);
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
    return { para, block, ink: blockInk(block)! };
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
 * words are the fallback (also marked by «…»).
 */
export function cutCandidates(text: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < text.length; i++) {
    if (!CUT_AFTER.test(text[i])) continue;
    let end = i + 1;
    while (end < text.length && CLOSERS.has(text[end])) end++;
    // A boundary is punctuation followed by a space (not "3.5" or "a,b") and not the text's end.
    if (end >= text.length || !/\s/u.test(text[end])) continue;
    if (text.slice(end).trim() === '') continue;
    const prefix = text.slice(0, end).trimEnd();
    if (!balanced(prefix)) continue;
    out.push(withEllipsis(prefix));
  }
  if (!out.length) {
    const words = [...text.matchAll(/\s+/gu)].map((w) => w.index!);
    for (const at of words) {
      const prefix = text.slice(0, at).trimEnd();
      if (prefix && balanced(prefix)) out.push(withEllipsis(prefix));
    }
  }
  return out.reverse();
}

function withEllipsis(prefix: string): string {
  return prefix.replace(CLAUSE_MARKS, '').trimEnd() + ELLIPSIS;
}

/** True when quotes and brackets opened in `s` are closed in it. */
function balanced(s: string): boolean {
  const straight = [...s].filter((c) => c === '"').length;
  if (straight % 2 !== 0) return false;
  const pairs: Array<[string, string]> = [['(', ')'], ['[', ']'], ['{', '}'], ['«', '»'], ['“', '”']];
  return pairs.every(([o, c]) => [...s].filter((x) => x === o).length === [...s].filter((x) => x === c).length);
}

/** The longest cut of `text` that `tryFit` accepts; binary search over the candidates, then a check downwards. */
function cutToFit<T>(text: string, tryFit: (text: string) => T | undefined): { text: string; para: T } {
  const cands = cutCandidates(text); // longest first
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
  if (best < 0) {
    // Nothing fits (a card too small for even the first clause): fall back to whole words.
    const words = cutCandidatesByWords(text);
    for (const w of words) {
      const p = tryFit(w);
      if (p !== undefined) return { text: w, para: p };
    }
    throw new Error('card too small for any of the text');
  }
  // Line breaking is not strictly monotone: a slightly longer cut just above may also fit.
  while (best > 0 && tryFit(cands[best - 1]) !== undefined) best--;
  return { text: cands[best], para: tryFit(cands[best])! };
}

function cutCandidatesByWords(text: string): string[] {
  return [...text.matchAll(/\s+/gu)]
    .map((w) => text.slice(0, w.index).trimEnd())
    .filter((p) => p && balanced(p))
    .map(withEllipsis)
    .reverse();
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
