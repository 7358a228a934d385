/**
 * The two levels of a remembered value (src/memoLevel.ts): memory, and the
 * disk level a build stores for the next.
 */
import { serialize } from 'node:v8';
import { describe, expect, it } from 'vitest';
import { memoLevel, memoSegment, type MemoCodec, type MemoWrite } from '../src/memoLevel.js';

/** Values are strings, a byte a character; packed, they are their bytes. */
const codec: MemoCodec<string, Uint8Array> = {
  pack: (v) => new TextEncoder().encode(v),
  sizeOf: (b) => b.length,
  valid: (b): b is Uint8Array => b instanceof Uint8Array,
};
const unpack = (b: Uint8Array) => new TextDecoder().decode(b);
const value = (c: string) => c.repeat(100);
const newLevel = (limits = { memoryBytes: 1000, diskBytes: 1000 }) => memoLevel<string, Uint8Array>('test 1', (v) => v.length, limits, codec);

/** What a level stored, in a new level (as the next build in a new process reads it). */
function nextBuild(stored: MemoWrite | Uint8Array | undefined, limits?: { memoryBytes: number; diskBytes: number }) {
  const level = newLevel(limits);
  level.start('code', stored instanceof Uint8Array || !stored ? stored : stored.bytes);
  return level;
}

describe('memoLevel', () => {
  it('moves a value out of the disk level when it is asked for', () => {
    const first = newLevel();
    first.start('code', undefined);
    first.set('a', value('a'));
    first.set('b', value('b'));
    const level = nextBuild(first.bytes());
    expect(level.get('a', { unpack })).toBe(value('a'));
    // The rest of the file was read into the disk level; the value asked for is now in memory only.
    expect(level.size()).toEqual({ entries: 1, bytes: 200, packed: 1, packedBytes: 100 });
    level.forget();
    expect(level.get('b', { unpack })).toBe(value('b'));
    expect(level.get('a', { unpack })).toBeUndefined();
    expect(level.size().packed).toBe(0);
  });

  it('keeps a value a recording build used, pushed out of memory, packed for the file', () => {
    const level = newLevel({ memoryBytes: 250, diskBytes: 1000 });
    level.start('code', undefined);
    level.set('a', value('a'));
    level.set('b', value('b'));
    level.set('c', value('c')); // pushes 'a' out of memory
    expect(level.size()).toMatchObject({ entries: 2, packed: 1, packedBytes: 100 });
    const next = nextBuild(level.bytes());
    for (const k of ['a', 'b', 'c']) expect(next.get(k, { unpack })).toBe(value(k));
    // Without recording, a value pushed out is gone.
    const idle = newLevel({ memoryBytes: 250, diskBytes: 1000 });
    for (const k of ['a', 'b', 'c']) idle.set(k, value(k));
    expect(idle.size()).toMatchObject({ entries: 2, packed: 0 });
    expect(idle.bytes()).toBeUndefined();
  });

  it('stores at most diskBytes, the values first asked for last first', () => {
    const level = newLevel({ memoryBytes: 10_000, diskBytes: 250 });
    level.start('code', undefined);
    for (const k of ['a', 'b', 'c', 'd']) level.set(k, value(k));
    level.get('a');
    const stored = level.bytes();
    const next = nextBuild(stored);
    expect(next.get('d', { unpack })).toBe(value('d'));
    expect(next.get('c', { unpack })).toBe(value('c'));
    expect(next.get('b', { unpack })).toBeUndefined();
    expect(next.get('a', { unpack })).toBeUndefined();
    // Read back, the disk level keeps its bound too.
    const small = nextBuild(stored, { memoryBytes: 10_000, diskBytes: 150 });
    small.get('x');
    expect(small.size()).toMatchObject({ packed: 1, packedBytes: 100 });
  });

  it('skips a malformed stored entry and reads the others', () => {
    const entries = new Map<string, unknown>([
      ['a', new TextEncoder().encode(value('a'))],
      ['bad', 'not bytes'],
      ['worse', { length: 'x' }],
      ['none', null],
      ['b', new TextEncoder().encode(value('b'))],
    ]);
    const level = nextBuild(memoSegment(new Uint8Array(serialize({ format: 'test 1', salt: 'code', entries }))));
    expect(level.get('bad', { unpack })).toBeUndefined();
    expect(level.size()).toEqual({ entries: 0, bytes: 0, packed: 2, packedBytes: 200 });
    expect(level.get('a', { unpack })).toBe(value('a'));
    expect(level.get('b', { unpack })).toBe(value('b'));
    // Without a codec, an entry whose size is not a number is skipped too (the bound stays a number).
    const plain = memoLevel<Uint8Array>('plain 1', (b) => b.length, { memoryBytes: 1000, diskBytes: 1000 });
    plain.start('code', memoSegment(new Uint8Array(serialize({ format: 'plain 1', salt: 'code', entries: new Map<string, unknown>([['x', {}], ['y', new Uint8Array(10)]]) }))));
    plain.get('z');
    expect(plain.size()).toMatchObject({ packed: 1, packedBytes: 10 });
    // Another format or code, or bytes that are not a file, leave it empty.
    for (const stored of [serialize({ format: 'test 1', salt: 'other', entries }), new Uint8Array([1, 2, 3])]) {
      const other = nextBuild(memoSegment(new Uint8Array(stored)));
      other.get('x');
      expect(other.size().packed).toBe(0);
    }
  });

  it('appends what a build made to the file, and writes it whole when it would pass its bound', () => {
    const first = newLevel({ memoryBytes: 10_000, diskBytes: 1000 });
    first.start('code', undefined);
    for (const k of ['a', 'b']) first.set(k, value(k));
    const whole = first.bytes()!;
    expect(whole.append).toBe(false);
    // One value made: a segment with it alone.
    const second = nextBuild(whole, { memoryBytes: 10_000, diskBytes: 1000 });
    for (const k of ['a', 'b']) expect(second.get(k, { unpack })).toBe(value(k));
    second.set('c', value('c'));
    const added = second.bytes()!;
    expect(added.append).toBe(true);
    expect(added.bytes.length).toBeLessThan(whole.bytes.length);
    let file = concat(whole.bytes, added.bytes);
    const third = nextBuild(file, { memoryBytes: 10_000, diskBytes: 1000 });
    for (const k of ['a', 'b', 'c']) expect(third.get(k, { unpack })).toBe(value(k));
    // Nothing new: nothing written.
    expect(third.bytes()).toBeUndefined();
    // Segments until the bound, then the file anew, within it.
    for (let i = 0; ; i++) {
      const level = nextBuild(file, { memoryBytes: 10_000, diskBytes: 1000 });
      level.set(`n${i}`, value(String(i % 10)));
      const out = level.bytes()!;
      if (!out.append) {
        expect(out.bytes.length).toBeLessThanOrEqual(1000);
        const next = nextBuild(out, { memoryBytes: 10_000, diskBytes: 1000 });
        expect(next.get(`n${i}`, { unpack })).toBe(value(String(i % 10)));
        break;
      }
      file = concat(file, out.bytes);
      expect(file.length).toBeLessThanOrEqual(1000);
    }
  });

  it('reads a torn file up to its last intact segment, and writes the next whole', () => {
    const first = newLevel();
    first.start('code', undefined);
    first.set('a', value('a'));
    const whole = first.bytes()!.bytes;
    const second = nextBuild(whole);
    second.set('b', value('b'));
    const added = second.bytes()!.bytes;
    // A crash in the middle of the append, at any byte.
    for (const cut of [1, 20, 100, added.length - 1]) {
      const level = nextBuild(concat(whole, added.subarray(0, cut)));
      expect(level.get('a', { unpack })).toBe(value('a'));
      expect(level.get('b', { unpack })).toBeUndefined();
      level.set('b', value('b'));
      const out = level.bytes()!;
      expect(out.append).toBe(false);
      const next = nextBuild(out);
      for (const k of ['a', 'b']) expect(next.get(k, { unpack })).toBe(value(k));
    }
    // A byte of the appended segment's payload changed (a damaged disk): its checksum no longer matches.
    const damaged = concat(whole, added);
    damaged[damaged.length - 3] ^= 0x01;
    const read = nextBuild(damaged);
    expect(read.get('a', { unpack })).toBe(value('a'));
    expect(read.get('b', { unpack })).toBeUndefined();
    // A file cut inside its first segment: empty, and written whole.
    const cut = nextBuild(whole.subarray(0, whole.length - 5));
    expect(cut.get('a', { unpack })).toBeUndefined();
    cut.set('a', value('a'));
    expect(cut.bytes()!.append).toBe(false);
  });

  it('goes on from the file as it left it, without reading it: the same values, the same segments as reading it gives', () => {
    const limits = { memoryBytes: 250, diskBytes: 1000 };
    const asLeft = { asLeft: true as const, read: () => expect.unreachable('the file was read again') as never };
    const session = newLevel(limits);
    session.start('code', undefined);
    for (const k of ['a', 'b', 'c']) session.set(k, value(k)); // 'a' out of memory, kept packed
    let file = session.bytes()!.bytes;
    for (let i = 0; i < 12; i++) {
      // Two builds on the same file: the session's level (as left), and a new process's (reading it).
      const [kept, read] = [session, nextBuild(file, limits)];
      kept.start('code', asLeft);
      const outs = [kept, read].map((level) => {
        for (const k of ["a", "b", "c"]) expect(level.get(k, { unpack }), `${level === kept ? "kept" : "read"} ${i} ${k}`).toBe(value(k));
        level.set(`n${i}`, value(String(i % 10)));
        return level.bytes()!;
      });
      expect(outs[0].append).toBe(outs[1].append);
      if (outs[0].append) expect(outs[0].bytes).toEqual(outs[1].bytes);
      file = outs[0].append ? concat(file, outs[0].bytes) : outs[0].bytes;
      const next = nextBuild(file, limits);
      for (const k of ['a', 'b', 'c', `n${i}`]) expect(next.get(k, { unpack })).toBe(value(k.startsWith('n') ? String(i % 10) : k));
    }
    // Another code's build, or a level that knew nothing of the file, reads it.
    let reads = 0;
    const other = newLevel(limits);
    other.start('code', { asLeft: true, read: () => (reads++, file) });
    expect(other.get('a', { unpack })).toBe(value('a'));
    session.start('other code', { asLeft: true, read: () => (reads++, file) });
    expect(reads).toBe(2);
  });
});

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}
