/**
 * dropAnnotations on a small tagged file: the link annotations go from the
 * pages, their OBJRs from the tree (found through an indirect /K too), their
 * ParentTree entries from the ParentTree, and each Link becomes a Span.
 */
import { describe, expect, it } from 'vitest';
import { PDFArray, PDFDict, PDFDocument, PDFName, PDFNumber } from 'pdf-lib';
import { dropAnnotations } from '../../src/print/annotations.js';
import { Tagger } from '../../src/render/pdf/tagging.js';
import type { TextBlock } from '../../src/layout/types.js';
import { pdfOf, structRoles, taggedKitDoc } from '../support/pdfkitDoc.js';

describe('dropAnnotations', () => {
  it('takes the links out of the pages, the tree (indirect /K too) and the ParentTree, leaving TOCI › Reference › Span', async () => {
    const doc = taggedKitDoc();
    const tagger = new Tagger(doc, false);
    for (const item of [1, 2]) {
      tagger.text({ kind: 'text', role: 'toc', item, text: `row ${item}`, lines: [], color: '#000', rtl: true } as unknown as TextBlock, () => doc.text(`row ${item}`));
      tagger.link(item, (structParent) => doc.goTo(0, 0, 10, 10, 'x', { structParent }));
    }
    const pdf = await PDFDocument.load(await pdfOf(doc));
    // Every element's /K made an indirect object, as another writer may leave it.
    const ctx = pdf.context;
    for (const [, obj] of ctx.enumerateIndirectObjects()) {
      if (!(obj instanceof PDFDict) || !obj.has(PDFName.of('S'))) continue;
      const k = obj.get(PDFName.of('K'));
      if (k instanceof PDFArray) obj.set(PDFName.of('K'), ctx.register(k));
    }
    expect(structRoles(pdf)).toEqual(['Document', ['TOC', ['TOCI', ['Reference', ['Link', 'OBJR']]], ['TOCI', ['Reference', ['Link', 'OBJR']]]]]);
    dropAnnotations(pdf);
    expect(structRoles(pdf)).toEqual(['Document', ['TOC', ['TOCI', ['Reference', ['Span']]], ['TOCI', ['Reference', ['Span']]]]]);
    const page = pdf.getPage(0).node;
    expect(page.has(PDFName.of('Annots'))).toBe(false);
    const nums = pdf.catalog.lookup(PDFName.of('StructTreeRoot'), PDFDict).lookup(PDFName.of('ParentTree'), PDFDict).lookup(PDFName.of('Nums'), PDFArray);
    const keys = nums.asArray().filter((_, i) => i % 2 === 0).map((n) => (n as PDFNumber).asNumber());
    expect(keys).toEqual([page.lookup(PDFName.of('StructParents'), PDFNumber).asNumber()]);
  });
});
