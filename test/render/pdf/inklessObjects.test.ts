/**
 * A text object of glyphs without ink stays hidden from mutool 1.21
 * (glyphPainter.ts, LineWriter.inkless; docs/accessibility.md, "Invisible
 * marks the readers return"). mupdf bounds a text object by the union of its
 * glyphs' boxes, a glyph without ink being the point of its origin, and its
 * display list drops an object whose box is empty: points on one baseline.
 * The copies for poppler of a letter and of the haraka raised over it
 * (udhr-fa's «کلیهٔ», «ملیِ», drawn elsewhere for PDFium) stood at two x and
 * two y in one text object, and mutool read their own texts, an LRM and an
 * RLM, after the word.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { layoutLeaflet } from '../../../templates/leaflet.js';
import { renderPages } from '../../../src/render/pdf/renderPages.js';
import { font } from '../../support/fonts.js';
import { addedInvisibles, extractText, hasTool } from '../../support/pdfReadback.js';
import { printedModel, READER_DOC_FILES } from '../../support/readerDocs.js';

/** A word that ends in a haraka (hamza above, kasra) before a word space. */
const HARAKA_BEFORE_SPACE = /[\u0654\u0650] /u;

/** The glyphs of each text object `mutool draw` keeps for its text (its trace, through the display list). */
function keptTextObjects(pdf: Uint8Array): string[][] {
  const dir = mkdtempSync(join(tmpdir(), 'warraq-inkless-'));
  try {
    const file = join(dir, 'in.pdf');
    writeFileSync(file, pdf);
    const trace = execFileSync('mutool', ['draw', '-q', '-F', 'trace', '-o', '-', file], { encoding: 'utf8', maxBuffer: 1 << 28 });
    return [...trace.matchAll(/<(?:fill|ignore)_text[^>]*>([\s\S]*?)<\/(?:fill|ignore)_text>/gu)].map((m) =>
      [...m[1].matchAll(/<g unicode="([^"]*)"/gu)].map((g) => g[1].replace(/&#x([0-9a-f]+);/giu, (_, h: string) => String.fromCodePoint(parseInt(h, 16)))),
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe.skipIf(!hasTool('mutool'))('text objects without ink (udhr-fa leaflets with a haraka before a word space)', () => {
  let pdf: Uint8Array;
  let drawn: string;
  beforeAll(async () => {
    const model = await printedModel(READER_DOC_FILES['udhr-fa']);
    const fonts = { body: model.theme.fonts.body.map(font), heading: model.theme.fonts.heading.map(font) };
    const points = model.points.filter((p) => HARAKA_BEFORE_SPACE.test(p.text));
    expect(points.length).toBeGreaterThan(3);
    const pages = points.flatMap((p) => layoutLeaflet(model, p, fonts).pages);
    pdf = await renderPages(pages, { title: model.title, lang: model.lang, rtl: true, date: new Date(`${model.date}T00:00:00Z`) });
    drawn = pages.flatMap((p) => p.blocks.flatMap((b) => (b.kind === 'text' && !b.pictureOnly ? [b.text] : []))).join('\n');
  });

  it('mutool keeps no text object of bidi marks alone (the copies for poppler, the marks for it)', () => {
    const marksOnly = keptTextObjects(pdf).filter((glyphs) => glyphs.length > 0 && glyphs.every((c) => /^[\u200E\u200F\u202A-\u202E]$/u.test(c)));
    expect(marksOnly).toEqual([]);
  });

  it('mutool returns the words with their harakat and no mark the source lacks', async () => {
    const text = await extractText(pdf, 'mutool');
    expect(text).toContain('کلیهٔ ');
    expect(text).not.toMatch(/\u200E/u);
    expect(addedInvisibles(text, drawn)).toBe(0);
  });
});
