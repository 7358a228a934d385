/**
 * print/booklet-press.pdf: the booklet's laid-out pages (kept packed in the
 * cache folder by the booklet job: the booklet is laid out once, and checked
 * there) drawn again in the theme's CMYK colour mode, with bleed, crop marks
 * and the PDF/X-4 declarations (src/print/pressFiles.ts). Colour is a mode
 * of the drawing, not of the layout: its slice is the PDF metadata, the
 * fonts (to unpack the pages) and the press settings, with the booklet's
 * key as its input.
 */
import type { OutputKind } from '../kind.js';
import { pick, PDF_META } from '../slice.js';
import { firstPdf, keptPages, pdfMetaOf } from './pdf.js';

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
  slice: (model) => pick(model, [...PDF_META, 'theme.fonts', ...PRESS_COLOURS]),
  handOn: firstPdf,
  async render(task, fonts) {
    const [pages, { pressFromPages }] = await Promise.all([keptPages(task, 'booklet', await fonts()), import('../../print/pressFiles.js')]);
    const bytes = await pressFromPages(pages, task.model.theme, pdfMetaOf(task.model), 'saddle');
    return { files: [{ kind: 'print', path: task.job.path, bytes, pages: pages.length }], aux: {} };
  },
};
