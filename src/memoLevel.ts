/**
 * A remembered value's two levels, as the text layer keeps composed
 * paragraphs (src/text/composeCache.ts) and the PDF renderer painted lines
 * and font subsets (src/render/pdf/rememberedLines.ts, rememberedSubsets.ts):
 *
 * - in memory, per thread, least recently used first out beyond
 *   `limits.memoryBytes` (each value's size as its owner estimates it);
 * - across builds, in the build's main thread, one file in
 *   `.warraq-cache/memo/` (src/jobs/memoStore.ts: `start` with what the last
 *   build stored, `bytes` for the next), read in one piece on the first
 *   look-up that memory misses, tagged with its format and the code's
 *   digest (bytes of another code or format are not used), at most
 *   `limits.diskBytes`, the values this build asked for first (the last
 *   asked first). While a build records, a value it asked for that memory
 *   pushes out keeps its packed form for the file.
 *
 * Values go to the file as they are, or packed by a `codec` (composed
 * paragraphs are packed one by one, their fonts by key, and unpacked only
 * when asked for, with the asker's fonts). A value's key in memory may add
 * to its key on disk (`memoryKey`: a paragraph in memory holds the very
 * font objects it was composed with).
 */
import { deserialize, serialize } from 'node:v8';

/** How values are packed for the disk level; without one, they are stored as they are. */
export interface MemoCodec<T, P> {
  pack(value: T): P;
  /** A packed value's bytes. */
  sizeOf(packed: P): number;
}

/** Where a look-up finds its value in memory, and how a packed one becomes a value (undefined: it cannot, it is made afresh). */
export interface MemoLookUp<T, P> {
  memoryKey?: string;
  unpack?: (packed: P) => T | undefined;
}

export interface MemoLevel<T, P = T> {
  get(key: string, how?: MemoLookUp<T, P>): T | undefined;
  set(key: string, value: T, memoryKey?: string): void;
  /** Starts the disk level from `stored` (what `bytes` gave for the last build), for code whose digest is `salt`; missing, damaged or another code's bytes leave it empty. */
  start(salt: string, stored: Uint8Array | undefined): void;
  /** The disk level to store; undefined when nothing new was set since `start` (or it was not started). Stops recording: until the next start, nothing is recorded and the disk level is empty. */
  bytes(): Uint8Array | undefined;
  /** What memory and the disk level hold now (tests of the bounds). */
  size(): { entries: number; bytes: number; packed: number; packedBytes: number };
  /** Empties the in-memory level (tests: as a new process would start). */
  forget(): void;
}

/** Most keys recorded as asked for while a build records (a build that fails never stops recording until the next starts). */
const MAX_USED = 200_000;

interface Entry<T, P> {
  /** Its key on disk. */
  key: string;
  value: T;
  /** Its packed form, once made (or as read from disk). */
  packed?: P;
  bytes: number;
}

export function memoLevel<T, P = T>(
  format: string,
  sizeOf: (value: T) => number,
  limits: { memoryBytes: number; diskBytes: number },
  codec?: MemoCodec<T, P>,
): MemoLevel<T, P> {
  const pack = codec ? (v: T) => codec.pack(v) : (v: T) => v as unknown as P;
  const packedSize = codec ? (p: P) => codec.sizeOf(p) : (p: P) => sizeOf(p as unknown as T);
  /** A value's own cost in memory, with its packed form when that is another object. */
  const entryBytes = (value: T, packed: P | undefined) => sizeOf(value) + (codec && packed !== undefined ? codec.sizeOf(packed) : 0);

  const memory = new Map<string, Entry<T, P>>();
  let memoryBytes = 0;
  /** What the last build stored, not yet read. */
  let stored: Uint8Array | undefined;
  /** Packed values: read from disk and not yet asked for, or pushed out of memory while a build records. */
  let disk = new Map<string, P>();
  let diskBytes = 0;
  let salt: string | undefined;
  /** Keys asked for since `start`, in order: what the next save keeps first. */
  const used = new Set<string>();
  /** Whether a value was set (made, not found) since `start`: else there is nothing new to store. */
  let added = false;

  const keepPacked = (key: string, packed: P) => {
    const n = packedSize(packed);
    if (disk.has(key) || diskBytes + n > limits.diskBytes) return;
    disk.set(key, packed);
    diskBytes += n;
  };
  const takePacked = (key: string) => {
    const packed = disk.get(key);
    if (packed !== undefined) {
      disk.delete(key);
      diskBytes -= packedSize(packed);
    }
    return packed;
  };
  /** Reads what the last build stored, once, into the disk level. */
  const readStored = () => {
    if (!stored) return;
    const bytes = stored;
    stored = undefined;
    try {
      const data = deserialize(bytes) as { format: string; salt: string; entries: Map<string, P> };
      if (data.format !== format || data.salt !== salt || !(data.entries instanceof Map)) return;
      for (const [k, packed] of data.entries) keepPacked(k, packed);
    } catch {
      // Unreadable: everything is made afresh.
    }
  };
  /** Pushes the least recently used values out of memory until it is within its bound. */
  const trim = () => {
    for (const [k, e] of memory) {
      if (memoryBytes <= limits.memoryBytes) break;
      memory.delete(k);
      memoryBytes -= e.bytes;
      // While a build records, a value it used keeps its packed form for the disk level (within that level's bound).
      if (salt !== undefined && used.has(e.key) && diskBytes < limits.diskBytes) keepPacked(e.key, e.packed ?? pack(e.value));
    }
  };
  /** Puts `entry` in memory as the most recently used. */
  const remember = (memoryKey: string, entry: Entry<T, P>) => {
    const old = memory.get(memoryKey);
    if (old) {
      memory.delete(memoryKey);
      memoryBytes -= old.bytes;
    }
    memory.set(memoryKey, entry);
    memoryBytes += entry.bytes;
    trim();
  };
  const record = (key: string) => {
    if (salt !== undefined && used.size < MAX_USED) used.add(key);
  };

  return {
    get(key, how = {}) {
      record(key);
      const memoryKey = how.memoryKey ?? key;
      const hit = memory.get(memoryKey);
      if (hit) {
        remember(memoryKey, hit);
        return hit.value;
      }
      readStored();
      const packed = takePacked(key);
      if (packed === undefined) return undefined;
      const value = how.unpack ? how.unpack(packed) : (packed as unknown as T);
      if (value !== undefined) remember(memoryKey, { key, value, packed, bytes: entryBytes(value, packed) });
      return value;
    },
    set(key, value, memoryKey = key) {
      record(key);
      remember(memoryKey, { key, value, packed: codec ? undefined : (value as unknown as P), bytes: entryBytes(value, undefined) });
      added = true;
    },
    start(codeSalt, bytes) {
      salt = codeSalt;
      used.clear();
      added = false;
      disk = new Map();
      diskBytes = 0;
      stored = bytes;
    },
    bytes() {
      if (salt === undefined) return undefined;
      let out: Uint8Array | undefined;
      if (added) {
        readStored();
        const entries = new Map<string, P>();
        let total = 0;
        const keep = (key: string, packed: P | undefined) => {
          if (packed === undefined || entries.has(key)) return;
          const n = packedSize(packed);
          if (total + n > limits.diskBytes) return;
          entries.set(key, packed);
          total += n;
        };
        // In memory by their key on disk (the most recently used of the memory keys that share it).
        const byKey = new Map<string, Entry<T, P>>();
        for (const e of memory.values()) byKey.set(e.key, e);
        for (const key of [...used].reverse()) {
          const m = byKey.get(key);
          if (m && m.packed === undefined) {
            m.packed = pack(m.value);
            const n = packedSize(m.packed);
            m.bytes += n;
            memoryBytes += n;
          }
          keep(key, m?.packed ?? disk.get(key));
        }
        for (const [key, packed] of disk) keep(key, packed);
        out = serialize({ format, salt, entries });
      }
      salt = undefined;
      used.clear();
      disk = new Map();
      diskBytes = 0;
      stored = undefined;
      trim(); // the packed forms just made count against the memory bound too
      return out;
    },
    size() {
      return { entries: memory.size, bytes: memoryBytes, packed: disk.size, packedBytes: diskBytes };
    },
    forget() {
      memory.clear();
      memoryBytes = 0;
    },
  };
}
