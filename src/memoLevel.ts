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
  /** Whether a stored entry is a packed value at all (a damaged file may hold anything); without it, any entry whose size is a number. */
  valid?(stored: unknown): stored is P;
}

/** Where a look-up finds its value in memory, and how a packed one becomes a value (undefined: it cannot, it is made afresh). */
interface MemoLookUp<T, P> {
  memoryKey?: string;
  unpack?: (packed: P) => T | undefined;
}

interface MemoLevel<T, P = T> {
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
  return new Level(format, sizeOf, limits, codec);
}

class Level<T, P> implements MemoLevel<T, P> {
  private readonly memory = new Map<string, Entry<T, P>>();
  private memoryBytes = 0;
  /** What the last build stored, not yet read. */
  private stored: Uint8Array | undefined;
  /** Packed values: read from disk and not yet asked for, or pushed out of memory while a build records. */
  private disk = new Map<string, P>();
  private diskBytes = 0;
  /** The code's digest while a build records (between `start` and `bytes`). */
  private salt: string | undefined;
  /** Keys asked for since `start`, in order: what the next save keeps first. */
  private readonly used = new Set<string>();
  /** Whether a value was set (made, not found) since `start`: else there is nothing new to store. */
  private added = false;

  constructor(
    private readonly format: string,
    private readonly sizeOf: (value: T) => number,
    private readonly limits: { memoryBytes: number; diskBytes: number },
    private readonly codec?: MemoCodec<T, P>,
  ) {}

  get(key: string, how: MemoLookUp<T, P> = {}): T | undefined {
    this.record(key);
    const memoryKey = how.memoryKey ?? key;
    const hit = this.memory.get(memoryKey);
    if (hit) {
      this.remember(memoryKey, hit);
      return hit.value;
    }
    this.readStored();
    const packed = this.takePacked(key);
    if (packed === undefined) return undefined;
    const value = how.unpack ? how.unpack(packed) : (packed as unknown as T);
    if (value !== undefined) this.remember(memoryKey, { key, value, packed, bytes: this.entryBytes(value, packed) });
    return value;
  }

  set(key: string, value: T, memoryKey = key): void {
    this.record(key);
    this.remember(memoryKey, { key, value, packed: this.codec ? undefined : (value as unknown as P), bytes: this.entryBytes(value, undefined) });
    this.added = true;
  }

  start(salt: string, stored: Uint8Array | undefined): void {
    this.reset(salt, stored);
  }

  bytes(): Uint8Array | undefined {
    if (this.salt === undefined) return undefined;
    const out = this.added ? this.toStore() : undefined;
    this.reset(undefined, undefined);
    this.trim(); // the packed forms just made count against the memory bound too
    return out;
  }

  /** A build's recording begins (`salt` its code's digest, `stored` the file on disk) or ends (both undefined). */
  private reset(salt: string | undefined, stored: Uint8Array | undefined): void {
    this.salt = salt;
    this.used.clear();
    this.added = false;
    this.disk = new Map();
    this.diskBytes = 0;
    this.stored = stored;
  }

  size() {
    return { entries: this.memory.size, bytes: this.memoryBytes, packed: this.disk.size, packedBytes: this.diskBytes };
  }

  forget(): void {
    this.memory.clear();
    this.memoryBytes = 0;
  }

  private pack(value: T): P {
    return this.codec ? this.codec.pack(value) : (value as unknown as P);
  }

  private packedSize(packed: P): number {
    return this.codec ? this.codec.sizeOf(packed) : this.sizeOf(packed as unknown as T);
  }

  /** A value's own cost in memory, with its packed form when that is another object. */
  private entryBytes(value: T, packed: P | undefined): number {
    return this.sizeOf(value) + (this.codec && packed !== undefined ? this.codec.sizeOf(packed) : 0);
  }

  private record(key: string): void {
    if (this.salt !== undefined && this.used.size < MAX_USED) this.used.add(key);
  }

  /** Keeps a packed value in the disk level, within its bound. */
  private keepPacked(key: string, packed: P): void {
    const n = this.packedSize(packed);
    if (this.disk.has(key) || this.diskBytes + n > this.limits.diskBytes) return;
    this.disk.set(key, packed);
    this.diskBytes += n;
  }

  /** Moves a packed value out of the disk level. */
  private takePacked(key: string): P | undefined {
    const packed = this.disk.get(key);
    if (packed !== undefined) {
      this.disk.delete(key);
      this.diskBytes -= this.packedSize(packed);
    }
    return packed;
  }

  /** Whether a stored entry is a packed value whose size is a number of bytes (a damaged file may hold anything). */
  private readable(stored: unknown): stored is P {
    if (stored === undefined || (this.codec?.valid && !this.codec.valid(stored))) return false;
    try {
      const n = this.packedSize(stored as P);
      return Number.isFinite(n) && n >= 0;
    } catch {
      return false;
    }
  }

  /** Reads what the last build stored, once, into the disk level. */
  private readStored(): void {
    if (!this.stored) return;
    const bytes = this.stored;
    this.stored = undefined;
    let data: { format: string; salt: string; entries: Map<string, unknown> };
    try {
      data = deserialize(bytes) as typeof data;
    } catch {
      return; // unreadable: everything is made afresh
    }
    if (data?.format !== this.format || data.salt !== this.salt || !(data.entries instanceof Map)) return;
    for (const [k, packed] of data.entries) if (typeof k === 'string' && this.readable(packed)) this.keepPacked(k, packed);
  }

  /** Pushes the least recently used values out of memory until it is within its bound. */
  private trim(): void {
    for (const [k, e] of this.memory) {
      if (this.memoryBytes <= this.limits.memoryBytes) break;
      this.memory.delete(k);
      this.memoryBytes -= e.bytes;
      // While a build records, a value it used keeps its packed form for the disk level (within that level's bound).
      if (this.salt !== undefined && this.used.has(e.key) && this.diskBytes < this.limits.diskBytes) this.keepPacked(e.key, e.packed ?? this.pack(e.value));
    }
  }

  /** Puts `entry` in memory as the most recently used. */
  private remember(memoryKey: string, entry: Entry<T, P>): void {
    const old = this.memory.get(memoryKey);
    if (old) {
      this.memory.delete(memoryKey);
      this.memoryBytes -= old.bytes;
    }
    this.memory.set(memoryKey, entry);
    this.memoryBytes += entry.bytes;
    this.trim();
  }

  /** The disk level's file: the values asked for since `start` (the last asked first; those in memory packed now), then the rest of the disk level, within its bound. */
  private toStore(): Uint8Array {
    this.readStored();
    const entries = new Map<string, P>();
    let total = 0;
    const keep = (key: string, packed: P | undefined) => {
      if (packed === undefined || entries.has(key)) return;
      const n = this.packedSize(packed);
      if (total + n > this.limits.diskBytes) return;
      entries.set(key, packed);
      total += n;
    };
    // In memory by their key on disk (the most recently used of the memory keys that share it).
    const byKey = new Map<string, Entry<T, P>>();
    for (const e of this.memory.values()) byKey.set(e.key, e);
    for (const key of [...this.used].reverse()) {
      const m = byKey.get(key);
      keep(key, m ? this.packedEntry(m) : this.disk.get(key));
    }
    for (const [key, packed] of this.disk) keep(key, packed);
    return serialize({ format: this.format, salt: this.salt, entries });
  }

  /** An entry's packed form, made once (it then counts in the entry's bytes). */
  private packedEntry(e: Entry<T, P>): P {
    if (e.packed === undefined) {
      e.packed = this.pack(e.value);
      const n = this.packedSize(e.packed);
      e.bytes += n;
      this.memoryBytes += n;
    }
    return e.packed;
  }
}
