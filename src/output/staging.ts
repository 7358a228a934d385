/**
 * The staging area of one build, `<out>.staging-<id>/` beside the output
 * folder. Each job's files are written there as soon as the job is done (a
 * file reused unchanged from the previous output is hard-linked), so that
 * no output stays in memory; at the end the commit (src/output/journal.ts)
 * puts the tree in place, all or nothing, touching only what warraq owns.
 */
import { randomUUID } from 'node:crypto';
import { createReadStream, rmSync } from 'node:fs';
import { copyFile, link, lstat, mkdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import path from 'node:path';
import { WarraqError } from '../diagnostics.js';
import { makeDiagnostic } from '../parse/report.js';
import { checkConflicts, foreignIn, lexists, makeSibling, ownedPaths } from './folders.js';
import { ioDiagnostic } from './ioErrors.js';
import { apply, finish, rollBack, TREE, writeJournal, type Journal, type Step } from './journal.js';
import type { Lock } from './lock.js';
import { MANIFEST, manifestOf, outputMeta, sha256, type Manifest, type ManifestEntry, type OutputFile, type OutputMeta } from './manifest.js';

/** What tells a file from another without reading it: inode, size and modification time. */
export interface Stamp {
  ino: number;
  size: number;
  mtimeMs: number;
}

/** Whether two stamps are of the same file, unchanged. */
export const sameStamp = (a: Stamp, b: Stamp): boolean => a.ino === b.ino && a.size === b.size && a.mtimeMs === b.mtimeMs;

/** A file of the previous output found equal to its manifest entry: staged as a hard link, not read into memory. */
export interface ReusedFile extends OutputMeta {
  kind: OutputFile['kind'];
  path: string;
  size: number;
  sha256: string;
  /** The file as it was checked: linked only if it has not changed since (same inode, time and size). */
  linkFrom: Stamp & { path: string };
}

/** A file in the staging area. */
export interface StagedFile extends OutputMeta {
  kind: OutputFile['kind'];
  path: string;
  size: number;
  sha256: string;
  /** Where it is until the commit: read it back from here. */
  staged: string;
  reused: boolean;
}

interface CommitOptions {
  /** The output folder's manifest: what warraq owns there. */
  previous?: Manifest;
  /** Entries of it to keep as they are (--only). */
  carry?: ManifestEntry[];
  /** Empty the folder: replace everything, also what warraq did not write. */
  clean?: boolean;
  /** Job keys by output path, for the manifest. */
  keys?: Map<string, string>;
}

export interface CommitResult {
  manifest: Manifest;
  /** Paths in the output folder that warraq did not write and kept (a folder as `name/`). */
  kept: string[];
  /** Outputs of the previous build kept as they were (not rebuilt with --only). */
  carried: string[];
  mode: Journal['mode'];
}

/** SHA-256 of a file, read as a stream. */
export async function hashFile(file: string): Promise<string> {
  const h = createHash('sha256');
  for await (const chunk of createReadStream(file)) h.update(chunk as Buffer);
  return h.digest('hex');
}

const entryOf = (f: StagedFile): ManifestEntry => ({ kind: f.kind, path: f.path, bytes: f.size, sha256: f.sha256, ...outputMeta(f) });

export class Staging {
  readonly id: string;
  readonly dir: string;
  private readonly tree: string;
  private readonly staged = new Map<string, StagedFile>();
  private readonly dirs = new Set<string>();
  private committing = false;

  private constructor(
    readonly outDir: string,
    id: string,
    dir: string,
    private readonly lock?: Lock,
  ) {
    this.id = id;
    this.dir = dir;
    this.tree = path.join(dir, TREE);
    // A signal while staging removes the staging folder; once the journal is written, the next build rolls forward.
    lock?.onSignal(() => {
      if (!this.committing) rmSync(this.dir, { recursive: true, force: true });
    });
  }

  /** Makes the staging folder (with its marker) beside `outDir`, whose lock the caller holds. */
  static async open(outDir: string, lock?: Lock): Promise<Staging> {
    const id = randomUUID().replace(/-/g, '').slice(0, 16);
    try {
      return new Staging(outDir, id, await makeSibling(outDir, 'staging', id), lock);
    } catch (e) {
      await rm(`${outDir}.staging-${id}`, { recursive: true, force: true }).catch(() => undefined);
      throw ioDiagnostic(e, 'output', outDir, `cannot stage the outputs of ${outDir}`);
    }
  }

  private io(e: unknown, what: string): unknown {
    return ioDiagnostic(e, 'output', this.outDir, what);
  }

  private async mkdirFor(file: string): Promise<void> {
    const d = path.dirname(file);
    if (this.dirs.has(d)) return;
    await mkdir(d, { recursive: true });
    this.dirs.add(d);
  }

  /**
   * Stages a job's files. `published` files go into the output; the others
   * (a job rendered only as another's input) into a scratch area.
   */
  async add(files: ReadonlyArray<OutputFile | ReusedFile>, published = true): Promise<StagedFile[]> {
    const out: StagedFile[] = [];
    for (const f of files) {
      const dest = path.join(published ? this.tree : path.join(this.dir, 'scratch'), f.path);
      try {
        await this.mkdirFor(dest);
        const s: StagedFile = 'bytes' in f ? await this.write(f, dest) : await this.linkReused(f, dest);
        if (published) this.staged.set(f.path, s);
        out.push(s);
      } catch (e) {
        throw this.io(e, `cannot write ${f.path} into the staging folder ${this.dir}`);
      }
    }
    return out;
  }

  private async write(f: OutputFile, dest: string): Promise<StagedFile> {
    await writeFile(dest, f.bytes);
    const { bytes, ...rest } = f;
    return { ...rest, size: bytes.length, sha256: sha256(bytes), staged: dest, reused: false };
  }

  private async linkReused(f: ReusedFile, dest: string): Promise<StagedFile> {
    const { linkFrom, ...rest } = f;
    const st = await stat(linkFrom.path).catch(() => undefined);
    const same = st && sameStamp(st, linkFrom);
    if (!same || !(await link(linkFrom.path, dest).then(() => true, () => false))) {
      // Changed since it was checked, or no hard links here: a copy, checked again.
      await copyFile(linkFrom.path, dest);
      if ((await hashFile(dest)) !== f.sha256) {
        throw new WarraqError([
          makeDiagnostic('E-OUT-CHANGED', 'error', { file: linkFrom.path, line: 1, col: 1 }, `${f.path} changed while the build was running`, {
            expected: 'the previous outputs left alone during a build',
            found: 'different bytes than a moment before',
            hint: 'build again (with --force to render everything)',
          }),
        ]);
      }
    }
    return { ...rest, staged: dest, reused: true };
  }

  /** The bytes of a staged file (for the jobs that take it as input). */
  static read(f: StagedFile): Promise<Uint8Array> {
    return readFile(f.staged).then((b) => new Uint8Array(b.buffer, b.byteOffset, b.byteLength));
  }

  /** Puts the staged tree in place with manifest.json, all or nothing (src/output/journal.ts). */
  async commit(source: Manifest['source'], date: string, opts: CommitOptions = {}): Promise<CommitResult> {
    const { outDir } = this;
    let result: CommitResult;
    try {
      const { journal, ...planned } = await this.plan(source, date, opts);
      await writeJournal(this.dir, journal);
      result = { ...planned, mode: journal.mode };
      await this.carryOut(journal);
    } catch (e) {
      if (!this.committing) await this.discard();
      throw e instanceof WarraqError ? e : this.io(e, `cannot write the outputs into ${outDir}`);
    }
    await finish(outDir, this.dir, this.id).catch(() => undefined); // what is left is removed by the next build
    this.lock?.onSignal(undefined);
    return result;
  }

  /**
   * The new manifest (written into the tree) and the journal: a whole-folder
   * swap when nothing in the output folder is foreign, or with --clean;
   * otherwise file by file, writing what changed and removing what the
   * previous manifest lists and this build no longer makes.
   */
  private async plan(source: Manifest['source'], date: string, opts: CommitOptions) {
    const { outDir } = this;
    const owned = ownedPaths(opts.previous);
    const exists = await lexists(outDir);
    // Carried outputs that are still there, as their manifest entries say.
    const carry: ManifestEntry[] = [];
    for (const e of opts.carry ?? []) if (!this.staged.has(e.path) && (await lstat(path.join(outDir, e.path)).then((s) => s.isFile(), () => false))) carry.push(e);
    const entries = [...this.staged.values()].map((f): ManifestEntry => ({ ...entryOf(f), ...(opts.keys?.get(f.path) ? { key: opts.keys.get(f.path) } : {}) }));
    const manifest = manifestOf([...entries, ...carry], source, date);
    const text = new TextEncoder().encode(JSON.stringify(manifest, null, 2) + '\n');
    await writeFile(path.join(this.tree, MANIFEST), text);
    const kept = exists && !opts.clean ? await foreignIn(outDir, owned) : [];
    if (exists && !opts.clean) await checkConflicts(outDir, [...this.staged.keys(), MANIFEST], owned);
    const base = { manifest, kept, carried: carry.map((e) => e.path) };
    if (!exists || opts.clean || kept.length === 0) {
      // The whole tree goes in: the carried files must be in it too.
      for (const e of carry) {
        const dest = path.join(this.tree, e.path);
        await this.mkdirFor(dest);
        await link(path.join(outDir, e.path), dest).catch(() => copyFile(path.join(outDir, e.path), dest));
      }
      return { ...base, journal: { mode: 'swap', manifest: sha256(text), write: [], remove: [] } satisfies Journal };
    }
    const write: string[] = [];
    for (const [p, f] of this.staged) if (!(f.reused && (await sameFile(f.staged, path.join(outDir, p))))) write.push(p);
    const keep = new Set([...this.staged.keys(), ...carry.map((e) => e.path)]);
    const remove = [...owned].filter((p) => p !== MANIFEST && !keep.has(p)).sort();
    return { ...base, journal: { mode: 'files', manifest: sha256(text), write: [...write.sort(), MANIFEST], remove } satisfies Journal };
  }

  /** Carries out the journal; on a failure, rolls back (if even that fails, the journal stays and the next build finishes the commit). */
  private async carryOut(journal: Journal): Promise<void> {
    const steps: Step[] = [];
    this.committing = true;
    try {
      await apply(this.outDir, this.dir, this.id, journal, steps);
    } catch (e) {
      this.committing = false;
      await rollBack(this.outDir, this.id, steps).then(
        () => finish(this.outDir, this.dir, this.id),
        () => (this.committing = true),
      );
      throw e;
    }
  }

  /** Removes the staging folder (a failed build). */
  async discard(): Promise<void> {
    if (this.committing) return; // a commit whose rollback failed: the next build finishes it from the journal
    this.lock?.onSignal(undefined);
    await rm(this.dir, { recursive: true, force: true }).catch(() => undefined);
  }
}

async function sameFile(a: string, b: string): Promise<boolean> {
  const [x, y] = await Promise.all([stat(a).catch(() => undefined), stat(b).catch(() => undefined)]);
  return !!x && !!y && x.ino === y.ino && x.dev === y.dev;
}

/**
 * Outputs of the previous build that a build with --only keeps: those of
 * the groups it did not rebuild (`rebuilt` says which it did), unless made
 * again. `--only` never deletes.
 */
export function carriedOver(previous: Manifest | undefined, rebuilt: (e: ManifestEntry) => boolean): ManifestEntry[] {
  return previous?.outputs.filter((e) => !rebuilt(e)) ?? [];
}
