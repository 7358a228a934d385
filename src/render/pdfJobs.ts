/**
 * The PDF jobs (src/render/worker.ts): booklet, leaflets, all-leaflets.pdf
 * and the print files. A leaflet's laid-out pages go to the cache folder
 * "packed", each glyph's font replaced by its key, and all-leaflets.pdf
 * unpacks them with the fonts of the thread that makes it.
 */
import type { DocumentModel } from '../model/types.js';
import type { RenderJob } from '../jobs/planJobs.js';
import { readPages, writePages } from '../jobs/cache.js';
import type { LaidOutPage } from '../layout/types.js';
import type { TemplateFonts } from '../layout/typeset.js';
import { renderPages, type PdfMeta } from './pdf/renderPages.js';
import { layoutBooklet } from '../../templates/booklet.js';
import { layoutLeaflet } from '../../templates/leaflet.js';
import { creepFor, imposeSaddle, imposeTwoUp } from '../print/impose.js';
import { pressFromPages } from '../print/pressFiles.js';
import { saddleStitchOrder } from '../print/saddleStitch.js';
import { packPages, pointOf, unpackPages, type PackedPages, type RenderTask, type TaskResult } from './worker.js';

type PdfJob = Exclude<RenderJob, { kind: 'card' }>;

/** The build date (an ISO day from SOURCE_DATE_EPOCH or the source) as the PDFs' date. */
const dateOf = (model: DocumentModel) => new Date(`${model.date}T00:00:00Z`);

const pdfMeta = (model: DocumentModel, subject?: string): PdfMeta => ({
  title: model.title,
  lang: model.lang,
  rtl: model.dir === 'rtl',
  date: dateOf(model),
  subject,
});

export async function renderPdfJob(task: RenderTask, job: PdfJob, fonts: TemplateFonts): Promise<Omit<TaskResult, 'ms'>> {
  const { model } = task;
  const date = dateOf(model);
  const title = model.title;
  const leafletPages = async () => {
    const pages: LaidOutPage[] = [];
    for (const key of task.inputs?.leaflets ?? []) pages.push(...unpackPages((await readPages(task.cacheDir, key)) as PackedPages, fonts));
    return pages;
  };
  switch (job.kind) {
    case 'booklet': {
      const lay = layoutBooklet(model, fonts, { justify: task.justify });
      const bytes = await renderPages(lay.pages, pdfMeta(model));
      return {
        files: [{ kind: 'booklet', path: job.path, bytes, pages: lay.pages.length }],
        aux: { stats: lay.stats },
      };
    }
    case 'leaflet': {
      const point = pointOf(model, job.point);
      const lay = layoutLeaflet(model, point, fonts, { justify: task.justify });
      const bytes = await renderPages(lay.pages, pdfMeta(model, point.title));
      // Kept for all-leaflets.pdf (this build's or a later one's), off the main thread.
      await writePages(task.cacheDir, task.key, packPages(lay.pages, fonts));
      return { files: [{ kind: 'leaflet', point: job.point, path: job.path, bytes, pages: lay.pages.length }], aux: { stats: lay.stats } };
    }
    case 'leaflets-all': {
      const pages = await leafletPages();
      let bytes = await renderPages(pages, pdfMeta(model));
      if (job.sheet === 'a4-2up') bytes = await imposeTwoUp(bytes, { dir: model.dir, sheet: 'A4', date, title });
      return { files: [{ kind: 'leaflet', path: job.path, bytes, pages: job.sheet === 'a4-2up' ? Math.ceil(pages.length / 2) : pages.length }], aux: {} };
    }
    case 'print': {
      // The press files are drawn again in CMYK from laid-out pages; the A4 sheets are imposed from them.
      const press = () => {
        const p = task.inputs?.press;
        if (!p) throw new Error(`${job.path} needs its press file`);
        return p;
      };
      const sheet = { dir: model.dir, sheet: 'A4' as const, date, title, pdfx: true };
      switch (job.variant) {
        case 'press': {
          const lay = layoutBooklet(model, fonts, { justify: task.justify });
          const bytes = await pressFromPages(lay.pages, model.theme, pdfMeta(model), 'saddle');
          return { files: [{ kind: 'print', path: job.path, bytes, pages: lay.pages.length }], aux: {} };
        }
        case 'leaflets-press': {
          const pages = await leafletPages();
          const bytes = await pressFromPages(pages, model.theme, pdfMeta(model), 'loose');
          return { files: [{ kind: 'print', path: job.path, bytes, pages: pages.length }], aux: {} };
        }
        case 'saddle': {
          const p = press();
          const creepPt = creepFor(p.pageCount, model.theme.paper.thicknessMm);
          const bytes = await imposeSaddle(p.bytes, { ...sheet, creepPt });
          return { files: [{ kind: 'print', path: job.path, bytes, pages: saddleStitchOrder(p.pageCount, model.dir).length * 2 }], aux: {} };
        }
        case 'leaflets-2up': {
          const p = press();
          const bytes = await imposeTwoUp(p.bytes, { ...sheet, cutMarks: true });
          return { files: [{ kind: 'print', path: job.path, bytes, pages: Math.ceil(p.pageCount / 2) }], aux: {} };
        }
      }
    }
  }
}
