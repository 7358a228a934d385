/**
 * pdfiumPlan against a model of PDFium's line reading (CloseTempLine in
 * core/fpdftext/cpdf_textpage.cpp): glyphs sorted by key, the string cut into
 * Right / Left / LeftWeak / Neutral segments, the segments taken right to
 * left, Right ones (and Neutral ones while the direction is right) reversed
 * and mirrored. The real thing is measured in test/render/pdf/accessibility.test.ts.
 */
import { describe, expect, it } from 'vitest';
import bidiFactory from 'bidi-js';
import { KEY_STEP, pdfiumMirror, pdfiumPlan, type KeyedGlyph } from '../../../src/render/pdf/pdfiumOrder.js';

const bidi = bidiFactory();
const WEAK = new Set(['EN', 'AN', 'NSM', 'CS', 'ES', 'ET', 'BN']);
const dir = (c: string) => {
  const t = bidi.getBidiCharTypeName(c);
  return t === 'L' ? 'L' : t === 'R' || t === 'AL' ? 'R' : WEAK.has(t) ? 'W' : 'N';
};

/** What PDFium returns for glyphs drawn at these keys (plus its LRMs; the glyphs `mirrored` read from their mirror, the painter's PdfiumText). */
function pdfiumReads(glyphs: KeyedGlyph[], keys: number[], marks: Map<number, number>, mirrored = new Set<number>()): string {
  const placed = glyphs.map((g, i) => ({ text: mirrored.has(i) ? pdfiumMirror(g.text)! : g.text, key: keys[i] }));
  for (const [, key] of marks) placed.push({ text: '\u200E', key });
  const line = placed.sort((a, b) => a.key - b.key).map((p) => p.text).join('');
  const segments: string[][] = [];
  for (const c of line) {
    const last = segments[segments.length - 1];
    if (last && dir(last[0]) === dir(c)) last.push(c);
    else segments.push([c]);
  }
  let current = 'R';
  let out = '';
  for (const s of segments.reverse()) {
    const d = dir(s[0]);
    if (d === 'R' || (d === 'N' && current === 'R')) {
      current = 'R';
      out += [...s].reverse().map((c) => bidi.getMirroredCharacter(c) ?? c).join('');
    } else {
      if (d !== 'W') current = 'L';
      out += s.join('');
    }
  }
  return out;
}

/**
 * The same with PDFium's generated spaces (ProcessInsertObject, GenerateSpace):
 * between two glyphs it meets in turn, neither a space, a gap of more than a
 * quarter of the wider one's width is read as a space (a neutral character).
 * A glyph's width is its advance (a floating mark's, its reach).
 */
function pdfiumReadsSpaced(glyphs: KeyedGlyph[], plan: ReturnType<typeof pdfiumPlan>): string {
  const placed = glyphs.map((g, i) => ({ text: plan.mirrored.has(i) ? pdfiumMirror(g.text)! : g.text, key: plan.keys[i], width: plan.reach.get(i) ?? g.advance }));
  for (const [, key] of plan.marks) placed.push({ text: '\u200E', key, width: 0 });
  const sorted = placed.filter((p) => p.text !== '').sort((a, b) => a.key - b.key);
  const withSpaces: typeof sorted = [];
  sorted.forEach((p, i) => {
    const prev = sorted[i - 1];
    if (prev && prev.text !== ' ' && p.text !== ' ' && p.key - (prev.key + prev.width) > Math.max(prev.width, p.width) / 4 + 1e-6) withSpaces.push({ text: ' ', key: p.key, width: 0 });
    withSpaces.push(p);
  });
  const keys = withSpaces.map((_, i) => i);
  return pdfiumReads(withSpaces.map((p) => ({ text: p.text, x: 0, advance: 0, size: 10 })), keys, new Map()).replace(/ {2,}/g, ' ');
}

/** A right-to-left line from its glyphs in logical order, each [text, x, advance]. */
const line = (...gs: Array<[string, number, number?]>): KeyedGlyph[] => gs.map(([text, x, advance]) => ({ text, x, advance: advance ?? 4, size: 10 }));
const strip = (s: string) => s.replace(/[\u200E\u200F]/g, '');

describe('pdfiumPlan', () => {
  it('keeps the glyphs of plain Arabic where they are', () => {
    const g = line(['ك', 40], ['ت', 36], ['ا', 33], ['ب', 29]);
    const plan = pdfiumPlan(g);
    expect(plan.keys).toEqual([40, 36, 33, 29]);
    expect(strip(pdfiumReads(g, plan.keys, plan.marks))).toBe('كتاب');
  });

  it('puts a haraka drawn right of its letter between that letter and the next', () => {
    // ضً: the tanween's origin lies right of the ض's.
    const g = line(['ر', 50], ['ض', 42], ['\u064B', 45, 0], ['ا', 38]);
    const plan = pdfiumPlan(g);
    expect(plan.keys[2]).toBeLessThan(plan.keys[1]);
    expect(plan.keys[2]).toBeGreaterThan(plan.keys[3]);
    expect(strip(pdfiumReads(g, plan.keys, plan.marks))).toBe('رضًا');
  });

  it('reads two Latin words inside Arabic in their order', () => {
    const g = line(['ت', 80], [' ', 76], ['A', 40], ['B', 45], [' ', 50], ['C', 54], ['D', 59], [' ', 36], ['ع', 30]);
    const plan = pdfiumPlan(g);
    expect(strip(pdfiumReads(g, plan.keys, plan.marks))).toBe('ت AB CD ع');
  });

  it('gives PDFium the mirror of a bracket it reads right to left, and no mark', () => {
    const g = line(['ف', 60], [' ', 56], ['(', 52], ['ب', 46], [')', 42], ['.', 39]);
    const plan = pdfiumPlan(g);
    expect(plan.marks.size).toBe(0);
    expect([...plan.mirrored]).toEqual([2, 4]);
    expect(plan.keys).toEqual([60, 56, 52, 46, 42, 39]);
    expect(pdfiumReads(g, plan.keys, plan.marks, plan.mirrored)).toBe('ف (ب).');
  });

  it('mirrors a bracket whose neighbours a mark would move («(1945)»), and lists those for copies instead', () => {
    const g = line(['ة', 80], [' ', 76], ['(', 72], ['1', 52], ['9', 56], ['4', 60], ['5', 64], [')', 48]);
    const plan = pdfiumPlan(g);
    expect(plan.marks.size).toBe(0);
    expect([...plan.mirrored]).toEqual([2, 7]);
    // Each glyph at its own key; the painter draws the word space, the bracket and the digits as if moved (mupdf 1.28 reads their copies).
    expect(plan.keys).toEqual(g.map((x) => x.x));
    expect([...(plan.copied ?? [])].sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(pdfiumReads(g, plan.keys, plan.marks, plan.mirrored)).toBe('ة (1945)');
  });

  it('asks for a left-to-right mark before a bracket whose mirror is not one byte of PDFDocEncoding', () => {
    const g = line(['ف', 60], [' ', 56], ['\u2329', 52], ['ب', 46], ['\u232A', 42], ['.', 39]);
    const plan = pdfiumPlan(g);
    expect(plan.mirrored.size).toBe(0);
    expect(plan.marks.size).toBeGreaterThan(0);
    expect(strip(pdfiumReads(g, plan.keys, plan.marks))).toBe('ف \u2329ب\u232A.');
  });

  it('reaches from a bracket read mirrored over the place of the digits moved on its right («(د-3)»)', () => {
    const g = line(['ف', 70], [' ', 66], ['(', 62], ['د', 57], ['-', 53], ['3', 47, 5], [')', 42], [' ', 38], ['ا', 34]);
    const plan = pdfiumPlan(g);
    expect(strip(pdfiumReadsSpaced(g, plan))).toBe('ف (د-3) ا');
  });

  it('keeps a number with its signs in order («278%.»)', () => {
    const g = line(['ب', 70], [' ', 66], ['2', 46], ['7', 50], ['8', 54], ['%', 58], ['.', 43]);
    const plan = pdfiumPlan(g);
    expect(strip(pdfiumReads(g, plan.keys, plan.marks))).toBe('ب 278%.');
  });

  it('reads no space between a word and its closing bracket when a word space follows («مانديلا] بأنشطة»)', () => {
    const g = line(['ل', 68], ['ا', 64], [']', 60], [' ', 56], ['ب', 52], ['أ', 48]);
    const plan = pdfiumPlan(g);
    expect(strip(pdfiumReadsSpaced(g, plan))).toBe('لا] بأ');
    // The bracket and the space keep their places; only marks are added.
    expect(plan.keys).toEqual([68, 64, 60, 56, 52, 48]);
  });

  it('reads no space after an opening bracket moved right of a stretched word space («وافٍ (انظـر»)', () => {
    // The word space is drawn 8.5 wide (justified), its glyph 4: the bracket read forward goes right of it.
    const g = line(['ف', 66], [' ', 57.5, 4], ['(', 51, 6.5], ['ا', 48, 3], ['ن', 44]);
    const plan = pdfiumPlan(g);
    expect(strip(pdfiumReadsSpaced(g, plan))).toBe('ف (ان');
  });

  it('reads no space inside «(ب).» at the end of a line', () => {
    const g = line(['ف', 60], [' ', 56], ['(', 52], ['ب', 48], [')', 44], ['.', 41, 3]);
    const plan = pdfiumPlan(g);
    expect(strip(pdfiumReadsSpaced(g, plan))).toBe('ف (ب).');
  });

  it('gives strictly increasing keys in PDFium reading order, a step apart at least', () => {
    const g = line(['ت', 80], [' ', 76], ['A', 40], ['B', 45], [' ', 50], ['C', 54], ['D', 59], [' ', 36], ['ع', 30]);
    const plan = pdfiumPlan(g);
    const sorted = [...plan.keys].sort((a, b) => a - b);
    for (let i = 1; i < sorted.length; i++) expect(sorted[i] - sorted[i - 1]).toBeGreaterThanOrEqual(KEY_STEP - 1e-9);
  });
});
