/**
 * One build: source text → model → jobs → renderers → one atomic write.
 *
 *   loadDocument (parse + metadata, validated)     src/model, src/parse
 *   loadFontSet + checkCoverage (no tofu)          src/fonts, src/check
 *   planJobs (what to make)                        src/jobs
 *   templates → laid-out pages → renderers         templates/, src/render
 *   writeOutputs (all or nothing) + manifest.json  src/output
 *
 * Nothing is written until every job has succeeded.
 */
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { WarraqError, type Diagnostic } from './diagnostics.js';
import { loadDocument } from './model/buildModel.js';
import type { DocumentModel } from './model/types.js';
import { loadFontSet } from './fonts/loadFontSet.js';
import { checkCoverage } from './check/coverage.js';
import { planJobs, type OutputGroup, type RenderJob } from './jobs/planJobs.js';
import { addStats, emptyStats, type SetStats, type TemplateFonts } from './layout/typeset.js';
import { renderPages, type PdfMeta } from './render/pdf/renderPages.js';
import { layoutBooklet } from '../templates/booklet.js';
import { layoutLeaflet } from '../templates/leaflet.js';
import { renderCard } from './render/cards/renderCard.js';
import { imposeSaddle, imposeTwoUp } from './print/impose.js';
import { pressPdf } from './print/press.js';
import { makePdfx } from './print/pdfx.js';
import { lockOutput, manifestFor, writeOutputs, type Manifest, type OutputFile } from './output/writeOutputs.js';
import type { JustifyMode } from './text/compose.js';
import type { LaidOutPage } from './layout/types.js';

export interface BuildOptions {
  projectRoot: string;
  /** Source text, relative to projectRoot. */
  source: string;
  /** Output folder, relative to projectRoot. */
  out: string;
  only?: OutputGroup[];
  strict?: boolean;
  justify?: JustifyMode;
  leafletSheet?: 'pages' | 'a4-2up';
  sourceDateEpoch?: string;
  /** Called after each output is made (progress). */
  onOutput?: (done: number, total: number, file: string) => void;
  /** Called before each job; tests use it to inject failures. */
  beforeJob?: (job: RenderJob) => void | Promise<void>;
}

export interface BuildReport {
  model: DocumentModel;
  files: Array<{ path: string; bytes: number; ms: number }>;
  manifest: Manifest;
  warnings: Diagnostic[];
  notes: string[];
  stats: SetStats;
  ms: number;
}

/** Validation only: model, metadata, fonts and glyph coverage. Renders nothing. */
export async function check(opts: Pick<BuildOptions, 'projectRoot' | 'source' | 'strict' | 'sourceDateEpoch'>) {
  const { model, diagnostics } = await loadDocument(opts.source, opts);
  const fonts = await loadFontSet(model.theme, opts.projectRoot);
  const missing = checkCoverage(model, fonts);
  if (missing.length) throw new WarraqError([...diagnostics, ...missing]);
  return { model, fonts, warnings: diagnostics };
}

const pdfMeta = (model: DocumentModel, subject?: string): PdfMeta => ({
  title: model.title,
  lang: model.lang,
  rtl: model.dir === 'rtl',
  date: new Date(`${model.date}T00:00:00Z`),
  subject,
});

const pointOf = (model: DocumentModel, n: number) => model.points.find((p) => p.number === n)!;

export async function build(opts: BuildOptions): Promise<BuildReport> {
  const t0 = performance.now();
  const { model, fonts, warnings } = await check(opts);
  const jobs = planJobs(model, { only: opts.only, leafletSheet: opts.leafletSheet });
  const made = await runJobs(model, fonts, jobs, opts);
  const manifest = manifestFor(made.files, model.source, model.date);
  const outDir = path.resolve(opts.projectRoot, opts.out);
  const lock = await lockOutput(outDir);
  try {
    await writeOutputs(outDir, made.files, manifest);
  } finally {
    await lock.release();
  }
  return {
    model,
    files: made.files.map((f) => ({ path: f.path, bytes: f.bytes.length, ms: made.ms.get(f.path) ?? 0 })),
    manifest,
    warnings,
    notes: made.notes,
    stats: made.stats,
    ms: performance.now() - t0,
  };
}

interface Made {
  files: OutputFile[];
  ms: Map<string, number>;
  notes: string[];
  stats: SetStats;
}

/** Runs the jobs in dependency order (print files need the booklet and leaflets). */
export async function runJobs(model: DocumentModel, fonts: TemplateFonts, jobs: RenderJob[], opts: BuildOptions): Promise<Made> {
  const made: Made = { files: [], ms: new Map(), notes: [], stats: emptyStats() };
  const wanted = (g: OutputGroup) => !opts.only || opts.only.includes(g);
  const date = new Date(`${model.date}T00:00:00Z`);
  let booklet: { bytes: Uint8Array; pages: LaidOutPage[] } | undefined;
  const leafletPages: LaidOutPage[] = [];
  let done = 0;
  const emit = (f: OutputFile, started: number, publish: boolean) => {
    made.ms.set(f.path, performance.now() - started);
    if (publish) made.files.push(f);
    opts.onOutput?.(++done, jobs.length, f.path);
  };

  for (const job of jobs) {
    await opts.beforeJob?.(job);
    const started = performance.now();
    switch (job.kind) {
      case 'booklet': {
        const lay = layoutBooklet(model, fonts, { justify: opts.justify });
        addStats(made.stats, lay.stats);
        const bytes = await renderPages(lay.pages, pdfMeta(model));
        booklet = { bytes, pages: lay.pages };
        emit({ kind: 'booklet', path: job.path, bytes, pages: lay.pages.length }, started, wanted('booklet'));
        break;
      }
      case 'leaflet': {
        const point = pointOf(model, job.point);
        const lay = layoutLeaflet(model, point, fonts, { justify: opts.justify });
        addStats(made.stats, lay.stats);
        leafletPages.push(...lay.pages);
        const bytes = await renderPages(lay.pages, pdfMeta(model, point.title));
        emit({ kind: 'leaflet', point: job.point, path: job.path, bytes, pages: lay.pages.length }, started, wanted('leaflets'));
        break;
      }
      case 'leaflets-all': {
        let bytes = await renderPages(leafletPages, pdfMeta(model));
        if (job.sheet === 'a4-2up') bytes = await imposeTwoUp(bytes, { dir: model.dir, sheet: 'A4', date, title: model.title });
        emit({ kind: 'leaflet', path: job.path, bytes, pages: job.sheet === 'a4-2up' ? Math.ceil(leafletPages.length / 2) : leafletPages.length }, started, wanted('leaflets'));
        break;
      }
      case 'card': {
        const format = model.theme.cards.find((f) => f.name === job.format)!;
        const point = job.point === undefined ? undefined : pointOf(model, job.point);
        const card = await renderCard({ model, point, format, fonts });
        const common = { kind: 'card' as const, format: format.name, point: job.point, width: card.width, height: card.height };
        emit({ ...common, path: `${job.path}.png`, bytes: card.png, alt: card.alt }, started, true);
        if (card.webp) made.files.push({ ...common, path: `${job.path}.webp`, bytes: card.webp });
        if (card.jpeg) made.files.push({ ...common, path: `${job.path}.jpg`, bytes: card.jpeg });
        made.files.push({ kind: 'alt-text', format: format.name, point: job.point, path: `${job.path}.txt`, bytes: new TextEncoder().encode(card.alt + '\n') });
        break;
      }
      case 'print': {
        if (!booklet) throw new Error('print jobs need the booklet job first');
        const title = model.title;
        if (job.variant === 'saddle') {
          const bytes = await imposeSaddle(booklet.bytes, { dir: model.dir, sheet: 'A4', date, title });
          emit({ kind: 'print', path: job.path, bytes, pages: Math.ceil(booklet.pages.length / 4) * 2 }, started, true);
        } else if (job.variant === 'press') {
          const bytes = await pressPdf(booklet.bytes, { pageBackgrounds: booklet.pages.map((p) => p.background), date, title });
          emit({ kind: 'print', path: job.path, bytes, pages: booklet.pages.length }, started, true);
        } else if (job.variant === 'pdfx') {
          const bytes = await pdfxVariant(booklet.bytes, booklet.pages, date, title, made.notes);
          if (bytes) emit({ kind: 'print', path: job.path, bytes, pages: booklet.pages.length }, started, true);
          else opts.onOutput?.(++done, jobs.length, `${job.path} (skipped)`);
        } else {
          const all = await renderPages(leafletPages, pdfMeta(model));
          const bytes = await imposeTwoUp(all, { dir: model.dir, sheet: 'A4', date, title });
          emit({ kind: 'print', path: job.path, bytes, pages: Math.ceil(leafletPages.length / 2) }, started, true);
        }
        break;
      }
    }
  }
  return made;
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
async function pdfxVariant(booklet: Uint8Array, pages: LaidOutPage[], date: Date, title: string, notes: string[]): Promise<Uint8Array | undefined> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'warraq-pdfx-'));
  try {
    const press = await pressPdf(booklet, { pageBackgrounds: pages.map((p) => p.background), date, title });
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
