/** print/booklet-press.pdf: the booklet with bleed and marks for a press (src/print/press.ts). */
import type { OutputKind } from '../kind.js';
import { pick, PDF_META } from '../slice.js';
import { dateOf, firstPdf, inputOf } from './pdf.js';
import type { BookletInput } from './booklet.js';

export const press: OutputKind = {
  name: 'press',
  group: 'print',
  family: 'pdf',
  cost: 40,
  uses: ['booklet'],
  plan: () => [{ path: 'print/booklet-press.pdf' }],
  slice: (model) => pick(model, PDF_META),
  handOn: firstPdf,
  async render(task) {
    const booklet = inputOf<BookletInput>(task, 'booklet');
    const { pressPdf } = await import('../../print/press.js');
    const bytes = await pressPdf(booklet.bytes, { pageBackgrounds: booklet.backgrounds, date: dateOf(task.model), title: task.model.title });
    return { files: [{ kind: 'print', path: task.job.path, bytes, pages: booklet.pageCount }], aux: {} };
  },
};
