/**
 * pdfkit itself (the library react-pdf draws with), for tests that build a
 * small tagged PDF without layout: the slice of its API they use, typed here.
 */
import { createRequire } from 'node:module';
import { PDFArray, PDFDict, PDFName, PDFRef, type PDFDocument as PdfLibDocument } from 'pdf-lib';
import type { TaggingDoc } from '../../src/render/pdf/tagging.js';

export interface KitDoc extends TaggingDoc {
  text(s: string): unknown;
  addPage(): unknown;
  goTo(x: number, y: number, w: number, h: number, name: string, options: object): unknown;
  on(event: string, listener: (chunk: Buffer) => void): unknown;
  end(): void;
}

const PdfKitDocument = createRequire(import.meta.url)('pdfkit') as new (options: object) => KitDoc;

/** A tagged pdfkit document, uncompressed. */
export const taggedKitDoc = (): KitDoc => new PdfKitDocument({ tagged: true, autoFirstPage: true, compress: false });

/** The document ended and its bytes. */
export async function pdfOf(doc: KitDoc): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  doc.on('data', (c) => chunks.push(c));
  const done = new Promise<void>((resolve) => doc.on('end', () => resolve()));
  doc.end();
  await done;
  return Buffer.concat(chunks);
}

/** The structure tree's Document element as nested arrays ([role, ...children]), OBJRs as 'OBJR'. */
export function structRoles(pdf: PdfLibDocument): unknown[] {
  const root = pdf.catalog.lookup(PDFName.of('StructTreeRoot'), PDFDict);
  const k = root.lookup(PDFName.of('K'));
  return roles(k instanceof PDFArray ? pdf.context.lookup(k.get(0), PDFDict) : (k as PDFDict));
}

function roles(el: PDFDict): unknown[] {
  const k = el.lookup(PDFName.of('K'));
  const kids = k instanceof PDFArray ? k.asArray() : k === undefined ? [] : [k];
  const out: unknown[] = [String(el.get(PDFName.of('S'))).slice(1)];
  for (const kid of kids) {
    const d = kid instanceof PDFRef ? el.context.lookup(kid) : kid;
    if (!(d instanceof PDFDict)) continue;
    if (d.get(PDFName.of('Type')) === PDFName.of('OBJR')) out.push('OBJR');
    else if (d.has(PDFName.of('S'))) out.push(roles(d));
  }
  return out;
}
