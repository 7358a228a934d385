/**
 * A URL longer than a line (src/text/itemize.ts addressBreaks, compose.ts
 * letter-spacing): it breaks after a slash or hyphen, or before «.», «?», «&»…
 * (never leaving a line that ends in «.» or «https://»), and in a justified
 * paragraph a line that holds only a piece of it reaches both edges by
 * letter-spacing of at most LETTER_SPACE_MAX em; Arabic is never letter-spaced.
 */
import { describe, expect, it } from 'vitest';
import { composeParagraph, LETTER_SPACE_MAX, type ComposedLine, type ComposedParagraph } from '../../src/text/compose.js';
import { addressBreakCost, addressBreaks } from '../../src/text/itemize.js';
import { amiri } from '../support/fonts.js';

const SIZE = 11.5;
const MEASURE = 325.5;
const URL = 'https://example.org/reports/2024/annual-education-and-literacy-review/arabic-edition/full-text-with-appendices.pdf?lang=ar&format=print';

const set = (text: string, dir: 'rtl' | 'ltr', measure = MEASURE): ComposedParagraph =>
  composeParagraph([{ text, style: { fonts: [amiri()], size: SIZE } }], {
    dir,
    lang: dir === 'rtl' ? 'ar' : 'en',
    measure,
    align: 'justify',
    justify: dir === 'rtl' ? 'kashida' : 'spaces',
    space: { stretch: 0.3, shrink: 0.2, max: 2 },
  });

const lineText = (p: ComposedParagraph, l: ComposedLine) => p.text.slice(l.start, l.end).trim();
const ink = (l: ComposedLine) => {
  const gs = l.glyphs.filter((g) => !g.space && g.advance > 0);
  return { left: Math.min(...gs.map((g) => g.x)), right: Math.max(...gs.map((g) => g.x + g.advance)), glyphs: gs };
};

describe('URLs longer than a line', () => {
  it('break after «/» or «-» and before «.», «?», «&», never between two of them, nor after «https://» or inside «lang=ar»', () => {
    const cuts = addressBreaks(URL, 0, URL.length).map((c) => [URL.slice(0, c), URL.slice(c)]);
    expect(cuts.length).toBeGreaterThan(10);
    for (const [head, tail] of cuts) {
      expect(/[/-]$/.test(head) || /^[._?#&@]/.test(tail), `${head} | ${tail}`).toBe(true);
      expect(head, 'no line ends in «.» or «https://»').not.toMatch(/[._?#&=@~%:]$|\/\/$/);
      expect(tail).not.toMatch(/^[/:=-]/);
    }
    const split = (w: string) => addressBreaks(w, 0, w.length).map((c) => [w.slice(0, c), w.slice(c)]);
    // Never inside a «name=value»: not «?lang=en|_GB», «fmt=print-|ready», «?q=a|.b.c»; before its «&» or «#» still.
    for (const w of ['https://example.org/x?lang=en_GB&fmt=print-ready', 'https://example.org/a?q=a.b.c', 'https://example.org/p?my_key=v.1#sec.2', 'https://example.org/p;id=a.b/c']) {
      for (const [head, tail] of split(w)) expect(/[?&;]([^?&;#=/]*)=[^&#]*$/.test(head) && !/^[&#]/.test(tail), `${head} | ${tail}`).toBe(false);
    }
    expect(split('https://example.org/x?lang=en_GB&fmt=print-ready').map(([, t]) => t)).toEqual(['.org/x?lang=en_GB&fmt=print-ready', 'x?lang=en_GB&fmt=print-ready', '?lang=en_GB&fmt=print-ready', '&fmt=print-ready']);
    expect(split('https://example.org/a?q=a.b.c').map(([, t]) => t)).toEqual(['.org/a?q=a.b.c', 'a?q=a.b.c', '?q=a.b.c']);
    const mail = 'publications.office@example.org';
    expect(addressBreaks(mail, 0, mail.length).map((c) => mail.slice(c))).toEqual(['.office@example.org', '@example.org', '.org']);
  });

  it('cost least after «/» in the path, more inside the host name or an e-mail address, most beside a tiny piece', () => {
    const url = 'https://en.wikipedia.org/wiki/Bidi_(text)';
    const cost = addressBreakCost(url, 0, url.length);
    const at = (tail: string) => cost(url.length - tail.length);
    expect(at('wiki/Bidi_(text)')).toBeLessThan(at('_(text)'));
    expect(at('.org/wiki/Bidi_(text)')).toBeGreaterThan(at('_(text)'));
    expect(at('Bidi_(text)')).toBeLessThan(at('.org/wiki/Bidi_(text)'));
    const mail = 'publications.office@example.org';
    const mailCost = addressBreakCost(mail, 0, mail.length);
    expect(mailCost(mail.indexOf('@'))).toBeLessThan(mailCost(mail.indexOf('.office')));
    expect(mailCost(mail.lastIndexOf('.org'))).toBeGreaterThan(mailCost(mail.indexOf('.office')));
    // An address narrower than a third of the measure: every break dearer still.
    const short = addressBreakCost(url, 0, url.length, () => 0.2);
    expect(short(url.length - 'wiki/Bidi_(text)'.length)).toBeGreaterThan(at('wiki/Bidi_(text)'));
  });

  for (const dir of ['rtl', 'ltr'] as const) {
    // Left-to-right paragraphs are not letter-spaced (yet): English justification is reworked separately.
    it(`a ${dir} paragraph: a line holding only a piece of the URL ${dir === 'rtl' ? `reaches both edges, letter-spaced by at most ${LETTER_SPACE_MAX} em, else stands` : 'stands'} at the start edge`, () => {
      const text = dir === 'rtl' ? `نطالب بنشر التقرير الكامل على الشبكة، وهو متاح على الرابط ${URL} للتنزيل المجاني.` : `The full report is online at ${URL} for anyone to download.`;
      const para = set(text, dir);
      const middle = para.lines.slice(0, -1).filter((l) => !/\s/.test(lineText(para, l)));
      expect(middle.length).toBeGreaterThan(0);
      let spaced = 0;
      for (const l of middle) {
        const e = ink(l);
        const natural = e.glyphs.reduce((w, g) => w + g.advance, 0);
        const need = (MEASURE - natural) / (e.glyphs.length - 1);
        if (dir === 'rtl' && need <= LETTER_SPACE_MAX * SIZE) {
          spaced++;
          expect(e.left, lineText(para, l)).toBeCloseTo(0, 1);
          expect(e.right, lineText(para, l)).toBeCloseTo(MEASURE, 1);
          const byX = [...e.glyphs].sort((a, b) => a.x - b.x);
          for (let i = 1; i < byX.length; i++) expect(byX[i].x - (byX[i - 1].x + byX[i - 1].advance)).toBeLessThanOrEqual(LETTER_SPACE_MAX * SIZE + 1e-6);
        } else if (dir === 'rtl') expect(e.right, lineText(para, l)).toBeCloseTo(MEASURE, 1);
        else expect(e.left, lineText(para, l)).toBeCloseTo(0, 1);
      }
      // mixed-7's point ٣ at the booklet's measure: its URL's middle line is letter-spaced.
      if (dir === 'rtl') expect(spaced).toBeGreaterThan(0);
    });
  }

  it('break after «-» only where the stretch between the other breaks is wider than the measure (readers drop a line-end «-»)', () => {
    const all = addressBreaks(URL, 0, URL.length);
    const afterHyphen = (c: number) => URL[c - 1] === '-';
    expect(all.some(afterHyphen)).toBe(true);
    // Everything fits: only the other breaks are left.
    expect(addressBreaks(URL, 0, URL.length, () => true)).toEqual(all.filter((c) => !afterHyphen(c)));
    // «annual-education-and-literacy-review/» alone too long: its hyphens are kept, and only its.
    const long = URL.indexOf('annual');
    const kept = addressBreaks(URL, 0, URL.length, (a, b) => !(a <= long && long < b));
    expect(kept.filter(afterHyphen).map((c) => URL.slice(0, c).split('/').pop())).toEqual(['annual-', 'annual-education-', 'annual-education-and-', 'annual-education-and-literacy-']);
    for (const [dir, measure] of [['rtl', MEASURE], ['ltr', MEASURE], ['rtl', 200]] as const) {
      const para = set(`الرابط ${URL} هنا.`, dir, measure);
      for (const l of para.lines.slice(0, -1)) expect(lineText(para, l), `${dir} ${measure}`).not.toMatch(/-$/);
    }
    // A measure narrower than «annual-education-and-literacy-review/»: a line ends in «-» there, as a last resort.
    const narrow = set(`الرابط ${URL} هنا.`, 'rtl', 120);
    expect(narrow.lines.some((l) => /-$/.test(lineText(narrow, l)))).toBe(true);
  });

  it('a piece too short to letter-space within the limit is set at the paragraph\'s start edge', () => {
    // A measure a little wider than the longest piece: the short pieces would need more than 0.05 em.
    const para = set(`الرابط ${URL} هنا.`, 'rtl', 200);
    for (const l of para.lines.slice(0, -1)) {
      if (/\s/.test(lineText(para, l))) continue;
      const e = ink(l);
      const gaps = e.glyphs.length - 1;
      if ((200 - (e.right - e.left)) / gaps > LETTER_SPACE_MAX * SIZE + 0.01) expect(e.right, lineText(para, l)).toBeCloseTo(200, 1);
    }
  });

  it('displayed (a leaflet\'s body): the URL\'s own lines alike, unjustified at the start edge, none letter-spaced, and the line before them not stretched', () => {
    // mixed-7's point ٣ at the A5 leaflet's 14 pt: «…على الرابط» was justified at ×2.26 (no piece of the URL fits after it), and
    // «annual-education-and-literacy-review/arabic-edition/» letter-spaced to both edges between two ragged lines.
    const text = `نطالب بنشر التقرير الكامل على الشبكة، وهو متاح على الرابط ${URL} للتنزيل المجاني.`;
    const shown = composeParagraph([{ text, style: { fonts: [amiri()], size: 14 } }], { dir: 'rtl', lang: 'ar', measure: MEASURE, align: 'justify', justify: 'kashida', space: { stretch: 0.3, shrink: 0.2, max: 2 }, displayAddresses: true });
    const own = shown.lines.map((l) => !/\s/.test(lineText(shown, l)));
    const first = own.indexOf(true);
    expect(first).toBeGreaterThan(0);
    expect(own.filter(Boolean).length).toBeGreaterThanOrEqual(2);
    const before = shown.lines[first - 1];
    expect(lineText(shown, before)).toMatch(/الرابط$/u);
    expect(before.justified).toBe(false);
    expect(before.loose).toBeUndefined();
    expect(ink(before).right).toBeCloseTo(MEASURE, 0);
    shown.lines.forEach((l, i) => {
      if (!own[i] || l.last) return;
      const e = ink(l);
      expect(l.justified, lineText(shown, l)).toBe(false);
      // Not letter-spaced: the glyphs touch (their advances add up to the ink's width), at the start edge.
      expect(e.right - e.left, lineText(shown, l)).toBeCloseTo(e.glyphs.reduce((w, g) => w + g.advance, 0), 3);
      expect(e.right, lineText(shown, l)).toBeCloseTo(MEASURE, 0);
    });
    // Without it (booklets, cards) the line before is justified and the middle line letter-spaced, as the tests above say.
    const plain = composeParagraph([{ text, style: { fonts: [amiri()], size: 14 } }], { dir: 'rtl', lang: 'ar', measure: MEASURE, align: 'justify', justify: 'kashida', space: { stretch: 0.3, shrink: 0.2, max: 2 } });
    expect(plain.lines[first - 1].justified).toBe(true);
  });
});
