/**
 * One render job, start to finish: the code that runs in each worker thread
 * of the pool (src/jobs/pool.ts), and in the main thread when it renders.
 *
 * A task carries plain data only: the job, its slice of the model
 * (src/jobs/cache.ts `jobModel`), the renderer options and, for the print
 * files and all-leaflets.pdf, the results of the jobs they depend on. Fonts
 * (HarfBuzz WASM, font bytes) are loaded once per thread and kept.
 *
 * The renderers of each job family (src/jobs/schedule.ts) are loaded on the
 * first job of that family, so that a thread that only makes cards never
 * loads react-pdf, and one that only makes PDFs never loads satori or libvips:
 * src/render/pdfJobs.ts and src/render/cardJob.ts.
 */
import type { DocumentModel } from '../model/types.js';
import type { RenderJob } from '../jobs/planJobs.js';
import type { JobAux } from '../jobs/cache.js';
import type { OutputFile } from '../output/writeOutputs.js';
import type { LaidOutPage } from '../layout/types.js';
import type { TemplateFonts } from '../layout/typeset.js';
import type { LoadedFont } from '../text/fonts.js';
import type { JustifyMode } from '../text/compose.js';
import { WarraqError, type Diagnostic } from '../diagnostics.js';
import { loadFontSet } from '../fonts/loadFontSet.js';

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
    /** Keys of every leaflet, in plan order: their laid-out pages are read from the cache folder. */
    leaflets?: string[];
    /** A press file (the booklet's or the leaflets'), for the A4 sheets imposed from it. */
    press?: { bytes: Uint8Array; pageCount: number };
  };
}

export interface TaskResult {
  files: OutputFile[];
  aux: JobAux;
  /** Set when the job made nothing. */
  skipped?: boolean;
  ms: number;
  /** A WarraqError thrown by the job (errors lose their class between threads). */
  diagnostics?: Diagnostic[];
}

// ---------------------------------------------------------------------------

const fontSets = new Map<string, Promise<TemplateFonts>>();

/** The theme's fonts, loaded once per thread. */
export function fontsFor(model: DocumentModel, projectRoot: string): Promise<TemplateFonts> {
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

/** The point a job is about, from the job's slice of the model. */
export const pointOf = (model: DocumentModel, n: number) => {
  const p = model.points.find((x) => x.number === n);
  if (!p) throw new Error(`no point ${n} in the job's model`);
  return p;
};

/** Renders one job. Throws on failure (a WarraqError keeps its diagnostics through `diagnostics`). */
export async function runTask(task: RenderTask): Promise<TaskResult> {
  const started = performance.now();
  try {
    const fonts = await fontsFor(task.model, task.projectRoot);
    const r =
      task.job.kind === 'card'
        ? await (await import('./cardJob.js')).renderCardJob(task, task.job, fonts)
        : await (await import('./pdfJobs.js')).renderPdfJob(task, task.job, fonts);
    return { ...r, ms: performance.now() - started };
  } catch (e) {
    if (e instanceof WarraqError) return { files: [], aux: {}, ms: 0, diagnostics: e.diagnostics };
    throw e;
  }
}

export default runTask;
