/**
 * print/leaflets-a4-2up.pdf: the leaflets two A5 per A4 sheet, with cut
 * marks, imposed from leaflets-press.pdf (so in CMYK, declared PDF/X-4); two
 * sides per sheet when the leaflets have backs (every leaflet has the same
 * number of pages there, so the count of points gives it).
 */
import type { OutputKind } from '../kind.js';
import { pick, PDF_META } from '../slice.js';
import { dateOf, inputOf, theInput, type PdfBytes } from './pdf.js';
import { modules } from './modules.js';

export const leaflets2up: OutputKind = {
  name: 'leaflets-2up',
  group: 'print',
  writes: ['print'],
  family: 'pdf',
  cost: 50,
  uses: ['leaflets-press'],
  plan: () => [{ path: 'print/leaflets-a4-2up.pdf' }],
  slice: (model) => pick(model, [...PDF_META, 'points[].number']),
  async render(task) {
    const { model } = task;
    const press = inputOf<PdfBytes>(task, 'leaflets-press');
    const [{ imposeTwoUp }, { loadedOr }] = await Promise.all([modules.impose(), modules.loadedPress()]);
    const sides = press.pageCount / model.points.length;
    const bytes = await imposeTwoUp(loadedOr(theInput(task, 'leaflets-press').key, press.bytes), { dir: model.dir, sheet: 'A4', date: dateOf(model), title: model.title, pdfx: true, cutMarks: true, sides });
    return { files: [{ kind: 'print', path: task.job.path, bytes, pages: Math.ceil(model.points.length / 2) * sides }], aux: {} };
  },
};
