/**
 * Loads the theme's font files for the text layer. A missing file or a file
 * that is not a font stops the build with the path that was configured; there
 * is never a silent fallback to some other font.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { WarraqError } from '../diagnostics.js';
import { makeDiagnostic } from '../parse/report.js';
import { loadFont, type LoadedFont } from '../text/fonts.js';
import type { Theme } from '../model/types.js';
import type { TemplateFonts } from '../layout/typeset.js';

const cache = new Map<string, LoadedFont>();

/** TrueType/OpenType signatures: 0x00010000, 'true', 'OTTO'. */
function looksLikeFont(bytes: Uint8Array): boolean {
  const tag = String.fromCharCode(...bytes.subarray(0, 4));
  return tag === '\u0000\u0001\u0000\u0000' || tag === 'true' || tag === 'OTTO';
}

/**
 * Why a file with a font signature still cannot be used: a truncated table
 * directory, a table running past the end of the file, or a table the text
 * layer needs missing. HarfBuzz would load such a file as an empty font, and
 * every character would then be reported as missing.
 */
function sfntProblem(bytes: Uint8Array): string | undefined {
  if (bytes.length < 12) return 'the file ends inside the font header';
  const v = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const n = v.getUint16(4);
  if (n === 0 || 12 + 16 * n > bytes.length) return 'the table directory is truncated';
  const tags = new Set<string>();
  for (let i = 0; i < n; i++) {
    const rec = 12 + 16 * i;
    const tag = String.fromCharCode(...bytes.subarray(rec, rec + 4));
    if (v.getUint32(rec + 8) + v.getUint32(rec + 12) > bytes.length) return `the ${tag.trim()} table runs past the end of the file (truncated download?)`;
    tags.add(tag);
  }
  for (const t of ['cmap', 'head', 'hhea', 'hmtx', 'maxp']) if (!tags.has(t)) return `the required ${t} table is missing`;
  if (!(tags.has('glyf') && tags.has('loca')) && !tags.has('CFF ') && !tags.has('CFF2')) return 'it has no glyph outlines (no glyf or CFF table)';
  return undefined;
}

async function loadFontFile(rel: string, projectRoot: string): Promise<LoadedFont> {
  const abs = path.resolve(projectRoot, rel);
  const hit = cache.get(abs);
  if (hit) return hit;
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(await readFile(abs));
  } catch (e) {
    throw new WarraqError([
      makeDiagnostic('E-FONT-MISSING', 'error', { file: rel, line: 1, col: 1 }, `font file not found: ${rel}`, {
        expected: 'a TrueType or OpenType font file inside the project',
        found: (e as NodeJS.ErrnoException).code ?? String(e),
        hint: 'check theme.fonts in the metadata; warraq ships fonts/Amiri-Regular.ttf and fonts/Amiri-Bold.ttf',
      }),
    ]);
  }
  if (!looksLikeFont(bytes)) {
    throw new WarraqError([
      makeDiagnostic('E-FONT-INVALID', 'error', { file: rel, line: 1, col: 1 }, `not a font file: ${rel}`, {
        expected: 'a .ttf or .otf file (TrueType or CFF outlines; not woff/woff2)',
        found: `a file starting with bytes ${[...bytes.subarray(0, 4)].map((b) => b.toString(16).padStart(2, '0')).join(' ')}`,
        hint: 'use full TTFs, e.g. from @expo-google-fonts/*; woff2 breaks PDF subsetting',
      }),
    ]);
  }
  const problem = sfntProblem(bytes);
  if (problem) {
    throw new WarraqError([
      makeDiagnostic('E-FONT-INVALID', 'error', { file: rel, line: 1, col: 1 }, `damaged font file: ${rel}: ${problem}`, {
        expected: 'a complete .ttf or .otf file',
        found: `${bytes.length} bytes; ${problem}`,
        hint: 'download or copy the font again; compare its size with the original',
      }),
    ]);
  }
  const font = loadFont(bytes, rel);
  cache.set(abs, font);
  return font;
}

export async function loadFontSet(theme: Theme, projectRoot: string): Promise<TemplateFonts> {
  const load = (list: string[]) => Promise.all(list.map((f) => loadFontFile(f, projectRoot)));
  return { body: await load(theme.fonts.body), heading: await load(theme.fonts.heading) };
}
