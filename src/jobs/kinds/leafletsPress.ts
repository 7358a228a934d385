/**
 * print/leaflets-press.pdf: every leaflet's pages drawn again in the theme's
 * CMYK colour mode, with bleed, crop marks and the PDF/X-4 declarations
 * (src/print/pressFiles.ts); the 2-up sheet is imposed from it. Every leaflet
 * has the same number of sides (src/layout/pagePlan.ts `evenSides`): one,
 * or two with blank backs where a leaflet has none.
 */
import type { OutputKind } from '../kind.js';
import { pick, PDF_META } from '../slice.js';
import { firstPdf, keptPageSets, pdfMetaOf } from './pdf.js';
import { evenSides } from '../../layout/pagePlan.js';
import { PRESS_COLOURS } from './press.js';

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
    const { pages } = evenSides(await keptPageSets(task, 'leaflet', await fonts()), model.theme.palette.paper);
    const { pressFromPages } = await import('../../print/pressFiles.js');
    const bytes = await pressFromPages(pages, model.theme, pdfMetaOf(model), 'loose');
    return { files: [{ kind: 'print', path: task.job.path, bytes, pages: pages.length }], aux: {} };
  },
};
