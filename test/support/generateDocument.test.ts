import { describe, expect, it } from 'vitest';
import { parseSource } from '../../src/parse/parseSource.js';
import { loadMeta } from '../../src/model/loadMeta.js';
import { generateDocument, type GeneratedLang } from './generateDocument.js';
import { projectRoot } from './fonts.js';

const errors = (ds: { severity: string }[]) => ds.filter((d) => d.severity === 'error');

describe('generateDocument', () => {
  for (const lang of ['ar', 'fa', 'en'] as GeneratedLang[]) {
    it(`writes a ${lang} document that parses, with valid metadata`, () => {
      const g = generateDocument({ points: 150, paragraphs: [1, 3], lang, longWords: true, urls: true, join: 'line', seed: 7 });
      const { doc, diagnostics } = parseSource(g.text, 'gen.txt');
      expect(errors(diagnostics)).toEqual([]);
      expect(doc.points.map((p) => p.number)).toEqual(Array.from({ length: 150 }, (_, i) => i + 1));
      expect(doc.detected).toMatchObject({ lang, digits: { ar: 'arab', fa: 'arabext', en: 'latn' }[lang] });
      expect(doc.imprint.length).toBeGreaterThan(0);
      const m = loadMeta([{ text: g.meta, file: 'gen.meta.yaml' }], { projectRoot });
      expect(m.diagnostics).toEqual([]);
      expect(Object.keys(m.meta.data.points ?? {})).toHaveLength(150);
    });
  }

  it('puts long URLs, e-mail addresses and file names in when asked', () => {
    const { text } = generateDocument({ points: 10, urls: true, seed: 3 });
    expect(Math.max(...(text.match(/https:\/\/\S+/g) ?? []).map((u) => u.length))).toBeGreaterThanOrEqual(110);
    expect(text).toMatch(/\S+@example\.org/);
    expect(text).toMatch(/statement_\d+_final_v2\.pdf/);
    expect(generateDocument({ points: 10, seed: 3 }).text).not.toContain('https://');
  });

  it('is deterministic and depends on the seed', () => {
    const a = generateDocument({ points: 20, paragraphs: [1, 4], seed: 5 });
    expect(generateDocument({ points: 20, paragraphs: [1, 4], seed: 5 })).toEqual(a);
    expect(generateDocument({ points: 20, paragraphs: [1, 4], seed: 6 }).text).not.toEqual(a.text);
  });

  it('writes further paragraphs after a blank line by default (the convention of issue 14)', () => {
    const { text } = generateDocument({ points: 3, paragraphs: 2, seed: 1 });
    const blocks = text.split('\n\n');
    // title, preamble, 3 × 2 paragraphs, imprint
    expect(blocks).toHaveLength(2 + 6 + 1);
    expect(blocks[3]).not.toMatch(/^[٠-٩]/);
    const joined = generateDocument({ points: 3, paragraphs: 2, seed: 1, join: 'line' });
    expect(errors(parseSource(joined.text, 'gen.txt').diagnostics)).toEqual([]);
  });

  it('rejects an impossible point count', () => {
    expect(() => generateDocument({ points: 0 })).toThrow(RangeError);
    expect(() => generateDocument({ points: 1000 })).toThrow(RangeError);
  });
});
