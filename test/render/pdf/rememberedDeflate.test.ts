import { deflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { rememberedDeflate } from '../../../src/render/pdf/rememberedDeflate.js';

describe('rememberedDeflate', () => {
  it("gives zlib's bytes, the first time and from memory", () => {
    const stream = new TextEncoder().encode('BT /F1 12 Tf 72 712 Td <0001> Tj ET\n'.repeat(50));
    const first = rememberedDeflate(stream);
    expect(Buffer.from(first)).toEqual(deflateSync(stream));
    expect(rememberedDeflate(stream.slice())).toBe(first);
    const small = new Uint8Array([1, 2, 3]);
    expect(Buffer.from(rememberedDeflate(small))).toEqual(deflateSync(small));
  });
});
