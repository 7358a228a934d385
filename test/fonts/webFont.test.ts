/**
 * The gallery's web fonts (src/fonts/webFont.ts): a subset shapes the
 * characters it was made for as the whole font does (the same advances and
 * offsets: joining, marks and ligatures kept), and the WOFF wrapping gives
 * back the font's tables byte for byte.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { subsetFont, toWoff } from '../../src/fonts/webFont.js';
import { loadFont } from '../../src/text/fonts.js';
import { shapeRun } from '../../src/text/shape.js';
import { projectRoot } from '../support/fonts.js';

const amiri = new Uint8Array(readFileSync(path.join(projectRoot, 'fonts/Amiri-Regular.ttf')));
const text = 'خطّة عملٍ «لله» ١٧٫٩ ميغابايت — 17.9 MB';
const chars = new Set([...text].map((c) => c.codePointAt(0)!));

/** The tables of an sfnt by tag. */
function sfntTables(b: Uint8Array): Map<number, Uint8Array> {
  const v = new DataView(b.buffer, b.byteOffset, b.byteLength);
  const out = new Map<number, Uint8Array>();
  for (let i = 0; i < v.getUint16(4); i++) out.set(v.getUint32(12 + 16 * i), b.subarray(v.getUint32(12 + 16 * i + 8), v.getUint32(12 + 16 * i + 8) + v.getUint32(12 + 16 * i + 12)));
  return out;
}

/** The tables of a WOFF 1.0 file by tag, inflated. */
function woffTables(b: Uint8Array): Map<number, Uint8Array> {
  const v = new DataView(b.buffer, b.byteOffset, b.byteLength);
  expect(v.getUint32(0)).toBe(0x774f4646);
  expect(v.getUint32(8)).toBe(b.length);
  const out = new Map<number, Uint8Array>();
  for (let i = 0; i < v.getUint16(12); i++) {
    const e = 44 + 20 * i;
    const [offset, comp, orig] = [v.getUint32(e + 4), v.getUint32(e + 8), v.getUint32(e + 12)];
    expect(offset % 4).toBe(0);
    const stored = b.subarray(offset, offset + comp);
    out.set(v.getUint32(e), comp < orig ? new Uint8Array(inflateSync(stored)) : stored);
  }
  return out;
}

const shape = (bytes: Uint8Array) => {
  const font = loadFont(bytes, 'x');
  return shapeRun({ font, size: 20, text, start: 0, end: text.length, rtl: true }).map((g) => [g.cluster, g.xAdvance, g.xOffset, g.yOffset]);
};

describe('web fonts for the gallery', () => {
  const sub = subsetFont(amiri, chars);

  it('subsets to a font a quarter of the size that shapes its characters as the whole font does', () => {
    expect(sub.length).toBeLessThan(amiri.length / 3);
    expect(shape(sub)).toEqual(shape(amiri));
    const font = loadFont(sub, 'x');
    for (const cp of chars) expect(font.covers(cp), String.fromCodePoint(cp)).toBe(true);
    expect(font.covers('ژ'.codePointAt(0)!)).toBe(false);
  });

  it('wraps a font as WOFF whose tables inflate to the font’s, and gives the same bytes again', () => {
    const woff = toWoff(sub);
    expect(woff.length).toBeLessThan(sub.length * 0.75);
    expect(woffTables(woff)).toEqual(sfntTables(sub));
    expect(toWoff(subsetFont(amiri, chars))).toEqual(woff);
  });
});
