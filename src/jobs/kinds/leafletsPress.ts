/**
 * print/leaflets-press.pdf: every leaflet's pages in the theme's CMYK colour
 * mode (their drawing, made once for all-leaflets.pdf and this file, written
 * again in CMYK: src/render/pdf/twin.ts), with bleed, crop marks and the PDF/X-4 declarations
 * (src/print/pressFiles.ts); the 2-up sheet is imposed from it. Every leaflet
 * has the same number of sides (src/layout/pagePlan.ts `evenSides`): one,
 * or two with blank backs where a leaflet has none.
 */
import type { OutputKind } from '../kind.js';
import { pick, PDF_META } from '../slice.js';
import { firstPdf, leafletsDrawing, pdfMetaOf } from './pdf.js';
import { PRESS_COLOURS } from './press.js';
import { modules } from './modules.js';

export const leafletsPress: OutputKind = {
  name: 'leaflets-press',
  group: 'print',
  writes: ['print'],
  family: 'pdf',
  cost: 150,
  uses: ['leaflet'],
  plan: () => [{ path: 'print/leaflets-press.pdf' }],
  slice: (model) => pick(model, [...PDF_META, 'theme.fonts', ...PRESS_COLOURS]),
  handOn: firstPdf,
  async render(task, fonts) {
    const { model } = task;
    const drawing = await leafletsDrawing(task, fonts, { evenSides: true });
    const [{ pressDocFromDrawing }, { keepLoaded }] = await Promise.all([modules.pressFiles(), modules.loadedPress()]);
    const { bytes, doc } = await pressDocFromDrawing(drawing, model.theme, pdfMetaOf(model), 'loose');
    keepLoaded(task.key, doc);
    return { files: [{ kind: 'print', path: task.job.path, bytes, pages: drawing.pages.length }], aux: {} };
  },
};
