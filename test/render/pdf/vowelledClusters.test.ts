/**
 * Fully vowelled words whose letters Amiri draws as a cluster with a glyph
 * of no text between a letter and its haraka (the lam–kaf and jeem–yeh
 * connectors: «لَك», «جِي»): every reader returns them verbatim, harakat in
 * place and no space inside the word (glyphPainter.ts `markBase`;
 * docs/accessibility.md, "A haraka after a connector"). Found in Surah
 * al-Mulk (test/fixtures/docs/mulk-ar), where pdftotext read «قَوْل َكُمْ»,
 * «ل َكُمُ», «َل ّكُمْ», «يُج ِيرُ».
 *
 * And a verse that ends in a haraka on a page poppler reads left to right
 * (more Latin letters than Arabic ones: a leaflet of mulk-ar under Tanzil's
 * notice): pdftotext returns it whole, the haraka at its end
 * (glyphPainter.ts `popplerLeftEnd`).
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

describe('a verse ending in a haraka on a page poppler reads left to right', () => {
  const VERSE = 'تَبَارَكَ الَّذِي بِيَدِهِ الْمُلْكُ وَهُوَ عَلَىٰ كُلِّ شَيْءٍ قَدِيرٌ';
  const NOTICE = 'Tanzil Quran Text (Simple, Version 1.1) Copyright (C) 2007-2024 Tanzil Project, License: Creative Commons Attribution 3.0';

  it.skipIf(!hasTool('pdftotext'))('pdftotext returns it verbatim, its last haraka last', async () => {
    const { pdf } = await renderParagraphs([VERSE, NOTICE], { align: 'start' });
    const text = spaced(await extractText(pdf, 'pdftotext'));
    expect(text).toContain(spaced(VERSE));
  });
});
