/**
 * Regression tests for the react-pdf 4.9 text defects that the glyph painter
 * replaced. Each test renders a small PDF through the real pipeline
 * (composeParagraph → renderPages) and reads back what was drawn.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import {
  embeddedFonts,
  extractText,
  normalizeForCompare,
  readDrawnGlyphs,
  type DrawnGlyph,
  type DrawnPage,
} from '../../support/pdfReadback.js';
import {
  drawnLines,
  formatMismatches,
  shapeLikeWarraq,
  shapingConformance,
  upemOf,
  type ConformanceReport,
  type DrawnLine,
  type WordResult,
} from '../../support/conformance.js';
import {
  A5,
  MIXED_SAMPLE,
  fontsByPostscriptName,
  projectFont,
  projectFontBytes,
  renderParagraphs,
  seedPoints,
  type RenderedParagraphs,
} from '../../support/textFixtures.js';

const AMIRI = 'Amiri-Regular.ttf';
const NOTO = 'NotoNaskhArabic-Regular.ttf';
const SIZE = 11.5;
const MARGIN = 40;
const fonts = fontsByPostscriptName();
const conform = (pages: DrawnPage[]) => shapingConformance(pages, { fonts, lang: 'ar', dir: 'rtl' });

/** Natural width of a word space in pt. */
function spaceWidth(file: string, size: number): number {
  const bytes = projectFontBytes(file);
  return (shapeLikeWarraq(bytes, ' ', 0, 1, false)[0].xAdvance * size) / upemOf(bytes);
}

/** The drawn line whose baseline is at `baseline` (pt from the top) on `page`. */
function lineAt(pages: DrawnPage[], page: number, baseline: number): DrawnLine {
  const y = A5.height - baseline;
  const line = drawnLines(pages[page]).find((l) => l.glyphs.some((g) => Math.abs(g.y - y) < 0.01));
  if (!line) throw new Error(`no drawn line at baseline ${baseline} on page ${page + 1}`);
  return line;
}

/** Conformance results of a line's words, in drawing order. */
function wordsOf(report: ConformanceReport, line: DrawnLine): WordResult[] {
  const byFirst = new Map<DrawnGlyph, WordResult>(report.results.map((r) => [r.glyphs[0], r]));
  return line.words.map((w) => byFirst.get(w.glyphs[0])!);
}

/** Gaps (pt) between words that a space glyph separates, in drawing order. */
function spaceGaps(report: ConformanceReport, line: DrawnLine): number[] {
  const byGlyph = new Map<DrawnGlyph, WordResult>();
  for (const w of wordsOf(report, line)) for (const g of w.glyphs) byGlyph.set(g, w);
  const gaps: number[] = [];
  let previous: WordResult | undefined;
  let spaced = false;
  for (const g of line.glyphs) {
    if (g.invisible) continue;
    if (g.unicode === ' ') {
      spaced = true;
      continue;
    }
    const w = byGlyph.get(g)!;
    if (w !== previous) {
      // Right-to-left line: the earlier word is on the right.
      if (previous && spaced) gaps.push(previous.left! - w.right!);
      previous = w;
      spaced = false;
    }
  }
  return gaps;
}

const isHaraka = (s: string) => /^[\u064B-\u0652]$/u.test(s);

describe('glyph painter (react-pdf 4.9 defects stay fixed)', () => {
  it('1. RTL cursive attachment: «جهود مجلس» is two words with a real gap, each placed as HarfBuzz places it', async () => {
    // react-pdf laid the run out as left-to-right: the initial meem got advance 0
    // and the two words ran into each other.
    const r = await renderParagraphs(['جهود مجلس'], { align: 'start' });
    const report = conform(await readDrawnGlyphs(r.pdf));
    expect(report.results.map((w) => w.text)).toEqual(['جهود', 'مجلس']);
    expect(formatMismatches(report)).toBe('');
    const [first, second] = report.results;
    expect(first.left! - second.right!).toBeCloseTo(spaceWidth(AMIRI, SIZE), 2);
    // Start alignment in a right-to-left paragraph: flush right.
    expect(first.right!).toBeCloseTo(MARGIN + r.options.measure, 2);
    // The meem carries its own advance: the jeem sits left of it by HarfBuzz's amount.
    const meem = second.glyphs.find((g) => g.unicode === 'م')!;
    const jeem = second.glyphs.find((g) => g.unicode === 'ج')!;
    const hb = shapeLikeWarraq(projectFontBytes(AMIRI), 'مجلس', 0, 4, true, 'ar');
    const hbMeem = hb.find((g) => g.cluster === 0)!;
    expect(hbMeem.xAdvance).toBeGreaterThan(100);
    expect(meem.x - jeem.x).toBeCloseTo(((hb.find((g) => g.cluster === 1)!.xAdvance) * SIZE) / 1000, 2);
  });

  describe('2. mark offsets: the harakat of «وَفْقًا» sit where HarfBuzz puts them', () => {
    // react-pdf dropped GPOS mark offsets (every mark drawn at its pen position).
    for (const [file, axis] of [[AMIRI, 'x'], [NOTO, 'y']] as const) {
      it(`${file}: offsets equal HarfBuzz's and are not zero (${axis})`, async () => {
        const r = await renderParagraphs([MIXED_SAMPLE], { align: 'start', fonts: [projectFont(file)] });
        const pages = await readDrawnGlyphs(r.pdf);
        const word = drawnLines(pages[0]).flatMap((l) => l.words).find((w) => w.text === 'وَفْقًا');
        expect(word, 'the word is drawn').toBeDefined();
        const bytes = projectFontBytes(file);
        const scale = SIZE / upemOf(bytes);
        // HarfBuzz's glyph origins for the word (visual frame, pt), by cluster.
        const hb = shapeLikeWarraq(bytes, word!.text, 0, word!.text.length, true, 'ar');
        let pen = 0;
        const origin = new Map<number, { x: number; y: number }>();
        for (const g of hb) {
          // A decomposed letter's inked base is the glyph with an advance.
          if (!origin.has(g.cluster) || g.xAdvance > 0) origin.set(g.cluster, { x: (pen + g.xOffset) * scale, y: g.yOffset * scale });
          pen += g.xAdvance;
        }
        let at = 0;
        let base: { glyph: DrawnGlyph; cluster: number } | undefined;
        let marks = 0;
        let offsetSeen = 0;
        for (const g of word!.glyphs) {
          const cluster = at;
          at += g.unicode.length;
          if (!g.unicode) continue;
          if (!isHaraka(g.unicode)) {
            base = { glyph: g, cluster };
            continue;
          }
          marks++;
          const hbMark = hb.find((h) => h.cluster === cluster)!;
          const expected = { x: origin.get(cluster)!.x - origin.get(base!.cluster)!.x, y: origin.get(cluster)!.y - origin.get(base!.cluster)!.y };
          const tol = 0.015 * SIZE;
          expect(Math.abs(g.x - base!.glyph.x - expected.x), `x of ${g.unicode}`).toBeLessThan(tol);
          expect(Math.abs(g.y - base!.glyph.y - expected.y), `y of ${g.unicode}`).toBeLessThan(tol);
          // GPOS moves every haraka of this word, so dropping the offsets would show.
          expect(Math.hypot(hbMark.xOffset, hbMark.yOffset) * scale, `offset of ${g.unicode}`).toBeGreaterThan(0.02 * SIZE);
          if (Math.abs(axis === 'x' ? hbMark.xOffset : hbMark.yOffset) * scale > 0.05 * SIZE) offsetSeen++;
        }
        expect(marks).toBe(3); // fatha, sukun, fathatan
        // Amiri moves these harakat sideways only (its y offsets are 0); Noto Naskh also vertically.
        expect(offsetSeen).toBeGreaterThan(0);
      });
    }
  });

  describe('3–4. justification', () => {
    let kashida: RenderedParagraphs;
    let spaces: RenderedParagraphs;
    let kashidaPages: DrawnPage[];
    let spacesPages: DrawnPage[];
    beforeAll(async () => {
      kashida = await renderParagraphs(seedPoints(), { justify: 'kashida' });
      spaces = await renderParagraphs(seedPoints(), { justify: 'spaces' });
      kashidaPages = await readDrawnGlyphs(kashida.pdf);
      spacesPages = await readDrawnGlyphs(spaces.pdf);
    });

    it('3. never adds letter-spacing: inside every word, advances are HarfBuzz\'s except at tatweels', () => {
      // react-pdf justified Arabic by spacing the letters apart.
      for (const [name, pages] of [['kashida', kashidaPages], ['spaces', spacesPages]] as const) {
        const report = conform(pages);
        expect(report.words).toBeGreaterThan(500);
        expect(formatMismatches(report), name).toBe('');
      }
      const stretched = (pages: DrawnPage[]) => pages.flatMap((p) => p.glyphs).filter((g) => Math.abs(g.scaleX - 1) > 1e-3);
      expect(stretched(spacesPages)).toEqual([]);
      const kashidas = stretched(kashidaPages);
      expect(kashidas.length).toBeGreaterThan(10);
      expect(kashidas.every((g) => g.unicode === '\u0640')).toBe(true);
    });

    it('3b. justified lines reach both edges of the measure', () => {
      for (const [r, pages] of [[kashida, kashidaPages], [spaces, spacesPages]] as const) {
        const report = conform(pages);
        r.placements.forEach((placed) =>
          placed.slice(0, -1).forEach((p) => {
            const words = wordsOf(report, lineAt(pages, p.page, p.baseline));
            expect(Math.max(...words.map((w) => w.right!))).toBeCloseTo(MARGIN + r.options.measure, 1);
            expect(Math.min(...words.map((w) => w.left!))).toBeCloseTo(MARGIN, 1);
          }),
        );
      }
    });

    it('4. the last line of a justified RTL paragraph is flush right and not stretched', () => {
      // react-pdf stretched the last line too, or set it flush left.
      const report = conform(kashidaPages);
      const natural = spaceWidth(AMIRI, SIZE);
      kashida.placements.forEach((placed, i) => {
        const last = placed[placed.length - 1];
        const line = lineAt(kashidaPages, last.page, last.baseline);
        const words = wordsOf(report, line);
        const right = Math.max(...words.map((w) => w.right!));
        const left = Math.min(...words.map((w) => w.left!));
        expect(right, `point ${i + 1}`).toBeCloseTo(MARGIN + kashida.options.measure, 2);
        expect(left, `point ${i + 1} is not stretched to the left edge`).toBeGreaterThan(MARGIN + 5);
        for (const gap of spaceGaps(report, line)) expect(gap, `point ${i + 1}`).toBeCloseTo(natural, 2);
        expect(line.glyphs.filter((g) => Math.abs(g.scaleX - 1) > 1e-3), `point ${i + 1}: no kashida`).toEqual([]);
        // The paragraph's final full stop ends the line: in a right-to-left line it is the leftmost glyph.
        const visible = line.glyphs.filter((g) => !g.invisible && g.unicode !== ' ');
        const stop = visible[visible.length - 1];
        expect(stop.unicode).toBe('.');
        expect(Math.min(...visible.map((g) => g.x)), `point ${i + 1}`).toBe(stop.x);
      });
    });
  });

  describe('5. ToUnicode is per use, not first-wins (#3533)', () => {
    /** Different characters that shape to the same glyph id, searched in isolated, initial, medial and final position. */
    function sharedGlyphs(file: string): Map<number, Map<string, string>> {
      const bytes = projectFontBytes(file);
      const font = projectFont(file);
      const contexts: Array<[string, (c: string) => [string, number]]> = [
        ['isolated', (c) => [c, 0]],
        ['initial', (c) => [`${c}\u0628`, 0]],
        ['medial', (c) => [`\u0628${c}\u0628`, 1]],
        ['final', (c) => [`\u0628${c}`, 1]],
      ];
      const ranges: Array<[number, number]> = [[0x0621, 0x06ff], [0xfb50, 0xfdff], [0xfe70, 0xfefc]];
      const users = new Map<number, Map<string, string>>(); // gid → character → context
      for (const [from, to] of ranges) {
        for (let cp = from; cp <= to; cp++) {
          if (!font.covers(cp)) continue;
          const c = String.fromCodePoint(cp);
          for (const [name, make] of contexts) {
            const [text, at] = make(c);
            // The letter's inked glyph (Noto Naskh draws dots as separate glyphs).
            const glyph = shapeLikeWarraq(bytes, text, 0, text.length, true, 'ar').find((g) => g.cluster === at && g.xAdvance > 0);
            if (!glyph) continue;
            const m = users.get(glyph.gid) ?? new Map<string, string>();
            if (!m.has(c)) m.set(c, name);
            users.set(glyph.gid, m);
          }
        }
      }
      return new Map([...users].filter(([, m]) => m.size > 1));
    }

    it('Amiri: characters sharing a glyph keep their own text in the PDF and in extraction', async () => {
      // In Amiri only an Arabic letter and its isolated presentation form share
      // a glyph (no two letters do in any joining position), so those are the pairs.
      const shared = sharedGlyphs(AMIRI);
      const picks = [...shared].filter(([, m]) => [...m.values()].every((ctx) => ctx === 'isolated')).slice(0, 4);
      expect(picks.length).toBe(4);
      const text = picks.flatMap(([, m]) => [...m.keys()]).join(' ');
      const r = await renderParagraphs([text], { align: 'start' });
      const pages = await readDrawnGlyphs(r.pdf);
      for (const [gid, m] of picks) {
        const uses = pages[0].glyphs.filter((g) => g.originalGids.includes(gid));
        expect(uses.map((g) => g.unicode).sort()).toEqual([...m.keys()].sort());
      }
      // mupdf folds presentation forms into letters unless asked to keep "ligatures".
      const viaMupdf = await extractText(r.pdf, 'mupdf', { mupdfOptions: 'preserve-whitespace,preserve-ligatures' });
      expect(normalizeForCompare(viaMupdf)).toBe(normalizeForCompare(text));
      expect(normalizeForCompare(await extractText(r.pdf, 'pdfjs'))).toBe(normalizeForCompare(text));
    });

    it('Noto Naskh Arabic: one dotless base glyph stands for several letters, each use with its own ToUnicode', async () => {
      const shared = sharedGlyphs(NOTO);
      // e.g. the dotless beh body drawn for ب ت ث ن ي in initial position
      const [gid, users] = [...shared].sort((a, b) => b[1].size - a[1].size)[0];
      expect(users.size).toBeGreaterThan(2);
      const words = [...users].map(([c, ctx]) => (ctx === 'initial' ? `${c}\u0628` : ctx === 'medial' ? `\u0628${c}\u0628` : ctx === 'final' ? `\u0628${c}` : c));
      const r = await renderParagraphs([words.join(' ')], { align: 'start', fonts: [projectFont(NOTO)] });
      const pages = await readDrawnGlyphs(r.pdf);
      const uses = pages[0].glyphs.filter((g) => g.originalGids.includes(gid));
      expect(new Set(uses.map((g) => g.unicode))).toEqual(new Set(users.keys()));
    });
  });

  it('6. every font in the PDF is an embedded subset (no standard 14 font)', async () => {
    const r = await renderParagraphs([MIXED_SAMPLE, seedPoints()[0]], { fonts: [projectFont(AMIRI)] });
    const list = embeddedFonts(r.pdf);
    expect(list.length).toBeGreaterThan(0);
    for (const f of list) {
      expect(f.baseFont, 'subset tag').toMatch(/^[A-Z]{6}\+/);
      expect(f.fontFileKey, `${f.baseFont} embeds its program`).toBe('FontFile2');
      expect(f.program!.length).toBeGreaterThan(100);
    }
    expect(new Set(list.map((f) => f.baseFont.slice(7)))).toEqual(new Set(['Amiri-Regular']));
  });
});
