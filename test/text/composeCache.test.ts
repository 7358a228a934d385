import { afterEach, describe, expect, it, vi } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { composeParagraph, type ComposeOptions } from '../../src/text/compose.js';
import { composeCacheBytes, composeCached, composeCacheSize, forgetComposedInMemory, limits, startComposeCache } from '../../src/text/composeCache.js';
import { loadFont } from '../../src/text/fonts.js';
import type { StyledSpan } from '../../src/text/itemize.js';
import { amiri, projectRoot } from '../support/fonts.js';

const opts: ComposeOptions = { dir: 'rtl', lang: 'ar', measure: 240, align: 'justify', justify: 'kashida', space: { stretch: 0.3, shrink: 0.2 } };
const text = 'تعزيز النضال المشترك من أجل السلام والعدالة الاجتماعية والحرية، ضد الحروب الإمبريالية والعقوبات والحصار.';
const spans = (t = text, fonts = [amiri()]): StyledSpan[] => [{ text: t, style: { fonts, size: 11.5 } }];

const defaults = { ...limits };
afterEach(() => {
  Object.assign(limits, defaults);
  composeCacheBytes(); // stops recording, if a test started it
  forgetComposedInMemory();
});

describe('composeCached', () => {
  it('composes a paragraph once and gives the same paragraph for the same spans and options', () => {
    const compose = vi.fn(composeParagraph);
    const a = composeCached(spans(), opts, compose);
    const b = composeCached(spans(), { ...opts }, compose);
    expect(b).toBe(a);
    expect(compose).toHaveBeenCalledTimes(1);
    expect(a).toEqual(composeParagraph(spans(), opts));
    composeCached(spans(), { ...opts, measure: 250 }, compose);
    composeCached(spans(text + ' آخر'), opts, compose);
    expect(compose).toHaveBeenCalledTimes(3);
  });

  it('across builds: what one build stored is found by the next (with the fonts of this thread), equal to composing it; another code salt starts empty', () => {
    startComposeCache('salt-1', undefined);
    const t = text + ' ١';
    const first = composeCached(spans(t), opts, composeParagraph);
    const stored = composeCacheBytes()!.bytes;
    expect(stored).toBeInstanceOf(Uint8Array);

    forgetComposedInMemory();
    startComposeCache('salt-1', stored);
    const compose = vi.fn(composeParagraph);
    const again = composeCached(spans(t), opts, compose);
    expect(compose).not.toHaveBeenCalled();
    expect(again).not.toBe(first);
    expect(again).toEqual(first);
    expect(again.lines[0].glyphs[0].font).toBe(amiri());
    // Nothing composed since: nothing new to store.
    expect(composeCacheBytes()).toBeUndefined();

    forgetComposedInMemory();
    startComposeCache('salt-2', stored);
    composeCached(spans(t), opts, compose);
    expect(compose).toHaveBeenCalledTimes(1);
  });

  it('keys a font by its bytes, not its name: another font file under the same name composes afresh', () => {
    const bold = loadFont(new Uint8Array(readFileSync(path.join(projectRoot, 'fonts/Amiri-Bold.ttf'))), amiri().key);
    const compose = vi.fn(composeParagraph);
    const t = text + ' ٢';
    const regular = composeCached(spans(t), opts, compose);
    const other = composeCached(spans(t, [bold]), opts, compose);
    expect(compose).toHaveBeenCalledTimes(2);
    expect(other.lines[0].glyphs[0].font).toBe(bold);
    expect(regular.lines[0].glyphs[0].font).toBe(amiri());
  });

  it('composes again when an option changes (justification, size, direction, spaces, kashidas)', () => {
    const compose = vi.fn(composeParagraph);
    const t = text + ' ٣';
    composeCached(spans(t), opts, compose);
    composeCached(spans(t), { ...opts, justify: 'spaces' }, compose);
    composeCached(spans(t), { ...opts, align: 'start' }, compose);
    composeCached(spans(t), { ...opts, space: { stretch: 0.5, shrink: 0.2 } }, compose);
    composeCached(spans(t), { ...opts, kashida: { min: 0.5, max: 2 } }, compose);
    composeCached([{ text: t, style: { fonts: [amiri()], size: 12 } }], opts, compose);
    composeCached([{ text: t, style: { fonts: [amiri()], size: 11.5, color: '#ff0000' } }], opts, compose);
    expect(compose).toHaveBeenCalledTimes(7);
    composeCached(spans(t), { ...opts, justify: 'spaces' }, compose);
    expect(compose).toHaveBeenCalledTimes(7);
  });

  it('never holds more than its bounds, in memory or packed for the disk, however many paragraphs a build sets', () => {
    limits.memoryBytes = 200_000;
    limits.diskBytes = 60_000;
    startComposeCache('salt-bound', undefined);
    const compose = vi.fn(composeParagraph);
    const n = 120;
    for (let i = 0; i < n; i++) {
      composeCached(spans(`${text} ${i}`), opts, compose);
      const size = composeCacheSize();
      expect(size.bytes).toBeLessThanOrEqual(limits.memoryBytes);
      expect(size.packedBytes).toBeLessThanOrEqual(limits.diskBytes);
    }
    expect(compose).toHaveBeenCalledTimes(n);
    const size = composeCacheSize();
    expect(size.entries).toBeGreaterThan(0);
    expect(size.entries).toBeLessThan(n);
    // What is stored for the next build is bounded too, and holds the paragraphs asked for last first.
    const stored = composeCacheBytes()!.bytes;
    expect(stored.length).toBeLessThanOrEqual(limits.diskBytes + 4096);
    expect(composeCacheSize().bytes).toBeLessThanOrEqual(limits.memoryBytes);
    forgetComposedInMemory();
    startComposeCache('salt-bound', stored);
    expect(composeCacheSize().packedBytes).toBeLessThanOrEqual(limits.diskBytes);
    const again = vi.fn(composeParagraph);
    composeCached(spans(`${text} ${n - 1}`), opts, again);
    expect(again).not.toHaveBeenCalled();
  });

  it('gives paragraphs that cannot be changed (they are shared by every caller)', () => {
    const p = composeCached(spans(text + ' ٤'), opts, composeParagraph);
    expect(Object.isFrozen(p)).toBe(true);
    expect(Object.isFrozen(p.lines[0])).toBe(true);
    expect(Object.isFrozen(p.lines[0].glyphs[0])).toBe(true);
    expect(() => {
      (p.lines[0].glyphs[0] as { x: number }).x = 1;
    }).toThrow(TypeError);
  });

  it('hands a paragraph only to a caller with the same font objects: another load of the same file gets glyphs of its own font', () => {
    const bytes = new Uint8Array(readFileSync(path.join(projectRoot, 'fonts/Amiri-Regular.ttf')));
    const a = loadFont(bytes, amiri().key);
    const b = loadFont(bytes, amiri().key);
    const t = text + ' ٥';
    const pa = composeCached(spans(t, [a]), opts, composeParagraph);
    const pb = composeCached(spans(t, [b]), opts, composeParagraph);
    expect(pa.lines.flatMap((l) => l.glyphs).every((g) => g.font === a)).toBe(true);
    expect(pb.lines.flatMap((l) => l.glyphs).every((g) => g.font === b)).toBe(true);
    expect(composeCached(spans(t, [a]), opts, composeParagraph)).toBe(pa);
  });
});
