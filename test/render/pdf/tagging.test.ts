/**
 * Tagger on pdfkit itself (no layout): a contents row is TOC › TOCI ›
 * Reference › Link, and more of a row after its link annotation (the row
 * going on on another page) gets a Link of its own instead of being added
 * to the ended one.
 */
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { PDFArray, PDFDict, PDFDocument as PdfLib, PDFName, PDFRef } from 'pdf-lib';
import { Tagger, type TaggingDoc } from '../../../src/render/pdf/tagging.js';
import type { TextBlock } from '../../../src/layout/types.js';

const row = (item: number, text: string): TextBlock =>
  ({ kind: 'text', role: 'toc', item, text, lines: [], color: '#000', rtl: true }) as unknown as TextBlock;

/** The slice of pdfkit (untyped here) this test drives, besides what Tagger uses. */
interface KitDoc extends TaggingDoc {
  text(s: string): unknown;
  addPage(): unknown;
  goTo(x: number, y: number, w: number, h: number, name: string, options: object): unknown;
  on(event: string, listener: (chunk: Buffer) => void): unknown;
  end(): void;
}
const PDFDocument = createRequire(import.meta.url)('pdfkit') as new (options: object) => KitDoc;

async function pdfOf(doc: KitDoc): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve) => doc.on('end', () => resolve()));
  doc.end();
  await done;
  return Buffer.concat(chunks);
}

/** Roles of the tree under `el`, as nested arrays ([role, ...children]); OBJRs as 'OBJR'. */
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

describe('Tagger: contents rows', () => {
  it('puts each row\'s Link in a Reference, and gives more of a row after its annotation a new Link', async () => {
    const doc = new PDFDocument({ tagged: true, autoFirstPage: true, compress: false });
    const tagger = new Tagger(doc, false);
    const annotate = (structParent: unknown) => doc.goTo(0, 0, 10, 10, 'x', { structParent });
    tagger.text(row(1, 'one'), () => doc.text('one'));
    tagger.link(1, annotate);
    doc.addPage();
    // The same row on the next page: before the mend this threw ("already-ended structure element").
    tagger.text(row(1, 'one, continued'), () => doc.text('one, continued'));
    tagger.link(1, annotate);
    tagger.text(row(2, 'two'), () => doc.text('two'));
    tagger.link(2, annotate);
    const pdf = await PdfLib.load(await pdfOf(doc));
    const root = pdf.catalog.lookup(PDFName.of('StructTreeRoot'), PDFDict);
    const [document] = (root.lookup(PDFName.of('K')) as PDFArray).asArray().map((r) => pdf.context.lookup(r, PDFDict));
    expect(roles(document)).toEqual([
      'Document',
      ['TOC', ['TOCI', ['Reference', ['Link', 'OBJR'], ['Link', 'OBJR']]], ['TOCI', ['Reference', ['Link', 'OBJR']]]],
    ]);
  });
});
