/**
 * No reader returns an invisible or bidi character the source lacks (issue
 * 17): for the seven test documents, booklet and leaflets (all of a document's
 * leaflet pages in one file), each reader's extraction holds at most as many
 * of them (`addedInvisibles`: U+200B–U+200F, U+061C, U+202A–U+202E,
 * U+2066–U+2069, U+2060, U+FEFF beyond the source's own) as MARK_CEILINGS
 * allows: the figures reached so far, which may only come down (goal 0).
 * pdftotext's own embeddings (an RLE or LRE … PDF around each line and
 * left-to-right section of a page it reads right to left, closed on the
 * line) are poppler's, not the painter's, and not counted (`popplerMarks`);
 * what is counted for it is the painter's, in two parts each with its own
 * ceiling (POPPLER_PARTS): the RLEs of its glyphs, left open on their line,
 * and its marks (RLM, LRM…).
 */
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { layoutBooklet } from '../../../templates/booklet.js';
import { layoutLeaflet } from '../../../templates/leaflet.js';
import { renderPages } from '../../../src/render/pdf/renderPages.js';
import { font, projectRoot } from '../../support/fonts.js';
import { addedInvisibles, extractText, hasTool, popplerMarks } from '../../support/pdfReadback.js';
import { pdfiumText } from '../../support/pdfium.js';
import { MARK_CEILINGS, POPPLER_PARTS, type MarkDoc, type MarkReader, type StressDoc } from '../../support/markCeilings.js';
import { printedModel, READER_DOC_FILES, STRESS_DOC_FILES } from '../../support/readerDocs.js';

const DOCS = [
  ...(Object.keys(READER_DOC_FILES) as MarkDoc[]).map((name) => ({ name, file: READER_DOC_FILES[name] })),
  ...(Object.keys(STRESS_DOC_FILES) as StressDoc[]).map((name) => ({ name, file: STRESS_DOC_FILES[name] })),
];
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
          const parts = reader === 'pdftotext' ? popplerMarks(text, drawn) : undefined;
          const split = parts ? ` (painter's RLEs ${parts.embeddings}, marks ${JSON.stringify(parts.marks)}; poppler's own pairs ${parts.popplerPairs}, not counted)` : '';
          if (process.env.MARKS_REPORT) console.log(`MARKS ${reader} ${doc.name} ${kind} ${added}${split}`);
          expect(added, `invisible or bidi characters ${reader} adds (ceiling ${ceiling})`).toBeLessThanOrEqual(ceiling);
          if (parts) {
            const bound = POPPLER_PARTS[`${doc.name} ${kind}`];
            const marks = Object.values(parts.marks).reduce((a, b) => a + b, 0);
            expect(parts.embeddings, `the painter's RLEs pdftotext returns (ceiling ${bound.rles})`).toBeLessThanOrEqual(bound.rles);
            expect(marks, `the painter's marks pdftotext returns (ceiling ${bound.marks})`).toBeLessThanOrEqual(bound.marks);
          }
        });
      }
    });
  }
}

/**
 * poppler's own share of pdftotext's marks is 0 (POPPLER_PARTS): on a PDF
 * whose glyphs carry no mark (Typst's, the optional dev dependency the bench
 * uses), every embedding pdftotext writes is closed on its line. The seed's
 * points, each a heading and a paragraph (the leaflets' text): Arabic with
 * Latin and Arabic-Indic numbers, so poppler writes LRE … PDF sections.
 */
const typstDir = path.join(projectRoot, 'node_modules/@myriaddreamin/typst-ts-node-compiler');
describe('poppler on a peer PDF', () => {
  it.skipIf(!existsSync(typstDir) || !hasTool('pdftotext'))('pdftotext closes every embedding of its own on its line (Typst, the seed\'s points)', async () => {
    const model = await printedModel(READER_DOC_FILES.seed);
    const str = (t: string) => JSON.stringify(t);
    const source = [
      `#set page(width: ${model.theme.page.booklet.width}pt, height: ${model.theme.page.booklet.height}pt)`,
      `#set text(font: "Amiri", size: ${model.theme.body.size}pt, lang: ${str(model.lang)}, dir: ${model.dir})`,
      `#set par(justify: true)`,
      ...model.points.map((p) => `#heading(level: 1, ${str(`${p.label} ${p.title}`)})\n#par(${str(p.text)})`),
    ].join('\n');
    const dir = await mkdtemp(path.join(os.tmpdir(), 'warraq-typst-'));
    try {
      await writeFile(path.join(dir, 'peer.typ'), source);
      const { NodeCompiler } = createRequire(import.meta.url)(typstDir);
      const pdf: Uint8Array = NodeCompiler.create({ workspace: dir, fontArgs: [{ fontPaths: [path.join(projectRoot, 'fonts')] }] }).pdf({ mainFilePath: path.join(dir, 'peer.typ') });
      const parts = popplerMarks(await extractText(pdf, 'pdftotext'), model.points.map((p) => `${p.label} ${p.title}\n${p.text}`).join('\n'));
      expect(parts.popplerPairs, 'poppler wrote embeddings (the text is read right to left)').toBeGreaterThan(50);
      expect(parts.embeddings, 'embeddings left open on their line').toBe(0);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
