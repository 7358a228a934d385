/**
 * The bundle's scripts, run with a V8 code cache: the large packages' group
 * files (lib/vendor-<group>.cjs) and warraq's own code, one file per entry
 * (lib/<entry>.cjs: the command, the watch session, the render and proofing
 * workers).
 *
 * Node 20 keeps no compiled code between processes for ES modules (no
 * `module.enableCompileCache`, no cached data for `import()`), so a cold
 * process compiled react-pdf, zod, YAML… (≈ 150–250 ms of a booklet's
 * second) and then warraq's own chunks (≈ 130–150 ms) from their source
 * every time. scripts/compile.mjs bundles each group of those packages
 * (VENDORS there) and each entry of warraq's into one CommonJS file; this
 * runs such a file once per thread through `vm.Script` with the code V8 made
 * for it in an earlier process (<file>.<digest>.cache). warraq's code reaches
 * a package of a group through `vendor(group, id)`; an entry's file is run
 * by its stub, lib/<entry>.js (`runBundle`), which Node, piscina and the
 * watch session start as before.
 *
 * A cache is written when a process ends (after the functions it ran were
 * compiled, so they are in it), or a render worker's after its first task
 * (`runBundle`: those threads are terminated), if it was missing or V8 refused it (another
 * Node, other flags: bin/warraq.mjs sets V8's interrupt budget and
 * WebAssembly tiering flags before any is read), and an entry's also when
 * this thread ran more of the packages' groups than the process that wrote
 * it (its `weight`, in the cache's first bytes): a build with nothing to do
 * runs none, so its cache, which holds only what it ran, is replaced by the
 * next real build's, and never replaces one. The caches live in lib/, so a
 * new compile starts without one. A process started with node flags of its
 * own (the watch session's young generation, `--max-semi-space-size`, which
 * V8 hashes into the check too) keeps caches of its own, named by those
 * flags, so that the command and the watch session do not each refuse and
 * rewrite the other's. A cache that cannot be written (a read-only lib/)
 * only means the next process compiles again.
 */
import { createHash } from 'node:crypto';
import { closeSync, fsyncSync, openSync, readFileSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import vm from 'node:vm';

/**
 * The function a file is run in: CommonJS's, plus what an ES module had
 * (scripts/compile.mjs writes the bundle's uses of them so): `import.meta.url`
 * (some packages and warraq's own code build paths from it), `import()` of a
 * package left out of the bundle (a script run by `vm.Script` with a code
 * cache has no dynamic import of its own: Node 20 loses its callback when V8
 * takes the cache), the ES-module-only packages its modules import, loaded
 * before the modules that need them run (`__warraqEsm`), and the packages'
 * groups (`vendor`).
 */
const HEAD = '(function (exports, require, module, __filename, __dirname, __warraqImportMetaUrl, __warraqImport, __warraqEsm, __warraqVendor) {';
const TAIL = '\n})';

/** Each file run in this thread: its exports, and whether it is a group of packages. */
const loaded = new Map();
/**
 * The V8 flags this process runs under, as part of a cache's name ('' for
 * none): FNV-1a of `process.execArgv` (which worker threads share with their
 * process), NODE_OPTIONS and the flags bin/warraq.mjs sets after start
 * (WARRAQ_V8_FLAGS), so that `node lib/warraq.js` without them and the
 * command with them keep caches of their own instead of each refusing and
 * rewriting the other's.
 */
const flagsTag = (() => {
  const flags = [process.execArgv.join('\0'), process.env.NODE_OPTIONS ?? '', process.env.WARRAQ_V8_FLAGS ?? ''];
  if (!flags.some(Boolean)) return '';
  let h = 0x811c9dc5;
  for (const c of flags.join('\u0001')) h = Math.imul(h ^ c.codePointAt(0), 0x01000193) >>> 0;
  return `-${h.toString(16).padStart(8, '0')}`;
})();

/**
 * A cache file's header: 'wrq2', the weight of the thread that wrote it
 * (uint32 LE) and the first 16 bytes of the SHA-256 of V8's data; 24 bytes,
 * so that V8's data stays aligned as read. The digest is there because
 * release V8 checks only a cache's version, flags and source length: a
 * cache damaged on disk (a torn write, a bad sector, a stray edit) crashed
 * every later process in V8's deserializer (SIGTRAP, no message) until
 * lib/*.cache was deleted. A cache whose digest does not match is ignored
 * and written again (≈ 1 ms per MB to check).
 */
const HEADER = 24;
const MAGIC = 0x32717277; // 'wrq2' little-endian
const DIGEST = 16;
const payloadDigest = (data) => createHash('sha256').update(data).digest().subarray(0, DIGEST);

/** The groups of packages this thread ran: an entry's cache's weight. */
const weight = () => [...loaded.values()].filter((l) => l.group).length;

/** Scripts whose code cache may be written when the thread ends (`write()` says whether). */
const toCache = [];
let exitHook = false;

/** ES-module-only packages imported for the bundle's modules (`__warraqEsm`): id → namespace. */
const esm = new Map();
/** Imports each of `ids` once per thread (a module's `import()` of a package, resolved from lib/). */
const importEsm = (ids) => Promise.all(ids.map(async (id) => void (esm.has(id) || esm.set(id, await import(id)))));

/**
 * Runs a bundle file (once per thread) and returns its exports: a group
 * file's are package id → namespace. `cache`: use and keep a code cache
 * beside it, named by the file's digest (vendor.json beside it): V8 checks
 * only a cache's length against the source, so a process still running when
 * lib/ is compiled anew writes its cache under its own file's name, which
 * the new files never read. `url`: the file's `import.meta.url` (an entry's
 * stub, whose name tells warraq it runs compiled: src/compiled.ts). An id of
 * another group that a group file requires (React for react-pdf and
 * react-dom, linebreak…) is taken from that group's file (vendor.json's id →
 * group map), as CommonJS's exports; an ES-module-only package from those
 * imported first; anything else from node_modules or Node.
 */
export function runVendorFile(file, { cache = true, url = pathToFileURL(file).href } = {}) {
  const done = loaded.get(file);
  if (done) return done.exports;
  const { groups: shared = {}, digests = {} } = infoBeside(file);
  const name = path.basename(file);
  const group = /^vendor-(.+)\.cjs$/.exec(name)?.[1];
  const digest = digests[name];
  const cacheFile = cache && digest ? `${file}.${digest}${flagsTag}.cache` : undefined;
  let cachedData;
  let writtenAt = -1;
  if (cacheFile) {
    try {
      const bytes = readFileSync(cacheFile);
      const data = bytes.subarray(HEADER);
      if (bytes.length > HEADER && bytes.readUInt32LE(0) === MAGIC && payloadDigest(data).equals(bytes.subarray(8, HEADER))) {
        writtenAt = bytes.readUInt32LE(4);
        cachedData = data;
      }
    } catch {
      // none yet
    }
  }
  const source = readFileSync(file, 'utf8');
  const script = new vm.Script(HEAD + source + TAIL, { filename: file, cachedData });
  const module = { exports: {} };
  const nodeRequire = createRequire(file);
  const require = (id) => {
    const of = shared[id];
    // What a bundled require() expects: CommonJS's exports, the namespace's default (scripts/compile.mjs checks it carries every name).
    if (of) return runVendorFile(path.join(path.dirname(file), `vendor-${of}.cjs`), { cache })[id].default;
    return esm.get(id) ?? nodeRequire(id);
  };
  const entry = { exports: module.exports, group };
  // Set before it runs, for a require() cycle between group files; taken back if it throws, so that a caller who goes on gets the error again, not an empty group.
  loaded.set(file, entry);
  try {
    script.runInThisContext().call(module.exports, module.exports, require, module, file, path.dirname(file), url, (id) => import(id), importEsm, vendor);
  } catch (e) {
    loaded.delete(file);
    throw e;
  }
  entry.exports = module.exports;
  if (cacheFile) {
    const refused = !cachedData || script.cachedDataRejected;
    // A group file's cache is kept once made; an entry's is made again by a thread that ran more packages than the one that made it.
    const write = () => refused || (!group && weight() > writtenAt);
    toCache.push({ script, cacheFile, write, weight: group ? 0 : undefined });
    if (!exitHook) {
      exitHook = true;
      process.once('exit', writeCaches);
    }
  }
  return entry.exports;
}

/**
 * Runs entry `name`'s file (lib/<name>.cjs beside the stub at `stubUrl`)
 * after importing the ES-module-only packages its first modules import
 * (`esm`, listed by scripts/compile.mjs); returns its exports.
 *
 * `terminated`: the entry runs in threads that are ended by being
 * terminated (piscina's render workers), which run no exit handler, so its
 * caches (its own file's, and those of the groups only such a thread loads)
 * were never written. There they are written once the entry's default
 * export (a task) has settled for the first time: by then the thread has
 * compiled what a task runs. A group such a thread first loads in a later
 * task is not cached.
 */
export async function runBundle(stubUrl, name, esmIds, { terminated = false } = {}) {
  await importEsm(esmIds);
  const exports = runVendorFile(path.join(path.dirname(fileURLToPath(stubUrl)), name), { url: stubUrl });
  return terminated ? cachedAfterFirstTask(exports) : exports;
}

/** `exports` with its default export writing the thread's caches after its first call settles (after the answer is sent: a macrotask later). */
function cachedAfterFirstTask(exports) {
  const task = exports.default;
  if (typeof task !== 'function') return exports;
  let first = true;
  const wrapped = async function (...args) {
    try {
      return await task.apply(this, args);
    } finally {
      if (first) {
        first = false;
        setImmediate(writeCaches);
      }
    }
  };
  return { ...exports, default: wrapped };
}

const infos = new Map();
/** vendor.json beside the bundle files: { groups: id → group, digests: file name → digest } (none: no sharing, no cache). */
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
  const now = weight();
  for (const { script, cacheFile, write, weight: fixed } of toCache.splice(0)) {
    if (!write()) continue;
    const tmp = `${cacheFile}.tmp-${process.pid}-${Math.random().toString(36).slice(2)}`;
    try {
      const data = script.createCachedData();
      const header = Buffer.alloc(HEADER);
      header.writeUInt32LE(MAGIC, 0);
      header.writeUInt32LE(fixed ?? now, 4);
      payloadDigest(data).copy(header, 8);
      // On disk before it takes the name: a crash leaves the old cache or a stray .tmp, never a torn cache.
      const fd = openSync(tmp, 'w');
      try {
        writeSync(fd, header);
        writeSync(fd, data);
        fsyncSync(fd);
      } finally {
        closeSync(fd);
      }
      renameSync(tmp, cacheFile);
    } catch {
      // lib/ not writable: no cache, the next process compiles again.
      try {
        unlinkSync(tmp);
      } catch {
        // never made
      }
    }
  }
}

const here = path.dirname(fileURLToPath(import.meta.url));

/** The namespace of package `id` of vendor group `group`; the group's file is in the folder of the stub this is bundled into (lib/). */
export function vendor(group, id) {
  return runVendorFile(path.join(here, `vendor-${group}.cjs`))[id];
}
