/**
 * How many invisible or bidi characters the source lacks (`addedInvisibles`,
 * pdfReadback.ts) each reader returns today, per document and PDF kind: a
 * ceiling that may only come down (issue 17: the goal is 0 everywhere;
 * test/render/pdf/invisibleMarks.test.ts, docs/accessibility.md "Invisible
 * marks the readers return"). One line per reader. Where a reader's figure is
 * 0 its verbatim check compares with the marks kept (accessibility.test.ts,
 * `keepsNoMarks`). mupdf 1.28 is information: not one of the issue's readers.
 * pdftotext's figures leave out poppler's own RLE/LRE … PDF (`addedInvisibles`'
 * `poppler`).
 */
export type MarkReader = 'pdfjs' | 'mutool' | 'pdftotext' | 'pdfium' | 'mupdf';
export type MarkDoc = 'seed' | 'mixed-7' | 'addresses-ar' | 'udhr-ar' | 'udhr-fa' | 'udhr-en' | 'long-30';
export type MarkCell = `${MarkDoc} ${'booklet' | 'leaflets'}`;

export const MARK_CEILINGS: Record<MarkReader, Record<MarkCell, number>> = {
  pdfjs: { 'seed booklet': 11, 'seed leaflets': 0, 'mixed-7 booklet': 21, 'mixed-7 leaflets': 11, 'addresses-ar booklet': 15, 'addresses-ar leaflets': 10, 'udhr-ar booklet': 11, 'udhr-ar leaflets': 0, 'udhr-fa booklet': 12, 'udhr-fa leaflets': 6, 'udhr-en booklet': 0, 'udhr-en leaflets': 0, 'long-30 booklet': 11, 'long-30 leaflets': 0 },
  mutool: { 'seed booklet': 27, 'seed leaflets': 0, 'mixed-7 booklet': 99, 'mixed-7 leaflets': 72, 'addresses-ar booklet': 120, 'addresses-ar leaflets': 101, 'udhr-ar booklet': 32, 'udhr-ar leaflets': 0, 'udhr-fa booklet': 59, 'udhr-fa leaflets': 22, 'udhr-en booklet': 0, 'udhr-en leaflets': 0, 'long-30 booklet': 33, 'long-30 leaflets': 0 },
  pdftotext: { 'seed booklet': 109, 'seed leaflets': 57, 'mixed-7 booklet': 88, 'mixed-7 leaflets': 164, 'addresses-ar booklet': 60, 'addresses-ar leaflets': 67, 'udhr-ar booklet': 140, 'udhr-ar leaflets': 302, 'udhr-fa booklet': 149, 'udhr-fa leaflets': 90, 'udhr-en booklet': 0, 'udhr-en leaflets': 0, 'long-30 booklet': 99, 'long-30 leaflets': 41 },
  pdfium: { 'seed booklet': 3, 'seed leaflets': 1, 'mixed-7 booklet': 26, 'mixed-7 leaflets': 20, 'addresses-ar booklet': 4, 'addresses-ar leaflets': 2, 'udhr-ar booklet': 11, 'udhr-ar leaflets': 90, 'udhr-fa booklet': 32, 'udhr-fa leaflets': 32, 'udhr-en booklet': 0, 'udhr-en leaflets': 0, 'long-30 booklet': 2, 'long-30 leaflets': 0 },
  mupdf: { 'seed booklet': 109, 'seed leaflets': 57, 'mixed-7 booklet': 88, 'mixed-7 leaflets': 164, 'addresses-ar booklet': 60, 'addresses-ar leaflets': 67, 'udhr-ar booklet': 140, 'udhr-ar leaflets': 302, 'udhr-fa booklet': 149, 'udhr-fa leaflets': 90, 'udhr-en booklet': 0, 'udhr-en leaflets': 0, 'long-30 booklet': 99, 'long-30 leaflets': 41 },
};

/** Whether a reader returns no mark at all for a document's PDF (its ceiling is 0). */
export const keepsNoMarks = (reader: MarkReader, cell: MarkCell) => MARK_CEILINGS[reader][cell] === 0;
