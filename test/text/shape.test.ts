/**
 * Shaped runs remembered (src/text/shape.ts) are HarfBuzz's shaping of the
 * run in its own paragraph: a run found again after another context (the
 * same word after another space, mark or letter, in another paragraph or
 * document, as a thread finds it in a build) gives what HarfBuzz gives with
 * the run's whole context, on every run of the real documents.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { asciiToken, itemize, runScript, type ShapedRun, type StyledSpan } from '../../src/text/itemize.js';
import { isVerbatimToken } from '../../src/text/addresses.js';
import { forgetShapedRuns, shapedRunsFound, shapeRun } from '../../src/text/shape.js';
import { loadFont } from '../../src/text/fonts.js';
import { MIXED_SAMPLE, projectFont, projectFontBytes } from '../support/textFixtures.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const DOCS = ['source/izmir-2023.txt', ...['udhr-ar', 'udhr-fa', 'udhr-en', 'mixed-7', 'addresses-ar', 'long-30'].map((d) => `test/fixtures/docs/${d}/${d}.txt`)];

/** A document's source lines as paragraphs (headings, points and imprint alike). */
const paragraphsOf = (file: string) =>
  readFileSync(`${root}${file}`, 'utf8')
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);

const isRtl = (text: string) => /[\u0600-\u06ff]/.test(text);

describe('shaped runs remembered', () => {
  it('equal HarfBuzz given the whole context, for every run of the real documents, shaped with the runs the others left', () => {
    const fonts = [projectFont('Amiri-Regular.ttf'), projectFont('NotoNaskhArabic-Regular.ttf')];
    const texts = [MIXED_SAMPLE, 'وَ ُمن مِ\u200dن (ن) «مِن» \u064eمن', ...DOCS.flatMap(paragraphsOf)];
    // Every paragraph itemized with the cache kept warm, as a thread does.
    forgetShapedRuns();
    const shaped: Array<[string, ShapedRun[]]> = texts.map((text, k) => {
      const rtl = isRtl(text);
      // Every other paragraph in Noto first (both fonts and both chains), and in spans of two styles that cut words (runs that join across their edges).
      const chain = k % 2 ? [...fonts].reverse() : fonts;
      const styles = [{ fonts: chain, size: 11 }, { fonts: chain, size: 11, color: '#aa0000' }];
      const spans: StyledSpan[] = [];
      for (let at = 0, n = 0; at < text.length; n++) {
        let to = Math.min(text.length, at + 3 + (n % 5));
        if (/[\udc00-\udfff]/.test(text[to] ?? '')) to++;
        spans.push({ text: text.slice(at, to), style: styles[n % 2] });
        at = to;
      }
      return [text, itemize(spans, rtl ? 'rtl' : 'ltr', rtl ? 'ar' : 'en').words.flatMap((w) => w.runs)];
    });
    const found = shapedRunsFound();
    // Then each run against HarfBuzz afresh, given the whole paragraph.
    let runs = 0;
    for (const [text, got] of shaped) {
      const rtl = isRtl(text);
      for (const r of got) {
        forgetShapedRuns();
        const fresh = shapeRun({ font: r.font, size: 11, text, start: r.start, end: r.end, rtl: (r.level & 1) === 1, lang: rtl ? 'ar' : 'en', script: runScript(text, r.start, r.end, (r.level & 1) === 1), noLigatures: isVerbatimToken(asciiToken(text, r.start, r.end)) });
        expect(r.glyphs, `${text.slice(r.start, r.end)} in «${text.slice(0, 40)}…»`).toEqual(fresh);
        runs++;
      }
    }
    forgetShapedRuns();
    // Most runs were found remembered, not shaped.
    expect(runs).toBeGreaterThan(5000);
    expect(found).toBeGreaterThan(runs / 3);
  });

  it('look through every character HarfBuzz joins across, and only as far', () => {
    const font = projectFont('Amiri-Regular.ttf');
    // A mark, ADLAM NASALIZATION MARK (Lm, joining type T), unassigned default ignorables (HarfBuzz looks through them), a spacing mark (it does not).
    for (const through of ['\u064e', '\u{1E94B}', '\u2065', '\u{E0000}', '\u0903']) {
      forgetShapedRuns();
      const texts = ['ب', ' ', 'ا'].map((before) => `${before}${through}ب`);
      const warm = texts.map((text) => shapeRun({ font, size: 11, text, start: text.length - 1, end: text.length, rtl: true, lang: 'ar' }));
      for (const [i, text] of texts.entries()) {
        forgetShapedRuns();
        expect(warm[i], `ب after «${text}»`).toEqual(shapeRun({ font, size: 11, text, start: text.length - 1, end: text.length, rtl: true, lang: 'ar' }));
      }
    }
    forgetShapedRuns();
  });

  it('name a font by its bytes: two fonts at one path are two fonts', () => {
    const text = 'في الأمر';
    const [amiri, noto] = ['Amiri-Regular.ttf', 'NotoNaskhArabic-Regular.ttf'].map((f) => loadFont(projectFontBytes(f), 'fonts/body.ttf'));
    forgetShapedRuns();
    const warm = [amiri, noto].map((font) => shapeRun({ font, size: 11, text, start: 0, end: text.length, rtl: true, lang: 'ar' }));
    forgetShapedRuns();
    expect(warm[1]).toEqual(shapeRun({ font: noto, size: 11, text, start: 0, end: text.length, rtl: true, lang: 'ar' }));
    expect(warm[1]).not.toEqual(warm[0]);
    forgetShapedRuns();
  });
});
