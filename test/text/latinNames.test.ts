/**
 * A short Latin name in a right-to-left paragraph («São Paulo», «Jean-Luc
 * Mélenchon», «Le Monde», «Rosa Luxemburg») stays on one line where the
 * paragraph has a setting as good (src/text/itemize.ts markLatinNames marks
 * the soft ties, src/text/lineBreaks.ts withTies keeps them): split over two
 * lines, its halves are read from opposite edges, which a publisher sends back.
 */
import { describe, expect, it } from 'vitest';
import { itemize, type Word } from '../../src/text/itemize.js';
import { breakWords } from '../../src/text/lineBreaks.js';
import type { ComposeOptions } from '../../src/text/options.js';
import { amiri } from '../support/fonts.js';

const SIZE = 12;
const style = { fonts: [amiri()], size: SIZE };
const words = (text: string, dir: 'rtl' | 'ltr' = 'rtl') => {
  const items = itemize([{ text, style }], dir, dir === 'rtl' ? 'ar' : 'en');
  return { text: items.text, words: items.words };
};
const tied = (text: string, dir: 'rtl' | 'ltr' = 'rtl') => {
  const w = words(text, dir);
  return w.words.filter((x) => x.softTie).map((x) => w.text.slice(x.start, x.end));
};

// The reviewer's sentences (a 40-point stress document, booklet p. 7, cards).
const TEXT =
  'وقد أشار الباحث Jean-Luc Mélenchon في مقابلة مع صحيفة Le Monde إلى أن السياسات النقدية الحالية تخدم رأس المال المالي وحده، ' +
  'وتعقد الندوة الختامية في مدينة São Paulo بالتعاون مع منظمة UNESCO واتحاد WFTU في الفترة من 12 إلى 15 أيلول، ' +
  'وتستذكر الحركة في هذا السياق أعمال المفكر Antonio Gramsci ورسائله من السجن، ومساهمة Rosa Luxemburg في نقد النزعة الإصلاحية.';
const NAMES = ['Jean-Luc Mélenchon', 'Le Monde', 'São Paulo', 'Antonio Gramsci', 'Rosa Luxemburg'];

describe('short Latin names in a right-to-left paragraph', () => {
  it('tie the breaks inside a run of two or three Latin words, the break after «Jean-» too; not one word, a longer run, an address, nor a left-to-right paragraph', () => {
    expect(tied(TEXT)).toEqual(['Jean-', 'Luc', 'Le', 'São', 'Antonio', 'Rosa']);
    expect(tied('قال Jean Paul Sartre ذلك')).toEqual(['Jean', 'Paul']);
    expect(tied('عنوان الكتاب The Wretched of the Earth بالإنكليزية')).toEqual([]);
    expect(tied('انظر https://example.org/a/b/c/d/e/f info@example.org هنا')).toEqual([]);
    expect(tied('منظمة UNESCO واتحاد WFTU')).toEqual([]);
    expect(tied('The city of São Paulo is large.', 'ltr')).toEqual([]);
  });

  it('keep each name on one line where a setting of no more lines, none looser than allowed, exists', () => {
    const { text, words: ws } = words(TEXT);
    const untie = (w: Word[]) => w.map(({ softTie: _, ...rest }) => rest);
    const splits = (ends: number[]) =>
      NAMES.filter((name) => {
        const at = text.indexOf(name);
        return ends.slice(0, -1).some((e) => ws[e].end > at && ws[e].end < at + name.length);
      });
    let before = 0;
    let after = 0;
    for (let measure = 150; measure <= 330; measure += 6) {
      const opts: ComposeOptions = { dir: 'rtl', lang: 'ar', measure, align: 'justify', justify: 'spaces', space: { stretch: 0.3, shrink: 0.2, max: 2 }, avoidRunts: { maxSpace: 2 } };
      const free = breakWords(untie(ws), [], opts);
      const kept = breakWords(ws, [], opts);
      expect(kept.length, `${measure} pt`).toBeLessThanOrEqual(free.length);
      before += splits(free).length;
      after += splits(kept).length;
      if (measure === 186) expect(splits(kept)).toEqual(splits(free).filter((n) => n !== 'Jean-Luc Mélenchon' && n !== 'São Paulo'));
      if (measure === 306) expect([splits(free), splits(kept)]).toEqual([['Le Monde'], []]);
    }
    // Untied, the names are split at many widths; tied, at fewer: where the paragraph has no setting of as
    // many lines with spaces within ×2 (justified with spaces only, no kashida to help; 17 → 14 in December 2026).
    expect(before).toBeGreaterThan(10);
    expect(after).toBeLessThan(before);
  });
});
