/**
 * How many invisible or bidi characters the source lacks (`addedInvisibles`,
 * pdfReadback.ts) each reader returns today, per document and PDF kind: a
 * ceiling that may only come down (issue 17: the goal is 0 everywhere;
 * test/render/pdf/invisibleMarks.test.ts, docs/accessibility.md "Invisible
 * marks the readers return"). One line per reader. Where a reader's figure is
 * 0 its verbatim check compares with the marks kept (accessibility.test.ts,
 * `keepsNoMarks`). mupdf 1.28 is information: not one of the readers.
 */
export type MarkReader = 'pdfjs' | 'mutool' | 'pdftotext' | 'pdfium' | 'mupdf';
export type MarkDoc = 'seed' | 'mixed-7' | 'udhr-ar' | 'udhr-fa' | 'udhr-en' | 'long-30';
export type MarkCell = `${MarkDoc} ${'booklet' | 'leaflets'}`;

export const MARK_CEILINGS: Record<MarkReader, Record<MarkCell, number>> = {
  pdfjs: { 'seed booklet': 14, 'seed leaflets': 0, 'mixed-7 booklet': 21, 'mixed-7 leaflets': 4, 'udhr-ar booklet': 14, 'udhr-ar leaflets': 0, 'udhr-fa booklet': 14, 'udhr-fa leaflets': 7, 'udhr-en booklet': 0, 'udhr-en leaflets': 0, 'long-30 booklet': 14, 'long-30 leaflets': 0 },
  mutool: { 'seed booklet': 67, 'seed leaflets': 0, 'mixed-7 booklet': 138, 'mixed-7 leaflets': 84, 'udhr-ar booklet': 101, 'udhr-ar leaflets': 0, 'udhr-fa booklet': 163, 'udhr-fa leaflets': 56, 'udhr-en booklet': 0, 'udhr-en leaflets': 0, 'long-30 booklet': 101, 'long-30 leaflets': 0 },
  pdftotext: { 'seed booklet': 1124, 'seed leaflets': 2038, 'mixed-7 booklet': 836, 'mixed-7 leaflets': 765, 'udhr-ar booklet': 1500, 'udhr-ar leaflets': 1897, 'udhr-fa booklet': 1681, 'udhr-fa leaflets': 1206, 'udhr-en booklet': 0, 'udhr-en leaflets': 0, 'long-30 booklet': 1404, 'long-30 leaflets': 918 },
  pdfium: { 'seed booklet': 35, 'seed leaflets': 3, 'mixed-7 booklet': 48, 'mixed-7 leaflets': 32, 'udhr-ar booklet': 74, 'udhr-ar leaflets': 120, 'udhr-fa booklet': 124, 'udhr-fa leaflets': 66, 'udhr-en booklet': 0, 'udhr-en leaflets': 0, 'long-30 booklet': 62, 'long-30 leaflets': 0 },
  mupdf: { 'seed booklet': 504, 'seed leaflets': 1290, 'mixed-7 booklet': 462, 'mixed-7 leaflets': 361, 'udhr-ar booklet': 450, 'udhr-ar leaflets': 549, 'udhr-fa booklet': 507, 'udhr-fa leaflets': 222, 'udhr-en booklet': 0, 'udhr-en leaflets': 0, 'long-30 booklet': 392, 'long-30 leaflets': 108 },
};

/** Whether a reader returns no mark at all for a document's PDF (its ceiling is 0). */
export const keepsNoMarks = (reader: MarkReader, cell: MarkCell) => MARK_CEILINGS[reader][cell] === 0;
