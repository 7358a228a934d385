import { describe, expect, it } from 'vitest';
import { labelsFor } from '../../templates/labels.js';

describe('labels', () => {
  it('names several typefaces in Arabic and Persian one to a line, each Latin name after a word of the document\'s letters (no «وNoto»)', () => {
    for (const lang of ['ar', 'fa']) {
      const lines = labelsFor(lang).typefaces(['Amiri', 'Noto']).split('\n');
      for (const name of ['Amiri', 'Noto']) {
        const line = lines.find((l) => l.includes(name))!;
        expect(line, `${lang} ${name}`).toMatch(new RegExp(`[\\u0600-\\u06FF] ${name}$`, 'u'));
      }
    }
  });
});
