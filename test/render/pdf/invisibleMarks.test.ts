/**
 * No reader returns an invisible or bidi character the source lacks (issue
 * 17): for the seven test documents, booklet and leaflets (all of a document's
 * leaflet pages in one file), each reader's extraction holds at most as many
 * of them (`addedInvisibles`: U+200B–U+200F, U+061C, U+202A–U+202E,
 * U+2066–U+2069, U+2060, U+FEFF beyond the source's own) as MARK_CEILINGS
 * allows: the figures reached so far, which may only come down (goal 0).
 * pdftotext's own embeddings (an RLE or LRE … PDF around each line and
 * left-to-right section of a page it reads right to left) are poppler's, not
 * the painter's, and not counted (`addedInvisibles`' `poppler`).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { layoutBooklet } from '../../../templates/booklet.js';
import { layoutLeaflet } from '../../../templates/leaflet.js';
import { renderPages } from '../../../src/render/pdf/renderPages.js';
import { font } from '../../support/fonts.js';
import { addedInvisibles, extractText, hasTool } from '../../support/pdfReadback.js';
import { pdfiumText } from '../../support/pdfium.js';
import { MARK_CEILINGS, type MarkDoc, type MarkReader } from '../../support/markCeilings.js';
import { printedModel, READER_DOC_FILES } from '../../support/readerDocs.js';

const DOCS = (Object.keys(READER_DOC_FILES) as MarkDoc[]).map((name) => ({ name, file: READER_DOC_FILES[name] }));
const READERS: Array<{ reader: MarkReader; available: boolean }> = [
  { reader: 'pdfjs', available: true },
  { reader: 'mutool', available: hasTool('mutool') },
  { reader: 'pdftotext', available: hasTool('pdftotext') },
  { reader: 'pdfium', available: true },
  { reader: 'mupdf', available: true },
];

for (const doc of DOCS) {
  for (const kind of ['booklet', 'leaflets'] as const) {
    describe(`${doc.name} ${kind}`, () => {
      let pdf: Uint8Array;
      // The text the PDF is drawn from: every text block of every page (a block drawn as a picture only has none).
      let drawn: string;
      beforeAll(async () => {
        const model = await printedModel(doc.file);
        const fonts = { body: model.theme.fonts.body.map(font), heading: model.theme.fonts.heading.map(font) };
        const pages = kind === 'booklet' ? layoutBooklet(model, fonts).pages : model.points.flatMap((p) => layoutLeaflet(model, p, fonts).pages);
        pdf = await renderPages(pages, { title: model.title, lang: model.lang, rtl: model.dir === 'rtl', date: new Date(`${model.date}T00:00:00Z`) });
        drawn = pages.flatMap((p) => p.blocks.flatMap((b) => (b.kind === 'text' && !b.pictureOnly ? [b.text] : []))).join('\n');
      });
      for (const { reader, available } of READERS) {
        it.skipIf(!available)(`${reader} returns no more invisible or bidi characters than its ceiling`, async () => {
          const text = reader === 'pdfium' ? await pdfiumText(pdf) : await extractText(pdf, reader);
          const added = addedInvisibles(text, drawn, { poppler: reader === 'pdftotext' });
          const ceiling = MARK_CEILINGS[reader][`${doc.name} ${kind}`];
          if (process.env.MARKS_REPORT) console.log(`MARKS ${reader} ${doc.name} ${kind} ${added}`);
          expect(added, `invisible or bidi characters ${reader} adds (ceiling ${ceiling})`).toBeLessThanOrEqual(ceiling);
        });
      }
    });
  }
}
