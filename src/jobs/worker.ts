/**
 * One render job, start to finish: the code that runs in each worker thread
 * of the pool (src/jobs/pool.ts), and in the main thread when it renders.
 *
 * A task carries plain data only: the job, its slice of the model, and the
 * results of the jobs it takes as input (src/jobs/kind.ts). The job's kind
 * renders it; each kind loads its renderer modules on its first job, so a
 * thread that only makes cards never loads react-pdf, and one that only
 * makes PDFs never loads satori or libvips. Fonts (HarfBuzz WASM, font
 * bytes) are loaded once per thread, on the first job that sets text, or
 * before any job when the thread is asked to `prepare` (a rebuild's early
 * worker, src/build.ts).
 */
import type { Theme } from '../model/types.js';
import type { TemplateFonts } from '../layout/typeset.js';
import { WarraqError } from '../diagnostics.js';
import type { JobFamily, RenderTask, TaskResult } from './kind.js';
import { KINDS, kindOf } from './kinds.js';

const fontSets = new Map<string, Promise<TemplateFonts>>();

/** The theme's fonts, loaded once per thread. */
function fontsFor(theme: Theme, projectRoot: string): Promise<TemplateFonts> {
  const id = JSON.stringify([projectRoot, theme.fonts.body, theme.fonts.heading]);
  let set = fontSets.get(id);
  if (!set) {
    set = import('../fonts/loadFontSet.js').then((m) => m.loadFontSet(theme, projectRoot));
    fontSets.set(id, set);
    set.catch(() => fontSets.delete(id));
  }
  return set;
}

/** Renders one job. Throws on failure (a WarraqError keeps its diagnostics through `diagnostics`). */
export async function runTask(task: RenderTask): Promise<TaskResult> {
  const started = performance.now();
  try {
    const kind = kindOf(task.job);
    const fonts = () => fontsFor(task.model.theme, task.projectRoot);
    const r = task.verify ? { files: [], aux: (await kind.verify?.(task, await fonts())) ?? {} } : await kind.render(task, fonts);
    return { ...r, ms: performance.now() - started };
  } catch (e) {
    if (e instanceof WarraqError) return { files: [], aux: {}, ms: 0, diagnostics: e.diagnostics };
    throw e;
  }
}

/** What a thread can load before its first job (`prepare`). */
export interface Preparation {
  /** The renderer modules of every kind of this family (their `prepare`). */
  family: JobFamily;
  /** With the theme (and the project it names fonts in): its fonts too, as the family's first job would load them. */
  fonts?: { theme: Theme; projectRoot: string };
}

/** Loads what a thread's first job of a family would load, before that job comes (src/build.ts, a rebuild's early worker). */
export async function prepare({ family, fonts }: Preparation): Promise<void> {
  await Promise.all([...KINDS.filter((k) => k.family === family).map((k) => k.prepare?.()), fonts && fontsFor(fonts.theme, fonts.projectRoot)]);
}

export default runTask;
