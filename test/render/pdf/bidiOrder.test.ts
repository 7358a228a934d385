/**
 * Bidi in the PDF: glyphs are drawn in logical order, but their x positions
 * must give the visual order of UAX #9 inside right-to-left lines.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { readDrawnGlyphs, type DrawnGlyph } from '../../support/pdfReadback.js';
import { drawnLines, shapeLikeWarraq } from '../../support/conformance.js';
import { MIXED_SAMPLE, projectFont, projectFontBytes, renderParagraphs } from '../../support/textFixtures.js';

const AMIRI = 'Amiri-Regular.ttf';

/** Visible glyphs of all pages, in drawing order. */
async function drawn(text: string, align: 'justify' | 'start' = 'justify'): Promise<DrawnGlyph[]> {
  const r = await renderParagraphs([text], { align, justify: 'kashida' });
  return (await readDrawnGlyphs(r.pdf)).flatMap((p) => p.glyphs).filter((g) => !g.invisible);
}

const isKashida = (g: DrawnGlyph) => g.unicode === '\u0640' && Math.abs(g.scaleX - 1) > 1e-3;

/** The consecutive drawn glyphs (drawing order, justification kashidas left out) whose texts spell `s`. */
function find(all: DrawnGlyph[], s: string): DrawnGlyph[] {
  const glyphs = all.filter((g) => !isKashida(g));
  for (let i = 0; i < glyphs.length; i++) {
    let text = '';
    let j = i;
    while (j < glyphs.length && text.length < s.length) text += glyphs[j++].unicode;
    if (text === s) return glyphs.slice(i, j);
  }
  throw new Error(`«${s}» is not drawn`);
}

const leftToRight = (gs: DrawnGlyph[]) => gs.every((g, i) => i === 0 || g.x > gs[i - 1].x);
const sameLine = (a: DrawnGlyph, b: DrawnGlyph) => Math.abs(a.y - b.y) < 0.5 * a.size;

describe('bidi order in the mixed sample', () => {
  let glyphs: DrawnGlyph[];
  beforeAll(async () => {
    glyphs = await drawn(MIXED_SAMPLE);
  });

  it('«2024», «٢٠٢٤», «30», «٣٠», «EU» and «NATO» run left to right inside the right-to-left line', () => {
    for (const s of ['2024', '٢٠٢٤', '30', '٣٠', 'EU', 'NATO']) {
      const gs = find(glyphs, s);
      expect(leftToRight(gs), s).toBe(true);
      expect(gs.every((g) => sameLine(g, gs[0])), s).toBe(true);
    }
  });

  it('the Arabic words around them run right to left', () => {
    for (const s of ['بنسبة', 'عام', 'اقتباس', 'مرجع']) {
      const gs = find(glyphs, s).filter((g) => g.advance > 0);
      expect(gs.every((g, i) => i === 0 || g.x < gs[i - 1].x), s).toBe(true);
    }
  });

  it('percent signs follow UAX #9: after Arabic letters «30%» is an Arabic number, so % sits on its left', () => {
    // W2 turns the European digits of «بنسبة 30%» into an Arabic number (the
    // last strong character before them is Arabic); W5 then no longer joins
    // the % to them, and N1 makes it right-to-left: visually «%30». Browsers
    // and word processors show the same.
    const [three] = find(glyphs, '30');
    const [percent] = find(glyphs, '%');
    expect(sameLine(percent, three)).toBe(true);
    expect(percent.x + percent.advance).toBeCloseTo(three.x, 1);
    // Likewise the Arabic percent sign after Arabic-Indic digits (AN, ET → R).
    const [arabicThree] = find(glyphs, '٣٠');
    const [arabicPercent] = find(glyphs, '٪');
    expect(arabicPercent.x + arabicPercent.advance).toBeCloseTo(arabicThree.x, 1);
  });

  it('after a Latin word «30%» is a European number and the % joins it on the right', async () => {
    const gs = await drawn('حصة NATO 30% فقط', 'start');
    const number = find(gs, '30%');
    expect(leftToRight(number)).toBe(true);
  });

  it('brackets and guillemets are mirrored: the glyph drawn is HarfBuzz\'s mirrored one, the text is the source character', () => {
    const bytes = projectFontBytes(AMIRI);
    const font = projectFont(AMIRI);
    const pairs: Array<[string, string]> = [['(', ')'], [')', '('], ['[', ']'], [']', '['], ['«', '»'], ['»', '«']];
    for (const [c, mirror] of pairs) {
      const rtlGid = shapeLikeWarraq(bytes, c, 0, 1, true, 'ar')[0].gid;
      expect(rtlGid, c).toBe(font.hb.nominalGlyph(mirror.codePointAt(0)!));
      const uses = glyphs.filter((g) => g.unicode === c);
      expect(uses.length, c).toBeGreaterThan(0);
      for (const g of uses) expect(g.originalGids, c).toContain(rtlGid);
    }
  });

  it('the full stop after «2024» is drawn just left of it', () => {
    const digits = find(glyphs, '2024');
    const [stop] = find(glyphs, '.');
    expect(sameLine(stop, digits[0])).toBe(true);
    expect(stop.x + stop.advance).toBeCloseTo(digits[0].x, 1);
  });

  it('a sentence-final full stop that ends the paragraph is the leftmost glyph of the last line', async () => {
    for (const text of [MIXED_SAMPLE.slice(0, MIXED_SAMPLE.indexOf('.') + 1), 'في عام ٢٠٢٤.', 'تنظيم الاحتفال بيوم النصر 2024 كيوم الانتصار على الفاشية عام 1945.']) {
      const r = await renderParagraphs([text], { align: 'justify', justify: 'kashida' });
      const pages = await readDrawnGlyphs(r.pdf);
      const lines = drawnLines(pages[pages.length - 1]);
      const last = lines[lines.length - 1].glyphs.filter((g) => !g.invisible && g.unicode !== ' ');
      const stop = last[last.length - 1];
      expect(stop.unicode, text).toBe('.');
      expect(Math.min(...last.map((g) => g.x)), text).toBe(stop.x);
    }
  });
});

/**
 * An address in body text reads as if isolated (LRI … PDI; src/text/bidi.ts
 * `isolatedLevels`): its neutral ends stay with it and the punctuation around
 * it stays outside, read back from the glyphs drawn (test/fixtures/docs/addresses-ar).
 */
describe('addresses in an Arabic sentence', () => {
  const url = (gs: DrawnGlyph[], s: string) => {
    const run = find(gs, s);
    expect(leftToRight(run), s).toBe(true);
    expect(run.every((g) => sameLine(g, run[0])), s).toBe(true);
    return { left: run[0].x, right: run[run.length - 1].x + run[run.length - 1].advance, run };
  };

  it('a URL ending in «/» before «،»: the slash at the URL\'s right end, the comma left of it', async () => {
    const gs = await drawn('زوروا الموقع https://example.org/path/، ثم اقرؤوا صفحة الأسئلة.', 'start');
    const u = url(gs, 'https://example.org/path/');
    const [comma] = find(gs, '،');
    expect(comma.x + comma.advance).toBeLessThanOrEqual(u.left + 0.01);
    const [mawqi] = find(gs, 'الموقع');
    expect(mawqi.x).toBeGreaterThan(u.right);
  });

  it('a bracketed URL ending in «)»: the URL whole inside, the brackets around it', async () => {
    const gs = await drawn('للمصطلح شرح (انظر https://en.wikipedia.org/wiki/Bidi_(text)) في الموسوعة.', 'start');
    const u = url(gs, 'https://en.wikipedia.org/wiki/Bidi_(text)');
    const [open] = find(gs, '(انظر');
    const close = find(gs, ')في')[0];
    expect(open.x).toBeGreaterThan(u.right);
    expect(close.x + close.advance).toBeLessThanOrEqual(u.left + 0.01);
  });

  it('a URL that starts the paragraph stands at its right edge, its «/» last', async () => {
    const gs = await drawn('https://example.org/docs/ هو العنوان.', 'start');
    const u = url(gs, 'https://example.org/docs/');
    expect(Math.max(...gs.map((g) => g.x + g.advance))).toBeCloseTo(u.right, 1);
  });

  it('an e-mail address before «.» and a file name before «؟» keep their punctuation outside', async () => {
    const gs = await drawn('أرسلوا إلى info@example.org. هل قرأتم report-2024.pdf؟ نعم', 'start');
    for (const [s, p] of [['info@example.org', '.'], ['report-2024.pdf', '؟']]) {
      const u = url(gs, s);
      const mark = find(gs, s + p)[s.length];
      expect(mark.x + mark.advance, s).toBeLessThanOrEqual(u.left + 0.01);
    }
  });
});

/**
 * The painter's RLM for poppler after a line that ends in a hyphen inside a
 * left-to-right run (an address broken after «chapter-03-», glyphPainter.ts
 * `endsInHyphen`): a right-to-left line whose rightmost glyph is a dialogue
 * dash at its logical start gets none.
 */
describe('a right-to-left line starting with a dash', () => {
  it('«- نعم» gets no RLM for poppler (the dash is the line\'s logical start, not a hyphen ending it)', async () => {
    const r = await renderParagraphs(['- نعم، قال ذلك بوضوح.'], { align: 'start', justify: 'kashida' });
    const glyphs = (await readDrawnGlyphs(r.pdf)).flatMap((p) => p.glyphs);
    const dash = find(glyphs.filter((g) => !g.invisible), '-')[0];
    // (The dash is the rightmost glyph drawn.)
    expect(Math.max(...glyphs.filter((g) => !g.invisible).map((g) => g.x + g.advance))).toBeCloseTo(dash.x + dash.advance, 2);
    expect(glyphs.filter((g) => g.invisible && g.unicode.includes('\u200F') && !/\s/u.test(g.unicode))).toEqual([]);
  });
});
