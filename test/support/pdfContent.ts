/**
 * The content streams of each page of a PDF, decoded, with those of the form
 * XObjects it draws (the print files place pages as forms), and the colour
 * operators in them: what tests check the press files' colours with.
 */
import * as mupdf from 'mupdf';

/** Per page: the page's content and its forms' content, decoded (latin1). */
export function pageContents(pdf: Uint8Array): string[] {
  const doc = mupdf.Document.openDocument(pdf, 'application/pdf').asPDF()!;
  const out: string[] = [];
  for (let i = 0; i < doc.countPages(); i++) {
    const page = (doc.loadPage(i) as mupdf.PDFPage).getObject();
    const parts: string[] = [];
    const seen = new Set<number>();
    const read = (s: mupdf.PDFObject) => {
      if (s.isIndirect()) {
        if (seen.has(s.asIndirect())) return;
        seen.add(s.asIndirect());
      }
      parts.push(Buffer.from(s.readStream().asUint8Array()).toString('latin1'));
    };
    const contents = page.get('Contents');
    if (contents.isArray()) contents.forEach((s) => read(s));
    else if (!contents.isNull()) read(contents);
    const forms = (resources: mupdf.PDFObject) =>
      resources.get('XObject').forEach((x) => {
        if (x.get('Subtype').asName() !== 'Form' || (x.isIndirect() && seen.has(x.asIndirect()))) return;
        read(x);
        forms(x.get('Resources'));
      });
    forms(page.getInheritable('Resources'));
    out.push(parts.join('\n'));
  }
  return out;
}

/** Colour operators with their operands, e.g. '0 0 0 1 k', '/DeviceRGB cs'. */
export function colorOperators(content: string): string[] {
  const re = /(?:(?:-?[\d.]+\s+)+(?:rg|RG|k|K|g|G|sc|SC|scn|SCN)|\/[A-Za-z0-9]+\s+(?:cs|CS))(?=\s|$)/g;
  return content.match(re)?.map((m) => m.replace(/\s+/g, ' ')) ?? [];
}

/** How one text-showing operator (Tj, TJ, ', ") paints: its rendering mode's paint and the colour in force. */
export interface TextPaint {
  paint: 'fill' | 'stroke' | 'clip' | 'invisible';
  /** The colour space's name ('DeviceCMYK', 'DeviceRGB', an ICC profile's), '' for clip and invisible text. */
  space: string;
  /** The colour's components, in 0…1 (rounded to 4 places). */
  color: number[];
}

/**
 * Per page, how every text-showing operator of its content streams paints,
 * forms included: mupdf interprets the streams (graphics state, q/Q, colour
 * spaces, forms, rendering modes) and reports each shown text with the fill
 * or stroke colour in force. Invisible text (rendering mode 3) paints nothing.
 */
export function textPaints(pdf: Uint8Array): TextPaint[][] {
  const doc = mupdf.Document.openDocument(pdf, 'application/pdf');
  const round = (c: number[]) => c.map((v) => Math.round(v * 10000) / 10000);
  const out: TextPaint[][] = [];
  for (let i = 0; i < doc.countPages(); i++) {
    const paints: TextPaint[] = [];
    const device = new mupdf.Device({
      fillText: (_t, _m, cs, color) => paints.push({ paint: 'fill', space: cs.getName(), color: round(color) }),
      strokeText: (_t, _s, _m, cs, color) => paints.push({ paint: 'stroke', space: cs.getName(), color: round(color) }),
      clipText: () => paints.push({ paint: 'clip', space: '', color: [] }),
      clipStrokeText: () => paints.push({ paint: 'clip', space: '', color: [] }),
      ignoreText: () => paints.push({ paint: 'invisible', space: '', color: [] }),
    });
    doc.loadPage(i).run(device, mupdf.Matrix.identity);
    device.close();
    out.push(paints);
  }
  return out;
}
