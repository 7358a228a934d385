/**
 * The registry of output kinds (src/jobs/kind.ts): one file per kind in
 * src/jobs/kinds/, one line here. Order matters: a kind comes after the
 * kinds it takes as input, and jobs are planned in this order.
 *
 * A new output kind: write src/jobs/kinds/<name>.ts and add it below.
 */
import type { OutputKind, RenderJob } from './kind.js';
import { booklet } from './kinds/booklet.js';
import { leaflet } from './kinds/leaflet.js';
import { allLeaflets } from './kinds/allLeaflets.js';
import { card } from './kinds/card.js';
import { saddle } from './kinds/saddle.js';
import { press } from './kinds/press.js';
import { leafletsPress } from './kinds/leafletsPress.js';
import { leaflets2up } from './kinds/leaflets2up.js';
import { gallery } from './kinds/gallery.js';

export const KINDS: readonly OutputKind[] = [booklet, leaflet, allLeaflets, card, press, saddle, leafletsPress, leaflets2up, gallery];

const byName = new Map(KINDS.map((k) => [k.name, k]));

/** The record of a kind by its name. */
export function kindNamed(name: string): OutputKind {
  const k = byName.get(name);
  if (!k) throw new Error(`no output kind "${name}" (src/jobs/kinds.ts)`);
  return k;
}

/** The record of a job's kind. */
export const kindOf = (job: RenderJob): OutputKind => kindNamed(job.kind);
