/**
 * print/booklet-press.pdf: the booklet laid out again and drawn in the
 * theme's CMYK colour mode, with bleed, crop marks and the PDF/X-4
 * declarations (src/print/pressFiles.ts). Its slice is the booklet's layout
 * slice and the press settings: it renders from the model, not from
 * booklet.pdf.
 */
import type { OutputKind } from '../kind.js';
import { pick } from '../slice.js';
import { firstPdf, pdfMetaOf } from './pdf.js';
import { BOOKLET_LAYOUT } from './booklet.js';
import { assertInsideLiveArea } from '../../layout/liveArea.js';

/** What the press colour mode reads (src/print/color.ts). */
export const PRESS_COLOURS = ['theme.palette', 'theme.cmyk', 'theme.richBlack'] as const;

export const press: OutputKind = {
  name: 'press',
  group: 'print',
  writes: ['print'],
  family: 'pdf',
  cost: 340,
  plan: () => [{ path: 'print/booklet-press.pdf' }],
  slice: (model) => pick(model, [...BOOKLET_LAYOUT, ...PRESS_COLOURS]),
  handOn: firstPdf,
  async render(task, fonts) {
    const [{ layoutBooklet }, { pressFromPages }] = await Promise.all([import('../../../templates/booklet.js'), import('../../print/pressFiles.js')]);
    const lay = layoutBooklet(task.model, await fonts());
    assertInsideLiveArea(lay.pages, task.job.path, task.model.titlePlace);
    const bytes = await pressFromPages(lay.pages, task.model.theme, pdfMetaOf(task.model), 'saddle');
    return { files: [{ kind: 'print', path: task.job.path, bytes, pages: lay.pages.length }], aux: {} };
  },
};
