/**
 * A leaflet per point (templates/leaflet.ts). Its laid-out pages are kept in
 * the cache folder, "packed" (src/layout/pack.ts), for all-leaflets.pdf in
 * this build or a later one.
 */
import type { OutputKind } from '../kind.js';
import { pointSlice, PDF_META, POINT_TEXT } from '../slice.js';
import { writePages } from '../pages.js';
import { packPages } from '../../layout/pack.js';
import { pdfOf, pointOf } from './pdf.js';
import { assertInsideLiveArea, TRIM_SAFETY } from '../../layout/liveArea.js';
import { looseLineNotes } from '../../layout/looseLines.js';

export const leaflet: OutputKind = {
  name: 'leaflet',
  group: 'leaflets',
  family: 'pdf',
  cost: 35,
  plan: (model) => model.points.map((p) => ({ point: p.number, path: `leaflets/${p.slug}.pdf` })),
  slice: (model, job) =>
    pointSlice(model, job, [
      ...PDF_META,
      'digits',
      'numbering',
      'months',
      'titlePlace',
      'url',
      'imprint',
      ...POINT_TEXT,
      'points[].event',
      'points[].url',
      'theme.fonts',
      'theme.palette',
      'theme.body',
      'theme.leafletBody',
      'theme.justify',
      'theme.space',
      'theme.kashidaPerLine',
      'theme.page.leaflet',
      'theme.page.margins',
    ]),
  keeps: ['aux', 'pages'],
  // Its dependents read its pages from the cache folder, by its key.
  handOn: ({ key }) => key,
  async render(task, fonts) {
    const { layoutLeaflet } = await import('../../../templates/leaflet.js');
    const point = pointOf(task.model, task.job.point);
    const f = await fonts();
    const lay = layoutLeaflet(task.model, point, f);
    // Nothing lost: the sheet less the trim safety is the live area (text blocks keep to their own frames).
    for (const p of lay.pages) p.live ??= { x: TRIM_SAFETY, y: TRIM_SAFETY, width: p.width - 2 * TRIM_SAFETY, height: p.height - 2 * TRIM_SAFETY };
    assertInsideLiveArea(lay.pages, task.job.path, point.place);
    const bytes = await pdfOf(lay.pages, task.model, point.title);
    // Kept for all-leaflets.pdf (this build's or a later one's), off the main thread.
    await writePages(task.cacheDir, task.key, packPages(lay.pages, f));
    return {
      files: [{ kind: 'leaflet', point: point.number, path: task.job.path, bytes, pages: lay.pages.length }],
      aux: { stats: lay.stats, notes: looseLineNotes(task.model, lay.stats, task.job.path) },
    };
  },
};
