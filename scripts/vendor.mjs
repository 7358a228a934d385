/**
 * The bundle's large packages, run as scripts with a V8 code cache.
 *
 * Node 20 keeps no compiled code between processes for ES modules (no
 * `module.enableCompileCache`), so a cold process compiled react-pdf, zod,
 * YAML… from their source every time (≈ 150–250 ms of a booklet's second).
 * scripts/compile.mjs bundles each group of those packages (VENDORS there)
 * into one CommonJS file, lib/vendor-<group>.cjs; warraq's chunks import a
 * small stub per package that calls `vendor(group, id)` here, which runs the
 * group's file once per thread through `vm.Script` with the code V8 made
 * for it in an earlier process (lib/vendor-<group>.cjs.<digest>.cache). The cache is
 * written when a process ends (after the functions it ran were compiled, so
 * they are in it) if it was missing or V8 refused it (another Node, other
 * flags: bin/warraq.mjs sets V8's interrupt budget and WebAssembly tiering
 * flags before any is read); it lives in lib/, so a new compile starts without one. A process
 * started with node flags of its own (the watch session's young generation,
 * `--max-semi-space-size`, which V8 hashes into the check too) keeps caches
 * of its own, named by those flags, so that the command and the watch
 * session do not each refuse and rewrite the other's. A cache that
 * cannot be written (a read-only lib/) only means the next process compiles
 * again.
 */
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import vm from 'node:vm';

/** The function a group's file is run in: CommonJS's, plus `import.meta.url` (some packages build URLs from it). */
const HEAD = '(function (exports, require, module, __filename, __dirname, __warraqImportMetaUrl) {';
const TAIL = '\n})';

/** Each group file run in this thread: its exports (package id → namespace). */
const loaded = new Map();
/**
 * The node flags this process started with, as part of a cache's name ('' for
 * none: the command): FNV-1a of `process.execArgv`, which worker threads
 * share with their process.
 */
const flagsTag = (() => {
  if (!process.execArgv.length) return '';
  let h = 0x811c9dc5;
  for (const c of process.execArgv.join('\0')) h = Math.imul(h ^ c.codePointAt(0), 0x01000193) >>> 0;
  return `-${h.toString(16).padStart(8, '0')}`;
})();

/** Scripts whose code cache is to be written when the process ends. */
const toCache = [];
let exitHook = false;

/**
 * Runs a group file (once per thread) and returns its exports (package id →
 * namespace). `cache`: use and keep a code cache beside it, named by the
 * file's digest (vendor.json beside it): V8 checks only a cache's length
 * against the source, so a process still running when lib/ is compiled
 * anew writes its cache under its own file's name, which the new files never
 * read. An id of another group that it requires (React for react-pdf and
 * react-dom, linebreak…) is taken from that group's file (vendor.json's
 * id → group map), as CommonJS's exports; anything else from node_modules
 * or Node.
 */
export function runVendorFile(file, { cache = true } = {}) {
  let exports = loaded.get(file);
  if (exports) return exports;
  const { groups: shared = {}, digests = {} } = infoBeside(file);
  const digest = digests[path.basename(file)];
  const cacheFile = cache && digest ? `${file}.${digest}${flagsTag}.cache` : undefined;
  let cachedData;
  if (cacheFile) {
    try {
      cachedData = readFileSync(cacheFile);
    } catch {
      // none yet
    }
  }
  const source = readFileSync(file, 'utf8');
  const script = new vm.Script(HEAD + source + TAIL, { filename: file, cachedData });
  const module = { exports: {} };
  const nodeRequire = createRequire(file);
  const require = (id) => {
    const group = shared[id];
    // What a bundled require() expects: CommonJS's exports, the namespace's default (scripts/compile.mjs checks it carries every name).
    return group ? runVendorFile(path.join(path.dirname(file), `vendor-${group}.cjs`), { cache })[id].default : nodeRequire(id);
  };
  script.runInThisContext().call(module.exports, module.exports, require, module, file, path.dirname(file), pathToFileURL(file).href);
  exports = module.exports;
  loaded.set(file, exports);
  if (cacheFile && (!cachedData || script.cachedDataRejected)) {
    toCache.push({ script, cacheFile });
    if (!exitHook) {
      exitHook = true;
      process.once('exit', writeCaches);
    }
  }
  return exports;
}

const infos = new Map();
/** vendor.json beside the group files: { groups: id → group, digests: file name → digest } (none: no sharing, no cache). */
function infoBeside(file) {
  const at = path.join(path.dirname(file), 'vendor.json');
  let info = infos.get(at);
  if (!info) {
    try {
      info = JSON.parse(readFileSync(at, 'utf8'));
    } catch {
      info = {};
    }
    infos.set(at, info);
  }
  return info;
}

function writeCaches() {
  for (const { script, cacheFile } of toCache.splice(0)) {
    const tmp = `${cacheFile}.tmp-${process.pid}-${Math.random().toString(36).slice(2)}`;
    try {
      writeFileSync(tmp, script.createCachedData());
      renameSync(tmp, cacheFile);
    } catch {
      // lib/ not writable: no cache, the next process compiles again.
    }
  }
}

const here = path.dirname(fileURLToPath(import.meta.url));

/** The namespace of package `id` of vendor group `group`; the group's file is in the folder of the chunk this is bundled into (lib/). */
export function vendor(group, id) {
  return runVendorFile(path.join(here, `vendor-${group}.cjs`))[id];
}
