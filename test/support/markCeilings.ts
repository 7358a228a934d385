/**
 * How many invisible or bidi characters the source lacks (`addedInvisibles`,
 * pdfReadback.ts) each reader returns today, per document and PDF kind: a
 * ceiling that may only come down (issue 17: the goal is 0 everywhere;
 * test/render/pdf/invisibleMarks.test.ts, docs/accessibility.md "Invisible
 * marks the readers return"). One line per reader. Where a reader's figure is
 * 0 its verbatim check compares with the marks kept (accessibility.test.ts,
 * `keepsNoMarks`). mupdf 1.28 is information: not one of the issue's readers.
 * pdftotext's figures leave out poppler's own RLE/LRE … PDF, closed on
 * their line (`popplerMarks`): what is left is the painter's (POPPLER_PARTS).
 *
 * Raised once, for mutool's booklets (heads, December 2026): seed 27 → 30,
 * mixed-7 99 → 100, addresses-ar 120 → 121, udhr-ar 32 → 38, udhr-fa
 * 59 → 65, long-30 33 → 38, one RLM per point heading that opens a page:
 * the bridge that now keeps its number and title on one line
 * (docs/accessibility.md, "A heading's number at the top of a page").
 * And for pdftotext's and mupdf 1.28's booklets: seed 109 → 124, mixed-7
 * 88 → 95, addresses-ar 60 → 69, udhr-ar 140 → 170, udhr-fa 149 → 179,
 * long-30 99 → 129, one RLE per point heading: the second RLE of its label
 * («١٩» RLE «-» RLE « حرية»), which keeps the word space after the «-»
 * (poppler read «١٩ -حرية» before; "The contents rows' labels").
 * And when leaflets took the smaller statement size (18.25 pt, mendF), their
 * lines moved: mutool's addresses-ar leaflets 101 → 103 (3, 4 and 8, each
 * address now whole on a line; pdftotext and mupdf 67 → 65 there);
 * pdftotext's and mupdf's seed leaflets 57 → 58 (3, 11, 14 from 14 pt, 12
 * from 14 to 21) and udhr-fa leaflets 90 → 93 (nine from 14 to 18.25, four
 * to 21); measured with MARKS_REPORT=1, the marks per line not traced further.
 * And when statements kept the body's word spaces (×2, not ×2.5; mendG), their
 * lines moved with the statement sizes: pdftotext's and mupdf's udhr-fa
 * leaflets 93 → 94 (10 and 24 from 21 to 18.25 pt, 17 and 20 from 21 to 14);
 * the other leaflet cells measured unchanged (seed 12 from 21 to 14 pt,
 * addresses-ar 6 broken otherwise at 21 pt), with MARKS_REPORT=1.
 * Lowered for mutool (marks6, December 2026): pdf.js's space glyphs in text
 * objects without ink, and a space of mutool's own where it would start a
 * line after a word space (docs/accessibility.md, "A Latin name after a
 * word space"): booklets seed 30 → 19, mixed-7 100 → 79, addresses-ar
 * 121 → 106, udhr-ar 38 → 27, udhr-fa 65 → 53, long-30 38 → 27; leaflets
 * mixed-7 72 → 61, addresses-ar 103 → 93, udhr-fa 22 → 16.
 * And when the reader tests drew the seed as printed, with its metadata's
 * corrections (readerDocs.ts `printedModel`; 13 places, December 2026):
 * pdftotext's and mupdf's seed booklet 124 → 98, all on the colophon: its
 * new right-to-left line «تصحيحات تحريرية على النص المصدر: ١٣» leaves poppler
 * fewer letters to balance, so the painter's RLMs for the page's direction
 * (`popplerPageBalance`, before the English imprint lines) are 7, not 34;
 * and seed leaflets 58 → 59 (14, 3 → 4: its «الأحزاب» moved the lines; the
 * marks per line not traced further).
 * And when the booklet took the leaflets' paragraph style (booklet2: a
 * first-line indent, no space between paragraphs), its pages moved and more
 * point headings open a page (udhr-ar 6 → 7, udhr-fa 6 → 9, long-30 5 → 7),
 * each with its RLM (above): mutool's booklets udhr-ar 38 → 39, udhr-fa
 * 65 → 66, long-30 38 → 40 before marks6 (measured on the merge with marks6:
 * udhr-ar 27 → 28, udhr-fa 53 → 54, long-30 27 → 29); every other cell measured unchanged
 * (MARKS_REPORT=1); the contents leaders are paths and add none.
 * The stress documents given ceilings (December 2026, session 17), as
 * measured (MARKS_REPORT=1): stress-fa booklet / leaflets pdf.js 11/33,
 * mutool 8/8, pdftotext 172/154 (RLEs 168/151, RLMs 4/3), PDFium 0/0,
 * mupdf 1.28 5/4; stress-en 0 in every reader.
 * Lowered for mutool and pdf.js (marks17, December 2026): in-place runs that
 * take the trailing neutral («CC0 1.0:», «…/path/،»), then a heading's label
 * that gives mutool the word space (`spaceForNextPart`): mutool booklets seed
 * 2 → 0, mixed-7 4 → 0, addresses-ar 26 → 1, udhr-ar 6 → 0, udhr-fa 6 → 1,
 * long-30 5 → 0, leaflets mixed-7 7 → 0, addresses-ar 31 → 2; pdf.js
 * booklet / leaflets mixed-7 7/9 → 4/2, addresses-ar 4/10 → 1/1.
 * Lowered for mutool (marks7, December 2026): the copies for poppler of a
 * letter and of the haraka raised over it («کلیهٔ», «ملیِ») each in a text
 * object of its own baseline, so that mupdf's box of the object stays empty
 * and its display list drops it (LRM + RLM after each such word before):
 * udhr-fa booklet 54 → 28, leaflets 16 → 0; no other cell moved.
 * And when the seed's booklet was copyfitted (copyfit, December 2026: 11 pt
 * in 8 pages, not 11.5 pt in 12 with three notes pages; templates/booklet.ts),
 * every text page's lines moved: pdftotext's and mupdf's seed booklet
 * 98 → 101 (raised), mutool's 19 → 18 (lowered); every other cell measured
 * unchanged (MARKS_REPORT=1; the other six booklets are not copyfitted, byte
 * for byte as before), the marks per line not traced further.
 *
 * Raised by one for pdftotext and mupdf (December 2026): udhr-ar's and
 * long-30's booklets gained the colophon line that counts their one
 * editorial correction (the «لا» of Article 29(3)): 170 → 171, 129 → 130.
 * Lowered for PDFium to 0 everywhere (marks8, December 2026): a bracket PDFium
 * reads right to left is given to it as its mirror, by a copy only PDFium
 * reads, instead of an LRM before it; the RLM across a bracket or a period
 * glued to a number is left out of PDFium's reading (docs/accessibility.md,
 * "PDFium's brackets without marks"): booklets seed 3, mixed-7 26,
 * addresses-ar 4, udhr-ar 11, udhr-fa 32, long-30 2; leaflets seed 1, mixed-7
 * 20, addresses-ar 2, udhr-ar 90, udhr-fa 32. mupdf 1.28 no longer reads the
 * bracket's RLM (under the clip off the page, without ink): mixed-7 95 / 164
 * → 92 / 162, addresses-ar 69 / 65 → 68 / 64, udhr-ar leaflets 302 → 272.
 * Lowered for mutool (spread, December 2026): the booklets' pages balanced
 * by spreads moved lines and page breaks (not traced mark by mark):
 * udhr-ar 28 → 27, udhr-fa 28 → 27, long-30 29 → 27 (every other cell
 * measured unchanged). And when spreads grew their heading spaces only to
 * end on a baseline or level (spread2): mutool's udhr-fa booklet 27 → 25
 * (its pages 4–14 re-broken; every other cell measured unchanged).
 * Raised for PDFium (marks8b, December 2026): a bracket whose neighbours
 * PDFium must see elsewhere («(1945)», «(د-3)», «الجدول (١٢)») keeps its LRM
 * for PDFium again, as before marks8 — mirrored, its neighbours stood in
 * place and mupdf 1.28 broke the line after «(» or reversed it
 * (mupdfBrackets.test.ts): mixed-7 0 / 0 → 8 / 6, udhr-ar 0 / 0 → 6 / 30;
 * every other cell, and every other reader's, measured unchanged.
 * Lowered for mupdf 1.28 (marksM, December 2026): poppler's marks (its RLEs,
 * LRMs and page-direction RLMs) are hidden from mupdf by an empty ActualText
 * under a tag poppler ignores, except on a line where a number of Arabic-Indic
 * digits is followed by a word and mupdf reads better with them
 * (popplerOrder.ts `mupdfKeepsPopplerMarks`; docs/accessibility.md, "mupdf
 * 1.28 without poppler's marks"): booklets seed 101 → 5, mixed-7 92 → 23,
 * addresses-ar 68 → 8, udhr-ar 171 → 8, udhr-fa 179 → 0, long-30 130 → 2;
 * leaflets seed 58 → 9, mixed-7 162 → 27, addresses-ar 64 → 12, udhr-ar
 * 272 → 68, udhr-fa 94 → 0, long-30 41 → 8. Every other reader's text the same.
 * Raised for pdftotext and mupdf (December 2026): udhr-ar writes «كانون الأول
 * / ديسمبر» with spaces round the slash, and the dates warraq adds now do too
 * (model.monthSlash); poppler reads a slash standing alone as a word of its
 * own, left to right, as it reads the source's own: booklet 171 → 172 and
 * 8 → 9 (the colophon's date), leaflets 302 → 308 and 68 → 72 (the event dates).
 * Lowered for pdf.js, mutool, pdftotext and mupdf 1.28 (marksJ, December
 * 2026): the Arabic and Persian colophon sets each Latin name (font, licence,
 * file, SHA-256, hash, warraq) at the end of a line, after a word of Arabic
 * letters, with no space in it (docs/accessibility.md, "The colophon's Latin
 * names"): booklets pdf.js seed 11 → 0, mixed-7 21 → 10, addresses-ar
 * 15 → 4, udhr-ar 11 → 0, udhr-fa 12 → 1, long-30 11 → 0; mutool seed
 * 18 → 11, mixed-7 79 → 72, addresses-ar 106 → 99, udhr-ar 27 → 20, udhr-fa
 * 25 → 18, long-30 27 → 20; pdftotext and mupdf 1.28 seed 101 → 93, mixed-7
 * 95 → 94 and 92 → 91, addresses-ar 69 → 68 and 68 → 67, udhr-ar, udhr-fa,
 * long-30 one fewer each. No other cell moved.
 * Lowered for mutool (marksJ, December 2026): a run of left-to-right
 * glyphs without a space that PDFium must read permuted (a file name, an
 * address, «SHA-256», a hash) is drawn once for PDFium, pdf.js and mutool,
 * in place, in one marked-content sequence whose ActualText, a name only
 * PDFium reads, is the run's text in PDFium's order (glyphPainter's
 * `inPlaceRun`; docs/accessibility.md, "Runs PDFium reads in place"):
 * booklets seed 11 → 2, mixed-7 72 → 13, addresses-ar 99 → 30, udhr-ar
 * 20 → 7, udhr-fa 18 → 7, long-30 20 → 6; leaflets mixed-7 61 → 14,
 * addresses-ar 93 → 33. No other reader's cell moved.
 * Raised by two for pdftotext (finish14, December 2026; mupdf 1.28 no longer
 * reads these since marksM): a
 * leaflet's address on lines of its own is set as a display (no letter-spaced
 * line, the line before it unstretched: docs/typography.md), so mixed-7 ٣'s
 * «annual-…/arabic-edition/» and addresses-ar ٧'s first line no longer reach
 * the left edge, and poppler pads the line after (mixed-7, «full-text-…») or
 * the line itself with two RLMs of layout more (16 → 18 before «full-text-…»,
 * seen in pdftotext's text): mixed-7 leaflets 164 → 166, addresses-ar
 * 65 → 67; every other cell measured unchanged
 * (MARKS_REPORT=1).
 * Raised by one (edge15, December 2026): a glyph HarfBuzz offsets is measured
 * from its pen, so leaflets keep their full measure and statements widen
 * spaces before any kashida; lines moved (not traced mark by mark): mutool's
 * addresses-ar leaflets 33 → 34, pdftotext's udhr-ar leaflets 308 → 309.
 * Lowered for pdftotext (leaf15, December 2026): statements tried on narrower
 * measures and lines kept off weak words re-broke leaflets: mixed-7 166 → 165,
 * udhr-ar 309 → 308, long-30 41 → 40 (measured, not traced mark by mark).
 * Lowered for PDFium to 0 everywhere again (pdfium15, December 2026): marks8b's
 * brackets are mirrored too, and the glyphs the mark would have moved are
 * drawn as if moved (pdfiumOrder's `copied`; docs/accessibility.md "PDFium's
 * brackets without marks"): mixed-7 8 / 6 → 0 / 0, udhr-ar 6 / 30 → 0 / 0. Every other
 * reader's text of the two documents the same, byte for byte.
 * Lowered for pdftotext (poppler15, December 2026): the inkless RLM between a
 * number or Latin word and the punctuation glued to it («1945.»), which only
 * mupdf 1.28 needs, is drawn for mupdf alone (glyphPainter's `mupdfMark`):
 * booklets seed 93 → 91, mixed-7 94 → 84, addresses-ar 68 → 62, udhr-ar
 * 171 → 165; leaflets seed 58 → 56, mixed-7 165 → 152, addresses-ar 67 → 55,
 * udhr-ar 308 → 248 (all in POPPLER_PARTS' marks). Every other reader's text
 * byte for byte the same, mupdf 1.28's included; pdftotext's the same but
 * for those marks.
 * Lowered for pdf.js and mutool (marksS, December 2026): a run PDFium reads in
 * place takes the word spaces inside a Latin stretch («Nelson Mandela», «NATO
 * 30%»), and a word space after a left-to-right stretch, before an Arabic
 * letter, is read by mutool where its pen stands (glyphPainter's `spaceAhead`;
 * docs/accessibility.md, "Runs PDFium reads in place" and "A Latin name after a word space"): pdf.js mixed-7
 * 10 / 11 → 7 / 9; mutool booklets mixed-7 13 → 4, addresses-ar 30 → 26,
 * udhr-ar 7 → 6, udhr-fa 7 → 6, long-30 6 → 5, leaflets mixed-7 14 → 7,
 * addresses-ar 34 → 31. Every reader's text without its marks the same (mupdf
 * 1.28's reads «ذكرى Nelson Mandela» on one line now).
 * Lowered for mutool (marks19, December 2026): a moved glyph whose copy mutool
 * would read after a jump is read by mutool and pdf.js where mutool's pen
 * stands, PDFium getting a copy of its own (glyphPainter's `handedOver`;
 * docs/accessibility.md, "A moved glyph read where mutool's pen stands"):
 * addresses-ar booklet 1 → 0, leaflets 2 → 1 («Bidi_(text))»), stress-fa
 * booklet 8 → 5, leaflets 8 → 6 («(ILO)»). Every other reader's text the same.
 * Lowered for pdf.js (marks19): PDFium's copy of a letter carries the
 * letter's tail (glyphPainter's `copiedOnce`): mixed-7 4 / 2 → 3 / 1
 * («العِلْمَ حَقٌّ»). Every other reader's text of the nine documents the
 * same, but mupdf 1.28's, which keeps «تمييز يُخل» on one line (udhr-ar, long-30).
 * Moved for pdftotext (lf20 and cards20, December 2026, session 19): body
 * lines kept off a word that leans on the next (typeset.ts `leaningTies`)
 * and Persian contents rows kept off a phrase's middle re-broke booklets and
 * leaflets; the painter's RLEs, one per punctuation or number before a word
 * space on a line, moved with them (measured, not traced mark by mark):
 * raised mixed-7 leaflets 65 → 66, udhr-ar booklet 165 → 166, long-30
 * booklet 129 → 130, stress-fa leaflets 151 → 153; lowered seed leaflets
 * 55 → 54, mixed-7 booklet 81 → 80, udhr-ar leaflets 218 → 216, stress-fa
 * booklet 168 → 166 (net −3). Every other reader's cell unchanged.
 */
export type MarkReader = 'pdfjs' | 'mutool' | 'pdftotext' | 'pdfium' | 'mupdf';
export type MarkDoc = 'seed' | 'mixed-7' | 'addresses-ar' | 'udhr-ar' | 'udhr-fa' | 'udhr-en' | 'long-30';
/**
 * The two stress documents (look17: Persian, 22 points of several
 * paragraphs; English, 31 points with long URLs), ceilinged by the marks
 * test alone: the other reader tests keep to MarkDoc (their verbatim checks
 * on these would double their time).
 */
export type StressDoc = 'stress-fa' | 'stress-en';
export type MarkCell = `${MarkDoc} ${'booklet' | 'leaflets'}`;
export type CeilingCell = `${MarkDoc | StressDoc} ${'booklet' | 'leaflets'}`;

/**
 * pdftotext's ceilings in two parts (`popplerMarks`, pdfReadback.ts), both
 * the painter's: `rles`, the RLEs of its glyphs for poppler (an RLE where a
 * left-to-right section must end so that poppler keeps the line's order:
 * glyphPainter's `rlms`, and a heading label's second RLE), which stay open
 * on their line; `marks`, the RLMs and LRMs it draws (page direction,
 * `popplerPageBalance`; the RLM glued before punctuation, `popplerKeepsMark`;
 * a URL's LRM, `popplerLrms`). poppler's own share is 0 in every cell: each
 * embedding it writes it closes on its line, measured on Chromium's and
 * Typst's PDFs of the same documents (docs/accessibility.md, "Invisible
 * marks the readers return"), whose text pdftotext returns with no mark but, with no marks, out
 * of order (seed: 10 and 9 of 15 points verbatim, 1 with its spaces).
 * Measured December 2026 (poppler15, after `mupdfMark`); their sum is
 * MARK_CEILINGS.pdftotext.
 */
export const POPPLER_PARTS: Record<CeilingCell, { rles: number; marks: number }> = {
  'seed booklet': { rles: 90, marks: 1 },
  'seed leaflets': { rles: 54, marks: 1 },
  'mixed-7 booklet': { rles: 80, marks: 3 },
  'mixed-7 leaflets': { rles: 66, marks: 87 },
  'addresses-ar booklet': { rles: 60, marks: 2 },
  'addresses-ar leaflets': { rles: 32, marks: 23 },
  'udhr-ar booklet': { rles: 166, marks: 0 },
  'udhr-ar leaflets': { rles: 216, marks: 30 },
  'udhr-fa booklet': { rles: 178, marks: 0 },
  'udhr-fa leaflets': { rles: 94, marks: 0 },
  'udhr-en booklet': { rles: 0, marks: 0 },
  'udhr-en leaflets': { rles: 0, marks: 0 },
  'long-30 booklet': { rles: 130, marks: 0 },
  'long-30 leaflets': { rles: 40, marks: 0 },
  'stress-fa booklet': { rles: 166, marks: 4 },
  'stress-fa leaflets': { rles: 153, marks: 3 },
  'stress-en booklet': { rles: 0, marks: 0 },
  'stress-en leaflets': { rles: 0, marks: 0 },
};

export const MARK_CEILINGS: Record<MarkReader, Record<CeilingCell, number>> = {
  pdfjs: { 'seed booklet': 0, 'seed leaflets': 0, 'mixed-7 booklet': 3, 'mixed-7 leaflets': 1, 'addresses-ar booklet': 1, 'addresses-ar leaflets': 1, 'udhr-ar booklet': 0, 'udhr-ar leaflets': 0, 'udhr-fa booklet': 1, 'udhr-fa leaflets': 6, 'udhr-en booklet': 0, 'udhr-en leaflets': 0, 'long-30 booklet': 0, 'long-30 leaflets': 0, 'stress-fa booklet': 11, 'stress-fa leaflets': 33, 'stress-en booklet': 0, 'stress-en leaflets': 0 },
  mutool: { 'seed booklet': 0, 'seed leaflets': 0, 'mixed-7 booklet': 0, 'mixed-7 leaflets': 0, 'addresses-ar booklet': 0, 'addresses-ar leaflets': 1, 'udhr-ar booklet': 0, 'udhr-ar leaflets': 0, 'udhr-fa booklet': 1, 'udhr-fa leaflets': 0, 'udhr-en booklet': 0, 'udhr-en leaflets': 0, 'long-30 booklet': 0, 'long-30 leaflets': 0, 'stress-fa booklet': 5, 'stress-fa leaflets': 6, 'stress-en booklet': 0, 'stress-en leaflets': 0 },
  pdftotext: Object.fromEntries(Object.entries(POPPLER_PARTS).map(([cell, p]) => [cell, p.rles + p.marks])) as Record<CeilingCell, number>,
  pdfium: { 'seed booklet': 0, 'seed leaflets': 0, 'mixed-7 booklet': 0, 'mixed-7 leaflets': 0, 'addresses-ar booklet': 0, 'addresses-ar leaflets': 0, 'udhr-ar booklet': 0, 'udhr-ar leaflets': 0, 'udhr-fa booklet': 0, 'udhr-fa leaflets': 0, 'udhr-en booklet': 0, 'udhr-en leaflets': 0, 'long-30 booklet': 0, 'long-30 leaflets': 0, 'stress-fa booklet': 0, 'stress-fa leaflets': 0, 'stress-en booklet': 0, 'stress-en leaflets': 0 },
  mupdf: { 'seed booklet': 5, 'seed leaflets': 9, 'mixed-7 booklet': 23, 'mixed-7 leaflets': 27, 'addresses-ar booklet': 8, 'addresses-ar leaflets': 12, 'udhr-ar booklet': 9, 'udhr-ar leaflets': 72, 'udhr-fa booklet': 0, 'udhr-fa leaflets': 0, 'udhr-en booklet': 0, 'udhr-en leaflets': 0, 'long-30 booklet': 2, 'long-30 leaflets': 8, 'stress-fa booklet': 5, 'stress-fa leaflets': 4, 'stress-en booklet': 0, 'stress-en leaflets': 0 },
};


/** Whether a reader returns no mark at all for a document's PDF (its ceiling is 0). */
export const keepsNoMarks = (reader: MarkReader, cell: MarkCell) => MARK_CEILINGS[reader][cell] === 0;
