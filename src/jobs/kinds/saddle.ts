/** print/booklet-a4-saddle.pdf: the booklet imposed for saddle stitching on A4 (src/print/impose.ts). */
import type { OutputKind } from '../kind.js';
import { pick, PDF_META } from '../slice.js';
import { dateOf, inputOf } from './pdf.js';
import type { BookletInput } from './booklet.js';

export const saddle: OutputKind = {
  name: 'saddle',
  group: 'print',
  family: 'pdf',
  cost: 85,
  uses: ['booklet'],
  plan: () => [{ path: 'print/booklet-a4-saddle.pdf' }],
  slice: (model) => pick(model, PDF_META),
  async render(task) {
    const { model } = task;
    const booklet = inputOf<BookletInput>(task, 'booklet');
    const { imposeSaddle } = await import('../../print/impose.js');
    const bytes = await imposeSaddle(booklet.bytes, { dir: model.dir, sheet: 'A4', date: dateOf(model), title: model.title });
    return { files: [{ kind: 'print', path: task.job.path, bytes, pages: Math.ceil(booklet.pageCount / 4) * 2 }], aux: {} };
  },
};
