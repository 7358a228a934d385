import { writeFileSync } from 'node:fs';
import { PDFDocument, StandardFonts, cmyk, rgb } from 'pdf-lib';
async function pdf(n: number, draw?: (page: any, doc: PDFDocument) => Promise<void> | void, at = 0) {
  const doc = await PDFDocument.create({ updateMetadata: false });
  for (let i = 0; i < n; i++) {
    const page = doc.addPage([419.53, 595.28]);
    page.setTrimBox(0, 0, 419.53, 595.28); page.setBleedBox(0, 0, 419.53, 595.28);
    page.drawRectangle({ x: 50, y: 50, width: 100, height: 20, color: cmyk(0, 0, 0, 1) });
    if (i === at && draw) await draw(page, doc);
  }
  return doc.save();
}
writeFileSync('.scratch/rgb-text.pdf', await pdf(4, async (page, doc) => { const font = await doc.embedFont(StandardFonts.Helvetica); page.drawText('RGB words', { x: 60, y: 300, size: 12, font, color: rgb(0.1, 0.1, 0.1) }); }, 1));
writeFileSync('.scratch/ink-360.pdf', await pdf(4, (page) => page.drawRectangle({ x: 60, y: 200, width: 200, height: 200, color: cmyk(0.9, 0.9, 0.9, 0.9) }), 2));
writeFileSync('.scratch/nine-pages.pdf', await pdf(9));
