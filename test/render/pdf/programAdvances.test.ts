/**
 * programAdvances.ts: a code's hmtx advance becomes its /W (in 1000ths of
 * the em) where the code is inked; everything else, and the checksums, stay
 * a valid font.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
// @ts-expect-error fontkit ships no type declarations
import * as fontkit from 'fontkit';
import { withProgramAdvances } from '../../../src/render/pdf/programAdvances.js';
import { repoRoot } from '../../fixtures/reliability/project.js';

type Font = { unitsPerEm: number; numGlyphs: number; getGlyph(id: number): { advanceWidth: number }; createSubset(): { includeGlyph(g: number): number; encode(): Uint8Array } };
const amiri = readFileSync(path.join(repoRoot, 'fonts/Amiri-Regular.ttf'));
const open = (bytes: Uint8Array) => (fontkit as { create(b: Buffer): unknown }).create(Buffer.from(bytes)) as Font;

function checksumOk(bytes: Uint8Array): boolean {
  const v = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let sum = 0;
  for (let i = 0; i < bytes.length; i += 4) {
    let w = 0;
    for (let k = 0; k < 4; k++) w = (w << 8) | (bytes[i + k] ?? 0);
    sum = (sum + (w >>> 0)) >>> 0;
  }
  return v.getUint16(4) > 0 && sum === 0xb1b0afba;
}

describe('withProgramAdvances', () => {
  const font = open(amiri);
  const subset = font.createSubset();
  const gids = [10, 20, 30];
  for (const g of gids) subset.includeGlyph(g);
  const program = subset.encode();

  it("sets an inked code's advance to its /W and leaves the others", () => {
    const widths = [undefined, 500, 123, 0];
    const out = withProgramAdvances(program, widths, font.unitsPerEm, (code) => code !== 3);
    const sub = open(out);
    expect(sub.getGlyph(1).advanceWidth).toBe(Math.round((500 * font.unitsPerEm) / 1000));
    expect(sub.getGlyph(2).advanceWidth).toBe(Math.round((123 * font.unitsPerEm) / 1000));
    expect(sub.getGlyph(3).advanceWidth).toBe(font.getGlyph(30).advanceWidth);
    expect(sub.getGlyph(0).advanceWidth).toBe(font.getGlyph(0).advanceWidth);
    expect(checksumOk(out)).toBe(true);
  });

  it('gives the same bytes back when nothing changes', () => {
    const same = [undefined, ...gids.map((g) => (font.getGlyph(g).advanceWidth * 1000) / font.unitsPerEm)];
    expect(withProgramAdvances(program, same, font.unitsPerEm, () => true)).toBe(program);
  });
});
