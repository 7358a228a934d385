/**
 * The registry of output kinds (src/jobs/kind.ts): one file per kind in
 * src/jobs/kinds/, one line here. Order matters: a kind comes after the
 * kinds it takes as input, and jobs are planned in this order.
 *
 * A new output kind: write src/jobs/kinds/<name>.ts and add it below.
 */
import type { OutputGroup, OutputKind, RenderJob } from './kind.js';
import type { OutputFile } from '../output/writeOutputs.js';
import { booklet } from './kinds/booklet.js';
import { leaflet } from './kinds/leaflet.js';
import { allLeaflets } from './kinds/allLeaflets.js';
import { card } from './kinds/card.js';
import { saddle } from './kinds/saddle.js';
import { press } from './kinds/press.js';
import { leafletsPress } from './kinds/leafletsPress.js';
import { leaflets2up } from './kinds/leaflets2up.js';
import { thumbnails } from './kinds/thumbnails.js';
import { gallery } from './kinds/gallery.js';

export const KINDS: readonly OutputKind[] = [booklet, leaflet, allLeaflets, card, press, saddle, leafletsPress, leaflets2up, thumbnails, gallery];

const byName = new Map(KINDS.map((k) => [k.name, k]));

/** The record of a kind by its name. */
export function kindNamed(name: string): OutputKind {
  const k = byName.get(name);
  if (!k) throw new Error(`no output kind "${name}" (src/jobs/kinds.ts)`);
  return k;
}

/** The `--only` group of a kind of file (manifest.json's `kind`): the group of the kinds that write it. */
export function groupOfFile(file: OutputFile['kind']): OutputGroup {
  const groups = new Set(KINDS.filter((k) => k.writes.includes(file)).map((k) => k.group));
  if (groups.size !== 1) throw new Error(`files of kind "${file}" are written by kinds of ${groups.size} groups (src/jobs/kinds.ts)`);
  return [...groups][0];
}

/** The record of a job's kind. */
export const kindOf = (job: RenderJob): OutputKind => kindNamed(job.kind);
