/**
 * Text extraction from the PDF: every seed point, normalised, must come back
 * whole from each extractor (mupdf and pdf.js always; pdftotext and mutool
 * where they are installed).
 *
 * Normalisation (see normalizeForCompare): NFC, no whitespace, no tatweel, no
 * bidi controls. pdf.js is compared without harakat: it puts each haraka
 * before its base letter (it treats a base+mark text item as visual order and
 * reverses it), see the pinned case below.
 *
 * Known defects are pinned, not skipped: the same strict check must fail, and
 * the extraction must show exactly the wrong text that was diagnosed. When a
 * painter change fixes one, its test fails: move it out of KNOWN.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { extractText, hasTool, normalizeForCompare, type Extractor } from '../support/pdfReadback.js';
import { MIXED_SAMPLE, renderParagraphs, seedPoints } from '../support/textFixtures.js';

const TEXTS = [...seedPoints(), MIXED_SAMPLE];
const label = (i: number) => (i < 15 ? `point ${i + 1}` : 'mixed sample');

interface Known {
  /** Normalised text the extractor returns instead of the source. */
  got: string;
  why: string;
}

const EMPTY_TOUNICODE =
  'Amiri shapes ل before ك as lam + a connecting tatweel glyph (gid 5416) in one cluster; ' +
  'the painter gives that 2nd glyph an empty ToUnicode entry (<>), which mupdf reads as U+FFFD and pdf.js as its char code';
const MUPDF_AN =
  'mupdf 1.28 structured text reverses runs of Arabic-Indic digits (bidi AN) drawn left to right in logical order ' +
  '(Western digits are fine); invisible LRM/RLM marks and ActualText do not change it';
const POPPLER_STOP =
  'poppler joins a full stop that touches a number on its left into the number\'s left-to-right run and emits it first';

const KNOWN: Partial<Record<Extractor, Record<number, Known>>> = {
  mupdf: {
    7: { got: 'التعسفيل\uFFFDكوبا', why: EMPTY_TOUNICODE },
    14: { got: 'فيعام٤٢٠٢.', why: MUPDF_AN },
    15: { got: 'و٠٣٪ماعيف٤٢٠٢', why: `${MUPDF_AN}; it also reverses the Arabic words between them (في عام → ماع يف) and splits the line` },
  },
  pdfjs: {
    5: { got: 'المجهوريات', why: 'pdf.js merges ج and the م stacked on it into one text item (less than 0.2 em apart) and reverses the item as if visual' },
    7: { got: 'التعسفيل\u0002كوبا', why: EMPTY_TOUNICODE },
    10: { got: 'المجاعات', why: 'as in الجمهوريات: جم stacked, merged into one pdf.js item and reversed' },
  },
  pdftotext: {
    1: { got: 'عام.1945', why: POPPLER_STOP },
    7: { got: 'مايو.2024', why: POPPLER_STOP },
    14: { got: 'عام.٢٠٢٤', why: POPPLER_STOP },
    15: {
      got: 'ل\u0642\u064E\u0650رارات()EUو()NATOبنسبة%30و٪٣٠فيعام٢٠٢٤و«.2024اقتباس»',
      why: 'poppler reorders around the left-to-right runs: the kasra of ل after ق, both brackets before EU and NATO, % and ٪ before the digits, « and . before 2024',
    },
  },
  mutool: {
    7: { got: 'التعسفيل\uFFFDكوبا', why: EMPTY_TOUNICODE },
  },
};

const TOOLS: Array<{ tool: Extractor; available: boolean; ignoreMarks: boolean }> = [
  { tool: 'mupdf', available: true, ignoreMarks: false },
  { tool: 'pdfjs', available: true, ignoreMarks: true },
  { tool: 'pdftotext', available: hasTool('pdftotext'), ignoreMarks: false },
  { tool: 'mutool', available: hasTool('mutool'), ignoreMarks: false },
];

let pdf: Uint8Array;
beforeAll(async () => {
  pdf = (await renderParagraphs(TEXTS, { align: 'justify', justify: 'kashida' })).pdf;
});

for (const { tool, available, ignoreMarks } of TOOLS) {
  describe.skipIf(!available)(`extraction with ${tool}${ignoreMarks ? ' (harakat ignored)' : ''}`, () => {
    let extracted: string;
    beforeAll(async () => {
      extracted = normalizeForCompare(await extractText(pdf, tool), { ignoreMarks });
    });

    TEXTS.forEach((text, i) => {
      const known = KNOWN[tool]?.[i];
      const source = normalizeForCompare(text, { ignoreMarks });
      if (!known) {
        it(`${label(i)} comes back whole`, () => {
          expect(extracted).toContain(source);
        });
      } else {
        it(`${label(i)}: known defect, ${known.why}`, () => {
          expect(extracted, 'fixed? then remove it from KNOWN').not.toContain(source);
          expect(extracted).toContain(normalizeForCompare(known.got, { ignoreMarks }));
        });
      }
    });
  });
}

describe('pdf.js and harakat', () => {
  it('pinned: with harakat kept, pdf.js returns each haraka before its base letter', async () => {
    const strict = normalizeForCompare(await extractText(pdf, 'pdfjs'));
    expect(strict).not.toContain('وَفْقًا');
    // و َ ف ْ ق ً ا comes back as َ و ْ ف ً ق ا
    expect(strict).toContain('\u064Eو\u0652ف\u064Bقا');
  });
});

describe('extractors that are not installed', () => {
  it('throw a recognisable error', async () => {
    for (const { tool, available } of TOOLS) {
      if (available || tool === 'mupdf' || tool === 'pdfjs') continue;
      await expect(extractText(new Uint8Array(), tool)).rejects.toThrow(/not installed/);
    }
  });
});
