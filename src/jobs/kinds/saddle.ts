/**
 * print/booklet-a4-saddle.pdf: the press PDF imposed for saddle stitching on
 * A4, with creep from the paper's thickness, declared PDF/X-4 (src/print/impose.ts).
 */
import type { OutputKind } from '../kind.js';
import { pick, PDF_META } from '../slice.js';
import { dateOf, inputOf, theInput, type PdfBytes } from './pdf.js';
import { modules } from './modules.js';

export const saddle: OutputKind = {
  name: 'saddle',
  group: 'print',
  writes: ['print'],
  family: 'pdf',
  cost: 90,
  uses: ['press'],
  plan: () => [{ path: 'print/booklet-a4-saddle.pdf' }],
  slice: (model) => pick(model, [...PDF_META, 'theme.paper']),
  async render(task) {
    const { model } = task;
    const press = inputOf<PdfBytes>(task, 'press');
    const [{ creepFor, imposeSaddle }, { saddleStitchOrder }, { loadedOr }] = await Promise.all([modules.impose(), modules.saddleStitch(), modules.loadedPress()]);
    const creepPt = creepFor(press.pageCount, model.theme.paper.thicknessMm);
    const bytes = await imposeSaddle(loadedOr(theInput(task, 'press').key, press.bytes), { dir: model.dir, sheet: 'A4', date: dateOf(model), title: model.title, pdfx: true, creepPt });
    return { files: [{ kind: 'print', path: task.job.path, bytes, pages: saddleStitchOrder(press.pageCount, model.dir).length * 2 }], aux: {} };
  },
};
