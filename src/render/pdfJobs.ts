/**
 * The PDF jobs (src/render/worker.ts): booklet, leaflets, all-leaflets.pdf
 * and the print files. A leaflet's laid-out pages go to the cache folder
 * "packed", each glyph's font replaced by its key, and all-leaflets.pdf
 * unpacks them with the fonts of the thread that makes it.
 */
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { DocumentModel } from '../model/types.js';
import type { RenderJob } from '../jobs/planJobs.js';
import { readPages, writePages } from '../jobs/cache.js';
import type { LaidOutPage } from '../layout/types.js';
import type { TemplateFonts } from '../layout/typeset.js';
import { renderPages, type PdfMeta } from './pdf/renderPages.js';
import { layoutBooklet, TRIM_SAFETY } from '../../templates/booklet.js';
import { layoutLeaflet } from '../../templates/leaflet.js';
import { assertInsideLiveArea } from '../layout/liveArea.js';
import { looseLineNotes } from '../layout/looseLines.js';
import { imposeSaddle, imposeTwoUp } from '../print/impose.js';
import { pressPdf } from '../print/press.js';
import { makePdfx } from '../print/pdfx.js';
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
  const needBooklet = () => {
    const b = task.inputs?.booklet;
    if (!b) throw new Error(`${job.path} needs the booklet`);
    return b;
  };
  switch (job.kind) {
    case 'booklet': {
      const lay = layoutBooklet(model, fonts, { justify: task.justify });
      assertInsideLiveArea(lay.pages, job.path, model.titlePlace);
      const bytes = await renderPages(lay.pages, pdfMeta(model));
      return {
        files: [{ kind: 'booklet', path: job.path, bytes, pages: lay.pages.length }],
        aux: { stats: lay.stats, pageCount: lay.pages.length, backgrounds: lay.pages.map((p) => p.background), notes: looseLineNotes(model, lay.stats, job.path) },
      };
    }
    case 'leaflet': {
      const point = pointOf(model, job.point);
      const lay = layoutLeaflet(model, point, fonts, { justify: task.justify });
      for (const p of lay.pages) p.live ??= leafletLive(p);
      assertInsideLiveArea(lay.pages, job.path, point.place);
      const bytes = await renderPages(lay.pages, pdfMeta(model, point.title));
      // Kept for all-leaflets.pdf (this build's or a later one's), off the main thread.
      await writePages(task.cacheDir, task.key, packPages(lay.pages, fonts));
      return { files: [{ kind: 'leaflet', point: job.point, path: job.path, bytes, pages: lay.pages.length }], aux: { stats: lay.stats, notes: looseLineNotes(model, lay.stats, job.path) } };
    }
    case 'leaflets-all': {
      const pages = await leafletPages();
      let bytes = await renderPages(pages, pdfMeta(model));
      if (job.sheet === 'a4-2up') bytes = await imposeTwoUp(bytes, { dir: model.dir, sheet: 'A4', date, title });
      return { files: [{ kind: 'leaflet', path: job.path, bytes, pages: job.sheet === 'a4-2up' ? Math.ceil(pages.length / 2) : pages.length }], aux: {} };
    }
    case 'print': {
      if (job.variant === 'leaflets-2up') {
        // The same bytes as all-leaflets.pdf when the plan has it; otherwise made here.
        let all = task.inputs?.allLeaflets;
        if (!all) {
          const pages = await leafletPages();
          all = { bytes: await renderPages(pages, pdfMeta(model)), pageCount: pages.length };
        }
        const bytes = await imposeTwoUp(all.bytes, { dir: model.dir, sheet: 'A4', date, title });
        return { files: [{ kind: 'print', path: job.path, bytes, pages: Math.ceil(all.pageCount / 2) }], aux: {} };
      }
      if (job.variant === 'pdfx') {
        const press = task.inputs?.press;
        if (!press) throw new Error(`${job.path} needs the press PDF`);
        const notes: string[] = [];
        const bytes = await pdfxVariant(press, date, notes);
        if (!bytes) return { files: [], aux: { notes }, skipped: true };
        return { files: [{ kind: 'print', path: job.path, bytes, pages: press.pageCount }], aux: { notes } };
      }
      const booklet = needBooklet();
      if (job.variant === 'saddle') {
        const bytes = await imposeSaddle(booklet.bytes, { dir: model.dir, sheet: 'A4', date, title });
        return { files: [{ kind: 'print', path: job.path, bytes, pages: Math.ceil(booklet.pageCount / 4) * 2 }], aux: {} };
      }
      const bytes = await pressPdf(booklet.bytes, { pageBackgrounds: booklet.backgrounds, date, title });
      return { files: [{ kind: 'print', path: job.path, bytes, pages: booklet.pageCount }], aux: {} };
    }
  }
}

/** A leaflet's live area: the sheet less the trim safety (its text blocks keep to their own frames). */
function leafletLive(page: LaidOutPage) {
  return { x: TRIM_SAFETY, y: TRIM_SAFETY, width: page.width - 2 * TRIM_SAFETY, height: page.height - 2 * TRIM_SAFETY };
}

/**
 * Ghostscript derives the trailer /ID from the temporary file name, so the
 * same input gives different bytes. Replace it with a hash of the content
 * (same length, so the xref offsets stay valid).
 */
export function contentDerivedId(pdf: Uint8Array): Uint8Array {
  const text = Buffer.from(pdf).toString('latin1');
  const m = /\/ID\s*\[\s*<([0-9A-Fa-f]{32})>\s*<([0-9A-Fa-f]{32})>\s*\]/.exec(text);
  if (!m) return pdf;
  const blank = text.slice(0, m.index) + text.slice(m.index + m[0].length);
  const id = createHash('md5').update(blank, 'latin1').digest('hex').toUpperCase();
  const replaced = m[0].replace(m[1], id).replace(m[2], id);
  return new Uint8Array(Buffer.from(text.slice(0, m.index) + replaced + text.slice(m.index + m[0].length), 'latin1'));
}

/** The CMYK PDF/X file made from the press PDF, made and verified by Ghostscript; skipped with a plain note when gs is absent. */
async function pdfxVariant(press: { bytes: Uint8Array; pageCount: number }, date: Date, notes: string[]): Promise<Uint8Array | undefined> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'warraq-pdfx-'));
  try {
    const input = path.join(dir, 'press.pdf');
    const output = path.join(dir, 'press-pdfx.pdf');
    await writeFile(input, press.bytes);
    const result = await makePdfx(input, output, { sourceDateEpoch: String(Math.floor(date.getTime() / 1000)), inputPages: press.pageCount });
    if (result.skipped) {
      notes.push(`PDF/X variant skipped: ${result.reason}`);
      return undefined;
    }
    return contentDerivedId(new Uint8Array(await readFile(output)));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
