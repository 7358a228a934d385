/**
 * What the PDF kinds share: their metadata from the model's slice, and the
 * PDF renderer, loaded on a thread's first PDF job.
 */
import { createHash } from 'node:crypto';
import type { DocumentModel } from '../../model/types.js';
import type { LaidOutPage } from '../../layout/types.js';
import type { TemplateFonts } from '../../layout/typeset.js';
import { unpackPages, type PackedPages } from '../../layout/pack.js';
import { readKept } from '../kept.js';
import { handOver } from '../../handOver.js';
import type { HandOn, RenderTask, TaskInput } from '../kind.js';
import type { FreshDrawing, PdfMeta, TwinDrawing } from '../../render/pdf/renderPages.js';
import { evenSides, sidesOf } from '../../layout/pagePlan.js';
import { modules } from './modules.js';

/** The build date (an ISO day from SOURCE_DATE_EPOCH or the source) as the PDFs' date. */
export const dateOf = (model: DocumentModel) => new Date(`${model.date}T00:00:00Z`);

/** The document's PDF metadata (slice paths: PDF_META). */
export const pdfMetaOf = (model: DocumentModel, subject?: string): PdfMeta => ({
  title: model.title,
  lang: model.lang,
  rtl: model.dir === 'rtl',
  date: dateOf(model),
  subject,
});

/** Pages → PDF bytes, with the document's metadata (slice paths: PDF_META). */
export async function pdfOf(pages: LaidOutPage[], model: DocumentModel, subject?: string): Promise<Uint8Array> {
  const { renderPages } = await modules.renderPages();
  return renderPages(pages, pdfMetaOf(model, subject));
}

/** Pages → PDF bytes with where their colours went (src/render/pdf/twin.ts): the screen file, and the drawing its press twin is written from. */
export async function drawingOf(pages: LaidOutPage[], model: DocumentModel): Promise<FreshDrawing> {
  const { renderTwin } = await modules.renderPages();
  return renderTwin(pages, pdfMetaOf(model));
}

/**
 * Drawings made in this thread for a second job that draws the same pages,
 * by what they show; the second job takes its drawing out. At most a few
 * (the latest): the second job may run in another thread.
 */
const drawings = handOver<Promise<TwinDrawing>>(2);

/**
 * Every leaflet's pages in one drawing, as all-leaflets.pdf and
 * leaflets-press.pdf both draw them (`evenSides`: with blank backs to the
 * sides of the longest, as the press file has them). When they are the same
 * pages (no leaflet gets a blank back: every leaflet has as many sides, the
 * seed's one each) the first of the two jobs in a thread keeps its drawing
 * for the second, which takes it (so nothing is held once both are done).
 * What they are is named by the leaflets' keys (their pages) and the
 * metadata, both in both jobs' keys.
 */
export async function leafletsDrawing(task: RenderTask, fonts: () => Promise<TemplateFonts>, opts: { evenSides: boolean }): Promise<TwinDrawing> {
  const leaflets = task.inputs.filter((i) => i.kind === 'leaflet');
  const counts = leaflets.map((i) => i.files[0]?.pages ?? 0);
  const sides = sidesOf(counts);
  const draw = async () => {
    const sets = await keptPageSets(task, 'leaflet', await fonts());
    if (sets.some((s, i) => s.length !== counts[i])) throw new Error(`${task.job.path}: the leaflets' kept pages are not as many as their files say`);
    const pages = opts.evenSides ? evenSides(sets, task.model.theme.palette?.paper).pages : sets.flat();
    return drawingOf(pages, task.model);
  };
  // Both jobs draw the same pages only when the press file gives no leaflet a blank back.
  if (counts.some((n) => n !== sides)) return draw();
  const id = createHash('sha256')
    .update(JSON.stringify({ meta: pdfMetaOf(task.model), leaflets: leaflets.map((i) => i.key) }))
    .digest('hex');
  const kept = drawings.take(id);
  if (kept) return kept;
  const drawing = draw();
  drawings.keep(id, drawing);
  drawing.catch(() => drawings.drop(id, drawing));
  return drawing;
}

/** The pages each input of kind `kind` (the leaflets) left in the cache folder, one set per input, in plan order. */
async function keptPageSets(task: RenderTask, kind: string, fonts: TemplateFonts): Promise<LaidOutPage[][]> {
  const sets: LaidOutPage[][] = [];
  for (const input of task.inputs) {
    if (input.kind !== kind) continue;
    sets.push(unpackedPages.get(input.key, fonts) ?? unpackedPages.keep(input.key, fonts, unpackPages((await readKept(task.cacheDir, input.key, 'pages')) as PackedPages, fonts)));
  }
  return sets;
}

/**
 * Laid-out pages that a job kept (a leaflet's, by its key), unpacked, held in
 * this thread for the next job that reads them: in a watch session an edit
 * draws every leaflet again for all-leaflets.pdf and leaflets-press.pdf, and
 * the fifteen it did not change were read from the cache folder, checked,
 * deserialized and unpacked again each time. A key names the pages (it
 * covers the leaflet's slice, the code and the fonts), and a held set is
 * used only with the fonts it was unpacked with. The drawing never changes
 * the pages it is given (under the tests they are frozen, so a change would
 * throw). The latest `MAX_SETS` sets are held (the seed has 16 leaflets of
 * one or two pages, ≈ 0.17 MB each in the heap: 2.6 MB for fifteen).
 */
const MAX_SETS = 48;
const held = new Map<string, { fonts: TemplateFonts; pages: LaidOutPage[] }>();
const freezeHeld = Boolean(process.env.VITEST);

export const unpackedPages = {
  get(key: string, fonts: TemplateFonts): LaidOutPage[] | undefined {
    const h = held.get(key);
    if (!h || h.fonts !== fonts) return undefined;
    // Most recently used last.
    held.delete(key);
    held.set(key, h);
    return h.pages;
  },
  keep(key: string, fonts: TemplateFonts, pages: LaidOutPage[]): LaidOutPage[] {
    if (freezeHeld) deepFreeze(pages);
    held.delete(key);
    held.set(key, { fonts, pages });
    for (const k of held.keys()) {
      if (held.size <= MAX_SETS) break;
      held.delete(k);
    }
    return pages;
  },
};

/** Freezes plain data all the way down, stopping at font objects (they hold HarfBuzz handles and caches). */
function deepFreeze<T>(v: T): T {
  if (v === null || typeof v !== 'object' || Object.isFrozen(v) || ('hb' in v && 'bytes' in v)) return v;
  for (const x of Object.values(v)) deepFreeze(x);
  return Object.freeze(v);
}

/** The one input of kind `kind`: its key, its files and what its kind hands on. */
export function theInput(task: RenderTask, kind: string): TaskInput {
  const input = task.inputs.find((i) => i.kind === kind);
  if (!input) throw new Error(`${task.job.path} needs the ${kind} output`);
  return input;
}

/** What the one input of kind `kind` hands on (bytes and page count, for a PDF). */
export const inputOf = <T>(task: RenderTask, kind: string): T => theInput(task, kind).data as T;

/** The point a job is about, from the job's slice of the model. */
export function pointOf(model: DocumentModel, n: number | undefined) {
  const p = model.points.find((x) => x.number === n);
  if (!p) throw new Error(`no point ${n} in the job's model`);
  return p;
}

/** A PDF's bytes and page count: what a PDF kind hands on to the jobs made from it. */
export interface PdfBytes {
  bytes: Uint8Array;
  pageCount: number;
}

export const firstPdf = async ({ files, bytes }: HandOn): Promise<PdfBytes> => ({ bytes: await bytes(0), pageCount: files[0].pages ?? 0 });
