import { describe, expect, it } from 'vitest';
import { composeParagraph } from '../../src/text/compose.js';
import { looseLineWarnings } from '../../src/layout/looseLines.js';
import { emptyStats } from '../../src/layout/stats.js';
import type { DocumentModel } from '../../src/model/types.js';
import { amiri } from '../support/fonts.js';

// Two long words a line: at 200 pt the first line's one space takes ×2.92
// (justified anyway); at 220 pt it would need more than ×3 (set short).
const text = 'المصطلحاتالجديدة الاستراتيجيات المصطلحاتالجديدة الاستراتيجيات';
const firstLine = (measure: number) =>
  composeParagraph([{ text, style: { fonts: [amiri()], size: 12 } }], { dir: 'rtl', lang: 'ar', measure, align: 'justify', justify: 'spaces', space: { stretch: 0.3, shrink: 0.2, max: 2 } }).lines[0];

const place = { file: 'doc.txt', line: 3, col: 1 };
const model = { titlePlace: place, preamble: [{ text, place }], points: [], dir: 'rtl', theme: { space: { stretch: 0.3, shrink: 0.2, max: 2 } } } as unknown as DocumentModel;
const warning = (l: ReturnType<typeof firstLine>) => {
  const stats = emptyStats();
  stats.loose.push({ text, offset: l.start, spaceRatio: l.spaceRatio, ...(l.short ? { short: true } : {}) });
  return looseLineWarnings(model, stats, 'booklet.pdf')[0].message;
};

describe('W-LINE-LOOSE says what was done with the line', () => {
  it('a line justified with spaces up to JUSTIFY_ANYWAY_MAX: «justified with wider spaces (×N)»', () => {
    const l = firstLine(200);
    expect(l.loose).toBe(true);
    expect(l.short).toBeFalsy();
    expect(l.width).toBeCloseTo(200, 3);
    expect(warning(l)).toBe(`booklet.pdf: a line could not be justified within ×2 word spaces and is justified with wider spaces (×${+l.spaceRatio.toFixed(2)})`);
  });

  it('a line that would need spaces past ×3: flagged short, flush at its start, and said so by the margin it misses (the left one, right to left)', () => {
    const l = firstLine(220);
    expect(l.loose).toBe(true);
    expect(l.short).toBe(true);
    expect(l.width).toBeLessThan(220 - 1);
    expect(l.spaceRatio).toBeCloseTo(2, 6);
    expect(warning(l)).toBe('booklet.pdf: a line could not be justified within ×2 word spaces and stops short of the left margin (flush right, not justified): it would need spaces wider than ×3');
  });

  it('a line that is not loose is never flagged short', () => {
    const l = firstLine(240);
    expect(l.loose).toBeFalsy();
    expect(l.short).toBeFalsy();
  });
});
