/**
 * `npm run check`'s layout pass: every job the build would plan is laid out
 * from its slice by its kind's `verify` (src/jobs/kind.ts), with every check
 * its render makes on the layout (E-OVERFLOW: a glyph outside the live area
 * or its frame; E-CARD-FIT), and nothing is drawn, encoded or written. So a
 * source that passes check builds, and one that fails it stops the build
 * with the same codes. Unlike the build, which stops at the first job that
 * fails, every job's errors are collected.
 *
 * The jobs are laid out one after another in this thread: layout is pure
 * and synchronous, and check loads the fonts once already.
 */
import { WarraqError, type Diagnostic } from '../diagnostics.js';
import type { DocumentModel } from '../model/types.js';
import type { TemplateFonts } from '../layout/typeset.js';
import { kindOf } from './kinds.js';
import { planJobs, type PlanOptions } from './planJobs.js';

export interface Verified {
  /** Errors of every job that would fail (E-OVERFLOW, E-CARD-FIT), in plan order. */
  errors: Diagnostic[];
  /** What the build would note beside its files (lines set unjustified, W-LINE-LOOSE). */
  notes: string[];
  /** Jobs laid out. */
  jobs: number;
}

/** Lays out every job of the plan (`only`: as `--only` plans it) and collects what its render would stop on. */
export async function verifyJobs(model: DocumentModel, fonts: TemplateFonts, plan: PlanOptions = {}): Promise<Verified> {
  const out: Verified = { errors: [], notes: [], jobs: 0 };
  for (const job of planJobs(model, plan)) {
    const kind = kindOf(job);
    if (!kind.verify) continue;
    out.jobs++;
    try {
      const aux = await kind.verify({ job, model: kind.slice(model, job) }, fonts);
      out.notes.push(...(aux.notes ?? []));
    } catch (e) {
      if (!(e instanceof WarraqError)) throw e;
      out.errors.push(...e.diagnostics);
    }
  }
  return out;
}
