import { describe, expect, it } from 'vitest';
import { labelsFor } from '../../templates/labels.js';

describe('labels', () => {
  it('names several typefaces in Arabic and Persian one to a line, each Latin name after a word of the document\'s letters (no «وNoto»)', () => {
    for (const lang of ['ar', 'fa']) {
      const lines = labelsFor(lang).typefaces(['Amiri', 'Noto'], '1.1').split('\n');
      for (const name of ['Amiri', 'Noto']) {
        const line = lines.find((l) => l.includes(name))!;
        expect(line, `${lang} ${name}`).toMatch(new RegExp(`[\\u0600-\\u06FF] ${name}$`, 'u'));
      }
    }
  });

  it('writes the licence\'s version as it is given (the colophon gives it in the document\'s digits)', () => {
    expect(labelsFor('ar').typefaces(['Amiri'], '١٫١')).toContain('المفتوحة ١٫١ من SIL');
    expect(labelsFor('fa').typefaces(['Amiri'], '۱٫۱')).toContain('باز ۱٫۱ از SIL');
    expect(labelsFor('en').typefaces(['Amiri'], '1.1')).toMatch(/License 1\.1$/);
  });
});
