/**
 * Fully vowelled words whose letters Amiri draws as a cluster with a glyph
 * of no text between a letter and its haraka (the lam–kaf and jeem–yeh
 * connectors: «لَك», «جِي»): every reader returns them verbatim, harakat in
 * place and no space inside the word (glyphPainter.ts `markBase`;
 * docs/accessibility.md, "A haraka after a connector"). Found in Surah
 * al-Mulk (test/fixtures/docs/mulk-ar), where pdftotext read «قَوْل َكُمْ»,
 * «ل َكُمُ», «َل ّكُمْ», «يُج ِيرُ».
 *
 * Compared after NFC (a reader may return a letter's harakat in another
 * canonical order: shadda + fatha for fatha + shadda), the bidi marks out and
 * whitespace runs made one space.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { extractText, hasTool, type Extractor } from '../../support/pdfReadback.js';
import { pdfiumText } from '../../support/pdfium.js';
import { renderParagraphs } from '../../support/textFixtures.js';

/** Phrases of Surah al-Mulk (Tanzil text), one paragraph each. */
const PHRASES = [
  'وَأَسِرُّوا قَوْلَكُمْ أَوِ اجْهَرُوا بِهِ',
  'هُوَ الَّذِي جَعَلَ لَكُمُ الْأَرْضَ ذَلُولًا',
  'أَمَّنْ هَـٰذَا الَّذِي هُوَ جُندٌ لَّكُمْ يَنصُرُكُم',
  'قُلْ أَرَأَيْتُمْ إِنْ أَهْلَكَنِيَ اللَّهُ',
  'فَمَن يُجِيرُ الْكَافِرِينَ مِنْ عَذَابٍ أَلِيمٍ',
];

type Reader = Extractor | 'pdfium';
const READERS: Array<{ reader: Reader; available: boolean }> = [
  { reader: 'pdftotext', available: hasTool('pdftotext') },
  { reader: 'mutool', available: hasTool('mutool') },
  { reader: 'pdfjs', available: true },
  { reader: 'pdfium', available: true },
];

const spaced = (s: string) =>
  s
    .normalize('NFC')
    .replace(/[\u200E\u200F\u202A-\u202E\u2066-\u2069]/gu, '')
    .replace(/\s+/gu, ' ')
    .trim();

describe('fully vowelled clusters (a haraka after a glyph without text)', () => {
  let pdf: Uint8Array;
  beforeAll(async () => {
    pdf = (await renderParagraphs(PHRASES, { align: 'start' })).pdf;
  });

  for (const { reader, available } of READERS) {
    it.skipIf(!available)(`${reader} returns every phrase verbatim, with its spaces`, async () => {
      const text = spaced(reader === 'pdfium' ? await pdfiumText(pdf) : await extractText(pdf, reader));
      expect(PHRASES.filter((p) => !text.includes(spaced(p)))).toEqual([]);
    });
  }
});
