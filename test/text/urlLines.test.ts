/**
 * A URL longer than a line (src/text/itemize.ts addressBreaks, compose.ts
 * trackingFor): it breaks after a slash or hyphen, or before «.», «?», «&»…
 * (after «-» and «%20» only as a last resort)
 * (never leaving a line that ends in «.» or «https://», nor one that starts
 * with its host name's «.» where the host fits on a line), and in a justified
 * paragraph a line that holds only a piece of it ends short at its start
 * edge, its letters at their own spacing: tracked Latin shows.
 */
import { describe, expect, it } from 'vitest';
import { composeParagraph, type ComposedLine, type ComposedParagraph } from '../../src/text/compose.js';
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

  it('never start a line with the host name\'s «.» where the host fits on a line; only as a last resort where it does not', () => {
    const url = 'https://www.example.org/reports/2024/youth-unemployment-statistics.html';
    const tails = (fits: (a: number, b: number) => boolean) => addressBreaks(url, 0, url.length, fits).map((c) => url.slice(c));
    // Everything fits: no break inside «www.example.org» (nor after «-»), the path's breaks all kept.
    expect(tails(() => true)).toEqual(['reports/2024/youth-unemployment-statistics.html', '2024/youth-unemployment-statistics.html', 'youth-unemployment-statistics.html', '.html']);
    // «https://www.example.org/» wider than the measure: its host's breaks come back, and only those.
    const host = url.indexOf('reports');
    expect(tails((a, b) => !(a < host && host <= b)).slice(0, 3)).toEqual(['.example.org/reports/2024/youth-unemployment-statistics.html', '.org/reports/2024/youth-unemployment-statistics.html', 'reports/2024/youth-unemployment-statistics.html']);
    // An e-mail address: not inside its domain (after «@»); before «@» and in the name before it still.
    const mail = 'publications.office@example.org';
    expect(addressBreaks(mail, 0, mail.length, () => true).map((c) => mail.slice(c))).toEqual(['.office@example.org', '@example.org']);
    // Set in a paragraph at the widths of the booklet and a leaflet (the reviewer's p. 25 «https://www» / «.example.org/…»).
    for (const measure of [MEASURE, 260, 200]) {
      const para = set(`ويمكن الاطلاع على التقرير الكامل في العنوان ${url} حيث تُنشر البيانات مفصلة.`, 'rtl', measure);
      const lines = para.lines.map((l) => lineText(para, l));
      expect(lines.join(' ').replace(/\s+/g, ' ')).toContain('https://www.example.org/');
      for (const t of lines) {
        expect(t, `${measure}`).not.toMatch(/^\.(example|org)/);
        expect(t, `${measure}`).not.toMatch(/https:\/\/www(\.example)?$/);
      }
    }
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
    it(`a ${dir} paragraph: a line holding only a piece of the URL ends short at its start edge, not letter-spaced`, () => {
      const text = dir === 'rtl' ? `نطالب بنشر التقرير الكامل على الشبكة، وهو متاح على الرابط ${URL} للتنزيل المجاني.` : `The full report is online at ${URL} for anyone to download.`;
      for (const measure of [MEASURE, 200]) {
        const para = set(text, dir, measure);
        const middle = para.lines.slice(0, -1).filter((l) => !/\s/.test(lineText(para, l)));
        expect(middle.length).toBeGreaterThan(0);
        for (const l of middle) {
          const e = ink(l);
          // Its glyphs touch as HarfBuzz set them (no tracking between them), the line as wide as they are.
          const natural = e.glyphs.reduce((w, g) => w + g.advance, 0);
          expect(e.right - e.left, lineText(para, l)).toBeCloseTo(natural, 3);
          if (dir === 'rtl') expect(e.right, lineText(para, l)).toBeCloseTo(measure, 1);
          else expect(e.left, lineText(para, l)).toBeCloseTo(0, 1);
        }
      }
    });
  }

  it('break after an encoded space «%20» where a stretch between the other breaks is wider than the line, not between two letters (look17 en leaflet 3: «Docum» / «ent%20»)', () => {
    const long = 'https://consultations.example.gov.uk/planning-and-regeneration/local-plan-review-2024/supporting_documents/Draft%20Local%20Plan%20Regulation%2018%20Consultation%20Document%20(Part%202%20of%205).pdf?download=true&version=3';
    const tails = (fits?: (a: number, b: number) => boolean) => addressBreaks(long, 0, long.length, fits).map((c) => long.slice(c));
    const afterSpace = (fits?: (a: number, b: number) => boolean) => tails(fits).filter((t) => long.endsWith(`%20${t}`));
    // Every «%20» is a break place, but never one of a «%20%20» pair's inside…
    expect(afterSpace()).toHaveLength(long.split('%20').length - 1);
    expect(addressBreaks('https://example.org/a%20%20b/c', 0, 29).map((c) => 'https://example.org/a%20%20b/c'.slice(c))).not.toContain('%20b/c');
    // …and a last resort: gone where everything fits, back where «Draft%20…(Part%202%20of%205)» does not.
    expect(afterSpace(() => true)).toEqual([]);
    const draft = long.indexOf('Draft');
    expect(afterSpace((a, b) => !(a <= draft && draft < b))[0]).toBe('Local%20Plan%20Regulation%2018%20Consultation%20Document%20(Part%202%20of%205).pdf?download=true&version=3');
    // Set at a leaflet's measures: every line inside the address ends at one of its break places.
    const text = `We ask every council to give them short, stable addresses instead of links such as ${long}.`;
    for (const measure of [180, 220, 260, 300]) {
      const para = set(text, 'ltr', measure);
      para.lines.slice(0, -1).forEach((l, i) => {
        const head = lineText(para, l);
        const next = lineText(para, para.lines[i + 1]);
        if (!/\S$/.test(head) || !long.includes(head.split(' ').pop()! + next.split(' ')[0])) return;
        expect(/[/-]$|%20$/.test(head) || /^[._?#&@]/.test(next), `${measure}: ${head} | ${next}`).toBe(true);
      });
    }
  });

  it('break after «-» only where the stretch between the other breaks is wider than the measure (readers drop a line-end «-»)', () => {
    const all = addressBreaks(URL, 0, URL.length);
    const afterHyphen = (c: number) => URL[c - 1] === '-';
    expect(all.some(afterHyphen)).toBe(true);
    // Everything fits: only the other breaks are left (not in the host name «example.org» either).
    const inHost = (c: number) => c < URL.indexOf('/reports');
    expect(addressBreaks(URL, 0, URL.length, () => true)).toEqual(all.filter((c) => !afterHyphen(c) && !inHost(c)));
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
