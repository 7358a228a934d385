/**
 * The PDF exporter: laid-out pages → PDF bytes, through react-pdf.
 *
 * react-pdf gives us the document, pages, boxes and the pdfkit writer. All text
 * is drawn by our glyph painter inside one Canvas per page, so react-pdf's own
 * text pipeline (textkit) is never used and no unembedded standard font can
 * slip in.
 */
import React from 'react';
import { Canvas, Document, Page, View, renderToBuffer } from '@react-pdf/renderer';
import type { Block, LaidOutPage, OutlineEntry, PageLink } from '../../layout/types.js';
import { paintLine, type PdfKitDoc } from './glyphPainter.js';

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
interface PdfKitRoot extends PdfKitDoc {
  _root: { data: { ViewerPreferences?: { data: Record<string, unknown> } } };
  rect(x: number, y: number, w: number, h: number): PdfKitRoot;
  moveTo(x: number, y: number): PdfKitRoot;
  lineTo(x: number, y: number): PdfKitRoot;
  lineWidth(w: number): PdfKitRoot;
  strokeColor(c: string): PdfKitRoot;
  stroke(): PdfKitRoot;
  fill(color?: string): PdfKitRoot;
  save(): PdfKitRoot;
  restore(): PdfKitRoot;
  goTo(x: number, y: number, w: number, h: number, name: string): PdfKitRoot;
  addNamedDestination(name: string, ...args: Array<string | number | null>): void;
  outline: OutlineItem;
}

interface OutlineItem {
  addItem(title: string, options?: { top?: number; left?: number; expanded?: boolean }): OutlineItem;
}

/** The named destination of page `index` (0-based) in one output. */
const pageDestination = (index: number) => `page-${index + 1}`;

/** The last top-level outline item per document, the parent of level-1 entries. */
const outlineParents = new WeakMap<object, OutlineItem>();

/**
 * Links and bookmarks from the laid-out pages (templates decide them; this
 * only writes them): each page is a named destination, each link a GoTo to
 * one, each outline entry an item pointing at its place on the page.
 */
function paintNavigation(doc: PdfKitRoot, page: LaidOutPage, index: number): void {
  doc.addNamedDestination(pageDestination(index), 'XYZ', null, 0, null);
  for (const l of page.links ?? ([] as PageLink[])) doc.goTo(l.x, l.y, l.width, l.height, pageDestination(l.toPage));
  for (const e of page.outline ?? ([] as OutlineEntry[])) {
    // pdfkit measures `left` from the right edge: the page width puts the view at its left edge.
    const options = { top: e.top, left: page.width, expanded: true };
    const parent = e.level === 1 ? outlineParents.get(doc) : undefined;
    const item = (parent ?? doc.outline).addItem(e.title, options);
    if (e.level === 0) outlineParents.set(doc, item);
  }
}

type PaintWithDoc = (painter: unknown, width: number, height: number, doc: PdfKitRoot) => null;

function paintBlocks(doc: PdfKitRoot, blocks: Block[]): void {
  for (const b of blocks) {
    switch (b.kind) {
      case 'text':
        for (const l of b.lines) paintLine(doc, l.line, l.x, l.baseline, b.color, b.rtl);
        break;
      case 'rule':
        doc.save().lineWidth(b.width).strokeColor(b.color).moveTo(b.x1, b.y1).lineTo(b.x2, b.y2).stroke().restore();
        break;
      case 'qr': {
        const n = b.modules.length;
        const m = b.size / n;
        doc.save();
        b.modules.forEach((row, r) =>
          row.forEach((on, c) => {
            if (on) doc.rect(b.x + c * m, b.y + r * m, m, m);
          }),
        );
        doc.fill(b.color).restore();
        break;
      }
      case 'rect':
        break; // drawn as react-pdf Views, below
    }
  }
}

function PageView({ page, index, rtl }: { page: LaidOutPage; index: number; rtl: boolean }) {
  const first = index === 0;
  const paint: PaintWithDoc = (_painter, _w, _h, doc) => {
    paintNavigation(doc, page, index);
    if (first && rtl && doc._root.data.ViewerPreferences) {
      // Right-to-left documents bind on the right: viewers show spreads R2L.
      doc._root.data.ViewerPreferences.data.Direction = 'R2L';
    }
    paintBlocks(doc, page.blocks);
    return null;
  };
  return (
    <Page size={[page.width, page.height]} style={{ backgroundColor: page.background }}>
      {page.blocks
        .filter((b) => b.kind === 'rect')
        .map((b, i) =>
          b.kind === 'rect' ? (
            <View
              key={i}
              style={{ position: 'absolute', left: b.x, top: b.y, width: b.width, height: b.height, backgroundColor: b.color, borderRadius: b.radius ?? 0 }}
            />
          ) : null,
        )}
      <Canvas
        fixed
        style={{ position: 'absolute', left: 0, top: 0, width: page.width, height: page.height }}
        paint={paint as unknown as React.ComponentProps<typeof Canvas>['paint']}
      />
    </Page>
  );
}

export async function renderPages(pages: LaidOutPage[], meta: PdfMeta): Promise<Uint8Array> {
  const doc = (
    <Document
      title={meta.title}
      language={meta.lang}
      author={meta.author}
      subject={meta.subject}
      creator="warraq"
      producer="warraq (react-pdf)"
      creationDate={meta.date}
    >
      {pages.map((p, i) => (
        <PageView key={i} page={p} index={i} rtl={meta.rtl} />
      ))}
    </Document>
  );
  const buf = await renderToBuffer(doc);
  return new Uint8Array(buf);
}
