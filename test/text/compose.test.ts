import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import * as hb from 'harfbuzzjs';
import { composeParagraph, LETTER_SPACE_MAX, trackingFor, type ComposeOptions, type ComposedLine } from '../../src/text/compose.js';
import { amiri, font, projectRoot } from '../support/fonts.js';

const seedPoints = readFileSync(path.join(projectRoot, 'source/izmir-2023.txt'), 'utf8')
  .split('\n')
  .filter((l) => /^[١-٩]/.test(l))
  .map((l) => l.replace(/^[١-٩]+\s*\.\s*/, ''));

const opts = (over: Partial<ComposeOptions> = {}): ComposeOptions => ({
  dir: 'rtl',
  lang: 'ar',
  measure: 300,
  align: 'justify',
  justify: 'kashida',
  space: { stretch: 0.3, shrink: 0.2 },
  ...over,
});

const set = (text: string, o: Partial<ComposeOptions> = {}, size = 11.5) =>
  composeParagraph([{ text, style: { fonts: [amiri()], size } }], opts(o));

/** Right edge of the ink-bearing glyphs of a line. */
const extent = (l: ComposedLine) => {
  const gs = l.glyphs.filter((g) => !g.space && g.advance > 0);
  return { left: Math.min(...gs.map((g) => g.x)), right: Math.max(...gs.map((g) => g.x + g.advance)) };
};

describe('composeParagraph: justification', () => {
  it('makes every non-final line exactly the measure (±0.1 pt), both edges flush', () => {
    for (const text of seedPoints) {
      const para = set(text);
      for (const l of para.lines.slice(0, -1)) {
        const widths = l.glyphs.reduce((w, g) => w + (g.advance > 0 ? g.advance : 0), 0);
        expect(Math.abs(widths - 300)).toBeLessThan(0.1);
        const e = extent(l);
        expect(e.right).toBeCloseTo(300, 0);
        expect(e.left).toBeLessThan(1);
      }
    }
  });

  it('never stretches the last line and sets it flush right in RTL', () => {
    for (const text of seedPoints) {
      const last = set(text).lines.at(-1)!;
      expect(last.kashidas).toBe(0);
      expect(last.justified).toBe(false);
      expect(extent(last).right).toBeCloseTo(300, 1);
    }
  });

  it('sets the last line of a left-to-right paragraph flush left', () => {
    const para = composeParagraph([{ text: 'The quick brown fox jumps over the lazy dog again and again and again, until the line breaks.', style: { fonts: [amiri()], size: 11 } }], opts({ dir: 'ltr', lang: 'en', justify: 'spaces' }));
    expect(para.lines.length).toBeGreaterThan(1);
    expect(extent(para.lines.at(-1)!).left).toBeLessThan(0.5);
  });

  it('puts at most one kashida in a word, never in Latin or digits, and only where HarfBuzz allows a tatweel', () => {
    const text = 'تحقيق عمل مشترك من قبل الأحزاب الشيوعية NATO والعمالية 2024 والمنظمات الفرعية لتعزيز المنظمات الدولية المناهضة للإمبريالية وخاصة الاتحاد الدولي لنقابات العمال';
    const para = set(text, { measure: 260, space: { stretch: 0.05, shrink: 0.1 } });
    let total = 0;
    for (const l of para.lines) {
      const perWord = new Map<number, number>();
      for (const g of l.glyphs.filter((g) => g.kashida)) {
        total++;
        perWord.set(g.word, (perWord.get(g.word) ?? 0) + 1);
        expect(g.text).toBe('\u0640');
        expect(g.level % 2).toBe(1); // right-to-left Arabic run
      }
      for (const n of perWord.values()) expect(n).toBe(1);
    }
    expect(total).toBeGreaterThan(0);
    // Every kashida sits where HarfBuzz flags SAFE_TO_INSERT_TATWEEL for the unstretched word.
    const font = amiri();
    for (const l of para.lines) {
      for (const g of l.glyphs.filter((g) => g.kashida)) {
        const wordGlyphs = l.glyphs.filter((x) => x.word === g.word && !x.kashida);
        const start = Math.min(...wordGlyphs.map((x) => x.offset));
        const end = Math.max(...wordGlyphs.map((x) => x.offset + x.text.length));
        const buf = new hb.Buffer();
        buf.addText(para.text.slice(start, end));
        buf.setDirection(hb.Direction.RTL);
        buf.guessSegmentProperties();
        buf.setClusterLevel(hb.ClusterLevel.MONOTONE_CHARACTERS);
        buf.setFlags(hb.BufferFlag.PRODUCE_SAFE_TO_INSERT_TATWEEL);
        hb.shape(font.hb, buf);
        const safe = buf.getGlyphInfos().filter((i) => i.flags & hb.GlyphFlag.SAFE_TO_INSERT_TATWEEL).map((i) => i.cluster + start);
        expect(safe).toContain(g.offset);
      }
    }
  });

  it('prefers seen/sad joins over others (alreq priority)', () => {
    // «مسلسل» offers a join after seen; «كتاب» only lower-priority joins.
    const para = set('كتاب مسلسل كتاب كتاب كتاب كتاب كتاب كتاب كتاب كتاب كتاب كتاب', { measure: 200, space: { stretch: 0, shrink: 0 } });
    const first = para.lines[0];
    const k = first.glyphs.filter((g) => g.kashida);
    expect(k.length).toBeGreaterThan(0);
    // The kashida chosen on the line is in «مسلسل», right after a seen.
    const inMusalsal = k.find((g) => para.text.slice(g.offset - 1, g.offset) === 'س');
    expect(inMusalsal).toBeDefined();
  });

  it('never letter-spaces: a stretched word is as wide as HarfBuzz shapes it, plus its kashida', () => {
    const para = set(seedPoints[0], { space: { stretch: 0.05, shrink: 0.1 } });
    const f = amiri();
    let words = 0;
    for (const l of para.lines) {
      for (const w of new Set(l.glyphs.filter((g) => !g.space).map((g) => g.word))) {
        const gs = l.glyphs.filter((g) => g.word === w);
        if (gs.some((g) => g.level % 2 === 0)) continue; // mixed-direction words have several runs
        const start = Math.min(...gs.map((g) => g.offset));
        const end = Math.max(...gs.filter((g) => !g.kashida).map((g) => g.offset + g.text.length));
        const buf = new hb.Buffer();
        buf.addText(para.text.slice(start, end));
        buf.setDirection(hb.Direction.RTL);
        buf.guessSegmentProperties();
        hb.shape(f.hb, buf);
        const hbWidth = (buf.getGlyphPositions().reduce((a, p) => a + p.xAdvance, 0) * gs[0].size) / f.upem;
        const drawn = gs.filter((g) => !g.kashida).reduce((a, g) => a + g.advance, 0);
        const kashidaGlyphs = gs.filter((g) => g.kashida);
        // Without kashida, a word is exactly HarfBuzz's width: no letter-spacing anywhere.
        if (!kashidaGlyphs.length) expect(Math.abs(drawn - hbWidth)).toBeLessThan(1e-6);
        words++;
      }
      expect(l.glyphs.every((g) => g.kashida || g.scaleX === 1)).toBe(true);
    }
    expect(words).toBeGreaterThan(50);
  });

  it('keeps a standalone final period on the line before (UAX #14 LB13)', () => {
    const text = seedPoints[7]; // ends with «الكوبية .»
    expect(text.endsWith(' .')).toBe(true);
    for (const measure of [180, 200, 220, 240, 260, 280, 300]) {
      const para = set(text, { measure });
      const last = para.lines.at(-1)!;
      expect(para.text.slice(last.start, last.end).trim()).not.toBe('.');
    }
  });

  it('lays out mixed bidi lines in UAX #9 order: numbers and Latin left-to-right, brackets mirrored', () => {
    const para = set('في 21 سبتمبر (EU) 2024.', { align: 'start', measure: 400 });
    const line = para.lines[0];
    const byText = (t: string) => line.glyphs.filter((g) => g.text === t);
    // "21": 2 is left of 1
    expect(byText('2')[0].x).toBeLessThan(byText('1')[0].x);
    // "EU": E left of U
    expect(byText('E')[0].x).toBeLessThan(byText('U')[0].x);
    // In a right-to-left line, «(» opens on the right: it is drawn right of «EU» with the mirrored glyph.
    const open = byText('(')[0];
    const close = byText(')')[0];
    expect(open.x).toBeGreaterThan(byText('U')[0].x);
    expect(close.x).toBeLessThan(byText('E')[0].x);
    expect(open.gid).toBe(amiri().hb.nominalGlyph(')'.codePointAt(0)!));
    // The sentence-final period is the leftmost glyph.
    const ink = line.glyphs.filter((g) => !g.space);
    const leftmost = ink.reduce((a, b) => (a.x < b.x ? a : b));
    expect(leftmost.text).toBe('.');
  });

  it('works with a second font (Noto Naskh Arabic)', () => {
    const para = composeParagraph([{ text: seedPoints[1], style: { fonts: [font('fonts/NotoNaskhArabic-Regular.ttf')], size: 11 } }], opts());
    expect(para.lines.length).toBeGreaterThan(1);
    expect(para.lines.slice(0, -1).every((l) => l.justified)).toBe(true);
  });
});

describe('composeParagraph: edge cases', () => {
  it('never lets an unjustified last line overhang the measure', () => {
    for (const text of seedPoints) {
      for (const measure of [150, 173, 211, 262, 300]) {
        for (const align of ['justify', 'start'] as const) {
          const para = set(text, { measure, align });
          // Pen advances, not ink: a mark or a cursive offset may overhang a little, as in print.
          for (const l of para.lines) expect(l.glyphs.reduce((w, g) => w + g.advance, 0)).toBeLessThanOrEqual(measure + 0.01);
        }
      }
    }
  });

  it('never shrinks a space below zero: two words wider together than the measure go on two lines (the English cover title)', () => {
    // At 52 pt on 347 pt, «Universal» alone has no glue to stretch; the breaker used to keep «Universal Declaration» overfull.
    for (const align of ['center', 'start', 'justify'] as const) {
      const para = set('Universal Declaration of Human Rights', { dir: 'ltr', lang: 'en', measure: 347.53, align }, 52.44);
      const lines = para.lines.map((l) => para.text.slice(l.start, l.end).trim());
      expect(lines[0], align).toBe('Universal');
      for (const l of para.lines) {
        expect(l.glyphs.every((g) => g.advance >= 0)).toBe(true);
        expect(l.glyphs.reduce((w, g) => w + g.advance, 0)).toBeLessThanOrEqual(347.53 + 0.01);
      }
    }
  });

  it('puts no kashida in words of three letters or fewer («وقد», a reviewer\'s find on udhr-ar)', () => {
    const para = set('من ضد في عن وقد بين كتب سلم من ضد في عن وقد بين كتب سلم من ضد في عن وقد بين كتب سلم', { measure: 120, space: { stretch: 0, shrink: 0 } });
    expect(para.lines.flatMap((l) => l.glyphs).some((g) => g.kashida)).toBe(false);
    // A four-letter word does take one.
    const four = set('من ضد في عن مسلم بين كتب سلم من ضد في عن مسلم بين كتب سلم من ضد في عن مسلم بين كتب سلم', { measure: 120, space: { stretch: 0, shrink: 0 } });
    expect(four.lines.flatMap((l) => l.glyphs).some((g) => g.kashida)).toBe(true);
  });
});

describe('line breaking around numbers and addresses (issue 14)', async () => {
  const { composeParagraph } = await import('../../src/text/compose.js');
  const { templateFonts } = await import('../support/fonts.js');
  const f = templateFonts();
  const set = (text: string, measure: number, dir: 'rtl' | 'ltr' = 'rtl') =>
    composeParagraph([{ text, style: { fonts: f.body, size: 11.5 } }], { dir, lang: dir === 'rtl' ? 'ar' : 'en', measure, align: 'justify', justify: dir === 'rtl' ? 'kashida' : 'spaces', space: { stretch: 0.3, shrink: 0.2, max: 2 } });
  const lineTexts = (text: string, measure: number) => set(text, measure).lines.map((l) => text.slice(l.start, l.end));
  const text = 'اجتمع الوفد في 29 نوفمبر ثم عاد في 4 و5 مايو 2024 كما فعل عام 1945 تمامًا وقد قررت اللجنة متابعة العمل حتى النهاية دون تأخير.';

  it('never breaks between a number and the word it counts or dates', () => {
    for (let measure = 60; measure <= 320; measure += 7) {
      const lines = lineTexts(text, measure);
      // Lines joined with bars: a pair split across two lines would read «29|…|نوفمبر».
      const joined = lines.map((l) => `|${l}|`).join('');
      for (const pair of ['29 نوفمبر', '4 و5', 'و5 مايو', 'عام 1945']) expect(joined, `measure ${measure}`).toContain(pair);
    }
  });

  it('breaks a 110-character URL after "/", "." or "-", with no space wider than ×2', () => {
    const url = 'https://example.org/documents/2024/declarations/full-text-with-annexes-and-references/section-12/print-edition.pdf';
    expect(url.length).toBeGreaterThanOrEqual(110);
    const para = set(`نطالب بنشر التقرير الكامل على الشبكة، وهو متاح على الرابط ${url} للتنزيل المجاني.`, 250);
    for (const l of para.lines) {
      expect(l.spaceRatio).toBeLessThanOrEqual(2 + 1e-9);
      const max = Math.max(...l.glyphs.map((g) => g.x + g.advance));
      expect(max).toBeLessThanOrEqual(250 + 1.5);
    }
    const pieces = para.lines.map((l) => para.text.slice(l.start, l.end)).filter((t) => /[a-z]/.test(t));
    expect(pieces.length).toBeGreaterThan(1);
    for (const p of pieces.slice(0, -1)) expect(p).toMatch(/[/.\-]$|[^\x21-\x7e]$/);
  });
});

describe('Quranic pause marks (mulk-ar: Tanzil, marks between spaces)', async () => {
  const { composeParagraph } = await import('../../src/text/compose.js');
  const { templateFonts } = await import('../support/fonts.js');
  const f = templateFonts();
  const verses = readFileSync(path.join(projectRoot, 'test/fixtures/docs/mulk-ar/mulk-ar.txt'), 'utf8')
    .split('\n')
    .filter((l) => /[\u06D6-\u06DC]/u.test(l))
    .map((l) => l.replace(/^[١-٩]+\s*\.\s*/, ''));
  const MARK = /^[\u06D6-\u06DC]/u;
  const set = (text: string, measure: number) =>
    composeParagraph([{ text, style: { fonts: f.body, size: 12 } }], { dir: 'rtl', lang: 'ar', measure, align: 'justify', justify: 'kashida', space: { stretch: 0.3, shrink: 0.2, max: 2 } });

  it('never starts a line with a pause mark, at any measure (main: 6 of 662 lines at 120–400 pt)', () => {
    expect(verses.length).toBeGreaterThan(10);
    for (let measure = 120; measure <= 400; measure += 40)
      for (const text of verses) for (const l of set(text, measure).lines) expect(text.slice(l.start, l.end), `${measure} pt`).not.toMatch(MARK);
  });

  it('widens the space after a pause mark in a justified line, never the one before it (main: «تَفَاوُتٍ ۖ فَارْجِعِ», both widened)', () => {
    let seen = 0;
    for (let measure = 120; measure <= 400; measure += 40)
      for (const text of verses)
        for (const l of set(text, measure).lines) {
          if (!l.justified || l.spaceRatio <= 1.05) continue;
          const spaces = l.glyphs.filter((g) => g.space);
          const natural = Math.min(...spaces.map((g) => g.advance));
          l.glyphs.forEach((g, i) => {
            if (g.space || !MARK.test(g.text)) return;
            // Logical order: the space before the mark, and the one after it (none at the line's end).
            const before = l.glyphs.slice(0, i).reverse().find((x) => x.space)!;
            const after = l.glyphs.slice(i + 1).find((x) => x.space);
            expect(before.advance).toBeCloseTo(natural, 6);
            if (after) {
              expect(after.advance).toBeGreaterThan(before.advance * 1.05);
              seen++;
            }
          });
        }
    expect(seen).toBeGreaterThan(10);
  });
});

describe('composeParagraph: centred paragraphs are balanced', () => {
  const title = 'Universal Declaration of Human Rights';
  const centred = (measure: number) =>
    composeParagraph([{ text: title, style: { fonts: [amiri()], size: 20 } }], opts({ dir: 'ltr', lang: 'en', align: 'center', justify: 'off', measure }));
  const widths = (measure: number) => centred(measure).lines.map((l) => extent(l).right - extent(l).left);

  it('breaks a two-line title into lines of near equal width, not a full line and a widow', () => {
    const full = widths(10_000)[0];
    const measure = full * 0.85; // room for all but the last word on the first line
    const [a, b] = widths(measure);
    expect(centred(measure).lines).toHaveLength(2);
    expect(Math.abs(a - b)).toBeLessThan(full * 0.25);
  });

  it('keeps the number of lines and centres every line on the whole measure', () => {
    for (const measure of [150, 200, 260, 320]) {
      const para = centred(measure);
      const ragged = composeParagraph([{ text: title, style: { fonts: [amiri()], size: 20 } }], opts({ dir: 'ltr', lang: 'en', align: 'start', justify: 'off', measure }));
      expect(para.lines).toHaveLength(ragged.lines.length);
      for (const l of para.lines) {
        const e = extent(l);
        expect(e.left + e.right).toBeCloseTo(measure, 0);
      }
    }
  });

  it('does not break inside a URL that the whole measure keeps whole', () => {
    const url = 'https://example.org/declarations/2023/full-text';
    const text = `The full text is at ${url} for all`;
    const setAt = (align: 'center' | 'start', measure: number) =>
      composeParagraph([{ text, style: { fonts: [amiri()], size: 20 } }], opts({ dir: 'ltr', lang: 'en', align, justify: 'off', measure }));
    const lineTexts = (p: ReturnType<typeof setAt>) => p.lines.map((l) => p.text.slice(l.start, l.end));
    const urlWidth = composeParagraph([{ text: url, style: { fonts: [amiri()], size: 20 } }], opts({ dir: 'ltr', lang: 'en', align: 'start', justify: 'off', measure: 10_000 })).lines[0].naturalWidth;
    let tried = 0;
    for (const factor of [1.05, 1.1, 1.2, 1.3, 1.5]) {
      const measure = urlWidth * factor;
      // Only where the whole measure sets the URL on one line of its own.
      if (!lineTexts(setAt('start', measure)).some((t) => t.includes(url))) continue;
      tried++;
      const centred = setAt('center', measure);
      expect(centred.lines.length).toBe(setAt('start', measure).lines.length);
      expect(lineTexts(centred).some((t) => t.includes(url))).toBe(true);
    }
    expect(tried).toBeGreaterThan(0);
  });
});

// How a justified line its spaces cannot fill is finished (trackingFor).
const base = { justified: true, naturalGaps: 0, extraSpace: 0, slots: 0, sizes: [10], maxRatio: 2, planned: 1.3, endsInToken: false };

describe('trackingFor', () => {
  it('never letter-spaces a line with no word space (a URL piece): it ends short at its start edge', () => {
    expect(trackingFor({ ...base, extraSpace: 0.5, slots: 10 })).toEqual({ tracking: 0, extraSpace: 0, loose: false, ragged: true });
    expect(trackingFor({ ...base, extraSpace: 40, slots: 10 })).toEqual({ tracking: 0, extraSpace: 0, loose: false, ragged: true });
    expect(trackingFor({ ...base, extraSpace: 4, slots: 0 }).ragged).toBe(true);
  });

  it('spaces past their planned stretch: the Latin takes what LETTER_SPACE_MAX em does first, the spaces the rest', () => {
    // ×1.5 asked, ×1.3 planned: the 10 slots take 0.1 pt each (0.01 em at 10 pt, which does not show), the spaces ×1.4.
    expect(LETTER_SPACE_MAX).toBeLessThanOrEqual(0.01);
    const t = trackingFor({ ...base, naturalGaps: 10, extraSpace: 5, slots: 10 });
    expect(t.tracking).toBeCloseTo(LETTER_SPACE_MAX * 10);
    expect(t.extraSpace).toBeCloseTo(4);
    expect(t.loose).toBe(false);
    // A little past the plan: the Latin takes it all, the spaces stay at ×1.3.
    const u = trackingFor({ ...base, naturalGaps: 10, extraSpace: 3.5, slots: 10 });
    expect(u.tracking).toBeCloseTo(0.05);
    expect(u.extraSpace).toBeCloseTo(3);
  });

  it('a line whose spaces must still pass their widest is justified with them and reported loose, up to JUSTIFY_ANYWAY_MAX', () => {
    // No Latin to letter-space (slots 0): ×2.5 is justified all the same.
    expect(trackingFor({ ...base, naturalGaps: 10, extraSpace: 15 })).toEqual({ tracking: 0, extraSpace: 15, loose: true, ragged: false });
    // Past ×3 a space would read as a hole: spaces at their widest, the line set short.
    expect(trackingFor({ ...base, naturalGaps: 10, extraSpace: 30 })).toEqual({ tracking: 0, extraSpace: 10, loose: true, ragged: true });
    expect(trackingFor({ ...base, naturalGaps: 10, extraSpace: 30, slots: 10 })).toEqual({ tracking: 0, extraSpace: 10, loose: true, ragged: true });
  });

  it('never letter-spaces a line without slots, even with no sizes (Math.min() is Infinity)', () => {
    const empty = { ...base, sizes: [], slots: 0 };
    expect(trackingFor({ ...empty, extraSpace: 4 })).toEqual({ tracking: 0, extraSpace: 0, loose: false, ragged: true });
    expect(trackingFor({ ...empty, naturalGaps: 10, extraSpace: 15 })).toEqual({ tracking: 0, extraSpace: 15, loose: true, ragged: false });
  });

  it('leaves a line its spaces can fill, or one not justified, alone', () => {
    expect(trackingFor({ ...base, naturalGaps: 10, extraSpace: 3, slots: 10 })).toEqual({ tracking: 0, extraSpace: 3, loose: false, ragged: false });
    expect(trackingFor({ ...base, justified: false, extraSpace: 4, slots: 10 })).toEqual({ tracking: 0, extraSpace: 4, loose: false, ragged: false });
  });
});

describe('paragraphIndent (a leaflet\'s point of several paragraphs)', () => {
  const text = 'Everyone has the right to freedom of peaceful assembly and association, in public or in private.\nNo one may be compelled to belong to an association.';
  const set = (dir: 'ltr' | 'rtl', t: string, indent?: number) =>
    composeParagraph([{ text: t, style: { fonts: [amiri()], size: 12 } }], {
      dir, lang: dir === 'rtl' ? 'ar' : 'en', measure: 220, align: 'justify', justify: dir === 'rtl' ? 'kashida' : 'spaces',
      space: { stretch: 0.3, shrink: 0.2, max: 2 }, ...(indent ? { paragraphIndent: indent } : {}),
    });
  const second = (p: ReturnType<typeof set>) => p.lines.findIndex((l) => p.text[l.start - 1] === '\n');
  for (const [dir, t] of [['ltr', text], ['rtl', 'لكل شخص الحق في حرية الاشتراك في الجمعيات والجماعات السلمية.\nلا يجوز إرغام أحد على الانضمام إلى جمعية ما.']] as const) {
    it(`${dir}: the first line after a line break starts the indent in from the start edge, the rest as without it`, () => {
      const plain = set(dir, t);
      const indented = set(dir, t, 18);
      const j = second(indented);
      expect(j).toBeGreaterThan(0);
      const ink = (l: (typeof plain.lines)[number]) => [Math.min(...l.glyphs.filter((g) => !g.space).map((g) => g.x)), Math.max(...l.glyphs.filter((g) => !g.space).map((g) => g.x + g.advance))];
      const [lo, hi] = ink(indented.lines[j]);
      if (dir === 'ltr') expect(lo).toBeCloseTo(18, 1);
      else expect(hi).toBeCloseTo(220 - 18, 0);
      // The first paragraph's lines are set as without the indent.
      expect(indented.lines.slice(0, j).map((l) => l.end)).toEqual(plain.lines.slice(0, second(plain)).map((l) => l.end));
      expect(indented.lines.map((l) => indented.text.slice(l.start, l.end)).join(' ').split(/\s+/)).toEqual(t.split(/\s+/));
    });
  }

  // indentFirst: a paragraph set on its own after another (the booklet's) starts indented as one after a line break does.
  for (const [dir, t] of [['ltr', text.split('\n')[1]], ['rtl', 'لا يجوز إرغام أحد على الانضمام إلى جمعية ما، ولكل شخص الحق في حرية الاشتراك في الجمعيات والجماعات السلمية.']] as const) {
    it(`${dir}: indentFirst indents the text's first line, and only it, by paragraphIndent`, () => {
      const first = composeParagraph([{ text: t, style: { fonts: [amiri()], size: 12 } }], {
        dir, lang: dir === 'rtl' ? 'ar' : 'en', measure: 220, align: 'justify', justify: dir === 'rtl' ? 'kashida' : 'spaces',
        space: { stretch: 0.3, shrink: 0.2, max: 2 }, paragraphIndent: 18, indentFirst: true,
      });
      const ink = (l: (typeof first.lines)[number]) => [Math.min(...l.glyphs.filter((g) => !g.space).map((g) => g.x)), Math.max(...l.glyphs.filter((g) => !g.space).map((g) => g.x + g.advance))];
      expect(first.lines.length).toBeGreaterThan(1);
      const [lo, hi] = ink(first.lines[0]);
      if (dir === 'ltr') expect(lo).toBeCloseTo(18, 1);
      else expect(hi).toBeCloseTo(220 - 18, 0);
      const [lo2, hi2] = ink(first.lines[1]);
      if (dir === 'ltr') expect(lo2).toBeCloseTo(0, 1);
      else expect(hi2).toBeCloseTo(220, 0);
      // Without indentFirst, paragraphIndent alone leaves a text without line breaks as it was.
      const plain = composeParagraph([{ text: t, style: { fonts: [amiri()], size: 12 } }], {
        dir, lang: dir === 'rtl' ? 'ar' : 'en', measure: 220, align: 'justify', justify: dir === 'rtl' ? 'kashida' : 'spaces',
        space: { stretch: 0.3, shrink: 0.2, max: 2 }, paragraphIndent: 18,
      });
      expect(ink(plain.lines[0])[dir === 'ltr' ? 0 : 1]).toBeCloseTo(dir === 'ltr' ? 0 : 220, 0);
    });
  }

  // A token narrower than the measure (so given no emergency break) but wider than the measure less the indent.
  const long = (dir: 'ltr' | 'rtl', t: string, measure: number, size: number, indent: number) =>
    composeParagraph([{ text: t, style: { fonts: [amiri()], size } }], {
      dir, lang: dir === 'rtl' ? 'ar' : 'en', measure, align: 'justify', justify: dir === 'rtl' ? 'kashida' : 'spaces',
      space: { stretch: 0.3, shrink: 0.2, max: 2 }, paragraphIndent: indent,
    });
  const hash = '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08'.slice(0, 45);
  for (const [dir, t, measure, size, indent] of [
    ['ltr', `First line here.\n${'abcdefghij'.repeat(4)} and more words after it.`, 197, 12, 18],
    ['rtl', `لكل شخص الحق في حرية الرأي والتعبير.\n${hash} هو بصمة الملف.`, 325.5, 14, 21],
  ] as const) {
    it(`${dir}: a paragraph's first token too wide to follow the indent starts at the edge, inside the measure`, () => {
      const p = long(dir, t, measure, size, indent);
      const j = second(p);
      const l = p.lines[j];
      const ink = l.glyphs.filter((g) => !g.space);
      const token = p.text.slice(l.start).split(/\s/)[0];
      expect(token.length).toBeGreaterThanOrEqual(40);
      // Wider than the measure less the indent, narrower than the measure: the case the indent broke.
      const width = ink.filter((g) => g.offset < l.start + token.length).reduce((w, g) => w + g.advance, 0);
      expect(width).toBeGreaterThan(measure - indent);
      expect(width).toBeLessThan(measure);
      for (const line of p.lines) {
        const gs = line.glyphs.filter((g) => !g.space);
        expect(Math.min(...gs.map((g) => g.x))).toBeGreaterThanOrEqual(-0.5);
        expect(Math.max(...gs.map((g) => g.x + g.advance))).toBeLessThanOrEqual(measure + 0.5);
        expect(line.width).toBeLessThanOrEqual(measure + 1e-6);
      }
      // The token starts at the start edge (no indent), the line is not overfull.
      if (dir === 'ltr') expect(Math.min(...ink.map((g) => g.x))).toBeCloseTo(0, 0);
      else expect(Math.max(...ink.map((g) => g.x + g.advance))).toBeCloseTo(measure, 0);
    });
  }
});

describe('kashida widths before an unbreakable address', () => {
  const text = 'للمصطلحات الجديدة https://example.org/documents/full-text-with-appendices-and-annexes.pdf';
  const set = (measure: number) =>
    composeParagraph([{ text, style: { fonts: [amiri()], size: 12 } }], { dir: 'rtl', lang: 'ar', measure, align: 'justify', justify: 'kashida', space: { stretch: 0.3, shrink: 0.2, max: 2 } });
  const tatweel = composeParagraph([{ text: 'ـ', style: { fonts: [amiri()], size: 12 } }], { dir: 'rtl', lang: 'ar', measure: 100, align: 'start', justify: 'kashida', space: { stretch: 0.3, shrink: 0.2, max: 2 } }).lines[0].glyphs[0].advance;
  const widest = (l: ComposedLine) => Math.max(0, ...l.glyphs.filter((g) => g.kashida).map((g) => g.advance)) / tatweel;

  it('a kashida reaches three tatweels (LOOSE_KASHIDA) where two would leave the spaces past their maximum, and the line is justified', () => {
    // The words before the address and its start («https://example.org/», its host unbroken) make the first line:
    // at 194 pt two tatweels leave spaces past ×2 (letter spacing of the address counted).
    const [first] = set(194).lines;
    expect(widest(first)).toBeGreaterThan(2.5);
    expect(widest(first)).toBeLessThanOrEqual(3 + 1e-6);
    expect(first.loose).toBeFalsy();
    expect(first.spaceRatio).toBeLessThanOrEqual(2 + 1e-6);
  });

  it('keeps kashidas at two tatweels where three would not spare the line being set loose', () => {
    const [first] = set(202).lines;
    expect(first.loose).toBe(true);
    expect(widest(first)).toBeLessThanOrEqual(2 + 1e-6);
  });
});
