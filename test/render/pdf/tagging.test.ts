/**
 * Tagger on pdfkit itself (no layout): a contents row is TOC › TOCI ›
 * Reference › Link, and more of a row after its link annotation (the row
 * going on on another page) gets a Link of its own instead of being added
 * to the ended one.
 */
import { describe, expect, it } from 'vitest';
import { PDFDocument } from 'pdf-lib';
import { Tagger } from '../../../src/render/pdf/tagging.js';
import type { TextBlock } from '../../../src/layout/types.js';
import { pdfOf, structRoles, taggedKitDoc } from '../../support/pdfkitDoc.js';

const row = (item: number, text: string): TextBlock =>
  ({ kind: 'text', role: 'toc', item, text, lines: [], color: '#000', rtl: true }) as unknown as TextBlock;

describe('Tagger: contents rows', () => {
  it('puts each row\'s Link in a Reference, and gives more of a row after its annotation a new Link', async () => {
    const doc = taggedKitDoc();
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
    const pdf = await PDFDocument.load(await pdfOf(doc));
    expect(structRoles(pdf)).toEqual([
      'Document',
      ['TOC', ['TOCI', ['Reference', ['Link', 'OBJR'], ['Link', 'OBJR']]], ['TOCI', ['Reference', ['Link', 'OBJR']]]],
    ]);
  });
});
