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
import type { Block, LaidOutPage } from '../../layout/types.js';
import { paintLine, type PdfKitDoc } from './glyphPainter.js';
import { colorOperator, RGB_MODE, type ColorMode } from './colorMode.js';

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
  roundedRect(x: number, y: number, w: number, h: number, r: number): PdfKitRoot;
  save(): PdfKitRoot;
  restore(): PdfKitRoot;
}

type PaintWithDoc = (painter: unknown, width: number, height: number, doc: PdfKitRoot) => null;

/**
 * Draws the blocks with the colour mode's operators. In RGB, boxes are
 * react-pdf Views (below); in CMYK they are drawn here, before the text, since
 * react-pdf only knows RGB colours.
 */
function paintBlocks(doc: PdfKitRoot, blocks: Block[], colors: ColorMode): void {
  const markFill = (hex: string) => colorOperator(colors.mark(hex));
  for (const b of blocks) {
    switch (b.kind) {
      case 'text':
        for (const l of b.lines) paintLine(doc, l.line, l.x, l.baseline, b.color, b.rtl, markFill);
        break;
      case 'rule':
        doc.save().addContent(colorOperator(colors.line(b.color, b.width), true));
        doc.lineWidth(b.width).moveTo(b.x1, b.y1).lineTo(b.x2, b.y2).stroke().restore();
        break;
      case 'qr': {
        const n = b.modules.length;
        const m = b.size / n;
        doc.save().addContent(markFill(b.color));
        b.modules.forEach((row, r) =>
          row.forEach((on, c) => {
            if (on) doc.rect(b.x + c * m, b.y + r * m, m, m);
          }),
        );
        doc.fill().restore();
        break;
      }
      case 'rect':
        if (colors.kind === 'rgb') break; // drawn as react-pdf Views, below
        doc.save().addContent(colorOperator(colors.area(b.color, b.width, b.height)));
        if (b.radius) doc.roundedRect(b.x, b.y, b.width, b.height, b.radius);
        else doc.rect(b.x, b.y, b.width, b.height);
        doc.fill().restore();
        break;
    }
  }
}

function PageView({ page, first, rtl, colors }: { page: LaidOutPage; first: boolean; rtl: boolean; colors: ColorMode }) {
  const paint: PaintWithDoc = (_painter, _w, _h, doc) => {
    if (first && rtl && doc._root.data.ViewerPreferences) {
      // Right-to-left documents bind on the right: viewers show spreads R2L.
      doc._root.data.ViewerPreferences.data.Direction = 'R2L';
    }
    if (colors.kind === 'cmyk') {
      const bg = colors.background(page.background);
      if (bg !== null) {
        doc.save().addContent(colorOperator(bg));
        doc.rect(0, 0, page.width, page.height).fill().restore();
      }
    }
    // Rects first, as the Views would be in RGB; in CMYK paintBlocks draws them in order.
    paintBlocks(doc, [...page.blocks.filter((b) => b.kind === 'rect'), ...page.blocks.filter((b) => b.kind !== 'rect')], colors);
    return null;
  };
  const rgb = colors.kind === 'rgb';
  return (
    <Page size={[page.width, page.height]} style={rgb ? { backgroundColor: page.background } : {}}>
      {page.blocks
        .filter((b) => rgb && b.kind === 'rect')
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

/** `colors`: RGB for the screen files (default), a CMYK mode for the press files (src/print/color.ts). */
export async function renderPages(pages: LaidOutPage[], meta: PdfMeta, colors: ColorMode = RGB_MODE): Promise<Uint8Array> {
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
        <PageView key={i} page={p} first={i === 0} rtl={meta.rtl} colors={colors} />
      ))}
    </Document>
  );
  const buf = await renderToBuffer(doc);
  return new Uint8Array(buf);
}
