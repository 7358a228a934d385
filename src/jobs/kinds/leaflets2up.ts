/**
 * print/leaflets-a4-2up.pdf: the leaflets two A5 per A4 sheet. Made from
 * all-leaflets.pdf when that has one leaflet page per page; otherwise from
 * the leaflets' pages.
 */
import type { OutputKind } from '../kind.js';
import { pick, PDF_META } from '../slice.js';
import { dateOf, leafletPages, pdfOf, type PdfBytes } from './pdf.js';

export const leaflets2up: OutputKind = {
  name: 'leaflets-2up',
  group: 'print',
  family: 'pdf',
  cost: 45,
  uses: ['leaflets-all', 'leaflet'],
  plan: () => [{ path: 'print/leaflets-a4-2up.pdf' }],
  inputs: (_job, plan, model) => {
    const all = model.theme.leafletSheet === 'pages' ? plan.ofKind('leaflets-all') : [];
    return (all.length ? all : plan.ofKind('leaflet')).map((j) => j.path);
  },
  slice: (model) => pick(model, [...PDF_META, 'theme.fonts']),
  async render(task, fonts) {
    const { model } = task;
    const { imposeTwoUp } = await import('../../print/impose.js');
    let all = task.inputs.find((i) => i.kind === 'leaflets-all')?.data as PdfBytes | undefined;
    if (!all) {
      const pages = await leafletPages(task, 'leaflet', await fonts());
      all = { bytes: await pdfOf(pages, model), pageCount: pages.length };
    }
    const bytes = await imposeTwoUp(all.bytes, { dir: model.dir, sheet: 'A4', date: dateOf(model), title: model.title });
    return { files: [{ kind: 'print', path: task.job.path, bytes, pages: Math.ceil(all.pageCount / 2) }], aux: {} };
  },
};
