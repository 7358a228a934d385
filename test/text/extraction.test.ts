/**
 * Text extraction from the PDF: every seed point (and the mixed sample and
 * addresses-ar's points), normalised, must come back
 * whole from each extractor (mupdf and pdf.js always; pdftotext and mutool
 * where they are installed).
 *
 * Normalisation (see normalizeForCompare): NFC, no whitespace, no tatweel, no
 * bidi controls, no ZWJ. Harakat are compared too: each glyph is its own
 * marked-content span, so pdf.js no longer merges a base and its mark (or the
 * stacked ج over م) into one item that it reverses.
 *
 * Known defects are pinned, not skipped: the same strict check must fail, and
 * the extraction must show exactly the wrong text that was diagnosed. When a
 * painter change fixes one, its test fails: move it out of KNOWN.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { extractText, hasTool, normalizeForCompare, type Extractor } from '../support/pdfReadback.js';
import { documentPoints, MIXED_SAMPLE, renderParagraphs, seedPoints } from '../support/textFixtures.js';

/** The seed's points, the mixed sample, and addresses-ar's points (URLs, e-mail, file name, hash beside Arabic punctuation). */
const ADDRESSES = documentPoints('test/fixtures/docs/addresses-ar/addresses-ar.txt');
const TEXTS = [...seedPoints(), MIXED_SAMPLE, ...ADDRESSES];
const label = (i: number) => (i < 15 ? `point ${i + 1}` : i === 15 ? 'mixed sample' : `addresses-ar point ${i - 15}`);

interface Known {
  /** Normalised text the extractor returns instead of the source. */
  got: string;
  why: string;
}

const MUPDF_AN =
  'mupdf 1.28 structured text reverses runs of Arabic-Indic digits (bidi AN) drawn left to right in logical order ' +
  '(Western digits are fine); invisible LRM/RLM marks and ActualText do not change it';
const KNOWN: Partial<Record<Extractor, Record<number, Known>>> = {
  mupdf: {
    14: { got: 'فيعام٤٢٠٢.', why: `${MUPDF_AN} (it reversed «عام» too until the painter stopped drawing the LRM before «٢٠٢٤», popplerKeepsMark)` },
    15: { got: 'بنسبة30%٠٣و٪فيماع٤٢٠٢', why: `${MUPDF_AN}; on this line it also reverses «عام» after «في», and «و٣٠» since the LRM before «٣٠» is not drawn (popplerKeepsMark)` },
  },
};

const TOOLS: Array<{ tool: Extractor; available: boolean; ignoreMarks: boolean }> = [
  { tool: 'mupdf', available: true, ignoreMarks: false },
  { tool: 'pdfjs', available: true, ignoreMarks: false },
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

describe('extractors that are not installed', () => {
  it('throw a recognisable error', async () => {
    for (const { tool, available } of TOOLS) {
      if (available || tool === 'mupdf' || tool === 'pdfjs') continue;
      await expect(extractText(new Uint8Array(), tool)).rejects.toThrow(/not installed/);
    }
  });
});
