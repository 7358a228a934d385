/**
 * The commit of a staged build into the output folder, and its journal.
 *
 * The staging folder `<out>.staging-<id>` holds the new tree (`tree/`,
 * manifest.json included) and, once that tree is complete, `journal.json`:
 * how it goes in and what goes out.
 *
 *   swap   nothing foreign in the output folder (or --clean): the old folder
 *          is renamed into `<out>.old-<id>/tree` and the new tree into its
 *          place (two renames: `out/` is absent between them).
 *   files  the folder holds files warraq did not write: each listed path is
 *          handled on its own. A path to remove is moved into the old
 *          folder; a path to write is hard-linked into the old folder (the
 *          backup), then the staged file is renamed over it; manifest.json
 *          last. Nothing else in the folder is touched.
 *
 * In the build, a failure rolls back what was done. After a crash, the next
 * build (under the lock) rolls forward from the journal: every step is
 * idempotent and the staged tree is complete. A staging folder without a
 * journal was incomplete and is removed.
 */
import { copyFile, link, mkdir, readdir, readFile, rename, rm, rmdir, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { errnoOf } from './ioErrors.js';
import { ID_PATTERN, lexists, makeSibling, readSibling, siblingDir } from './folders.js';
import { MANIFEST, sha256 } from './manifest.js';
import { parseRecord, judge } from './lock.js';

export interface Journal {
  mode: 'swap' | 'files';
  /** SHA-256 of the new manifest.json: the output folder has it once the commit is done. */
  manifest: string;
  /** Paths to write from the staged tree (manifest.json last); files mode. */
  write: string[];
  /** Paths of the previous output to remove; files mode. */
  remove: string[];
}

const JOURNAL = 'journal.json';
export const TREE = 'tree';

/** Whether the output folder's manifest.json is the new one: the commit is done. */
async function committed(outDir: string, j: Journal): Promise<boolean> {
  const m = await readFile(path.join(outDir, MANIFEST)).catch(() => undefined);
  return m !== undefined && sha256(m) === j.manifest;
}

/** One step done, for a rollback. */
export type Step = { op: 'write' | 'remove'; path: string; backedUp: boolean } | { op: 'swap'; movedOld: boolean } | { op: 'mkdir'; dir: string };

/** A hard link, or a copy where the file system has none. */
async function linkOrCopy(from: string, to: string): Promise<void> {
  try {
    await link(from, to);
  } catch (e) {
    if (errnoOf(e) === 'EEXIST') throw e;
    await copyFile(from, to);
  }
}

/** mkdir -p that records each folder it made (for a rollback). */
async function mkdirs(dir: string, steps: Step[]): Promise<void> {
  const first = await mkdir(dir, { recursive: true });
  if (!first) return;
  for (let d = dir; d.length >= first.length; d = path.dirname(d)) steps.push({ op: 'mkdir', dir: d });
}

/** Removes empty folders from `dir` up to (not including) `root`. */
async function pruneEmpty(dir: string, root: string): Promise<void> {
  for (let d = dir; d !== root && d.startsWith(root + path.sep); d = path.dirname(d)) {
    try {
      await rmdir(d);
    } catch {
      return;
    }
  }
}

/**
 * Carries out journal `j` of staging folder `staging` (idempotent: steps
 * found done are skipped). `steps` collects what was done.
 */
export async function apply(outDir: string, staging: string, id: string, j: Journal, steps: Step[]): Promise<void> {
  const tree = path.join(staging, TREE);
  const oldDir = siblingDir(outDir, 'old', id);
  const oldTree = path.join(oldDir, TREE);
  const ensureOld = async () => {
    if (!(await lexists(oldDir))) await makeSibling(outDir, 'old', id);
  };
  if (j.mode === 'swap') {
    if (!(await lexists(tree))) return; // moved in already
    if (await lexists(outDir)) {
      if (await lexists(oldTree)) throw Object.assign(new Error(`both ${outDir} and ${oldTree} exist`), { code: 'EEXIST', path: outDir });
      await ensureOld();
      await rename(outDir, oldTree);
      steps.push({ op: 'swap', movedOld: true });
    } else steps.push({ op: 'swap', movedOld: false });
    await rename(tree, outDir);
    return;
  }
  for (const p of j.remove) {
    const src = path.join(outDir, p);
    const bak = path.join(oldTree, p);
    if ((await lexists(bak)) || !(await lexists(src))) continue;
    await ensureOld();
    await mkdir(path.dirname(bak), { recursive: true });
    await rename(src, bak);
    steps.push({ op: 'remove', path: p, backedUp: true });
    await pruneEmpty(path.dirname(src), outDir);
  }
  for (const p of j.write) {
    const staged = path.join(tree, p);
    if (!(await lexists(staged))) continue;
    const dst = path.join(outDir, p);
    const bak = path.join(oldTree, p);
    let backedUp = await lexists(bak);
    if (!backedUp && (await lexists(dst))) {
      await ensureOld();
      await mkdir(path.dirname(bak), { recursive: true });
      await linkOrCopy(dst, bak);
      backedUp = true;
    }
    await mkdirs(path.dirname(dst), steps);
    await rename(staged, dst);
    steps.push({ op: 'write', path: p, backedUp });
  }
}

/** Undoes `steps` (newest first): the output folder is as before the commit. */
export async function rollBack(outDir: string, id: string, steps: Step[]): Promise<void> {
  const oldTree = path.join(siblingDir(outDir, 'old', id), TREE);
  for (const s of [...steps].reverse()) {
    if (s.op === 'swap') {
      if (!s.movedOld) {
        // The new tree went into a place where nothing was: take it out again.
        if (await lexists(outDir)) await rm(outDir, { recursive: true, force: true });
      } else if (!(await lexists(outDir)) || (await lexists(oldTree))) {
        if (await lexists(outDir)) await rm(outDir, { recursive: true, force: true });
        await rename(oldTree, outDir);
      }
    } else if (s.op === 'mkdir') await rmdir(s.dir).catch(() => undefined);
    else {
      const dst = path.join(outDir, s.path);
      const bak = path.join(oldTree, s.path);
      if (s.backedUp) {
        await mkdir(path.dirname(dst), { recursive: true });
        await rename(bak, dst);
      } else await unlink(dst).catch(() => undefined);
    }
  }
}

/** `<base>.staging-<id>` or `<base>.old-<id>` with an id of warraq's form. */
function isOurName(base: string, name: string): boolean {
  const m = /^(.*)\.(?:staging|old)-([^.]*)$/.exec(name);
  return !!m && m[1] === base && ID_PATTERN.test(m[2]);
}

/** Writes the journal: from here on, the commit is rolled forward after a crash. */
export async function writeJournal(staging: string, j: Journal): Promise<void> {
  await writeFile(path.join(staging, `${JOURNAL}.tmp`), JSON.stringify(j) + '\n');
  await rename(path.join(staging, `${JOURNAL}.tmp`), path.join(staging, JOURNAL));
}

/** The end of a commit: the journal goes first (the commit is final), then the old and staging folders. */
export async function finish(outDir: string, staging: string, id: string): Promise<void> {
  await rm(path.join(staging, JOURNAL), { force: true });
  await rm(siblingDir(outDir, 'old', id), { recursive: true, force: true });
  await rm(staging, { recursive: true, force: true });
}

/**
 * Repairs what killed builds left beside `outDir` (called under its lock):
 * a staging folder with a journal is rolled forward, one without is removed;
 * an old folder whose staging folder is gone is removed (or put back, if the
 * output folder is missing); lock records of dead processes are removed.
 * Only folders with warraq's marker for this output folder are touched.
 */
export async function recover(outDir: string): Promise<string[]> {
  const parent = path.dirname(outDir);
  const base = path.basename(outDir);
  const done: string[] = [];
  const names = await readdir(parent).catch(() => [] as string[]);
  const marked = [];
  for (const n of names) {
    const m = await readSibling(outDir, n);
    if (m) marked.push(m);
    // A build killed right after making its folder, before its marker: an empty folder of warraq's exact name form.
    else if (isOurName(base, n)) await rmdir(path.join(parent, n)).catch(() => undefined);
  }
  for (const m of marked.filter((x) => x.role === 'staging')) {
    const staging = siblingDir(outDir, 'staging', m.id);
    const j = await readFile(path.join(staging, JOURNAL), 'utf8').then((t) => JSON.parse(t) as Journal, () => undefined);
    if (j && !(await committed(outDir, j))) {
      await apply(outDir, staging, m.id, j, []);
      done.push(`finished the commit of an interrupted build (${m.id})`);
    }
    await finish(outDir, staging, m.id);
  }
  for (const m of marked.filter((x) => x.role === 'old')) {
    const old = siblingDir(outDir, 'old', m.id);
    if (await lexists(siblingDir(outDir, 'staging', m.id))) continue;
    if (!(await lexists(outDir)) && (await lexists(path.join(old, TREE)))) await rename(path.join(old, TREE), outDir);
    await rm(old, { recursive: true, force: true });
  }
  // Lock records (`<out>.lock-<token>`) that a build killed while taking the lock left behind.
  for (const n of names.filter((x) => x.startsWith(`${base}.lock-`))) {
    const file = path.join(parent, n);
    const r = parseRecord(await readFile(file, 'utf8').catch(() => ''));
    if ((r as { generator?: string }).generator === 'warraq' && r.pid !== process.pid && n === `${base}.lock-${r.token}` && !judge(r, `${outDir}.lock`, 0).held) await unlink(file).catch(() => undefined);
  }
  return done;
}
