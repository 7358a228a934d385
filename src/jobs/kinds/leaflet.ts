/**
 * A leaflet per point (templates/leaflet.ts). Its laid-out pages are kept in
 * the cache folder, "packed" (src/layout/pack.ts), for all-leaflets.pdf in
 * this build or a later one.
 */
import type { JobAux, OutputKind, VerifyTask } from '../kind.js';
import type { TemplateFonts } from '../../layout/typeset.js';
import { pointSlice, NUMBERS_AND_DATES, PDF_META, POINT_TEXT } from '../slice.js';
import { writeKept } from '../kept.js';
import { packPages, unpackPages } from '../../layout/pack.js';
import { pdfOf, pointOf, unpackedPages } from './pdf.js';
import { assertInsideLiveArea, TRIM_SAFETY } from '../../layout/liveArea.js';
import { looseLineNotes } from '../../layout/looseLines.js';
import { modules } from './modules.js';

export const leaflet: OutputKind = {
  name: 'leaflet',
  group: 'leaflets',
  writes: ['leaflet'],
  family: 'pdf',
  cost: 35,
  plan: (model) => model.points.map((p) => ({ point: p.number, path: `leaflets/${p.slug}.pdf` })),
  slice: (model, job) =>
    pointSlice(model, job, [
      ...PDF_META,
      ...NUMBERS_AND_DATES,
      'titlePlace',
      'runningHead',
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
      'theme.hyphenate',
      'theme.space',
      'theme.kashidaPerLine',
      'theme.page.leaflet',
      'theme.page.margins',
    ]),
  // Its dependents read its pages from the cache folder, by its key.
  keeps: ['aux', 'pages'],
  verify: async (task, fonts) => (await laidOut(task, fonts)).aux,
  async render(task, fonts) {
    const f = await fonts();
    const { point, pages, aux } = await laidOut(task, f);
    const bytes = await pdfOf(pages, task.model, point.title);
    // Kept for all-leaflets.pdf (this build's or a later one's), off the main thread; and, unpacked as another thread
    // would read them, for the next job of this thread that draws them (pdf.ts `unpackedPages`).
    const packed = packPages(pages, f);
    await writeKept(task.cacheDir, task.key, 'pages', packed);
    unpackedPages.keep(task.key, f, unpackPages(packed, f));
    return { files: [{ kind: 'leaflet', point: point.number, path: task.job.path, bytes, pages: pages.length }], aux };
  },
};

/** A leaflet laid out from its slice and checked (nothing outside the live area): its render and `verify` share it. */
async function laidOut(task: VerifyTask, fonts: TemplateFonts) {
  const { layoutLeaflet } = await modules.leafletTemplate();
  const point = pointOf(task.model, task.job.point);
  const lay = layoutLeaflet(task.model, point, fonts);
  // Nothing lost: the sheet less the trim safety is the live area (text blocks keep to their own frames).
  for (const p of lay.pages) p.live ??= { x: TRIM_SAFETY, y: TRIM_SAFETY, width: p.width - 2 * TRIM_SAFETY, height: p.height - 2 * TRIM_SAFETY };
  assertInsideLiveArea(lay.pages, task.job.path, point.place);
  const aux: JobAux = { stats: lay.stats, notes: looseLineNotes(task.model, lay.stats, task.job.path) };
  return { point, pages: lay.pages, aux };
}
