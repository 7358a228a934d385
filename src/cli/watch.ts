/**
 * What `npm run watch` watches, and how. Folders are watched, never file
 * inodes (an editor's "write a temp file, then rename" save replaces the
 * inode), one non-recursive watcher per folder, re-armed when a folder is
 * replaced or comes back. Editor temp and swap files, the output folder and
 * its siblings (`<out>.lock`, `<out>.staging-*`, `<out>.old-*`, wherever the
 * output sits) and the cache are never reported. Changes are collected until
 * the folders are quiet for a moment (debounce), then reported as one batch.
 */
import { watch, type FSWatcher } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';

type WatchKind = 'source' | 'templates' | 'code';

export interface WatchRoot {
  dir: string;
  kind: WatchKind;
  /** Sub-folders too (their watchers are added as they appear). */
  recursive: boolean;
  /** Only these files count (default: every file). */
  accept?: (file: string) => boolean;
}

export interface Change {
  file: string;
  kind: WatchKind;
}

/** How long the folders must be quiet before a batch is reported. */
const DEBOUNCE_MS = 150;
/** How often watched folders are checked for having been replaced or removed. */
const HEARTBEAT_MS = 500;

const EDITOR_TEMP: readonly RegExp[] = [
  /~$/, // backups: vim, emacs, gedit, nano
  /^\.#|^#.*#$/, // emacs lock and auto-save files
  /\.sw[a-px]$/i, // vim swap files (and .swx, its probe)
  /^4913$/, // vim's probe of whether the folder is writable
  /^\.goutputstream-/, // gedit (GIO) atomic saves
  /^sed[A-Za-z0-9]{6}$/, // sed -i
  /\.tmp$|\.tmp[-.~]|^\.tmp|\.temp$/i, // write-then-rename temp files (VS Code, many tools)
  /\.kate-swp$|___jb_(?:tmp|old)___$|\.crswap$|\.part$|^\.~lock\..*#$|^~\$/, // Kate, JetBrains, browsers, LibreOffice, MS Office
  /^\.DS_Store$/,
];

/** An editor's temp, swap, backup or lock file (by name). */
export function isEditorTemp(file: string): boolean {
  const name = path.basename(file);
  return EDITOR_TEMP.some((re) => re.test(name));
}

/** True for the output folder, anything in it, and its siblings `<out>.*` (lock, staging, old) and their contents. */
export function outputMatcher(outDir: string): (file: string) => boolean {
  const out = path.resolve(outDir);
  const parent = path.dirname(out);
  const base = path.basename(out);
  return (file) => {
    const rel = path.relative(parent, path.resolve(file));
    if (rel === '' || rel.startsWith('..') || path.isAbsolute(rel)) return false;
    const first = rel.split(path.sep)[0];
    return first === base || first.startsWith(`${base}.`);
  };
}

/** Folders never worth watching wherever they are. */
const NEVER = new Set(['.git', 'node_modules', '.warraq-cache']);

/** What a build of `source` into `out` depends on: the source's folder (the source and YAML files), templates/, src/ and fonts/. */
export function watchRoots(opts: { projectRoot: string; source: string }, warraqRoot: string): WatchRoot[] {
  const source = path.resolve(opts.projectRoot, opts.source);
  return [
    { dir: path.dirname(source), kind: 'source', recursive: false, accept: (f) => f === source || /\.ya?ml$/i.test(f) },
    { dir: path.join(warraqRoot, 'templates'), kind: 'templates', recursive: true },
    { dir: path.join(warraqRoot, 'src'), kind: 'code', recursive: true },
    // Fonts are cached by path in every thread: a changed font is like changed code.
    { dir: path.resolve(opts.projectRoot, 'fonts'), kind: 'code', recursive: true },
  ];
}

interface FolderWatch {
  /** Resolves when the initial watchers are in place. */
  ready: Promise<void>;
  close(): void;
}

/** The folders watched, each with its watcher, its inode (to see it replaced) and its root. */
type Armed = Map<string, { watcher: FSWatcher; ino: number; root: WatchRoot }>;

export function watchFolders(
  roots: readonly WatchRoot[],
  opts: { outDir: string; onChanges: (batch: Change[]) => void; debounceMs?: number },
): FolderWatch {
  const isOutput = outputMatcher(opts.outDir);
  const ignored = (file: string, root: WatchRoot) => isEditorTemp(file) || isOutput(file) || path.relative(root.dir, file).split(path.sep).some((s) => NEVER.has(s));
  const armed: Armed = new Map();
  const batches = debouncedBatches(opts.onChanges, opts.debounceMs ?? DEBOUNCE_MS);
  let closed = false;

  const note = (file: string, root: WatchRoot) => {
    if (closed || ignored(file, root) || (root.accept && !root.accept(file))) return;
    batches.add({ file, kind: root.kind });
  };

  const disarm = (dir: string) => {
    armed.get(dir)?.watcher.close();
    armed.delete(dir);
  };

  const arm = async (dir: string, root: WatchRoot): Promise<void> => {
    if (closed || armed.has(dir) || (dir !== root.dir && ignored(dir, root))) return;
    const st = await stat(dir).catch(() => undefined);
    if (!st?.isDirectory() || closed || armed.has(dir)) return;
    let watcher: FSWatcher;
    try {
      watcher = watch(dir, { persistent: true }, (_event, name) => {
        if (name === null || name === undefined) return;
        const file = path.join(dir, String(name));
        if (root.recursive && !ignored(file, root)) void arm(file, root); // a new sub-folder (arm() skips anything else)
        note(file, root);
      });
    } catch {
      return; // gone again, or unreadable: the heartbeat tries again
    }
    watcher.on('error', () => {
      disarm(dir);
      void arm(dir, root);
    });
    armed.set(dir, { watcher, ino: st.ino, root });
    if (root.recursive) {
      const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
      await Promise.all(entries.filter((e) => e.isDirectory()).map((e) => arm(path.join(dir, e.name), root)));
    }
  };

  const heartbeat = setInterval(() => void rearmChanged(armed, roots, { arm, disarm, note }), HEARTBEAT_MS);
  heartbeat.unref();

  const ready = Promise.all(roots.map((r) => arm(r.dir, r))).then(() => undefined);
  return {
    ready,
    close() {
      closed = true;
      clearInterval(heartbeat);
      batches.stop();
      for (const dir of [...armed.keys()]) disarm(dir);
    },
  };
}

/**
 * Changes collected until none has come for `debounceMs`, then reported as
 * one batch, sorted by file (a file changed twice is reported once).
 * Nothing is reported once stopped.
 */
function debouncedBatches(onChanges: (batch: Change[]) => void, debounceMs: number): { add(change: Change): void; stop(): void } {
  let pending = new Map<string, Change>();
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  const flush = () => {
    timer = undefined;
    const batch = [...pending.values()].sort((a, b) => (a.file < b.file ? -1 : 1));
    pending = new Map();
    if (batch.length > 0 && !stopped) onChanges(batch);
  };
  return {
    add(change) {
      pending.set(change.file, change);
      if (timer) clearTimeout(timer);
      timer = setTimeout(flush, debounceMs);
    },
    stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
    },
  };
}

/** The heartbeat: re-arms folders that were replaced (renamed over) or removed, and roots that (re)appear. */
async function rearmChanged(
  armed: Armed,
  roots: readonly WatchRoot[],
  w: { arm(dir: string, root: WatchRoot): Promise<void>; disarm(dir: string): void; note(file: string, root: WatchRoot): void },
): Promise<void> {
  for (const [dir, a] of [...armed]) {
    const st = await stat(dir).catch(() => undefined);
    if (st?.isDirectory() && st.ino === a.ino) continue;
    w.disarm(dir);
    if (!st) continue;
    // Replaced (e.g. renamed over): its files may all be new.
    await w.arm(dir, a.root);
    for (const e of await readdir(dir).catch(() => [])) w.note(path.join(dir, e), a.root);
  }
  for (const r of roots) if (!armed.has(r.dir)) await w.arm(r.dir, r);
}

/**
 * Runs `fn` on batches one at a time; batches that arrive meanwhile are
 * merged into one next run.
 */
export function serially<T>(fn: (items: T[]) => Promise<void>): (items: T[]) => Promise<void> {
  let queued: T[] | undefined;
  let running: Promise<void> | undefined;
  const loop = async () => {
    while (queued) {
      const items = queued;
      queued = undefined;
      await fn(items);
    }
    running = undefined;
  };
  return (items) => {
    queued = [...(queued ?? []), ...items];
    running ??= loop();
    return running;
  };
}
