/**
 * One render job, start to finish: the code that runs in each worker thread
 * of the pool (src/jobs/pool.ts), and in the main thread when it renders.
 *
 * A task carries plain data only: the job, its slice of the model, and the
 * results of the jobs it takes as input (src/jobs/kind.ts). The job's kind
 * renders it; each kind loads its renderer modules on its first job, so a
 * thread that only makes cards never loads react-pdf, and one that only
 * makes PDFs never loads satori or libvips. Fonts (HarfBuzz WASM, font
 * bytes) are loaded once per thread, on the first job that sets text.
 */
import type { DocumentModel } from '../model/types.js';
import type { TemplateFonts } from '../layout/typeset.js';
import { WarraqError } from '../diagnostics.js';
import type { RenderTask, TaskResult } from './kind.js';
import { kindOf } from './kinds.js';

export type { RenderTask, TaskResult };

const fontSets = new Map<string, Promise<TemplateFonts>>();

/** The theme's fonts, loaded once per thread. */
function fontsFor(model: DocumentModel, projectRoot: string): Promise<TemplateFonts> {
  const id = JSON.stringify([projectRoot, model.theme.fonts.body, model.theme.fonts.heading]);
  let set = fontSets.get(id);
  if (!set) {
    set = import('../fonts/loadFontSet.js').then((m) => m.loadFontSet(model.theme, projectRoot));
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
    const fonts = () => fontsFor(task.model, task.projectRoot);
    const r = task.verify ? { files: [], aux: (await kind.verify?.(task, await fonts())) ?? {} } : await kind.render(task, fonts);
    return { ...r, ms: performance.now() - started };
  } catch (e) {
    if (e instanceof WarraqError) return { files: [], aux: {}, ms: 0, diagnostics: e.diagnostics };
    throw e;
  }
}

export default runTask;
