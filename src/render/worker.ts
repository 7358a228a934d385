/**
 * One render job, start to finish: the code that runs in each worker thread
 * of the pool (src/jobs/pool.ts), or in the main thread (`--jobs 1`, small
 * rebuilds).
 *
 * A task carries plain data only: the job, its slice of the model
 * (src/jobs/cache.ts `jobModel`), the renderer options and, for the print
 * files and all-leaflets.pdf, the results of the jobs they depend on. Fonts
 * (HarfBuzz WASM, font bytes) are loaded once per thread and kept. A
 * leaflet's laid-out pages go to the cache folder "packed", each glyph's
 * font replaced by its key, and all-leaflets.pdf unpacks them with the fonts
 * of the thread that makes it.
 */
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { DocumentModel } from '../model/types.js';
import type { RenderJob } from '../jobs/planJobs.js';
import { readPages, writePages, type JobAux } from '../jobs/cache.js';
import type { OutputFile } from '../output/writeOutputs.js';
import type { LaidOutPage } from '../layout/types.js';
import type { TemplateFonts } from '../layout/typeset.js';
import type { LoadedFont } from '../text/fonts.js';
import type { JustifyMode } from '../text/compose.js';
import { WarraqError, type Diagnostic } from '../diagnostics.js';
import { loadFontSet } from '../fonts/loadFontSet.js';
import { renderPages, type PdfMeta } from './pdf/renderPages.js';
import { renderCard } from './cards/renderCard.js';
import { layoutBooklet } from '../../templates/booklet.js';
import { layoutLeaflet } from '../../templates/leaflet.js';
import { imposeSaddle, imposeTwoUp } from '../print/impose.js';
import { pressPdf } from '../print/press.js';
import { makePdfx } from '../print/pdfx.js';

/** Laid-out pages with every font object replaced by `{ $font: key }`: plain data that can be cloned and stored. */
export type PackedPages = { packed: unknown };

export interface RenderTask {
  job: RenderJob;
  /** The job's slice of the model. */
  model: DocumentModel;
  projectRoot: string;
  justify?: JustifyMode;
  /** The job's key and the cache folder (.warraq-cache/…) where a leaflet leaves its laid-out pages. */
  key: string;
  cacheDir: string;
  /** Results of the jobs this one depends on (print files, all-leaflets). */
  inputs?: {
    booklet?: { bytes: Uint8Array; pageCount: number; backgrounds: string[] };
    /** Keys of every leaflet, in plan order: their laid-out pages are read from the cache folder. */
    leaflets?: string[];
    /** all-leaflets.pdf with one leaflet page per page (for the 2-up sheet). */
    allLeaflets?: { bytes: Uint8Array; pageCount: number };
  };
}

export interface TaskResult {
  files: OutputFile[];
  aux: JobAux;
  /** Set when the job made nothing (the PDF/X variant without Ghostscript). */
  skipped?: boolean;
  ms: number;
  /** A WarraqError thrown by the job (errors lose their class between threads). */
  diagnostics?: Diagnostic[];
}

// ---------------------------------------------------------------------------

const fontSets = new Map<string, Promise<TemplateFonts>>();

/** The theme's fonts, loaded once per thread. */
function fontsFor(model: DocumentModel, projectRoot: string): Promise<TemplateFonts> {
  const id = JSON.stringify([projectRoot, model.theme.fonts.body, model.theme.fonts.heading]);
  let set = fontSets.get(id);
  if (!set) {
    set = loadFontSet(model.theme, projectRoot);
    fontSets.set(id, set);
    set.catch(() => fontSets.delete(id));
  }
  return set;
}

const fontList = (fonts: TemplateFonts) => [...fonts.body, ...fonts.heading];

/** Replaces each font object (one of `fonts`) in the pages with its key; everything else is kept as is. */
export function packPages(pages: LaidOutPage[], fonts: TemplateFonts): PackedPages {
  const known = new Map<unknown, string>(fontList(fonts).map((f) => [f, f.key]));
  const walk = (v: unknown): unknown => {
    if (v === null || typeof v !== 'object') return v;
    const key = known.get(v);
    if (key !== undefined) return { $font: key };
    if (Array.isArray(v)) return v.map(walk);
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) out[k] = walk(x);
    return out;
  };
  return { packed: walk(pages) };
}

/** The inverse of packPages, with this thread's fonts. */
export function unpackPages(p: PackedPages, fonts: TemplateFonts): LaidOutPage[] {
  const byKey = new Map<string, LoadedFont>(fontList(fonts).map((f) => [f.key, f]));
  const walk = (v: unknown): unknown => {
    if (v === null || typeof v !== 'object') return v;
    if (Array.isArray(v)) return v.map(walk);
    const o = v as Record<string, unknown>;
    if (typeof o.$font === 'string' && Object.keys(o).length === 1) {
      const f = byKey.get(o.$font);
      if (!f) throw new Error(`packed pages use font ${o.$font}, which the theme does not load`);
      return f;
    }
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(o)) out[k] = walk(x);
    return out;
  };
  return walk(p.packed) as LaidOutPage[];
}

const pdfMeta = (model: DocumentModel, subject?: string): PdfMeta => ({
  title: model.title,
  lang: model.lang,
  rtl: model.dir === 'rtl',
  date: new Date(`${model.date}T00:00:00Z`),
  subject,
});

const pointOf = (model: DocumentModel, n: number) => {
  const p = model.points.find((x) => x.number === n);
  if (!p) throw new Error(`no point ${n} in the job's model`);
  return p;
};

/** Renders one job. Throws on failure (a WarraqError keeps its diagnostics through `diagnostics`). */
export async function runTask(task: RenderTask): Promise<TaskResult> {
  const started = performance.now();
  try {
    const r = await render(task);
    return { ...r, ms: performance.now() - started };
  } catch (e) {
    if (e instanceof WarraqError) return { files: [], aux: {}, ms: 0, diagnostics: e.diagnostics };
    throw e;
  }
}

export default runTask;

async function render(task: RenderTask): Promise<Omit<TaskResult, 'ms'>> {
  const { job, model, projectRoot } = task;
  const fonts = await fontsFor(model, projectRoot);
  const date = new Date(`${model.date}T00:00:00Z`);
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
      const bytes = await renderPages(lay.pages, pdfMeta(model));
      return {
        files: [{ kind: 'booklet', path: job.path, bytes, pages: lay.pages.length }],
        aux: { stats: lay.stats, pageCount: lay.pages.length, backgrounds: lay.pages.map((p) => p.background) },
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
    case 'card': {
      const format = model.theme.cards.find((f) => f.name === job.format);
      if (!format) throw new Error(`no card format ${job.format} in the theme`);
      const point = job.point === undefined ? undefined : pointOf(model, job.point);
      const card = await renderCard({ model, point, format, fonts });
      const common = { kind: 'card' as const, format: format.name, point: job.point, width: card.width, height: card.height };
      const files: OutputFile[] = [{ ...common, path: `${job.path}.png`, bytes: card.png, alt: card.alt }];
      if (card.webp) files.push({ ...common, path: `${job.path}.webp`, bytes: card.webp });
      if (card.jpeg) files.push({ ...common, path: `${job.path}.jpg`, bytes: card.jpeg });
      files.push({ kind: 'alt-text', format: format.name, point: job.point, path: `${job.path}.txt`, bytes: new TextEncoder().encode(card.alt + '\n') });
      return { files, aux: {} };
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
      const booklet = needBooklet();
      if (job.variant === 'saddle') {
        const bytes = await imposeSaddle(booklet.bytes, { dir: model.dir, sheet: 'A4', date, title });
        return { files: [{ kind: 'print', path: job.path, bytes, pages: Math.ceil(booklet.pageCount / 4) * 2 }], aux: {} };
      }
      if (job.variant === 'press') {
        const bytes = await pressPdf(booklet.bytes, { pageBackgrounds: booklet.backgrounds, date, title });
        return { files: [{ kind: 'print', path: job.path, bytes, pages: booklet.pageCount }], aux: {} };
      }
      const notes: string[] = [];
      const bytes = await pdfxVariant(booklet.bytes, booklet.backgrounds, date, title, notes);
      if (!bytes) return { files: [], aux: { notes }, skipped: true };
      return { files: [{ kind: 'print', path: job.path, bytes, pages: booklet.pageCount }], aux: { notes } };
    }
  }
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

/** The CMYK PDF/X file, made and verified by Ghostscript; skipped with a plain note when gs is absent. */
async function pdfxVariant(booklet: Uint8Array, backgrounds: string[], date: Date, title: string, notes: string[]): Promise<Uint8Array | undefined> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'warraq-pdfx-'));
  try {
    const press = await pressPdf(booklet, { pageBackgrounds: backgrounds, date, title });
    const input = path.join(dir, 'press.pdf');
    const output = path.join(dir, 'press-pdfx.pdf');
    await writeFile(input, press);
    const result = await makePdfx(input, output, { sourceDateEpoch: String(Math.floor(date.getTime() / 1000)) });
    if (result.skipped) {
      notes.push(`PDF/X variant skipped: ${result.reason}`);
      return undefined;
    }
    return contentDerivedId(new Uint8Array(await readFile(output)));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
