/**
 * The booklet's design: cover, contents, preamble, one section per point,
 * colophon and back cover, as laid-out pages. Pure: it receives the model and
 * loaded fonts and returns geometry; the PDF renderer only draws it.
 *
 * Right-to-left documents bind on the right, so inner and outer margins swap
 * sides from recto to verso the other way round from a left-to-right book.
 */
import type { DocumentModel, ImprintLine } from '../src/model/types.js';
import type { LaidOutPage, Block, TextBlock } from '../src/layout/types.js';
import { flow, placeAt, type Frame, type FlowPara } from '../src/layout/flow.js';
import { typesetter, type TemplateFonts, type SetStats, type Typesetter } from '../src/layout/typeset.js';
import type { JustifyMode } from '../src/text/compose.js';
import type { StyledSpan, TextStyle } from '../src/text/itemize.js';
import { formatDay, formatNumber } from '../src/format/localize.js';
import { labelsFor } from './labels.js';
import { blanksToFill } from '../src/layout/pagePlan.js';

export interface BookletLayout {
  pages: LaidOutPage[];
  /** Page number (1-based, cover = 1) where each point starts. */
  contents: Array<{ point: number; page: number }>;
  stats: SetStats;
}

export interface BookletOptions {
  justify?: JustifyMode;
}

/** Styles derived from the design tokens; the leaflet and cards scale the same ratios. */
export function styles(model: DocumentModel, fonts: TemplateFonts) {
  const t = model.theme;
  const size = t.body.size;
  return {
    body: { fonts: fonts.body, size } satisfies TextStyle,
    bodyLeading: size * t.body.leading,
    heading: { fonts: fonts.heading, size: size * 1.3, color: t.palette.ink } satisfies TextStyle,
    number: { fonts: fonts.heading, size: size * 1.3, color: t.palette.accent } satisfies TextStyle,
    title: { fonts: fonts.heading, size: size * 2, color: t.palette.accent } satisfies TextStyle,
    small: { fonts: fonts.body, size: size * 0.78, color: t.palette.muted } satisfies TextStyle,
  };
}

/** Imprint lines as styled spans: bold → heading font, superscripts raised and smaller. */
export function imprintSpans(line: ImprintLine, fonts: TemplateFonts, size: number, color: string): StyledSpan[] {
  return line.runs.map((r) => ({
    text: r.text,
    style: {
      fonts: r.bold ? fonts.heading : fonts.body,
      size: r.sup ? size * 0.62 : size,
      rise: r.sup ? size * 0.38 : 0,
      color,
    },
  }));
}

export function layoutBooklet(model: DocumentModel, fonts: TemplateFonts, opts: BookletOptions = {}): BookletLayout {
  const t = model.theme;
  const { width: W, height: H } = t.page.booklet;
  const m = t.page.margins;
  const rtl = model.dir === 'rtl';
  const ts = typesetter(model, opts.justify ?? t.justify);
  const st = styles(model, fonts);
  const L = labelsFor(model.lang);
  const measure = W - m.inner - m.outer;
  const num = (n: number) => formatNumber(n, model.lang, model.digits);

  // Page n (1-based) is a recto when odd. Its binding edge is on the right in
  // a right-to-left book, on the left otherwise.
  const frameFor = (pageNumber: number): Frame => {
    const bindRight = (pageNumber % 2 === 1) === rtl;
    return { x: bindRight ? m.outer : m.inner, width: measure, top: m.top, bottom: H - m.bottom };
  };

  // The body flows from page 3 (after the cover and the contents).
  const FIRST_BODY_PAGE = 3;
  const paras: FlowPara[] = [];
  paras.push({
    para: ts.set(model.title, st.title, measure, 'center'),
    leading: st.title.size * 1.5,
    color: t.palette.accent,
    spaceBefore: 0,
    spaceAfter: st.bodyLeading * 0.6,
    keepWithNext: true,
    semantics: { role: 'title' },
  });
  for (const p of model.preamble) {
    paras.push({ para: ts.set(p.text, st.body, measure, 'justify'), leading: st.bodyLeading, color: t.palette.ink, spaceBefore: 0, spaceAfter: st.bodyLeading * 0.5, semantics: { role: 'p' } });
  }
  for (const p of model.points) {
    const heading: StyledSpan[] = [
      { text: `${num(p.number)}.`, style: st.number },
      { text: ' ', style: st.heading },
      { text: p.title, style: st.heading },
    ];
    paras.push({
      para: ts.set(heading, st.heading, measure, 'start'),
      leading: st.heading.size * 1.6,
      color: t.palette.ink,
      spaceBefore: st.bodyLeading * 0.9,
      spaceAfter: st.bodyLeading * 0.15,
      keepWithNext: true,
      tag: `point:${p.number}`,
      semantics: { role: 'heading', item: p.number, label: heading[0].text.length },
    });
    paras.push({ para: ts.set(p.text, st.body, measure, 'justify'), leading: st.bodyLeading, color: t.palette.ink, spaceBefore: 0, spaceAfter: 0, semantics: { role: 'p', item: p.number } });
  }
  const flowed = flow(paras, (i) => frameFor(FIRST_BODY_PAGE + i));

  const contents = model.points.map((p) => ({
    point: p.number,
    page: FIRST_BODY_PAGE + flowed.findIndex((fp) => fp.tags.includes(`point:${p.number}`)),
  }));

  const pages: LaidOutPage[] = [];
  pages.push(coverPage(model, fonts, ts, W, H));
  pages.push(contentsPage(model, fonts, ts, frameFor(2), W, H, contents, L.contents));
  flowed.forEach((fp, i) => {
    const n = FIRST_BODY_PAGE + i;
    pages.push({ width: W, height: H, background: t.palette.paper, role: i === 0 ? 'preamble' : 'body', blocks: [...fp.blocks, ...runningHeadAndFoot(model, ts, st, frameFor(n), H, n)] });
  });
  const colophonNumber = pages.length + 1;
  pages.push(colophonPage(model, fonts, ts, frameFor(colophonNumber), W, H, colophonNumber));
  // The page plan: blank pages (paper only) after the colophon, so the back
  // cover stays the last page and the count suits saddle stitching.
  const blanks = t.pages === 'multiple-of-4' ? blanksToFill(pages.length + 1) : 0;
  for (let i = 0; i < blanks; i++) pages.push({ width: W, height: H, background: t.palette.paper, role: 'blank', blocks: [] });
  pages.push(backCover(model, fonts, ts, W, H));
  return { pages, contents, stats: ts.stats };
}

function runningHeadAndFoot(model: DocumentModel, ts: Typesetter, st: ReturnType<typeof styles>, f: Frame, H: number, n: number): Block[] {
  const t = model.theme;
  const head = ts.set(model.title, st.small, f.width, 'center');
  const foot = ts.set(formatNumber(n, model.lang, model.digits), { ...st.small, color: t.palette.ink }, f.width, 'center');
  return [
    placeAt(head, f.x, f.top - 30, st.small.size * 1.5, t.palette.muted),
    { kind: 'rule', x1: f.x, y1: f.top - 12, x2: f.x + f.width, y2: f.top - 12, color: t.palette.muted, width: 0.3 },
    placeAt(foot, f.x, H - t.page.margins.bottom + 18, st.small.size * 1.5, t.palette.ink),
  ];
}

function coverPage(model: DocumentModel, fonts: TemplateFonts, ts: Typesetter, W: number, H: number): LaidOutPage {
  const t = model.theme;
  const inset = 36;
  const measure = W - 2 * inset;
  const titleSize = Math.min(W / 8, 54);
  const title = ts.set(model.title, { fonts: fonts.heading, size: titleSize }, measure, 'center');
  const titleLeading = titleSize * 1.4;
  const titleTop = H * 0.3;
  const blocks: Block[] = [
    { kind: 'rect', x: inset, y: inset, width: W - 2 * inset, height: 3, color: t.palette.coverInk },
    { ...placeAt(title, inset, titleTop, titleLeading, t.palette.coverInk), role: 'title' },
    { kind: 'rule', x1: W / 2 - 40, y1: titleTop + title.lines.length * titleLeading + 18, x2: W / 2 + 40, y2: titleTop + title.lines.length * titleLeading + 18, color: t.palette.coverInk, width: 1 },
  ];
  blocks.push(...imprintBlocks(model, fonts, ts, inset, H - inset - 20, measure, t.palette.coverInk, 10.5, 'bottom'));
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
): TextBlock[] {
  const leading = size * 1.45;
  const lines = model.imprint.lines;
  const gap = leading * 0.6; // a blank line in the source imprint
  const height = imprintHeight(model, size);
  let top = anchor === 'top' ? y : y - height;
  return lines.map((line) => {
    if (line.gapBefore) top += gap;
    const block: TextBlock = {
      ...placeAt(ts.set(imprintSpans(line, fonts, size, color), { fonts: fonts.body, size, color }, measure, 'center'), x, top, leading, color),
      role: 'p',
      lang: languageOf(line.runs.map((r) => r.text).join(''), model.lang),
    };
    top += leading;
    return block;
  });
}

/**
 * The language of an imprint line for tagged PDF: undefined when it is the
 * document's own; 'en' for a line in Latin script inside an Arabic or Persian
 * document (the imprint is the one place such lines occur).
 */
export function languageOf(text: string, docLang: string): string | undefined {
  const latin = /\p{Script=Latin}/u.test(text);
  const arabic = /\p{Script=Arabic}/u.test(text);
  if (latin && !arabic && docLang !== 'en') return 'en';
  if (arabic && !latin && docLang === 'en') return 'ar';
  return undefined;
}

/** Height of the imprint block at a given size. */
export function imprintHeight(model: DocumentModel, size: number): number {
  const leading = size * 1.45;
  return model.imprint.lines.length * leading + model.imprint.lines.filter((l) => l.gapBefore).length * leading * 0.6;
}

function contentsPage(
  model: DocumentModel,
  fonts: TemplateFonts,
  ts: Typesetter,
  f: Frame,
  W: number,
  H: number,
  contents: Array<{ point: number; page: number }>,
  heading: string,
): LaidOutPage {
  const t = model.theme;
  const st = styles(model, fonts);
  const blocks: Block[] = [];
  const titleLeading = st.title.size * 1.5;
  blocks.push({ ...placeAt(ts.set(heading, { ...st.title, size: st.title.size * 0.8 }, f.width, 'center'), f.x, f.top, titleLeading, t.palette.accent), role: 'heading' });
  const rowLeading = st.body.size * 2.1;
  const numberWidth = st.body.size * 3;
  let y = f.top + titleLeading + st.bodyLeading * 0.5;
  for (const entry of contents) {
    const point = model.points.find((p) => p.number === entry.point)!;
    const label: StyledSpan[] = [
      { text: `${formatNumber(point.number, model.lang, model.digits)}.`, style: { ...st.body, fonts: fonts.heading, color: t.palette.accent } },
      { text: ' ', style: st.body },
      { text: point.title, style: st.body },
    ];
    const row = ts.set(label, st.body, f.width - numberWidth, 'start');
    const page = ts.set(formatNumber(entry.page, model.lang, model.digits), st.body, f.width, 'end');
    // The title sits at the start side, the page number at the end side.
    const rowX = model.dir === 'rtl' ? f.x + numberWidth : f.x;
    blocks.push({ ...placeAt(row, rowX, y, rowLeading, t.palette.ink), role: 'toc', item: entry.point });
    blocks.push({ ...placeAt(page, f.x, y, rowLeading, t.palette.ink), role: 'toc', item: entry.point });
    y += row.lines.length * rowLeading;
  }
  return { width: W, height: H, background: t.palette.paper, role: 'contents', blocks };
}

function colophonPage(model: DocumentModel, fonts: TemplateFonts, ts: Typesetter, f: Frame, W: number, H: number, n: number): LaidOutPage {
  const t = model.theme;
  const st = styles(model, fonts);
  const L = labelsFor(model.lang);
  const small = { ...st.body, size: st.body.size * 0.9 };
  const leading = small.size * 1.8;
  const families = [...new Set([...fonts.body, ...fonts.heading].map((f) => f.family))];
  const entries: Array<[string, string]> = [
    [L.fonts, `${families.join('، ')} — ${L.licence}`],
    [L.built, formatDay(model.date, model.lang, model.digits)],
    [L.source, `${model.source.file.split('/').pop()} · SHA-256 ${model.source.sha256.slice(0, 16)}`],
  ];
  if (model.corrections) entries.push([L.corrections, formatNumber(model.corrections, model.lang, model.digits)]);
  const blocks: Block[] = [];
  let y = f.top + H * 0.35;
  blocks.push({ ...placeAt(ts.set(L.colophon, { ...st.heading, color: t.palette.accent }, f.width, 'center'), f.x, y, st.heading.size * 1.8, t.palette.accent), role: 'heading' });
  y += st.heading.size * 1.8 + 8;
  blocks.push(...imprintBlocks(model, fonts, ts, f.x, y, f.width, t.palette.ink, small.size, 'top'));
  y += imprintHeight(model, small.size) + 14;
  for (const [k, v] of entries) {
    const spans: StyledSpan[] = [
      { text: `${k}: `, style: { ...small, fonts: fonts.heading } },
      { text: v, style: small },
    ];
    const para = ts.set(spans, small, f.width, 'center');
    blocks.push({ ...placeAt(para, f.x, y, leading, t.palette.ink), role: 'p' });
    y += para.lines.length * leading + 4;
  }
  const made = ts.set(L.madeWith, { ...small, color: t.palette.muted }, f.width, 'center');
  blocks.push({ ...placeAt(made, f.x, y + 10, leading, t.palette.muted), role: 'p' });
  const foot = ts.set(formatNumber(n, model.lang, model.digits), { ...st.small, color: t.palette.ink }, f.width, 'center');
  blocks.push(placeAt(foot, f.x, H - t.page.margins.bottom + 18, st.small.size * 1.5, t.palette.ink));
  return { width: W, height: H, background: t.palette.paper, role: 'colophon', blocks };
}

function backCover(model: DocumentModel, fonts: TemplateFonts, ts: Typesetter, W: number, H: number): LaidOutPage {
  const t = model.theme;
  const inset = 36;
  const blocks: Block[] = [
    ...imprintBlocks(model, fonts, ts, inset, H / 2 - 20, W - 2 * inset, t.palette.coverInk, 9.5, 'top'),
    { kind: 'rect', x: inset, y: H - inset - 3, width: W - 2 * inset, height: 3, color: t.palette.coverInk },
  ];
  return { width: W, height: H, background: t.palette.cover, role: 'back-cover', blocks };
}
