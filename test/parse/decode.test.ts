import { describe, expect, it } from 'vitest';
import { decodeSource, firstInvalidUtf8 } from '../../src/parse/decode.js';

const b = (...xs: number[]) => new Uint8Array(xs);
const utf8 = (s: string) => new TextEncoder().encode(s);

describe('firstInvalidUtf8', () => {
  it('accepts well-formed text of every length class', () => {
    expect(firstInvalidUtf8(utf8('a ع € 😀 ۱٢'))).toBe(-1);
    expect(firstInvalidUtf8(b())).toBe(-1);
  });
  it('finds the first bad byte', () => {
    expect(firstInvalidUtf8(b(0x61, 0xff))).toBe(1);
    expect(firstInvalidUtf8(b(0x61, 0x80))).toBe(1); // lone continuation
    expect(firstInvalidUtf8(b(0xc0, 0x80))).toBe(0); // overlong
    expect(firstInvalidUtf8(b(0xe0, 0x80, 0x80))).toBe(0); // overlong
    expect(firstInvalidUtf8(b(0xed, 0xa0, 0x80))).toBe(0); // surrogate
    expect(firstInvalidUtf8(b(0xf4, 0x90, 0x80, 0x80))).toBe(0); // > U+10FFFF
    expect(firstInvalidUtf8(b(0x61, 0x62, 0xd8))).toBe(2); // truncated
    expect(firstInvalidUtf8(b(0xd8, 0xb9, 0xe2, 0x82))).toBe(2);
  });
  it('agrees with TextDecoder on random bytes', () => {
    let seed = 7;
    const rnd = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) % 256;
    for (let i = 0; i < 2000; i++) {
      const arr = new Uint8Array(1 + (i % 9));
      for (let k = 0; k < arr.length; k++) arr[k] = rnd() < 128 ? rnd() % 128 : rnd();
      let valid = true;
      try {
        new TextDecoder('utf-8', { fatal: true }).decode(arr);
      } catch {
        valid = false;
      }
      expect(firstInvalidUtf8(arr) === -1).toBe(valid);
    }
  });
});

describe('decodeSource', () => {
  it('keeps a BOM for parseSource to report', () => {
    expect(decodeSource(b(0xef, 0xbb, 0xbf, 0x61), 'x').text).toBe('\uFEFFa');
  });
  it('reports line and code-point column, not counting a BOM', () => {
    const d = decodeSource(new Uint8Array([0xef, 0xbb, 0xbf, ...utf8('عa'), 0xff]), 'f.txt');
    expect(d.diagnostics).toMatchObject([{ code: 'E-ENCODING', file: 'f.txt', line: 1, col: 3, severity: 'error' }]);
    expect(d.diagnostics[0].message).toBe('not valid UTF-8 at byte offset 6');
  });
  it('hints at UTF-16', () => {
    const d = decodeSource(b(0xff, 0xfe, 0x61, 0x00), 'x');
    expect(d.diagnostics[0].hint).toContain('UTF-16');
  });
});
