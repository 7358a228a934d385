/** @jsxRuntime automatic */
/** @jsxImportSource react */
/**
 * The PDF exporter: laid-out pages → PDF bytes, through react-pdf.
 *
 * react-pdf gives us the document, pages, boxes and the pdfkit writer. All text
 * is drawn by our glyph painter inside one Canvas per page, so react-pdf's own
 * text pipeline (textkit) is never used and no unembedded standard font can
 * slip in.
 */
import React from 'react';
import { Canvas, Document, Page, renderToBuffer } from '@react-pdf/renderer';
import type { DotsBlock, LaidOutPage, OutlineEntry, PageLink, TextBlock } from '../../layout/types.js';
import type { ComposedLine } from '../../text/compose.js';
import { RTL_LETTER } from '../../text/itemize.js';
import type { PdfKitDoc } from './glyphPainter.js';
import type { MutoolPen } from './mutoolOrder.js';
import { paintLineRemembered } from './rememberedLines.js';
import { popplerBalance, popplerPageBalance } from './popplerOrder.js';
import { rememberedDeflate } from './rememberedDeflate.js';
import { subsetTag, type SubsetContents } from './subsetTag.js';
import { Tagger, type StructElement, type TaggingDoc } from './tagging.js';
import { num, rgbOperator } from './glyphPainter.js';
import { SlotRecorder, textPlaceholder, type ColorUse, type ContentDoc, type TwinPage } from './twin.js';

export interface PdfMeta {
  title: string;
  lang: string;
  rtl: boolean;
  /** Creation date, from SOURCE_DATE_EPOCH or the source; never the clock. */
  date: Date;
  author?: string;
  subject?: string;
}

/** The slice of pdfkit this module reaches into besides the painter's. */
interface PdfKitRoot extends PdfKitDoc, TaggingDoc, ContentDoc {
  page: PdfKitDoc['page'] & ContentDoc['page'];
  addContent(data: string): PdfKitRoot;
  _root: { data: { ViewerPreferences?: { data: Record<string, unknown> } } };
  rect(x: number, y: number, w: number, h: number): PdfKitRoot;
  moveTo(x: number, y: number): PdfKitRoot;
  lineTo(x: number, y: number): PdfKitRoot;
  lineWidth(w: number): PdfKitRoot;
  strokeColor(c: string): PdfKitRoot;
  stroke(): PdfKitRoot;
  fill(color?: string): PdfKitRoot;
  fillColor(c: string): PdfKitRoot;
  roundedRect(x: number, y: number, w: number, h: number, r: number): PdfKitRoot;
  lineCap(c: 'round'): PdfKitRoot;
  save(): PdfKitRoot;
  restore(): PdfKitRoot;
  goTo(x: number, y: number, w: number, h: number, name: string, options?: { structParent?: StructElement; Contents?: string | String }): PdfKitRoot;
  addNamedDestination(name: string, ...args: Array<string | number | null>): void;
  outline: OutlineItem;
  /** How pdfkit deflates the document's streams (patches/pdfkit+*.patch); zlib's deflateSync when unset. */
  deflateStream?: (data: Uint8Array) => Uint8Array;
  /** The tag before each font subset's name (patches/pdfkit+*.patch); pdfkit's, from the font's resource number, when unset. */
  subsetTag?: (subset: SubsetContents) => string;
}

interface OutlineItem {
  addItem(title: string, options?: { top?: number; left?: number; expanded?: boolean }): OutlineItem;
}

/** The named destination of page `index` (0-based) in one output, or of a place `top` pt down it (an outline entry's: its heading). */
const pageDestination = (index: number, top?: number) => (top ? `page-${index + 1}-at-${top.toFixed(2)}` : `page-${index + 1}`);

/** The last top-level outline item per document, the parent of level-1 entries. */
const outlineParents = new WeakMap<object, OutlineItem>();

/**
 * Bookmarks from the laid-out pages (templates decide them; this only writes
 * them): each page is a named destination, each outline entry an item
 * pointing at its place on the page.
 */
function paintNavigation(doc: PdfKitRoot, page: LaidOutPage, index: number): void {
  doc.addNamedDestination(pageDestination(index), 'XYZ', null, 0, null);
  for (const e of page.outline ?? ([] as OutlineEntry[])) {
    // Its place as a named destination too, for a link to it (a contents row: PageLink.toTop); pdfkit measures `top` from the page's top.
    if (e.top) doc.addNamedDestination(pageDestination(index, e.top), 'XYZ', null, e.top, null);
    // pdfkit measures `left` from the right edge: the page width puts the view at its left edge.
    const options = { top: e.top, left: page.width, expanded: true };
    const parent = e.level === 1 ? outlineParents.get(doc) : undefined;
    const item = (parent ?? doc.outline).addItem(e.title, options);
    if (e.level === 0) outlineParents.set(doc, item);
  }
}

/**
 * The page's links, after its text: each a GoTo to a page's destination, with
 * its description as /Contents, tagged as a Link structure element (its
 * contents entry's, tagging.ts), so that the tab order (/Tabs /S) and a
 * screen reader meet it with its text.
 */
function paintLinks(doc: PdfKitRoot, page: LaidOutPage, tagger: Tagger): void {
  for (const l of page.links ?? ([] as PageLink[]))
    tagger.link(l.item, (structParent) => doc.goTo(l.x, l.y, l.width, l.height, pageDestination(l.toPage, l.toTop), { structParent, Contents: new String(l.description) }));
}

type PaintWithDoc = (painter: unknown, width: number, height: number, doc: PdfKitRoot) => null;

const taggers = new WeakMap<object, Tagger>();

/** A line drawn as its glyphs' outlines only (no text, no spaces, no hidden text): lineContent draws a line whose glyphs all lack text as paths and nothing else (no bidi marks). */
function pictureOnly(line: ComposedLine): ComposedLine {
  return { ...line, glyphs: line.glyphs.filter((g) => !g.space && !g.hidden).map((g) => ({ ...g, text: '' })) };
}

/**
 * Whether mutool 1.21 reads right to left at this point of the page's
 * content (as the last line drawn left it; left to right at a page's
 * start), and where the last part drawn of a line drawn in parts left its
 * reading (`after`, with the line it belongs to).
 */
interface MutoolState {
  rtl: boolean;
  after?: { line: TextBlock['lines'][number]; pen: MutoolPen };
}

/** One line's glyphs whose text offset lies in [from, to): a heading's label or the rest. */
function paintText(doc: PdfKitRoot, b: TextBlock, slots: SlotRecorder | undefined, budgets: PopplerBudgets, mutool: MutoolState, from = 0, to = Infinity): void {
  // Asked at every glyph: each colour's operator made once per block.
  const fills = new Map<string, string>();
  const fill = slots
    ? textPlaceholder
    : (hex: string) => {
        let op = fills.get(hex);
        if (op === undefined) fills.set(hex, (op = rgbOperator(hex)));
        return op;
      };
  // Where a press twin may turn overprint on (and, below, off) around the block.
  slots?.overprint(doc, b.color, false);
  // Whether PDFium's order applies is the block's, not the line's: asked once.
  // A block with right-to-left letters gets its lines ordered for PDFium (glyphPainter, pdfiumOrder.ts).
  const pdfiumOrder = b.rtl && RTL_LETTER.test(b.text);
  const target = slots ? slots.writer(doc) : doc;
  for (const l of b.lines) {
    const part = from === 0 && to === Infinity ? l.line : { ...l.line, glyphs: l.line.glyphs.filter((g) => g.offset >= from && g.offset < to) };
    const line = b.pictureOnly ? pictureOnly(part) : part;
    // A heading's title goes on from where its label left mutool's pen (the same line, drawn in two parts).
    const start = mutool.after?.line === l ? mutool.after.pen : mutool.rtl;
    // A heading's label is planned for poppler with its title after it (poppler reads them as one line);
    // only a right-to-left line is planned for poppler, and `follows` is part of the remembered line's key.
    const follows = !b.rtl || to === Infinity ? [] : l.line.glyphs.filter((g) => g.offset >= to && (g.space || g.text !== '')).map((g) => ({ x: g.x, advance: g.advance, text: g.space ? '' : g.text }));
    const after = paintLineRemembered(target, line, { x: l.x, y: l.baseline, color: b.color, rtl: b.rtl, fill, pdfiumOrder, rlmsForPoppler: spendBudget(budgets, l, part), mutool: b.rtl && start, follows, ...(b.rtl && budgets.leftToRight ? { popplerLeftToRight: true } : {}) });
    // mutool reads on from where this line leaves it (the line's own reading of it; a line without text leaves it as it was).
    if (after !== undefined) {
      mutool.rtl = after.dir < 0;
      mutool.after = { line: l, pen: after };
    }
  }
  slots?.overprint(doc, b.color, true);
}

/**
 * Each line's share of the RLMs poppler needs to read its page right to left
 * (`popplerPageBalance`), and whether poppler reads the page left to right
 * all the same (`PopplerPageDirection.leftToRight`: its right-to-left lines then need
 * `lineContent`'s `popplerLeftToRight`).
 */
type PopplerBudgets = Map<TextBlock['lines'][number], number> & { leftToRight?: boolean };

/**
 * The RLMs the part of line `l` drawn now draws for poppler's page direction
 * (the painter draws as many as it is given): as many as it asks for
 * (`popplerBalance`) out of what is left of the line's share, which they use up. A heading
 * drawn in two parts (its label, then the rest) shares its line's RLMs
 * instead of giving each part all of them.
 */
function spendBudget(budgets: PopplerBudgets, l: TextBlock['lines'][number], part: ComposedLine): number {
  const left = budgets.get(l) ?? 0;
  const n = left && Math.min(left, popplerBalance(part.glyphs.map((g) => g.text)));
  budgets.set(l, left - n);
  return n;
}

function popplerBudgets(page: LaidOutPage): PopplerBudgets {
  // What poppler reads of the page: every text block's lines but those drawn as a picture only.
  const lines = page.blocks.flatMap((b) => (b.kind === 'text' && !b.pictureOnly ? b.lines.map((l) => ({ l, rtl: b.rtl })) : []));
  const counted = lines.map(({ l, rtl }) => ({ texts: l.line.glyphs.map((g) => g.text), rtl }));
  const { shares, leftToRight } = popplerPageBalance(counted);
  const budgets: PopplerBudgets = new Map(lines.map(({ l }, i) => [l, shares[i]]));
  if (leftToRight) budgets.leftToRight = true;
  return budgets;
}

/** Sets the fill or stroke colour (RGB, through pdfkit); a twin drawing records where it went and what for (twin.ts). */
function useColor(doc: PdfKitRoot, slots: SlotRecorder | undefined, use: ColorUse, stroke = false): void {
  const set = () => (stroke ? doc.strokeColor(use.hex) : doc.fillColor(use.hex));
  if (slots) slots.color(doc, use, stroke, set);
  else set();
}

/**
 * Draws the page in RGB: the screen files, and twin drawings (`slots`
 * records where the colours went, twin.ts, for the press files' CMYK).
 */
function paintBlocks(doc: PdfKitRoot, page: LaidOutPage, tagger: Tagger, slots?: SlotRecorder): void {
  // The page background, drawn here rather than by react-pdf so that it can be an artifact (a press twin may leave it out).
  const drawBackground = () =>
    tagger.artifact('Background', () => {
      doc.save();
      useColor(doc, slots, { use: 'background', hex: page.background });
      doc.rect(0, 0, page.width, page.height).fill().restore();
    });
  if (slots) slots.background(doc, page.background, drawBackground);
  else drawBackground();
  const budgets = popplerBudgets(page);
  const mutool: MutoolState = { rtl: false };
  for (const b of page.blocks) {
    switch (b.kind) {
      case 'text':
        tagger.text(b, (from, to) => paintText(doc, b, slots, budgets, mutool, from, to));
        break;
      case 'rule':
        tagger.artifact('Layout', () => {
          doc.save();
          useColor(doc, slots, { use: 'line', hex: b.color, width: b.width }, true);
          doc.lineWidth(b.width).moveTo(b.x1, b.y1).lineTo(b.x2, b.y2).stroke().restore();
        });
        break;
      case 'rect':
        tagger.artifact('Layout', () => {
          doc.save();
          useColor(doc, slots, { use: 'area', hex: b.color, width: b.width, height: b.height });
          if (b.radius) doc.roundedRect(b.x, b.y, b.width, b.height, b.radius);
          else doc.rect(b.x, b.y, b.width, b.height);
          doc.fill().restore();
        });
        break;
      case 'dots':
        tagger.artifact('Layout', () => paintDots(doc, b, slots));
        break;
      case 'qr': {
        const n = b.modules.length;
        const m = b.size / n;
        const draw = () => {
          doc.save();
          useColor(doc, slots, { use: 'mark', hex: b.color });
          b.modules.forEach((row, r) =>
            row.forEach((on, c) => {
              if (on) doc.rect(b.x + c * m, b.y + r * m, m, m);
            }),
          );
          doc.fill().restore();
        };
        if (b.alt) tagger.figure(`QR: ${b.alt}`, draw);
        else tagger.artifact('Layout', draw);
        break;
      }
    }
  }
}

/**
 * Leaders: one stroked line through the dots' centres, dashed with dashes of
 * no length at the pitch and round caps, each a dot the line's width across
 * (ISO 32000-1 8.4.3.6); a path, never text (no reader reads it), in the
 * text's colour use (press black alone). It ends half a pitch past the last
 * centre, so that rounding never loses the last dot. A circle per dot, as
 * curves, made the booklets 20 % larger.
 */
function paintDots(doc: PdfKitRoot, b: DotsBlock, slots?: SlotRecorder): void {
  doc.save();
  useColor(doc, slots, { use: 'mark', hex: b.color }, true);
  doc.lineWidth(2 * b.radius).lineCap('round');
  doc.addContent(`[0 ${num(b.pitch)}] 0 d`);
  doc.moveTo(b.x, b.y).lineTo(b.x + (b.count - 0.5) * b.pitch, b.y).stroke().restore();
}

function PageView({ page, index, rtl, hasOutline, slots, tag }: { page: LaidOutPage; index: number; rtl: boolean; hasOutline: boolean; slots?: SlotRecorder; tag: (subset: SubsetContents) => string }) {
  const paint: PaintWithDoc = (_painter, _w, _h, doc) => {
    // Set before any page ends: a page's content stream is deflated then, the fonts at the end.
    doc.deflateStream ??= rememberedDeflate;
    doc.subsetTag ??= tag;
    paintNavigation(doc, page, index);
    if (index === 0 && rtl && doc._root.data.ViewerPreferences) {
      // Right-to-left documents bind on the right: viewers show spreads R2L.
      doc._root.data.ViewerPreferences.data.Direction = 'R2L';
    }
    let tagger = taggers.get(doc);
    if (!tagger) taggers.set(doc, (tagger = new Tagger(doc, !hasOutline)));
    slots?.page(index, page.background);
    paintBlocks(doc, page, tagger, slots);
    paintLinks(doc, page, tagger);
    return null;
  };
  // Everything, backgrounds and boxes included, is drawn by paint(), so that
  // every mark on the page is either tagged content or an artifact.
  return (
    <Page size={[page.width, page.height]}>
      <Canvas
        fixed
        style={{ position: 'absolute', left: 0, top: 0, width: page.width, height: page.height }}
        paint={paint as unknown as React.ComponentProps<typeof Canvas>['paint']}
      />
    </Page>
  );
}

/** The pages drawn in RGB (the screen files). */
export async function renderPages(pages: LaidOutPage[], meta: PdfMeta): Promise<Uint8Array> {
  return (await drawPages(pages, meta)).bytes;
}

/**
 * The pages drawn in RGB, with the tags of the font subsets the file embeds
 * (`subsetTag`, as pdfkit asked for them), sorted; with `slots`, a record of
 * where the colours went, for a press twin (`renderTwin`).
 */
async function drawPages(pages: LaidOutPage[], meta: PdfMeta, slots?: SlotRecorder): Promise<{ bytes: Uint8Array; subsets: string[] }> {
  const tags = new Set<string>();
  const tag = (subset: SubsetContents) => {
    const t = subsetTag(subset);
    tags.add(t);
    return t;
  };
  // The template's outline (title, sections, points) replaces the one made from headings.
  const hasOutline = pages.some((p) => (p.outline?.length ?? 0) > 0);
  // PDF/UA-1: pdfkit writes its identifier into the XMP metadata (with
  // dc:title) and makes the file PDF 1.7; the structure tree is built while
  // painting (tagging.ts).
  const ua = { conformance: 'PDF/UA' } as Record<string, string>;
  const doc = (
    <Document
      {...ua}
      title={meta.title}
      language={meta.lang}
      author={meta.author}
      subject={meta.subject}
      creator="warraq"
      producer="warraq (react-pdf)"
      creationDate={meta.date}
    >
      {pages.map((p, i) => (
        <PageView key={i} page={p} index={i} rtl={meta.rtl} hasOutline={hasOutline} slots={slots} tag={tag} />
      ))}
    </Document>
  );
  const buf = await renderToBuffer(doc);
  return { bytes: new Uint8Array(buf), subsets: [...tags].sort() };
}

/** A drawing in RGB and where its colours went: its twin in another colour mode is written from it (twin.ts, src/print/pressFiles.ts). */
export interface TwinDrawing {
  /** The RGB file: the bytes renderPages draws. */
  bytes: Uint8Array;
  pages: TwinPage[];
}

/** A drawing as renderTwin makes it (not as the press job reads one back from the cache: src/jobs/kinds/press.ts). */
export interface FreshDrawing extends TwinDrawing {
  /**
   * The tags of the font subsets the file embeds (`subsetTag`: a digest of each), sorted: a page's
   * picture depends on one only where the tag makes mupdf hint the glyphs (src/jobs/pageThumbs.ts `HINTED_TAG`).
   */
  subsets: string[];
}

/** The pages drawn once in RGB, with the record of their colours. */
export async function renderTwin(pages: LaidOutPage[], meta: PdfMeta): Promise<FreshDrawing> {
  const slots = new SlotRecorder();
  const { bytes, subsets } = await drawPages(pages, meta, slots);
  const twin = pages.map((_, i) => {
    const page = slots.pages[i];
    if (!page) throw new Error(`renderTwin: page ${i + 1} of ${pages.length} was drawn without a record of its colours`);
    return page;
  });
  return { bytes, pages: twin, subsets };
}
