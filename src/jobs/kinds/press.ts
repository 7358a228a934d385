/**
 * print/booklet-press.pdf: the booklet's drawing written again in the
 * theme's CMYK colour mode (booklet.pdf, recoloured where the booklet job
 * recorded its colours: src/render/pdf/twin.ts; nothing laid out or drawn a
 * second time), with bleed, crop marks and the PDF/X-4 declarations
 * (src/print/pressFiles.ts). Colour is a mode of the drawing, not of the
 * layout: its slice is the PDF metadata and the press settings, with the
 * booklet's key as its input.
 */
import { readFile } from 'node:fs/promises';
import type { OutputKind } from '../kind.js';
import { pick, PDF_META } from '../slice.js';
import { readKept } from '../kept.js';
import type { TwinPage } from '../../render/pdf/twin.js';
import { firstPdf, pdfMetaOf, theInput } from './pdf.js';
import { modules } from './modules.js';

/** What the press colour mode reads (src/print/color.ts). */
export const PRESS_COLOURS = ['theme.palette', 'theme.cmyk', 'theme.richBlack'] as const;

export const press: OutputKind = {
  name: 'press',
  group: 'print',
  writes: ['print'],
  family: 'pdf',
  cost: 240,
  uses: ['booklet'],
  plan: () => [{ path: 'print/booklet-press.pdf' }],
  slice: (model) => pick(model, [...PDF_META, ...PRESS_COLOURS]),
  handOn: firstPdf,
  async render(task) {
    const booklet = theInput(task, 'booklet');
    const [bytes, pages, { pressDocFromDrawing }, { keepLoaded }] = await Promise.all([
      readFile(booklet.files[0].staged),
      readKept(task.cacheDir, booklet.key, 'drawing') as Promise<TwinPage[]>,
      modules.pressFiles(),
      modules.loadedPress(),
    ]);
    const { bytes: out, doc } = await pressDocFromDrawing({ bytes, pages }, task.model.theme, pdfMetaOf(task.model), 'saddle');
    keepLoaded(task.key, doc);
    return { files: [{ kind: 'print', path: task.job.path, bytes: out, pages: pages.length }], aux: {} };
  },
};
