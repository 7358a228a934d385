/**
 * What the PDF kinds share: their metadata from the model's slice, and the
 * PDF renderer, loaded on a thread's first PDF job.
 */
import type { DocumentModel } from '../../model/types.js';
import type { LaidOutPage } from '../../layout/types.js';
import type { TemplateFonts } from '../../layout/typeset.js';
import { unpackPages, type PackedPages } from '../../layout/pack.js';
import { readPages } from '../pages.js';
import type { HandOn, RenderTask } from '../kind.js';
import type { PdfMeta } from '../../render/pdf/renderPages.js';

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
  const { renderPages } = await import('../../render/pdf/renderPages.js');
  return renderPages(pages, pdfMetaOf(model, subject));
}

/** The pages each input of kind `kind` (leaflets, the booklet) left in the cache folder, one set per input, in plan order. */
export async function keptPageSets(task: RenderTask, kind: string, fonts: TemplateFonts): Promise<LaidOutPage[][]> {
  const sets: LaidOutPage[][] = [];
  for (const input of task.inputs) {
    if (input.kind !== kind) continue;
    sets.push(unpackPages((await readPages(task.cacheDir, input.data as string)) as PackedPages, fonts));
  }
  return sets;
}

/** The pages of every input of kind `kind` (leaflets, the booklet), in plan order. */
export async function keptPages(task: RenderTask, kind: string, fonts: TemplateFonts): Promise<LaidOutPage[]> {
  return (await keptPageSets(task, kind, fonts)).flat();
}

/** The one input of kind `kind` (bytes and page count, as its kind hands it on). */
export function inputOf<T>(task: RenderTask, kind: string): T {
  const input = task.inputs.find((i) => i.kind === kind);
  if (!input) throw new Error(`${task.job.path} needs the ${kind} output`);
  return input.data as T;
}

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
