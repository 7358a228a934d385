/**
 * The booklet: cover, contents, preamble, a section per point, colophon
 * (templates/booklet.ts). Drawn once: where its drawing's colours went is
 * kept in the cache folder (src/render/pdf/twin.ts) for its press PDF
 * (src/jobs/kinds/press.ts) in this build or a later one, which writes the
 * same drawing again in CMYK.
 */
import type { JobAux, OutputKind, RenderTask, VerifyTask } from '../kind.js';
import type { TemplateFonts } from '../../layout/typeset.js';
import { NUMBERS_AND_DATES, pick, PDF_META, POINT_TEXT } from '../slice.js';
import { writeKept } from '../kept.js';
import { pageKeys } from '../pageThumbs.js';
import { drawingOf } from './pdf.js';
import { assertInsideLiveArea } from '../../layout/liveArea.js';
import { looseLineNotes } from '../../layout/looseLines.js';
import { formatDiagnostic } from '../../diagnostics.js';
import { modules } from './modules.js';
import type { BookletLayout } from '../../../templates/booklet.js';

/** What the booklet's layout reads. */
const BOOKLET_LAYOUT = [
  ...PDF_META,
  ...NUMBERS_AND_DATES,
  'colophon',
  'sections',
  'corrections',
  'titlePlace',
  'runningHead',
  'source.file',
  'source.sha256',
  'preamble',
  ...POINT_TEXT,
  'imprint',
  'theme.fonts',
  'theme.palette',
  'theme.body.size',
  'theme.body.leading',
  // The smallest size copyfitting may set the booklet at (src/layout/copyfit.ts).
  'theme.body.minSize',
  'theme.justify',
  'theme.hyphenate',
  'theme.space',
  'theme.kashidaPerLine',
  'theme.page.booklet',
  'theme.page.margins',
  'theme.pages',
  'theme.spare',
  'theme.copyfit',
] as const;

/** The booklet laid out from its slice and checked (nothing outside the live area): its render and `verify` share it. */
async function laidOut(task: VerifyTask, fonts: TemplateFonts) {
  const { layoutBooklet } = await modules.bookletTemplate();
  const lay = layoutBooklet(task.model, fonts);
  // Nothing lost: a glyph outside the live area or its block's frame is E-OVERFLOW, never a clip.
  assertInsideLiveArea(lay.pages, task.job.path, task.model.titlePlace);
  // What the layout decided for the author (a running head shortened or left out), with its place and the hint
  // naming the metadata key: build notes, as loose lines are.
  const decided = lay.warnings.map((d) => formatDiagnostic({ ...d, message: `${task.job.path}: ${d.message}` }));
  const aux: JobAux = { stats: lay.stats, notes: [...copyfitNotes(lay, task.job.path), ...decided, ...looseLineNotes(task.model, lay.stats, task.job.path)] };
  return { pages: lay.pages, aux };
}

/**
 * Whether the booklet keeps its pages' digests: when a job of this build
 * reads them (its thumbnails). A later build that reuses this booklet.pdf
 * and makes them draws every page, as for pages not seen before
 * (src/jobs/pageThumbs.ts).
 */
const keepsPageKeys = (task: RenderTask) => task.keptFor?.includes('pageKeys') ?? true;

/** What copyfitting did, for the summary: the size the booklet was set at, and the pages that saved. */
function copyfitNotes(lay: BookletLayout, path: string): string[] {
  const c = lay.copyfit;
  if (!c) return [];
  return [`${path}: copyfitted: set at ${c.size} pt, not ${c.from} pt, in ${c.pages} pages, not ${c.naturalPages} with spare pages (theme.copyfit: off keeps ${c.from} pt)`];
}

export const booklet: OutputKind = {
  name: 'booklet',
  group: 'booklet',
  writes: ['booklet'],
  family: 'pdf',
  cost: 300,
  plan: () => [{ path: 'booklet.pdf' }],
  slice: (model) => pick(model, BOOKLET_LAYOUT),
  // Its press PDF reads its drawing's colours from the cache folder, by its key. (Its 'pageKeys' are not needed:
  // without them its thumbnails are all drawn.)
  keeps: ['aux', 'drawing'],
  verify: async (task, fonts) => (await laidOut(task, fonts)).aux,
  async render(task, fonts) {
    const f = await fonts();
    const { pages, aux } = await laidOut(task, f);
    const drawing = await drawingOf(pages, task.model);
    await Promise.all([
      writeKept(task.cacheDir, task.key, 'drawing', drawing.pages),
      // For its thumbnails: a page that shows what it showed before keeps its thumbnail (src/jobs/pageThumbs.ts).
      // Only when this build makes them: the digests cost ≈ 25–65 ms of a cold booklet (docs/performance.md, "Thumbnails and cards").
      keepsPageKeys(task) && writeKept(task.cacheDir, task.key, 'pageKeys', pageKeys(pages, f, drawing.subsets)),
    ]);
    return { files: [{ kind: 'booklet', path: task.job.path, bytes: drawing.bytes, pages: pages.length }], aux };
  },
};
