/**
 * Shared plumbing for the print-production steps (imposition, press marks):
 * loading a finished PDF, embedding its pages as vector form XObjects, and
 * writing a byte-for-byte reproducible output.
 *
 * Every step re-places whole pages and never rasterises them, so type stays
 * sharp and text stays extractable. Reproducibility matters because print
 * files are compared and cached across builds: no wall-clock dates, no random
 * file IDs.
 */

import {
  PDFDocument,
  PDFHexString,
  PDFName,
  PDFString,
  type PDFEmbeddedPage,
  type PDFPage,
} from 'pdf-lib';

/** A4 landscape, in pt: the press sheet for A5 booklets and leaflets. */
export const SHEET_SIZES = {
  A4: { width: 841.89, height: 595.28 },
} as const;

export type SheetName = keyof typeof SHEET_SIZES;

/** 1 mm in pt. */
export const MM = 72 / 25.4;

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Metadata every print output carries; `date` is required so outputs are reproducible. */
export interface OutputMeta {
  date: Date;
  title?: string;
  /** Set as /Creator; /Producer is always "warraq". */
  creator?: string;
}

export async function loadSource(bytes: Uint8Array): Promise<PDFDocument> {
  // updateMetadata:false keeps pdf-lib from stamping "now" into the source copy.
  return PDFDocument.load(bytes, { updateMetadata: false });
}

/** A new, empty document with fixed metadata and the source's language carried over. */
export async function createOutput(source: PDFDocument, meta: OutputMeta): Promise<PDFDocument> {
  if (!(meta.date instanceof Date) || Number.isNaN(meta.date.getTime())) {
    throw new TypeError('print output needs a valid `date` (fixed, for reproducible PDFs)');
  }
  const out = await PDFDocument.create({ updateMetadata: false });
  const title = meta.title ?? source.getTitle();
  if (title !== undefined && title !== '') out.setTitle(title, { showInWindowTitleBar: true });
  out.setProducer('warraq');
  if (meta.creator !== undefined) out.setCreator(meta.creator);
  out.setCreationDate(meta.date);
  out.setModificationDate(meta.date);
  const lang = source.catalog.lookupMaybe(PDFName.of('Lang'), PDFString, PDFHexString);
  if (lang !== undefined) out.catalog.set(PDFName.of('Lang'), PDFString.of(lang.decodeText()));
  return out;
}

export function assertUpright(page: PDFPage, index: number): void {
  const angle = page.getRotation().angle % 360;
  if (angle !== 0) {
    throw new Error(
      `source page ${index + 1} has /Rotate ${angle}; print imposition expects upright pages`,
    );
  }
}

function hasContents(page: PDFPage): boolean {
  return page.node.Contents() !== undefined;
}

/**
 * Embeds every source page as a form XObject clipped to `clip(page)` (in the
 * page's own coordinates). Pages with no content stream come back `null`
 * (they are blank; pdf-lib cannot embed them).
 */
export async function embedAll(
  out: PDFDocument,
  source: PDFDocument,
  clip: (page: PDFPage) => Box,
): Promise<Array<{ embedded: PDFEmbeddedPage | null; clip: Box; page: PDFPage }>> {
  const pages = source.getPages();
  pages.forEach(assertUpright);
  const clips = pages.map(clip);
  const withContent = pages.map((p, i) => ({ p, i })).filter(({ p }) => hasContents(p));
  // One call, so resources shared between pages (fonts) are copied once.
  const embedded = await out.embedPages(
    withContent.map(({ p }) => p),
    withContent.map(({ i }) => {
      const c = clips[i];
      return { left: c.x, bottom: c.y, right: c.x + c.width, top: c.y + c.height };
    }),
  );
  const result: Array<{ embedded: PDFEmbeddedPage | null; clip: Box; page: PDFPage }> = pages.map(
    (page, i) => ({ embedded: null, clip: clips[i], page }),
  );
  withContent.forEach(({ i }, k) => {
    result[i].embedded = embedded[k];
  });
  return result;
}

/** Serialises the output; pdf-lib writes no /ID, so equal inputs give equal bytes. */
export async function saveOutput(out: PDFDocument): Promise<Uint8Array> {
  return out.save({ addDefaultPage: false });
}
