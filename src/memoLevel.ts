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
 *   look-up that memory misses, at most `limits.diskBytes`. The file is a
 *   run of segments, each framed with its length and CRC-32 and tagged with
 *   the format and the code's digest (bytes of another code or format are
 *   not used): a build that made new values appends one segment with just
 *   those, so an edit does not rewrite the megabytes it did not change; a
 *   build whose segment would pass the bound (or the file's segment count,
 *   or that found the file torn or foreign) writes it whole anew, the values
 *   it asked for first (the last asked first), the rest within 3/4 of the
 *   bound so that the next builds have room to append. A torn segment (a
 *   crash while appending) ends the reading: the segments before it are
 *   used, and the next build rewrites the file. While a build records, a
 *   value it asked for that memory pushes out keeps its packed form for
 *   the file.
 *
 * A process that goes on building (the watch session) need not read back a
 * file it wrote itself: given the file as it left it (`MemoFileAsLeft`,
 * src/jobs/memoStore.ts checks it by its inode, size and times), a level goes
 * on from what it knew of it (its keys, length and segments, and the packed
 * values in it that memory does not hold), which is what reading it would
 * give.
 *
 * Values go to the file as they are, or packed by a `codec` (composed
 * paragraphs are packed one by one, their fonts by key, and unpacked only
 * when asked for, with the asker's fonts). A value's key in memory may add
 * to its key on disk (`memoryKey`: a paragraph in memory holds the very
 * font objects it was composed with).
 */
import { deserialize, serialize } from 'node:v8';
import zlib from 'node:zlib';

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
  start(salt: string, stored: StoredMemo): void;
  /**
   * The disk level to store: a segment to append to the file (`append`), or
   * the whole file anew; undefined when nothing new was set since `start` (or
   * it was not started). Stops recording: until the next start, nothing is
   * recorded and the disk level is empty.
   */
  bytes(): MemoWrite | undefined;
  /** What memory and the disk level hold now (tests of the bounds). */
  size(): { entries: number; bytes: number; packed: number; packedBytes: number };
  /** Empties the in-memory level (tests: as a new process would start). */
  forget(): void;
}

/** What a build finds of its memo file: its bytes, none, or the file as this process's last build left it. */
export type StoredMemo = Uint8Array | undefined | MemoFileAsLeft;

/**
 * A memo file unchanged since this process's last build wrote it (or left
 * it as it was): a level that knows what it holds goes on from that without
 * reading it; one that does not (it never read it) reads it.
 */
export interface MemoFileAsLeft {
  asLeft: true;
  read(): Uint8Array | undefined;
}

const isAsLeft = (stored: StoredMemo): stored is MemoFileAsLeft => stored !== undefined && !(stored instanceof Uint8Array);

/** What a build writes to a memo file: a segment to append, or the whole file. */
export interface MemoWrite {
  bytes: Uint8Array;
  append: boolean;
}

/** Most segments a file holds before it is written whole again (each costs a checksum and a deserialization on reading). */
const MAX_SEGMENTS = 32;

// A segment is `warraq-memo 2 <CRC-32, 8 hex digits> <payload length, 12 digits>\n<payload>`.
// CRC-32, not SHA-256: the check is against a damaged or torn file, not a forged one, and
// reading an edit's 15 MB compose memo cost 15–38 ms of the main thread's CPU in SHA-256
// against 3–9 ms in zlib's CRC-32 (session 18). A Node without zlib.crc32 (before 20.15, 21,
// 22.0–22.1) keeps no disk level: there a memo file is neither read nor written (everything
// is computed afresh, the same bytes).
const SEGMENT_MAGIC = 'warraq-memo 2 ';
const CHECK_DIGITS = 8;
const SEGMENT_HEADER = SEGMENT_MAGIC.length + CHECK_DIGITS + 1 + 12 + 1;
const crc32 = (zlib as { crc32?: (data: Uint8Array) => number }).crc32;
const checksum = (b: Uint8Array) => crc32!(b).toString(16).padStart(CHECK_DIGITS, '0');

/** Whether this Node keeps memo files at all (it has zlib.crc32): without it there is no point reading them (src/jobs/memoStore.ts). */
export const memoFilesKept = crc32 !== undefined;

/** `payload` framed as one segment of a memo file (tests make files with it). */
export function memoSegment(payload: Uint8Array): Uint8Array {
  const head = new TextEncoder().encode(`${SEGMENT_MAGIC}${checksum(payload)} ${String(payload.length).padStart(12, '0')}\n`);
  const out = new Uint8Array(head.length + payload.length);
  out.set(head);
  out.set(payload, head.length);
  return out;
}

/** A memo file's intact segments, in order, up to the first that is not (`torn`: the file does not end where its last intact segment does). */
function segmentsOf(file: Uint8Array): { payloads: Uint8Array[]; torn: boolean } {
  const payloads: Uint8Array[] = [];
  let at = 0;
  while (at < file.length) {
    if (file.length - at < SEGMENT_HEADER) return { payloads, torn: true };
    const head = new TextDecoder().decode(file.subarray(at, at + SEGMENT_HEADER));
    const length = Number(head.slice(SEGMENT_MAGIC.length + CHECK_DIGITS + 1, SEGMENT_HEADER - 1));
    const end = at + SEGMENT_HEADER + length;
    if (!head.startsWith(SEGMENT_MAGIC) || head[SEGMENT_HEADER - 1] !== '\n' || !Number.isInteger(length) || end > file.length) return { payloads, torn: true };
    const payload = file.subarray(at + SEGMENT_HEADER, end);
    if (checksum(payload) !== head.slice(SEGMENT_MAGIC.length, SEGMENT_MAGIC.length + CHECK_DIGITS)) return { payloads, torn: true };
    payloads.push(payload);
    at = end;
  }
  return { payloads, torn: false };
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
  /** The keys in the stored file, once read (what an appended segment need not repeat). */
  private storedKeys = new Set<string>();
  /** The stored file's length and segments, and whether a segment may be appended to it (it was read whole, of this format and code). */
  private file = { bytes: 0, segments: 0, appendable: false };
  /**
   * What the file holds as the last build left it (its keys, length and
   * segments, for code `salt`), when this level knows it: read or written
   * whole by that build. The packed values in it that memory does not hold
   * stay in `disk` between builds.
   */
  private left: { salt: string; keys: Set<string>; file: { bytes: number; segments: number; appendable: boolean } } | undefined;

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

  start(salt: string, stored: StoredMemo): void {
    // Without zlib.crc32 (Node before 20.15, 21, 22.0–22.1) there is no disk level: nothing recorded, read or written.
    if (!crc32) return this.reset(undefined, undefined);
    const left = this.left;
    this.left = undefined;
    if (!isAsLeft(stored)) return this.reset(salt, stored);
    if (left?.salt !== salt) return this.reset(salt, stored.read());
    // The file as this level left it: its keys, length and segments as they were, the values in it that memory lacks still in `disk`.
    this.salt = salt;
    this.used.clear();
    this.added = false;
    this.stored = undefined;
    this.storedKeys = left.keys;
    this.file = left.file;
  }

  bytes(): MemoWrite | undefined {
    if (this.salt === undefined) return undefined;
    const salt = this.salt;
    let out: MemoWrite | undefined;
    let keys: Set<string> | undefined;
    if (this.added) {
      ({ out, keys } = this.toStore());
      this.file = out.append ? { bytes: this.file.bytes + out.bytes.length, segments: this.file.segments + 1, appendable: true } : { bytes: out.bytes.length, segments: 1, appendable: true };
    } else if (this.stored === undefined) keys = this.storedKeys; // read (or none): the file stays as it was
    const file = this.file;
    const disk = this.disk;
    this.reset(undefined, undefined);
    if (keys) {
      // What the file holds is known: the next build of this process goes on from it (`start` with the file as left).
      this.left = { salt, keys, file };
      for (const [k, packed] of disk) if (keys.has(k)) this.disk.set(k, packed);
      for (const packed of this.disk.values()) this.diskBytes += this.packedSize(packed);
    }
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
    this.storedKeys = new Set();
    this.file = { bytes: stored?.length ?? 0, segments: 0, appendable: false };
  }

  size() {
    return { entries: this.memory.size, bytes: this.memoryBytes, packed: this.disk.size, packedBytes: this.diskBytes };
  }

  forget(): void {
    this.memory.clear();
    this.memoryBytes = 0;
    this.left = undefined;
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

  /** Reads what the last build stored, once, into the disk level: every intact segment of this format and code. */
  private readStored(): void {
    if (!this.stored) return;
    const { payloads, torn } = segmentsOf(this.stored);
    this.stored = undefined;
    let foreign = false;
    for (const bytes of payloads) {
      let data: { format: string; salt: string; entries: Map<string, unknown> };
      try {
        data = deserialize(bytes) as typeof data;
      } catch {
        foreign = true; // unreadable: its values are made afresh
        continue;
      }
      if (data?.format !== this.format || data.salt !== this.salt || !(data.entries instanceof Map)) {
        foreign = true;
        continue;
      }
      for (const [k, packed] of data.entries)
        if (typeof k === 'string' && this.readable(packed)) {
          this.storedKeys.add(k);
          this.keepPacked(k, packed);
        }
    }
    this.file = { bytes: this.file.bytes, segments: payloads.length, appendable: !torn && !foreign && payloads.length > 0 };
  }

  /** Pushes the least recently used values out of memory until it is within its bound. */
  private trim(): void {
    for (const [k, e] of this.memory) {
      if (this.memoryBytes <= this.limits.memoryBytes) break;
      this.memory.delete(k);
      this.memoryBytes -= e.bytes;
      // While a build records, a value it used keeps its packed form for the disk level (within that level's bound);
      // so does a value the file holds (while a build records, or between builds as the file was left), as reading the file would give it.
      const inFile = e.packed !== undefined && (this.salt !== undefined ? this.storedKeys : this.left?.keys)?.has(e.key);
      if (((this.salt !== undefined && this.used.has(e.key)) || inFile) && this.diskBytes < this.limits.diskBytes) this.keepPacked(e.key, e.packed ?? this.pack(e.value));
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

  /**
   * What to write: the values asked for since `start` that the file lacks,
   * as a segment to append, when the file takes one more within its bounds;
   * else the file anew (`compacted`); with the keys the file then holds.
   */
  private toStore(): { out: MemoWrite; keys: Set<string> } {
    this.readStored();
    // In memory by their key on disk (the most recently used of the memory keys that share it).
    const byKey = new Map<string, Entry<T, P>>();
    for (const e of this.memory.values()) byKey.set(e.key, e);
    const used = [...this.used].reverse().map((key): [string, P | undefined] => {
      const m = byKey.get(key);
      return [key, m ? this.packedEntry(m) : this.disk.get(key)];
    });
    if (this.file.appendable && this.file.segments < MAX_SEGMENTS) {
      const fresh = new Map<string, P>();
      for (const [key, packed] of used) if (packed !== undefined && !this.storedKeys.has(key)) fresh.set(key, packed);
      const out = memoSegment(serialize({ format: this.format, salt: this.salt, entries: fresh }));
      if (this.file.bytes + out.length <= this.limits.diskBytes) {
        for (const key of fresh.keys()) this.storedKeys.add(key);
        return { out: { bytes: out, append: true }, keys: this.storedKeys };
      }
    }
    const entries = this.compacted(used);
    return { out: { bytes: memoSegment(serialize({ format: this.format, salt: this.salt, entries })), append: false }, keys: new Set(entries.keys()) };
  }

  /** The file anew: the values asked for (the last asked first) within the bound, then the rest of the disk level within 3/4 of it. */
  private compacted(used: Array<[string, P | undefined]>): Map<string, P> {
    const entries = new Map<string, P>();
    let total = 0;
    const keep = (key: string, packed: P | undefined, bound: number) => {
      if (packed === undefined || entries.has(key)) return;
      const n = this.packedSize(packed);
      if (total + n > bound) return;
      entries.set(key, packed);
      total += n;
    };
    for (const [key, packed] of used) keep(key, packed, this.limits.diskBytes);
    for (const [key, packed] of this.disk) keep(key, packed, (this.limits.diskBytes * 3) / 4);
    return entries;
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
