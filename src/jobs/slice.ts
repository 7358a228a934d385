/**
 * A job's slice of the model: the fields its template and renderer read,
 * picked by path, the rest left out. The slice is the job's key (with the
 * code, the fonts and its inputs' keys) and all its renderer gets, so a
 * change to the model re-renders exactly the outputs that show it.
 *
 * Paths are dotted; `name[]` goes into every element of an array:
 * `points[].title` keeps each point's title.
 */
import type { DocumentModel, Point } from '../model/types.js';
import type { RenderJob } from './kind.js';

type Plain = Record<string, unknown>;

function copyPath(src: unknown, dst: Plain, parts: string[]): void {
  const [head, ...rest] = parts;
  const each = head.endsWith('[]');
  const key = each ? head.slice(0, -2) : head;
  const value = (src as Plain | undefined)?.[key];
  if (value === undefined) return;
  if (!rest.length) {
    dst[key] = value;
    return;
  }
  if (each) {
    const items = value as unknown[];
    const out = (dst[key] ??= items.map(() => ({}))) as Plain[];
    items.forEach((x, i) => copyPath(x, out[i], rest));
  } else copyPath(value, (dst[key] ??= {}) as Plain, rest);
}

/** The fields of `value` at `paths`; a path must not lie inside another. */
export function pick<T>(value: T, paths: readonly string[]): T {
  const out: Plain = {};
  for (const p of paths) copyPath(value, out, p.split('.'));
  return out as T;
}

/** The model with only the job's own point (none for a document-wide job), picked at `paths`. */
export function pointSlice(model: DocumentModel, job: RenderJob, paths: readonly string[]): DocumentModel {
  const points: Point[] = job.point === undefined ? [] : model.points.filter((p) => p.number === job.point);
  return pick({ ...model, points }, paths);
}

/** What every PDF's metadata reads (title, language, direction, date): src/jobs/kinds/pdf.ts. */
export const PDF_META = ['title', 'lang', 'dir', 'date'] as const;

/** How numbers and dates are written (digits, numbering, month names, the order of a date): what a template that prints them reads. */
export const NUMBERS_AND_DATES = ['digits', 'numbering', 'months', 'monthSlash', 'dateOrder'] as const;

/** A point's words as every template sets them (heading, paragraphs, sub-items) with their source places for diagnostics. */
export const POINT_TEXT = [
  'points[].number',
  'points[].title',
  'points[].titleSource',
  'points[].text',
  'points[].paragraphs',
  'points[].place',
  'points[].spans',
] as const;
