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

/** The fill colour operators in force for each text object (BT … ET), in order. */
export function textFills(content: string): string[] {
  const fills: string[] = [];
  let current = '0 g'; // the PDF default
  const re = /BT\b|ET\b|(?:-?[\d.]+\s+)+(?:rg|k|g|sc|scn)(?=\s)|Tj\b|TJ\b/g;
  let inText = false;
  for (const m of content.matchAll(re)) {
    const t = m[0];
    if (t === 'BT') inText = true;
    else if (t === 'ET') inText = false;
    else if (t === 'Tj' || t === 'TJ') {
      if (inText) fills.push(current);
    } else current = t.replace(/\s+/g, ' ');
  }
  return fills;
}
