/**
 * Shared plumbing for the print-production steps (imposition, press marks):
 * loading a finished PDF, embedding its pages as vector form XObjects, and
 * writing a byte-for-byte reproducible output.
 *
 * Every step re-places whole pages and never rasterises them, so type stays
 * sharp and text stays extractable. A placed page's content streams are
 * copied as they are (still compressed) into the sheet's content, between a
 * transform and a clip of the sheet's own: nothing is decompressed and
 * compressed again (pdf-lib's form XObjects did that for every page, the
 * larger part of an imposition's time). Reproducibility matters because print
 * files are compared and cached across builds: no wall-clock dates, no random
 * file IDs.
 */

import {
  clip as clipPath,
  endPath,
  PDFArray,
  PDFContentStream,
  type PDFContext,
  PDFDict,
  PDFDocument,
  PDFHexString,
  PDFName,
  PDFObjectCopier,
  PDFRef,
  PDFString,
  popGraphicsState,
  pushGraphicsState,
  rectangle,
  type PDFOperator,
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

/** A source page ready to be placed on a sheet: its content streams and resources, copied into the output. */
export interface PlaceablePage {
  /** The page's content streams in the output (still compressed), or null for a page without content (blank). */
  contents: PDFRef[] | null;
  resources: PDFDict | undefined;
  /** The part of the page that is placed (its own coordinates). */
  clip: Box;
  page: PDFPage;
}

/**
 * Copies every source page's content streams and resources into `out`, as
 * they are (one copier, so objects shared between pages, the fonts, are
 * copied once), to be placed with `placePage`; `clip(page)` is the part of
 * the page placed.
 */
/** A page's content streams, as they are referenced (none, one, or an array's). */
export function contentRefs(page: PDFPage) {
  const contents = page.node.Contents();
  return contents === undefined ? [] : contents instanceof PDFArray ? contents.asArray() : [page.node.get(PDFName.of('Contents'))!];
}

export function copyPages(out: PDFDocument, source: PDFDocument, clip: (page: PDFPage) => Box): PlaceablePage[] {
  const copier = PDFObjectCopier.for(source.context, out.context);
  return source.getPages().map((page, i) => {
    assertUpright(page, i);
    const copied = contentRefs(page).map((r) => copier.copy(r));
    if (!copied.every((r): r is PDFRef => r instanceof PDFRef)) throw new Error(`source page ${i + 1} has a direct content stream`);
    const resources = page.node.Resources();
    return { contents: copied.length ? copied : null, resources: resources && copier.copy(resources), clip: clip(page), page };
  });
}

/** Resource names of `from` added to `into`; a name both use for different objects would change what the sheet draws. */
function mergeResources(into: PDFDict, from: PDFDict): void {
  for (const [category, value] of from.entries()) {
    const entries = from.context.lookup(value);
    if (!(entries instanceof PDFDict)) {
      if (!into.has(category)) into.set(category, value);
      continue;
    }
    let target = into.context.lookupMaybe(into.get(category), PDFDict);
    if (!target) into.set(category, (target = into.context.obj({})));
    for (const [name, v] of entries.entries()) {
      const had = target.get(name);
      if (had === undefined) target.set(name, v);
      else if (had.toString() !== v.toString()) throw new Error(`two placed pages name different ${category.asString()} ${name.asString()}`);
    }
  }
}

/**
 * Draws `p` on `sheet` as a form XObject would: `transform` (the operators
 * that move and scale it, after `before`), then clipped to its `clip` box in
 * its own coordinates, its content streams, and the graphics state restored.
 */
export function placePage(sheet: PDFPage, p: PlaceablePage, before: PDFOperator[], transform: PDFOperator[]): void {
  if (p.contents === null) return;
  const ctx = sheet.doc.context;
  if (p.resources) mergeResources(sheet.node.normalizedEntries().Resources, p.resources);
  const c = p.clip;
  const open = [pushGraphicsState(), ...before, ...transform, rectangle(c.x, c.y, c.width, c.height), clipPath(), endPath()];
  sheet.node.addContentStream(plainStream(ctx, open));
  for (const r of p.contents) sheet.node.addContentStream(r);
  sheet.node.addContentStream(plainStream(ctx, [popGraphicsState()]));
}

/**
 * A content stream of a few operators (a transform, a clip, marks),
 * registered uncompressed: not worth a compressor's start, whose tables
 * pdf-lib sets up afresh for every stream (≈ 0.5 ms each, two per page).
 */
export function plainStream(ctx: PDFContext, ops: PDFOperator[]): PDFRef {
  return ctx.register(PDFContentStream.of(ctx.obj({}), ops, false));
}

/** Serialises the output; pdf-lib writes no /ID, so equal inputs give equal bytes. */
export async function saveOutput(out: PDFDocument): Promise<Uint8Array> {
  return out.save({ addDefaultPage: false });
}
