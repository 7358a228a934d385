/**
 * Glyph coverage (no tofu): every character is checked against every font
 * chain that will set it, and reported at its exact place in the file it was
 * written in (line:col, columns in code points), once.
 */
import { describe, expect, it } from 'vitest';
import { checkCoverage } from '../../src/check/coverage.js';
import { modelFromText } from '../../src/model/buildModel.js';
import type { Diagnostic } from '../../src/diagnostics.js';
import { projectRoot, templateFonts } from '../support/fonts.js';

/** Where the `nth` occurrence of `needle` is in `text`, found independently of warraq's code. */
function placeOf(text: string, needle: string, nth = 0): { line: number; col: number } {
  let at = -1;
  for (let i = 0; i <= nth; i++) {
    at = text.indexOf(needle, at + 1);
    if (at < 0) throw new Error(`${needle} not found`);
  }
  const before = text.slice(0, at).split('\n');
  return { line: before.length, col: Array.from(before[before.length - 1]).length + 1 };
}

const cp = (ch: string) => `U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;

function coverage(source: string, sidecar?: string): Diagnostic[] {
  const { model } = modelFromText(source, 'doc.txt', { projectRoot, sidecar: sidecar ? { text: sidecar, file: 'doc.meta.yaml' } : undefined });
  return checkCoverage(model, templateFonts());
}

const at = (ds: Diagnostic[]) => ds.map((d) => `${d.file}:${d.line}:${d.col} ${d.found?.split(' ').pop()}`);

// Amiri Regular (body) and Amiri Bold (heading) differ: U+02D9 is only in the
// regular cut, U+0323 only in the bold one.
const ONLY_REGULAR = '\u02D9';
const ONLY_BOLD = '\u0323';

describe('checkCoverage: places', () => {
  it('a CJK character in the middle of a long Arabic line: exact column in code points', () => {
    const long = 'هذه نقطة طويلة جدا فيها كلمات عربية كثيرة مُشَكَّلَةٌ بالحركات والشدّة، ثم رمز 中 في الوسط ثم كلام آخر كثير بعده.';
    const src = `---\ndate: 2024-01-01\n---\n## العنوان\n\nمقدمة.\n\n١. ${long}\n`;
    const ds = coverage(src);
    const p = placeOf(src, '中');
    expect(at(ds)).toEqual([`doc.txt:${p.line}:${p.col} ${cp('中')}`]);
    // Columns count code points: the harakat before it are characters too.
    expect(p.col).toBe(Array.from(`١. ${long.slice(0, long.indexOf('中'))}`).length + 1);
    expect(ds[0]).toMatchObject({ code: 'E-GLYPH-MISSING', severity: 'error' });
    expect(ds[0].message).toContain('point 1');
  });

  it('an emoji on the second line of a soft-wrapped point, and after an astral character on the same line', () => {
    const src = '---\ndate: 2024-01-01\n---\n## العنوان\n\n١. سطر أول من النقطة\n   والسطر الثاني فيه 😀 ثم 中 هنا.\n';
    const ds = coverage(src);
    const e = placeOf(src, '😀');
    const c = placeOf(src, '中');
    expect(at(ds)).toEqual([`doc.txt:${e.line}:${e.col} ${cp('😀')}`, `doc.txt:${c.line}:${c.col} ${cp('中')}`]);
  });

  it('a soft-wrapped preamble paragraph', () => {
    const src = '---\ndate: 2024-01-01\n---\n## العنوان\n\nمقدمة على\nسطرين فيها 中.\n\n١. نقطة.\n';
    const p = placeOf(src, '中');
    expect(at(coverage(src))).toEqual([`doc.txt:${p.line}:${p.col} ${cp('中')}`]);
  });

  it('an imprint line with markup before the character (`**`, escapes)', () => {
    const src = '---\ndate: 2024-01-01\n---\n## العنوان\n\n١. نقطة.\n\n**جمعية** \\*المثال\\* 中 الثقافية  \n*سطر ثان* <sup>١</sup> 😀\n';
    const a = placeOf(src, '中');
    const b = placeOf(src, '😀');
    expect(at(coverage(src))).toEqual([`doc.txt:${a.line}:${a.col} ${cp('中')}`, `doc.txt:${b.line}:${b.col} ${cp('😀')}`]);
  });

  it('a point title from the metadata is reported in the metadata file, not the source', () => {
    const meta = 'points:\n  1:\n    title: عنوان 中 هنا\n    event:\n      name: "حدث 😀"\n';
    const src = '---\ndate: 2024-01-01\n---\n## العنوان\n\n١. نقطة.\n';
    const t = placeOf(meta, '中');
    const e = placeOf(meta, '😀');
    expect(at(coverage(src, meta))).toEqual([`doc.meta.yaml:${t.line}:${t.col} ${cp('中')}`, `doc.meta.yaml:${e.line}:${e.col} ${cp('😀')}`]);
  });

  it('a document title from the front matter is reported there', () => {
    const src = '---\ndate: 2024-01-01\ntitle: عنوان 中\n---\n## العنوان\n\n١. نقطة.\n';
    const p = placeOf(src, '中');
    expect(at(coverage(src))).toEqual([`doc.txt:${p.line}:${p.col} ${cp('中')}`]);
  });

  it('a character in a derived point title is reported once, at its place in the point', () => {
    const src = '---\ndate: 2024-01-01\n---\n## العنوان\n\n١.   نقطة   中 فيها، ثم بقية النص.\n';
    const p = placeOf(src, '中');
    expect(at(coverage(src))).toEqual([`doc.txt:${p.line}:${p.col} ${cp('中')}`]);
  });
});

describe('checkCoverage: every font chain a text is set in', () => {
  it('the document title is set in the heading font and (running heads) in the body font', () => {
    const src = `---\ndate: 2024-01-01\n---\n## العنوان${ONLY_BOLD}\n\n١. نقطة.\n`;
    const p = placeOf(src, ONLY_BOLD);
    expect(at(coverage(src))).toEqual([`doc.txt:${p.line}:${p.col} ${cp(ONLY_BOLD)}`]);
  });

  it('a derived point title needs the heading font too', () => {
    const src = `---\ndate: 2024-01-01\n---\n## العنوان\n\n١. نقطة ب${ONLY_REGULAR} فيها. وبقية.\n`;
    const p = placeOf(src, ONLY_REGULAR);
    expect(at(coverage(src))).toEqual([`doc.txt:${p.line}:${p.col} ${cp(ONLY_REGULAR)}`]);
  });

  it('an event name (set in the heading font) and an event place (body font)', () => {
    const meta = `points:\n  1:\n    event:\n      name: حدث ${ONLY_REGULAR}\n      place: مكان ${ONLY_BOLD}\n`;
    const src = '---\ndate: 2024-01-01\n---\n## العنوان\n\n١. نقطة.\n';
    const n = placeOf(meta, ONLY_REGULAR);
    const pl = placeOf(meta, ONLY_BOLD);
    expect(at(coverage(src, meta))).toEqual([`doc.meta.yaml:${n.line}:${n.col} ${cp(ONLY_REGULAR)}`, `doc.meta.yaml:${pl.line}:${pl.col} ${cp(ONLY_BOLD)}`]);
  });

  it('imprint: regular runs need the body font even on a line with bold, bold runs need both', () => {
    const src = `---\ndate: 2024-01-01\n---\n## العنوان\n\n١. نقطة.\n\n**جمعية** المثال ب${ONLY_BOLD}  \n**غامق ب${ONLY_REGULAR}**\n`;
    const a = placeOf(src, ONLY_BOLD);
    const b = placeOf(src, ONLY_REGULAR);
    expect(at(coverage(src))).toEqual([`doc.txt:${a.line}:${a.col} ${cp(ONLY_BOLD)}`, `doc.txt:${b.line}:${b.col} ${cp(ONLY_REGULAR)}`]);
  });

  it('the seed and the other fixture are fully covered', async () => {
    const { readFile } = await import('node:fs/promises');
    const { default: path } = await import('node:path');
    for (const f of ['source/izmir-2023.txt', 'test/fixtures/other.txt']) {
      const side = f.replace(/\.txt$/, '.meta.yaml');
      const sidecar = await readFile(path.join(projectRoot, side), 'utf8').catch(() => undefined);
      const { model } = modelFromText(await readFile(path.join(projectRoot, f), 'utf8'), f, { projectRoot, sidecar: sidecar ? { text: sidecar, file: side } : undefined });
      expect(checkCoverage(model, templateFonts())).toEqual([]);
    }
  });
});
