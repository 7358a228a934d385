/**
 * Emergency breaks (src/text/itemize.ts): a Latin token wider than the
 * measure is set over several lines, preferably after "/", ".", "-" or "_",
 * never with a hyphen added or a character lost; an Arabic word is never cut.
 * And HarfBuzz's buffer is reused (src/text/shape.ts): a long synchronous
 * run of shaping does not grow its heap.
 */
import { describe, expect, it } from 'vitest';
import { composeParagraph } from '../../src/text/compose.js';
import { shapeRun } from '../../src/text/shape.js';
import { amiri } from '../support/fonts.js';

const set = (text: string, measure = 300, dir: 'rtl' | 'ltr' = 'rtl') =>
  composeParagraph([{ text, style: { fonts: [amiri()], size: 16 } }], { dir, lang: dir === 'rtl' ? 'ar' : 'en', measure, align: 'justify', justify: 'kashida', space: { stretch: 0.5, shrink: 0.2 } });
const lineTexts = (p: ReturnType<typeof set>) => p.lines.map((l) => p.text.slice(l.start, l.end).trim());

describe('emergency breaks in a Latin token too wide for the line', () => {
  it('a 60-letter word is split over lines, each within the measure, with every character kept', () => {
    const word = 'x'.repeat(60);
    const p = set(`كلمة ${word} كلمة`);
    expect(p.lines.length).toBeGreaterThan(1);
    for (const l of p.lines) expect(l.naturalWidth).toBeLessThanOrEqual(300 + 1e-6);
    expect(lineTexts(p).join('').replace(/\s/g, '')).toBe(`كلمة${word}كلمة`);
    // No hyphen or other glyph added: one glyph per character.
    expect(p.lines.flatMap((l) => l.glyphs).filter((g) => !g.space && !g.kashida).map((g) => g.text).join('')).toBe(`كلمة${word}كلمة`.replace(/\s/g, ''));
  });

  it('an address without spaces breaks after "/" or "_" where it can', () => {
    const url = `https://example.org/${'a'.repeat(30)}/${'b'.repeat(30)}_${'c'.repeat(30)}`;
    const p = set(url, 300, 'ltr');
    expect(p.lines.length).toBeGreaterThan(1);
    for (const l of p.lines) expect(l.naturalWidth).toBeLessThanOrEqual(300 + 1e-6);
    const texts = lineTexts(p);
    expect(texts.join('')).toBe(url);
    expect(texts.slice(0, -1).some((t) => /[/_]$/.test(t))).toBe(true);
  });

  it('an Arabic word is never cut: wider than the line, it stays whole (E-OVERFLOW reports it)', () => {
    const p = set('ب'.repeat(150));
    expect(p.lines).toHaveLength(1);
    expect(p.lines[0].naturalWidth).toBeGreaterThan(300);
  });

  it('a word that fits is never cut', () => {
    const p = set('abcdefghij klmnop', 300, 'ltr');
    expect(lineTexts(p)).toEqual(['abcdefghij klmnop']);
  });
});

describe('HarfBuzz buffer', () => {
  it('15,000 distinct runs shaped in one synchronous stretch do not grow the WASM heap', () => {
    const font = amiri();
    const shapeMany = (from: number) => {
      for (let i = from; i < from + 15_000; i++) {
        const text = `حماية التراث ${i}`;
        expect(shapeRun({ font, size: 12, text, start: 0, end: text.length, rtl: true, lang: 'ar' }).length).toBeGreaterThan(0);
      }
    };
    shapeMany(0);
    const before = process.memoryUsage().external;
    shapeMany(1_000_000);
    // A new buffer per run, freed only by a FinalizationRegistry, took over 1.5 KB of WASM heap each (25 MB here).
    expect(process.memoryUsage().external - before).toBeLessThan(5 * 1024 * 1024);
  });
});
