import { describe, expect, it, vi } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { composeParagraph, type ComposeOptions } from '../../src/text/compose.js';
import { composeCacheBytes, composeCached, forgetComposedInMemory, startComposeCache } from '../../src/text/composeCache.js';
import { loadFont } from '../../src/text/fonts.js';
import type { StyledSpan } from '../../src/text/itemize.js';
import { amiri, projectRoot } from '../support/fonts.js';

const opts: ComposeOptions = { dir: 'rtl', lang: 'ar', measure: 240, align: 'justify', justify: 'kashida', space: { stretch: 0.3, shrink: 0.2 } };
const text = 'تعزيز النضال المشترك من أجل السلام والعدالة الاجتماعية والحرية، ضد الحروب الإمبريالية والعقوبات والحصار.';
const spans = (t = text, fonts = [amiri()]): StyledSpan[] => [{ text: t, style: { fonts, size: 11.5 } }];

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
    const stored = composeCacheBytes()!;
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
});
