/** Synthetic A5 PDFs for print tests: page i carries a big "P<i>" label. */
import { PDFDocument, StandardFonts, rgb } from 'pdf-lib';
import * as mupdf from 'mupdf';

export const A5 = { width: 419.53, height: 595.28 } as const;

export async function syntheticBooklet(n: number, opts: { frame?: boolean } = {}): Promise<Uint8Array> {
  const doc = await PDFDocument.create({ updateMetadata: false });
  doc.setTitle('synthetic');
  const font = await doc.embedFont(StandardFonts.Helvetica);
  for (let i = 0; i < n; i++) {
    const page = doc.addPage([A5.width, A5.height]);
    const label = `P${i}`;
    const size = 96;
    const w = font.widthOfTextAtSize(label, size);
    if (opts.frame) {
      page.drawRectangle({
        x: 10, y: 10, width: A5.width - 20, height: A5.height - 20,
        borderColor: rgb(0.2, 0.2, 0.6), borderWidth: 2,
      });
      // A mark near the spine-independent top-left corner, to see orientation.
      page.drawText('top-left', { x: 20, y: A5.height - 40, size: 14, font });
    }
    page.drawText(label, { x: (A5.width - w) / 2, y: A5.height / 2 - size / 3, size, font });
  }
  return doc.save();
}

export interface Label {
  text: string;
  /** Centre x, in mupdf's top-left page coordinates (pt). */
  cx: number;
  cy: number;
}

/** All "P<digits>" words per page with their centres, read back with mupdf. */
export function labelsByPage(pdf: Uint8Array): Label[][] {
  const doc = mupdf.Document.openDocument(pdf, 'application/pdf');
  const pages: Label[][] = [];
  for (let i = 0; i < doc.countPages(); i++) {
    const page = doc.loadPage(i);
    const json = JSON.parse(page.toStructuredText('preserve-whitespace').asJSON()) as {
      blocks: Array<{ type: string; lines?: Array<{ text: string; bbox: { x: number; y: number; w: number; h: number } }> }>;
    };
    const labels: Label[] = [];
    for (const b of json.blocks) {
      for (const line of b.lines ?? []) {
        const t = line.text.trim();
        if (/^P\d+$/.test(t)) {
          labels.push({ text: t, cx: line.bbox.x + line.bbox.w / 2, cy: line.bbox.y + line.bbox.h / 2 });
        }
      }
    }
    pages.push(labels);
  }
  return pages;
}

export function pageText(pdf: Uint8Array): string[] {
  const doc = mupdf.Document.openDocument(pdf, 'application/pdf');
  const out: string[] = [];
  for (let i = 0; i < doc.countPages(); i++) {
    out.push(doc.loadPage(i).toStructuredText('preserve-whitespace').asText());
  }
  return out;
}
