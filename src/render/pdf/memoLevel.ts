/**
 * A remembered value's two levels, as the PDF renderer keeps painted lines
 * (rememberedLines.ts) and font subsets (rememberedSubsets.ts): in memory per
 * thread, least recently used out beyond a bound; and, in the build's main
 * thread, one file in `.warraq-cache/memo/` (src/jobs/memoStore.ts: `start`
 * with what the last build stored, `bytes` for the next), read in one piece
 * on the first look-up, tagged with its format and the code's digest (bytes
 * of another code or format are not used), at most a bound, the values used
 * by this build first.
 */
import { deserialize, serialize } from 'node:v8';

export interface MemoLevel<T> {
  get(key: string): T | undefined;
  set(key: string, value: T): void;
  /** Starts the disk level from `stored` (what `bytes` gave for the last build), for code whose digest is `salt`. */
  start(salt: string, stored: Uint8Array | undefined): void;
  /** The disk level to store; undefined when nothing new was set since `start` (or it was not started). Stops recording. */
  bytes(): Uint8Array | undefined;
  /** Empties the in-memory level (tests: as a new process would start). */
  forget(): void;
}

export function memoLevel<T>(format: string, sizeOf: (value: T) => number, limits: { memoryBytes: number; diskBytes: number }): MemoLevel<T> {
  const memory = new Map<string, T>();
  let memoryBytes = 0;
  let stored: Uint8Array | undefined;
  let disk = new Map<string, T>();
  let salt: string | undefined;
  const used = new Set<string>();
  let added = false;

  const remember = (key: string, value: T) => {
    const old = memory.get(key);
    if (old !== undefined) {
      memory.delete(key);
      memoryBytes -= sizeOf(old);
    }
    memory.set(key, value);
    memoryBytes += sizeOf(value);
    for (const [k, v] of memory) {
      if (memoryBytes <= limits.memoryBytes) break;
      memory.delete(k);
      memoryBytes -= sizeOf(v);
    }
  };
  const unpack = () => {
    if (!stored) return;
    const bytes = stored;
    stored = undefined;
    try {
      const data = deserialize(bytes) as { format: string; salt: string; entries: Map<string, T> };
      if (data.format === format && data.salt === salt && data.entries instanceof Map) disk = data.entries;
    } catch {
      // Unreadable: everything is made afresh.
    }
  };

  return {
    get(key) {
      if (salt !== undefined) used.add(key);
      let value = memory.get(key);
      if (value === undefined) {
        unpack();
        value = disk.get(key);
      }
      if (value !== undefined) remember(key, value);
      return value;
    },
    set(key, value) {
      if (salt !== undefined) used.add(key);
      remember(key, value);
      added = true;
    },
    start(codeSalt, bytes) {
      salt = codeSalt;
      used.clear();
      added = false;
      disk = new Map();
      stored = bytes;
    },
    bytes() {
      if (salt === undefined) return undefined;
      let out: Uint8Array | undefined;
      if (added) {
        unpack();
        const entries = new Map<string, T>();
        let total = 0;
        const keep = (key: string, value: T | undefined) => {
          if (value === undefined || entries.has(key) || total + sizeOf(value) > limits.diskBytes) return;
          entries.set(key, value);
          total += sizeOf(value);
        };
        for (const key of [...used].reverse()) keep(key, memory.get(key) ?? disk.get(key));
        for (const [key, value] of disk) keep(key, value);
        out = serialize({ format, salt, entries });
      }
      salt = undefined;
      used.clear();
      disk = new Map();
      stored = undefined;
      return out;
    },
    forget() {
      memory.clear();
      memoryBytes = 0;
    },
  };
}
