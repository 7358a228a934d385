/**
 * Gives each inked glyph of a TrueType subset the advance its character code
 * has in the font dictionary's /W (ISO 14289-1 7.21.5: a painted glyph's
 * width in /W and in the font program agree within 1/1000 em).
 *
 * The painter writes into /W what extractors need to find word gaps — a
 * glyph's shaped advance, its reach to the next glyph of its word (kerning,
 * cursive attachment, a kashida) — while fontkit's subset keeps the font's
 * own advance in `hmtx`. Every code is a glyph of its own in the subset
 * (codeFor copies a glyph used with another advance; CIDToGIDMap is the
 * identity), so each can have its own advance. Nothing visible changes:
 * every glyph is placed by its own text matrix, and no reader here scales a
 * glyph of an embedded font to its /W. mutool 1.21 and mupdf move their pen
 * by the program's advance, which is now /W (mutoolOrder.ts follows that).
 *
 * Glyphs without ink (the space glyph under an RLM or U+180E) keep the
 * font's advance: mutool's spaces are made with them (glyphPainter.ts
 * `spaceAdvance`, bridges). Those drawn in render mode 3 are exempt from
 * 7.21.5; the marks drawn with the space glyph that may be painted (mutool's
 * bridges and spaces, `inklessMark`) take that advance as their /W
 * (`spaceAdvance1000`).
 */

/** `program`, a TrueType font (fontkit's subset), with code c's advance set to round(widths1000[c] × upem / 1000) where `inked(c)`; checksums mended. */
export function withProgramAdvances(program: Uint8Array, widths1000: readonly (number | undefined)[], upem: number, inked: (code: number) => boolean): Uint8Array {
  const bytes = new Uint8Array(program);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const tables = new Map<string, { record: number; offset: number; length: number }>();
  for (let i = 0, n = view.getUint16(4); i < n; i++) {
    const record = 12 + 16 * i;
    tables.set(String.fromCharCode(...bytes.subarray(record, record + 4)), { record, offset: view.getUint32(record + 8), length: view.getUint32(record + 12) });
  }
  const hhea = tables.get('hhea');
  const hmtx = tables.get('hmtx');
  const head = tables.get('head');
  // A CFF subset (a bare CFF table) has no hmtx: left as it is.
  if (!hhea || !hmtx || !head) return program;
  // fontkit writes a full metric for every glyph; a code past numberOfHMetrics would share the last advance.
  const metrics = view.getUint16(hhea.offset + 34);
  let changed = false;
  widths1000.forEach((w, code) => {
    if (w === undefined || w === null || code >= metrics || !inked(code)) return;
    const advance = Math.max(0, Math.round((w * upem) / 1000));
    if (view.getUint16(hmtx.offset + 4 * code) === advance) return;
    view.setUint16(hmtx.offset + 4 * code, advance);
    changed = true;
  });
  if (!changed) return program;
  // advanceWidthMax (hhea) stays an upper bound of every advance.
  let widest = 0;
  for (let code = 0; code < metrics; code++) widest = Math.max(widest, view.getUint16(hmtx.offset + 4 * code));
  view.setUint16(hhea.offset + 10, Math.max(widest, view.getUint16(hhea.offset + 10)));
  view.setUint32(hhea.record + 4, checksum(view, hhea.offset, hhea.length));
  view.setUint32(hmtx.record + 4, checksum(view, hmtx.offset, hmtx.length));
  view.setUint32(head.offset + 8, 0);
  view.setUint32(head.offset + 8, (0xb1b0afba - checksum(view, 0, bytes.length)) >>> 0);
  return bytes;
}

/** The OpenType checksum of a table (or the whole font): its bytes as big-endian uint32s, zero-padded, summed mod 2³². */
function checksum(view: DataView, offset: number, length: number): number {
  let sum = 0;
  for (let i = 0; i < length; i += 4) {
    let word = 0;
    for (let k = 0; k < 4; k++) word = (word << 8) | (i + k < length && offset + i + k < view.byteLength ? view.getUint8(offset + i + k) : 0);
    sum = (sum + (word >>> 0)) >>> 0;
  }
  return sum;
}
