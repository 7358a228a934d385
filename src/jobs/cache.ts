/**
 * Incremental builds: every render job gets a key, a SHA-256 over everything
 * its output depends on, and a job whose key and output bytes are found in
 * the previous output folder is not rendered again.
 *
 * A key covers, and nothing else:
 *   - the job itself (kind, path, format, point);
 *   - the job's slice of the model (its kind's `slice`, src/jobs/kinds/):
 *     the fields its template and renderer read. Build options are folded
 *     into the model's theme (src/model/theme.ts `applyOptions`), so they
 *     count exactly where they are read. Workers render from exactly this
 *     slice, so a template cannot depend on something the key does not
 *     cover. `place` fields (where a text sits in the source, for
 *     diagnostics) are left out of the hash: nothing draws them, and
 *     inserting a line above a point must not re-render the points after it;
 *   - the code that runs: every file under src/ and templates/ (the
 *     TypeScript sources, also when the bundle in lib/ runs), patches/,
 *     profiles/ (the press files' colour profile), package-lock.json
 *     (package versions) and tsconfig.json;
 *   - the fonts of the theme, by the hash of their bytes;
 *   - the keys of the jobs it takes its input from (src/jobs/planJobs.ts `inputsOf`).
 *
 * Keys go into manifest.json (`key` on every output). Besides the output
 * folder, `.warraq-cache/` in the project keeps what later jobs need from an
 * earlier one that is not in its file (a kind's `keeps`): a leaflet's
 * laid-out pages (for all-leaflets.pdf and leaflets-press.pdf), where the
 * booklet's drawing put its colours (for its press PDF) and typesetting
 * statistics. Entries are named by key, so a
 * stale one is never read; a missing one only means the job renders again.
 * Each entry carries the SHA-256 of its content (src/jobs/kept.ts): a
 * truncated or damaged one is removed and its job renders again, with a
 * note. The whole `.warraq-cache/` is kept under a size budget
 * (CACHE_BUDGET), least recently used entries first.
 *
 * No job runs an external program (the press files no longer need
 * Ghostscript), so nothing outside the code, fonts and model enters a key.
 */
import { mkdir, readdir, readFile, rm, rmdir, stat, utimes } from 'node:fs/promises';
import path from 'node:path';
import { warraqRoot } from '../codeRoot.js';
import { digestMemo } from '../codeDigests.js';
import { compiled } from '../compiled.js';
import type { DocumentModel, Theme } from '../model/types.js';
import { sha256 } from '../output/manifest.js';
import { hashFile, outputMeta, type Manifest, type ManifestEntry, type ReusedFile, type Stamp } from '../output/writeOutputs.js';
import type { JobAux, RenderJob } from './kind.js';
import { kindOf } from './kinds.js';
import { planInputs } from './planJobs.js';
import { frame, keptFile, MAGIC, unframe, type Kept } from './kept.js';
import { writeAtomicIn } from '../writeAtomic.js';


// ---------------------------------------------------------------------------
// Stable hashing of plain data

/** A SourcePlace (file, line, col of a diagnostic), as opposed to e.g. an event's `place` text. */
const isSourcePlace = (v: unknown) => !!v && typeof v === 'object' && 'file' in v && 'line' in v && 'col' in v;

/** JSON with object keys sorted and source positions (`place`, `titlePlace`) left out. */
export function stableJson(value: unknown): string {
  return JSON.stringify(value, (key, v) => {
    if ((key === 'place' || key === 'titlePlace') && isSourcePlace(v)) return undefined;
    if (v && typeof v === 'object' && !Array.isArray(v)) {
      const sorted: Record<string, unknown> = {};
      for (const k of Object.keys(v).sort()) sorted[k] = (v as Record<string, unknown>)[k];
      return sorted;
    }
    return v;
  });
}

// ---------------------------------------------------------------------------
// What the code, fonts and options contribute

/** Hashes of the files a build depends on besides the model: `[name, sha256]`, any order. */
export interface KeyInputs {
  /** Source files of the renderer: src/, templates/, patches/, tsconfig.json. */
  code: Array<[string, string]>;
  /** The theme's font files, by their bytes. */
  fonts: Array<[string, string]>;
  /** package-lock.json (package versions); '' when absent. */
  packages: string;
}

/** One digest for everything that is the same for every job of a build: code and fonts. */
export function envDigest(inputs: KeyInputs): string {
  const sorted = (xs: Array<[string, string]>) => [...xs].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  return sha256(stableJson({ v: 2, code: sorted(inputs.code), fonts: sorted(inputs.fonts), packages: inputs.packages }));
}

async function listFiles(root: string, rel: string): Promise<string[]> {
  const out: string[] = [];
  let entries;
  try {
    entries = await readdir(path.join(root, rel), { withFileTypes: true });
  } catch {
    return out;
  }
  for (const e of entries) {
    const r = path.posix.join(rel, e.name);
    if (e.isDirectory()) out.push(...(await listFiles(root, r)));
    else if (e.isFile()) out.push(r);
  }
  return out;
}

/** SHA-256 of a file's bytes, read whole: the small files of code, fonts and metadata (an output file, which may be large, is hashed as a stream: `hashFile`, src/output/staging.ts). */
export const digestOf = async (abs: string) => sha256(await readFile(abs));

/**
 * The code that runs (src/ and templates/, as TypeScript or compiled), the
 * patches, tsconfig.json and scripts/compile.mjs of this warraq (or of `codeRoot`), and its package
 * versions, hashed. Read every build: watch mode sees templates change.
 */
export type CodeInputs = Pick<KeyInputs, 'code' | 'packages'>;

export async function readCodeInputs(codeRoot?: string): Promise<CodeInputs> {
  const root = codeRoot ?? warraqRoot;
  const listed = await Promise.all(['src', 'templates', 'patches', 'profiles'].map((dir) => listFiles(root, dir)));
  const files = [
    ...listed.flat(),
    'tsconfig.json',
    // The compiled build's loader patches (fontkit's subsetter among them: it changes subset bytes).
    'scripts/compile.mjs',
  ];
  // Compiled, the command's own code: digests remembered while a file is unchanged (src/codeDigests.ts).
  const memo = compiled && codeRoot === undefined ? digestMemo(path.join(root, 'lib', 'code-digests.json')) : undefined;
  const digest = (f: string) => (memo ? memo.digest(path.join(root, f), digestOf) : digestOf(path.join(root, f))).catch(() => '');
  const [code, packages] = await Promise.all([Promise.all(files.map(async (f): Promise<[string, string]> => [f, await digest(f)])), digest('package-lock.json')]);
  await memo?.save();
  return { code, packages };
}

/** The font files of a theme (project-relative), each once. */
export const fontFilesOf = (theme: Theme) => [...new Set([...theme.fonts.body, ...theme.fonts.heading])];

/** Font files by the hash of their bytes ('' when unreadable). */
export const hashFonts = (projectRoot: string, files: readonly string[]) =>
  Promise.all(files.map(async (f): Promise<[string, string]> => [f, await digestOf(path.resolve(projectRoot, f)).catch(() => '')]));

/** `hashFonts` of one project. */
export type FontHasher = (files: readonly string[]) => Promise<Array<[string, string]>>;

/**
 * `hashFonts`, each file read and hashed once however often it is asked for:
 * a build asks in its no-change check (the fonts its record names), for its
 * job keys and for its record (the theme's).
 */
export function fontHasher(projectRoot: string): FontHasher {
  const hashed = new Map<string, Promise<[string, string]>>();
  return (files) =>
    Promise.all(
      files.map((f) => {
        let h = hashed.get(f);
        if (!h) hashed.set(f, (h = hashFonts(projectRoot, [f]).then(([one]) => one)));
        return h;
      }),
    );
}

/** What every job's key shares (`envDigest`): the code, as the build read it, and the theme's fonts, hashed by `fonts`. */
export async function readKeyInputs(theme: Theme, code: Promise<CodeInputs>, fonts: FontHasher): Promise<KeyInputs> {
  const [read, hashes] = await Promise.all([code, fonts(fontFilesOf(theme))]);
  return { ...read, fonts: hashes };
}

// ---------------------------------------------------------------------------
// Job inputs and keys

/**
 * Every job's key, by job path. `inputs`: each job's inputs (src/jobs/planJobs.ts
 * `planInputs`).
 */
export function jobKeys(
  jobs: readonly RenderJob[],
  model: DocumentModel,
  env: string,
  inputs: ReadonlyMap<string, string[]> = planInputs(jobs, model),
): Map<string, string> {
  const keys = new Map<string, string>();
  for (const job of jobs) {
    const from = (inputs.get(job.path) ?? []).map((p) => {
      const k = keys.get(p);
      if (!k) throw new Error(`job ${job.path} needs ${p}, which is planned after it`);
      return k;
    });
    keys.set(job.path, sha256(stableJson({ env, job, model: kindOf(job).slice(model, job), inputs: from })));
  }
  return keys;
}

// ---------------------------------------------------------------------------
// The previous output folder

export type KeyedEntry = ManifestEntry;

/** Whether output file `rel`, stamped `now`, is still the one the last successful build left (src/jobs/upToDate.ts `recordedOutputs`). */
export type StillAsLeft = (rel: string, now: Stamp) => boolean;

/** Outputs of the previous build (its manifest; undefined when there is none, or it is unreadable) by key. */
export function previousByKey(previous: Manifest | undefined): Map<string, KeyedEntry[]> {
  const byKey = new Map<string, KeyedEntry[]>();
  for (const e of previous?.outputs ?? []) {
    if (!e.key) continue;
    byKey.set(e.key, [...(byKey.get(e.key) ?? []), e]);
  }
  return byKey;
}

/**
 * The previous outputs of a job with this key, read back (as a stream, not
 * kept in memory) and checked against their recorded SHA-256; undefined
 * when any is missing or differs. A file that is still the one the last
 * successful build left (`unchanged`: the same inode, size and time as its
 * record, what a build with no change trusts: src/jobs/upToDate.ts) is not
 * read again: its manifest entry says its SHA-256.
 */
export async function reuseOutputs(
  outDir: string,
  entries: KeyedEntry[] | undefined,
  primaryPath: string,
  unchanged: StillAsLeft = () => false,
): Promise<ReusedFile[] | undefined> {
  // A job's files are its path with an extension, or (a carousel's slides) with "-N" before it.
  if (!entries?.length || !entries.some((e) => e.path === primaryPath || e.path.startsWith(primaryPath + '.') || e.path.startsWith(primaryPath + '-'))) return undefined;
  const files: ReusedFile[] = [];
  for (const e of entries) {
    const file = path.join(outDir, e.path);
    try {
      // stat first: a change after it shows in the time or size checked before linking.
      const st = await stat(file);
      if (!st.isFile() || st.size !== e.bytes || (!unchanged(e.path, st) && (await hashFile(file)) !== e.sha256)) return undefined;
      files.push({ kind: e.kind, path: e.path, size: e.bytes, sha256: e.sha256, ...outputMeta(e), linkFrom: { path: file, ino: st.ino, mtimeMs: st.mtimeMs, size: st.size } });
    } catch {
      return undefined;
    }
  }
  return files;
}

// ---------------------------------------------------------------------------
// Side data of jobs (.warraq-cache/)

export type { JobAux };

export interface AuxCache {
  readonly dir: string;
  /** What the cache found wrong and healed (a corrupt entry: its job renders again), for the build's notes. */
  readonly notes: string[];
  get(key: string): Promise<JobAux | undefined>;
  put(key: string, aux: JobAux): Promise<void>;
  /** Whether what a job keeps for its dependents (a leaflet's laid-out pages, the booklet's drawing) is stored intact (the render threads read and write them: `readKept`, `writeKept`). */
  hasKept(key: string, what: Kept): Promise<boolean>;
  /**
   * Removes entries of keys not in `keep` that are older than `before` (ms
   * since 1970): entries a concurrent build wrote meanwhile stay. Then the
   * whole `.warraq-cache/` is brought under `budget` bytes, least recently
   * used entries first.
   */
  prune(keep: Set<string>, before: number, budget?: number): Promise<void>;
}

/** Default size budget of a project's `.warraq-cache/`. */
const CACHE_BUDGET = 200 * 1024 * 1024;

/** The payload of entry `file`: 'missing', 'corrupt', or its bytes (and its time is set to now: recently used). */
async function readEntry(file: string): Promise<Uint8Array | 'missing' | 'corrupt'> {
  let data: Uint8Array;
  try {
    data = await readFile(file);
  } catch {
    return 'missing';
  }
  // An entry of an older warraq (not framed: serialized data or JSON) is simply not there; it is replaced.
  if (data.length > 0 && data[0] !== MAGIC.charCodeAt(0)) return 'missing';
  const payload = unframe(data);
  if (!payload) return 'corrupt';
  const now = new Date();
  await utimes(file, now, now).catch(() => undefined);
  return payload;
}

/** Every file under `root` (two levels: one folder per output folder) with its size and time. */
async function cacheFiles(root: string): Promise<Array<{ file: string; size: number; mtimeMs: number }>> {
  // Every file stat-ed at once, in listing order: one after another, a watch session's prune waited for ≈ 180 stats in
  // turn on a thread pool busy with the images, and the next edit's build waits for the prune (docs/performance.md,
  // "Keys, reuse and the output stage").
  const subs = await readdir(root).catch(() => [] as string[]);
  const names = await Promise.all(subs.map(async (sub) => (await readdir(path.join(root, sub)).catch(() => [] as string[])).map((name) => path.join(root, sub, name))));
  const stats = await Promise.all(names.flat().map(async (file) => ({ file, st: await stat(file).catch(() => undefined) })));
  return stats.flatMap(({ file, st }) => (st?.isFile() ? [{ file, size: st.size, mtimeMs: st.mtimeMs }] : []));
}

/** Removes the least recently used entries of `root` until it holds at most `budget` bytes. */
export async function pruneToBudget(root: string, budget: number): Promise<void> {
  const files = await cacheFiles(root);
  let total = files.reduce((n, f) => n + f.size, 0);
  for (const f of files.sort((a, b) => a.mtimeMs - b.mtimeMs)) {
    if (total <= budget) break;
    await rm(f.file, { force: true });
    total -= f.size;
  }
  for (const sub of await readdir(root).catch(() => [] as string[])) await rmdirIfEmpty(path.join(root, sub));
}

const rmdirIfEmpty = (dir: string) => rmdir(dir).catch(() => undefined);

/** `<projectRoot>/.warraq-cache/<hash of the output folder>/`: one cache per output folder. */
export const auxCacheDir = (projectRoot: string, outDir: string) => path.join(projectRoot, '.warraq-cache', sha256(path.resolve(outDir)).slice(0, 16));

export function openAuxCache(projectRoot: string, outDir: string): AuxCache {
  const root = path.join(projectRoot, '.warraq-cache');
  const dir = auxCacheDir(projectRoot, outDir);
  const ready = mkdir(dir, { recursive: true });
  ready.catch(() => {}); // reported where it is awaited (prune; a put makes the folder itself)
  const notes: string[] = [];
  /** A damaged entry: removed, with a note; its job renders again. */
  const healed = async (file: string, what: string) => {
    notes.push(`a damaged cache entry (${path.relative(projectRoot, file)}, ${what}) was removed; its job was rendered again`);
    await rm(file, { force: true });
  };
  return {
    dir,
    notes,
    async get(key) {
      const file = path.join(dir, `${key}.json`);
      const payload = await readEntry(file);
      if (payload === 'missing') return undefined;
      if (payload !== 'corrupt') {
        try {
          return JSON.parse(new TextDecoder().decode(payload)) as JobAux;
        } catch {
          // intact frame, bad JSON: treated as damaged too
        }
      }
      await healed(file, 'side data');
      return undefined;
    },
    async put(key, aux) {
      // writeAtomicIn makes the folder (again, if a prune removed it): awaiting `ready` first made it twice.
      await writeAtomicIn(path.join(dir, `${key}.json`), frame(new TextEncoder().encode(JSON.stringify(aux))));
    },
    async hasKept(key, what) {
      const file = keptFile(dir, key, what);
      const payload = await readEntry(file);
      if (payload === 'corrupt') await healed(file, what === 'pages' ? 'laid-out pages' : 'a drawing\'s colours');
      return payload !== 'missing' && payload !== 'corrupt';
    },
    async prune(keep, before, budget = CACHE_BUDGET) {
      await ready;
      // All at once (cacheFiles).
      const names = (await readdir(dir).catch(() => [] as string[])).filter((name) => !keep.has(name.split('.')[0]));
      await Promise.all(
        names.map(async (name) => {
          const st = await stat(path.join(dir, name)).catch(() => undefined);
          if (st && st.mtimeMs < before) await rm(path.join(dir, name), { force: true });
        }),
      );
      await pruneToBudget(root, budget);
    },
  };
}
