/**
 * leaflets/all-leaflets.pdf: every leaflet's pages in one file, or two per A4
 * sheet (theme.leafletSheet); drawn once for it and leaflets-press.pdf
 * (`leafletsDrawing`).
 */
import type { OutputKind } from '../kind.js';
import { pick, PDF_META } from '../slice.js';
import { dateOf, firstPdf, leafletsDrawing } from './pdf.js';
import { modules } from './modules.js';

export const allLeaflets: OutputKind = {
  name: 'leaflets-all',
  group: 'leaflets',
  writes: ['leaflet'],
  family: 'pdf',
  cost: 110,
  uses: ['leaflet'],
  plan: () => [{ path: 'leaflets/all-leaflets.pdf' }],
  slice: (model) => pick(model, [...PDF_META, 'theme.fonts', 'theme.leafletSheet']),
  handOn: firstPdf,
  async render(task, fonts) {
    const { model } = task;
    const drawing = await leafletsDrawing(task, fonts, { evenSides: false });
    const pages = drawing.pages;
    let bytes = drawing.bytes;
    const twoUp = model.theme.leafletSheet === 'a4-2up';
    if (twoUp) {
      const { imposeTwoUp } = await modules.impose();
      bytes = await imposeTwoUp(bytes, { dir: model.dir, sheet: 'A4', date: dateOf(model), title: model.title });
    }
    return { files: [{ kind: 'leaflet', path: task.job.path, bytes, pages: twoUp ? Math.ceil(pages.length / 2) : pages.length }], aux: {} };
  },
};
