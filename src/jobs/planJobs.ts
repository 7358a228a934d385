/**
 * Render jobs: what one build produces, as plain data. Pure, so the plan can
 * be tested without rendering, and so each job can later be keyed by a hash
 * of what it depends on.
 */
import type { DocumentModel } from '../model/types.js';

export type OutputGroup = 'booklet' | 'leaflets' | 'cards' | 'print';
export const OUTPUT_GROUPS: readonly OutputGroup[] = ['booklet', 'leaflets', 'cards', 'print'];

export type RenderJob =
  | { kind: 'booklet'; path: string }
  | { kind: 'leaflet'; point: number; path: string }
  | { kind: 'leaflets-all'; path: string; sheet: 'pages' | 'a4-2up' }
  | { kind: 'card'; format: string; point?: number; path: string }
  | { kind: 'print'; variant: 'press' | 'saddle' | 'leaflets-press' | 'leaflets-2up'; path: string };

export interface PlanOptions {
  only?: OutputGroup[];
  leafletSheet?: 'pages' | 'a4-2up';
}

export function planJobs(model: DocumentModel, opts: PlanOptions = {}): RenderJob[] {
  const want = (g: OutputGroup) => !opts.only || opts.only.includes(g);
  const jobs: RenderJob[] = [];
  if (want('booklet') || want('print')) jobs.push({ kind: 'booklet', path: 'booklet.pdf' });
  if (want('leaflets') || want('print')) {
    for (const p of model.points) jobs.push({ kind: 'leaflet', point: p.number, path: `leaflets/${p.slug}.pdf` });
    jobs.push({ kind: 'leaflets-all', path: 'leaflets/all-leaflets.pdf', sheet: opts.leafletSheet ?? 'pages' });
  }
  if (want('cards')) {
    for (const f of model.theme.cards) {
      jobs.push({ kind: 'card', format: f.name, path: `cards/${f.name}/00-document` });
      for (const p of model.points) jobs.push({ kind: 'card', format: f.name, point: p.number, path: `cards/${f.name}/${p.slug}` });
    }
  }
  if (want('print')) {
    // Press files (CMYK, PDF/X-4), then the A4 sheets imposed from them.
    jobs.push({ kind: 'print', variant: 'press', path: 'print/booklet-press.pdf' });
    jobs.push({ kind: 'print', variant: 'saddle', path: 'print/booklet-a4-saddle.pdf' });
    jobs.push({ kind: 'print', variant: 'leaflets-press', path: 'print/leaflets-press.pdf' });
    jobs.push({ kind: 'print', variant: 'leaflets-2up', path: 'print/leaflets-a4-2up.pdf' });
  }
  return jobs;
}
