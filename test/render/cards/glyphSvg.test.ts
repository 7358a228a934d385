/**
 * The card text is drawn as HarfBuzz's glyphs where HarfBuzz puts them: the
 * same glyph ids in the same visual order, the same x positions, marks at
 * HarfBuzz's y offsets above the baseline (y up in HarfBuzz, so a smaller
 * SVG y), and brackets mirrored in right-to-left runs.
 *
 * The reference is built here independently of the composer: bidi-js levels,
 * one HarfBuzz buffer per level run, runs reordered by UAX #9 L2.
 */
import { describe, expect, it } from 'vitest';
import bidiFactory from 'bidi-js';
import * as hb from 'harfbuzzjs';
import { composeParagraph } from '../../../src/text/compose.js';
import { glyphPath, linePaths, num, pathsToMarkup } from '../../../src/render/cards/glyphSvg.js';
import { lineInk } from '../../../src/layout/ink.js';
import { amiri } from '../../support/fonts.js';

const SAMPLE = 'جهود مجلس وَفْقًا لِقَرارات (EU) بنسبة 30%';
const SIZE = 40;
const BASELINE = 100;
const X0 = 20;

interface RefGlyph {
  gid: number;
  cluster: number;
  x: number;
  y: number;
}

/** HarfBuzz directly: level runs shaped whole, placed left to right in visual order. */
function reference(text: string): RefGlyph[] {
  const font = amiri();
  const { levels } = bidiFactory().getEmbeddingLevels(text, 'rtl');
  const runs: Array<{ start: number; end: number; level: number }> = [];
  for (let i = 0; i < text.length; i++) {
    const last = runs[runs.length - 1];
    if (last && last.level === levels[i]) last.end = i + 1;
    else runs.push({ start: i, end: i + 1, level: levels[i] });
  }
  // UAX #9 L2 for levels 1..2 (paragraph level 1).
  const max = Math.max(...runs.map((r) => r.level));
  let visual = [...runs];
  for (let level = max; level >= 1; level--) {
    const out: typeof runs = [];
    for (let i = 0; i < visual.length; ) {
      if (visual[i].level < level) {
        out.push(visual[i++]);
        continue;
      }
      let j = i;
      while (j < visual.length && visual[j].level >= level) j++;
      out.push(...visual.slice(i, j).reverse());
      i = j;
    }
    visual = out;
  }
  const k = SIZE / font.upem;
  const glyphs: RefGlyph[] = [];
  let x = 0;
  for (const run of visual) {
    const buf = new hb.Buffer();
    buf.addText(text, run.start, run.end - run.start);
    buf.setDirection(run.level % 2 ? hb.Direction.RTL : hb.Direction.LTR);
    buf.setLanguage('ar');
    buf.guessSegmentProperties();
    buf.setClusterLevel(hb.ClusterLevel.MONOTONE_CHARACTERS);
    hb.shape(font.hb, buf);
    for (const g of buf.getGlyphInfosAndPositions()) {
      glyphs.push({ gid: g.codepoint, cluster: g.cluster, x: x + (g.xOffset ?? 0) * k, y: (g.yOffset ?? 0) * k });
      x += (g.xAdvance ?? 0) * k;
    }
  }
  return glyphs;
}

/** `text` set ragged on one wide right-to-left line. */
function oneLine(text: string, font: ReturnType<typeof amiri>) {
  return composeParagraph([{ text, style: { fonts: [font], size: SIZE } }], {
    dir: 'rtl',
    lang: 'ar',
    measure: 2000,
    align: 'start',
    justify: 'off',
    space: { stretch: 0.5, shrink: 0.2 },
  });
}

function composed() {
  const font = amiri();
  const para = oneLine(SAMPLE, font);
  expect(para.lines).toHaveLength(1);
  const line = para.lines[0];
  // The line is start-aligned (right) in a wide measure: make x relative to its left ink edge.
  const left = Math.min(...line.glyphs.map((g) => g.x));
  return { line, left };
}

describe('glyph outlines for cards', () => {
  it('draws HarfBuzz glyph ids in HarfBuzz visual order at HarfBuzz positions', () => {
    const font = amiri();
    const space = font.hb.nominalGlyph(0x20);
    const ref = reference(SAMPLE).filter((g) => g.gid !== space);
    const { line, left } = composed();
    const paths = linePaths(line, { x: X0 - left, baseline: BASELINE, color: '#000' });
    const drawn = [...paths].sort((a, b) => a.x - b.x || a.y - b.y);
    const refSorted = [...ref].sort((a, b) => a.x - b.x || b.y - a.y);
    expect(drawn.map((p) => p.gid)).toEqual(refSorted.map((g) => g.gid));
    const refLeft = Math.min(...ref.map((g) => g.x));
    drawn.forEach((p, i) => {
      expect(p.x - X0).toBeCloseTo(refSorted[i].x - refLeft, 3);
      expect(p.y).toBeCloseTo(BASELINE - refSorted[i].y, 3);
    });
  });

  it('sets fatha, sukun and tanween above the baseline where HarfBuzz says (y up → smaller SVG y)', () => {
    const { line, left } = composed();
    const at = { x: X0 - left, baseline: BASELINE, color: '#000' };
    const paths = linePaths(line, at);
    const drawnGlyphs = line.glyphs.filter((g) => !g.space);
    expect(paths).toHaveLength(drawnGlyphs.length);
    const marks = new Map([['\u064e', 'fatha'], ['\u0652', 'sukun'], ['\u064b', 'tanween']]);
    const seen = new Set<string>();
    drawnGlyphs.forEach((g, i) => {
      const name = marks.get(g.text);
      if (!name) return;
      seen.add(name);
      const p = paths[i];
      // HarfBuzz puts these marks up: a positive y offset (or a zero offset with the ink above the baseline).
      expect(g.y).toBeGreaterThanOrEqual(0);
      expect(p.y).toBeCloseTo(BASELINE - g.y, 6);
      expect(p.transform).toBe(`translate(${num(p.x)} ${num(BASELINE - g.y)}) scale(${num(SIZE / 1000)} ${num(-SIZE / 1000)})`);
      // The ink is wholly above the baseline.
      expect(p.ink!.bottom).toBeLessThan(BASELINE);
    });
    expect([...seen].sort()).toEqual(['fatha', 'sukun', 'tanween']);
    // And the marks that HarfBuzz raised are raised by exactly its offset.
    const ref = reference(SAMPLE);
    const refMarks = ref.filter((g) => marks.has(SAMPLE[g.cluster]));
    expect(refMarks.length).toBeGreaterThanOrEqual(4);
    for (const rm of refMarks) {
      const i = drawnGlyphs.findIndex((g) => g.offset === rm.cluster);
      expect(drawnGlyphs[i].y).toBeCloseTo(rm.y, 6);
      expect(paths[i].ink!.bottom).toBeLessThan(BASELINE);
    }
  });

  it('keeps the sign of HarfBuzz y offsets: a fatha on a shadda goes up, a kasra under a lam goes down', () => {
    // In the sample above Amiri draws the marks at their height with a zero
    // offset; here HarfBuzz moves them, so a renderer that adds +y in a y-down
    // frame (satori's mistake) would put them on the wrong side.
    const font = amiri();
    const text = 'خُطَّةُ العملِ';
    const para = oneLine(text, font);
    const line = para.lines[0];
    const glyphs = line.glyphs.filter((g) => !g.space);
    const paths = linePaths(line, { x: 0, baseline: BASELINE, color: '#000' });
    const ref = reference(text);
    const k = SIZE / font.upem;
    // The shadda-fatha cluster: HarfBuzz raises one of its glyphs.
    const fathaOnShadda = glyphs.findIndex((g) => text[g.offset] === '\u064e' && g.y > 0);
    const kasra = glyphs.findIndex((g) => g.text === '\u0650');
    expect(fathaOnShadda).toBeGreaterThanOrEqual(0);
    expect(kasra).toBeGreaterThanOrEqual(0);
    const refFatha = ref.find((g) => g.cluster === glyphs[fathaOnShadda].offset && g.gid === glyphs[fathaOnShadda].gid)!;
    const refKasra = ref.find((g) => g.cluster === glyphs[kasra].offset)!;
    expect(refFatha.y).toBeGreaterThan(0);
    expect(refKasra.y).toBeLessThan(0);
    // Drawn at baseline − y: higher (smaller y) for the raised fatha, lower for the lowered kasra.
    expect(paths[fathaOnShadda].y).toBeCloseTo(BASELINE - refFatha.y, 6);
    expect(paths[fathaOnShadda].y).toBeLessThan(BASELINE);
    expect(paths[kasra].y).toBeCloseTo(BASELINE - refKasra.y, 6);
    expect(paths[kasra].y).toBeGreaterThan(BASELINE);
    expect(paths[kasra].ink!.top).toBeGreaterThan(BASELINE);
    expect(paths[fathaOnShadda].ink!.bottom).toBeLessThan(BASELINE - 0.5 * SIZE);
    expect(Math.abs(refFatha.y)).toBeCloseTo(51 * k, 6);
  });

  it('mirrors the brackets of a right-to-left run: "(" is drawn with the ")" glyph, on the right of EU', () => {
    const font = amiri();
    const { line, left } = composed();
    const paths = linePaths(line, { x: X0 - left, baseline: BASELINE, color: '#000' });
    const drawnGlyphs = line.glyphs.filter((g) => !g.space);
    const open = drawnGlyphs.findIndex((g) => g.text === '(');
    const close = drawnGlyphs.findIndex((g) => g.text === ')');
    const e = drawnGlyphs.findIndex((g) => g.text === 'E');
    const u = drawnGlyphs.findIndex((g) => g.text === 'U');
    expect(paths[open].gid).toBe(font.hb.nominalGlyph(0x29));
    expect(paths[close].gid).toBe(font.hb.nominalGlyph(0x28));
    // Reading right to left: ( E U ) → visually ")UE(" is wrong, "(EU)" as glyphs ")" … "(" mirrored is right.
    expect(paths[open].x).toBeGreaterThan(paths[u].x);
    expect(paths[u].x).toBeGreaterThan(paths[e].x);
    expect(paths[e].x).toBeGreaterThan(paths[close].x);
    // The reference agrees on the mirrored glyph of the opening bracket.
    const ref = reference(SAMPLE);
    expect(ref.find((g) => SAMPLE[g.cluster] === '(')!.gid).toBe(font.hb.nominalGlyph(0x29));
    // After Arabic letters the digits are Arabic numbers (UAX #9 W2) and the
    // percent sign takes the paragraph's direction: "30" reads left to right,
    // with "%" on its left, at the line's left (end) edge — as browsers show it.
    const d3 = paths[drawnGlyphs.findIndex((g) => g.text === '3')];
    const d0 = paths[drawnGlyphs.findIndex((g) => g.text === '0')];
    const pc = paths[drawnGlyphs.findIndex((g) => g.text === '%')];
    expect(d3.x).toBeLessThan(d0.x);
    expect(pc.x).toBeLessThan(d3.x);
    expect(Math.min(...paths.map((p) => p.x))).toBeCloseTo(pc.x, 6);
  });

  it('skips word spaces, uses HarfBuzz outlines, and serialises deterministically', () => {
    const font = amiri();
    const { line } = composed();
    const paths = linePaths(line, { x: 0, baseline: BASELINE, color: '#123456' });
    expect(paths.length).toBe(line.glyphs.filter((g) => !g.space).length);
    for (const p of paths) {
      expect(p.d).toBe(font.hb.glyphToPath(p.gid));
      expect(p.fill).toBe('#123456');
    }
    expect(glyphPath(font, paths[0].gid)).toBe(glyphPath(font, paths[0].gid));
    const a = pathsToMarkup(paths);
    const b = pathsToMarkup(linePaths(line, { x: 0, baseline: BASELINE, color: '#123456' }));
    expect(a).toBe(b);
    expect(a).not.toMatch(/-0[ )]/);
    const ink = lineInk(line, { x: 0, baseline: BASELINE })!;
    expect(ink.top).toBeLessThan(BASELINE);
    expect(ink.bottom).toBeGreaterThan(BASELINE);
  });

  it('stretches a kashida horizontally only', () => {
    const font = amiri();
    const text = 'معارضة الحروب الإمبريالية وسباق التسلح، بما في ذلك الأسلحة النووية والقواعد العسكرية الأجنبية رفض كافة ممارسات الناتو؛ وفي هذا السياق، زادت الدعاية الطبقية والتعبئة ضد توسع الناتو وعدوانه في جميع أنحاء العالم';
    const para = composeParagraph([{ text, style: { fonts: [font], size: 30 } }], {
      dir: 'rtl',
      lang: 'ar',
      measure: 640,
      align: 'justify',
      justify: 'kashida',
      space: { stretch: 0.2, shrink: 0.2 },
    });
    const withKashida = para.lines.find((l) => l.kashidas > 0);
    expect(withKashida).toBeDefined();
    const paths = linePaths(withKashida!, { x: 0, baseline: 50, color: '#000' });
    const glyphs = withKashida!.glyphs.filter((g) => !g.space);
    const i = glyphs.findIndex((g) => g.kashida);
    const k = 30 / font.upem;
    expect(paths[i].transform).toContain(`scale(${num(k * glyphs[i].scaleX)} ${num(-k)})`);
    expect(glyphs[i].scaleX).not.toBe(1);
  });

  it('a hyphenated line: the hyphen is drawn, the hidden text of the word\'s rest is not', () => {
    const font = amiri();
    const text = Array.from({ length: 6 }, () => 'internationalization responsibilities characteristically').join(' ');
    const para = composeParagraph([{ text, style: { fonts: [font], size: 30 } }], {
      dir: 'ltr', lang: 'en', measure: 420, align: 'justify', justify: 'spaces', space: { stretch: 0.3, shrink: 0.2 }, hyphenate: true,
    });
    const line = para.lines.find((l) => l.hyphenated)!;
    expect(line.glyphs.some((g) => g.hidden)).toBe(true);
    const paths = linePaths(line, { x: 0, baseline: 50, color: '#000' });
    const drawn = line.glyphs.filter((g) => !g.space && !g.hidden && glyphPath(g.font, g.gid));
    expect(paths).toHaveLength(drawn.length);
    expect(drawn[drawn.length - 1].text).toBe('');
  });
});
