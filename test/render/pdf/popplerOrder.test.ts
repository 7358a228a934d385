/**
 * popplerRlms against a model of poppler's line output (reorderText in
 * poppler/TextOutputDev.cc, for a page it finds mostly right to left): the
 * line's characters sorted by x, read from the right; a run of characters
 * that are neither left-to-right letters nor numbers is written reversed,
 * and from the first left-to-right letter or number on, everything up to the
 * next right-to-left letter is written in visual order. The real thing
 * (pdftotext) is measured in test/render/pdf/accessibility.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { mupdfKeepsPopplerMarks, popplerBalance, popplerKeepsMark, popplerLrms, popplerPageBalance, popplerRlms, popplerType, type PopplerChar } from '../../../src/render/pdf/popplerOrder.js';

const RLE = '\u202B';

/** What poppler writes for these characters, with an RLE wherever popplerRlms puts one (removed again from the result). */
function popplerReads(chars: PopplerChar[]): string {
  const placed = chars.map((c) => ({ x: c.x, text: c.text === '' ? ' ' : c.text }));
  for (const [, x] of popplerRlms(chars)) placed.push({ x, text: RLE });
  const visual = placed.sort((a, b) => a.x - b.x).map((p) => p.text);
  // poppler's own table counts the RLE as a right-to-left character.
  const type = (t: string) => (t === ' ' ? 'N' : t === RLE ? 'R' : popplerType([...t][0]));
  let out = '';
  let i = visual.length - 1;
  while (i >= 0) {
    let j = i;
    while (j >= 0 && type(visual[j]) !== 'L' && type(visual[j]) !== '#') j--;
    for (let k = i; k > j; k--) out += visual[k];
    i = j;
    while (j >= 0 && type(visual[j]) !== 'R') j--;
    out += visual.slice(j + 1, i + 1).join('');
    i = j;
  }
  return out.replaceAll(RLE, '');
}

/**
 * A right-to-left line from its logical parts: Arabic words and spaces take
 * their width right to left; a part marked `ltr` is a left-to-right stretch
 * drawn left to right; `mark` puts a haraka's copy just left of the part before.
 */
function line(parts: Array<string | { ltr: string }>): PopplerChar[] {
  const chars: PopplerChar[] = [];
  let right = 1000;
  for (const p of parts) {
    if (typeof p === 'string') {
      for (const c of p) {
        right -= c === ' ' ? 3 : 5;
        chars.push({ x: right, text: c === ' ' ? '' : c });
      }
    } else {
      const n = [...p.ltr].length;
      right -= n * 5;
      [...p.ltr].forEach((c, k) => chars.push({ x: right + k * 5, text: c === ' ' ? '' : c }));
    }
  }
  return chars;
}

describe('popplerRlms', () => {
  it('keeps the space after an Arabic comma or period after it', () => {
    expect(popplerReads(line(['التسلح، بما في']))).toBe('التسلح، بما في');
    expect(popplerReads(line(['العالمية. تنظيم']))).toBe('العالمية. تنظيم');
  });

  it('keeps the space after a number after it, and brackets and signs around numbers in order', () => {
    expect(popplerReads(line(['العمال ', { ltr: '2024' }, ' بقوة']))).toBe('العمال 2024 بقوة');
    expect(popplerReads(line(['عام (', { ltr: '1945' }, ') نذكر']))).toBe('عام (1945) نذكر');
    expect(popplerReads(line(['تقارب ', { ltr: '278' }, '%. ومنذ']))).toBe('تقارب 278%. ومنذ');
    expect(popplerReads(line(['كلمات ', { ltr: 'Nelson Mandela' }, ' عن']))).toBe('كلمات Nelson Mandela عن');
  });

  it('leaves alone a line poppler already reads in order, and a haraka placed left of the comma after its letter', () => {
    const plain = line(['بيان عن التعليم']);
    expect(popplerRlms(plain).size).toBe(0);
    const withHaraka = line(['بيت', '،', ' ومكتبة']);
    // The kasratan of ت drawn just left of the comma, read before it.
    withHaraka.splice(3, 0, { x: withHaraka[3].x - 0.01, text: '\u064D' });
    expect(popplerReads(withHaraka)).toBe('بيت\u064D، ومكتبة');
  });
});

describe('popplerBalance', () => {
  it('asks for one RLM per left-to-right letter of a line, none for a line without any', () => {
    expect(popplerBalance(['ب', 'ي', 'ت'])).toBe(0);
    expect(popplerBalance(['على', ' ', 'h', 't', 't', 'p', 's', ':', '/', '/'])).toBe(5);
    // Digits and signs are not letters to poppler's count.
    expect(popplerBalance(['2', '0', '2', '4', '%'])).toBe(0);
  });
});

describe('popplerPageBalance', () => {
  const line = (text: string, rtl = true) => ({ texts: [...text], rtl });
  it('gives no RLM to a page whose right-to-left letters outnumber its left-to-right ones', () => {
    expect(popplerPageBalance([line('نستذكر كلمات Nelson Mandela عن التعليم بوصفه أقوى سلاح')]).shares).toEqual([0]);
  });
  it('gives none to a page whose right-to-left lines do not mix (a title over English lines)', () => {
    expect(popplerPageBalance([line('خطة عمل'), line('23rd INTERNATIONAL MEETING OF'), line('COMMUNIST AND WORKERS PARTIES')]).shares).toEqual([0, 0, 0]);
  });
  it('gives a mixed page only what it lacks, from its right-to-left lines in turn, never more than a line has Latin letters', () => {
    // 3 Arabic letters against 18 Latin ones: 18 − 3 + 1 = 16 lacking.
    const { shares } = popplerPageBalance([line('على https'), line('example.org', false), line('abc')]);
    expect(shares).toEqual([5, 0, 3]);
    // 6 Arabic letters against 9 Latin ones: 4 RLMs, fewer than the line's 6 Latin letters.
    expect(popplerPageBalance([line('الرابط abcdef'), line('xyz', false)]).shares).toEqual([4, 0]);
  });
  it('counts the LRM popplerLrms may draw after a neutral that ends a left-to-right run (a URL «?»), once per run', () => {
    // 6 Arabic letters against 9 Latin ones, and one run ending in «?»: 9 − 6 + 1 + 1 = 5.
    expect(popplerPageBalance([line('الرابط abc?def?'), line('xyz', false)]).shares).toEqual([5, 0]);
  });
});

describe('popplerKeepsMark', () => {
  const LRM = '\u200E';
  const RLM = '\u200F';
  it('keeps only the RLM between ASCII digits or a Latin letter and the punctuation glued to them (mupdf 1.28)', () => {
    expect(popplerKeepsMark(RLM, '5', true)).toBe(true);
    expect(popplerKeepsMark(RLM, 'n', true)).toBe(true);
    expect(popplerKeepsMark(RLM, '5', false)).toBe(false);
    expect(popplerKeepsMark(RLM, '۱', true)).toBe(false);
    expect(popplerKeepsMark(RLM, '١', true)).toBe(false);
    expect(popplerKeepsMark(LRM, '5', true)).toBe(false);
  });
});

describe('popplerLrms', () => {
  const RLM = '\u200F';
  /** A left-to-right stretch drawn left to right from x = 0, then the RLM that closes it at its right edge. */
  const stretch = (s: string) => [...[...s].map((c, k) => ({ x: k * 5, advance: 5, text: c })), { x: s.length * 5, advance: 0, text: RLM }];

  it('puts an LRM after a neutral that ends a left-to-right run at the right of the line part («pdf?»)', () => {
    const chars = stretch('pdf?');
    expect([...popplerLrms(chars)]).toEqual([[3, 20]]);
  });

  it('leaves alone a run that ends in a letter or a number, and a neutral that comes before the run in the text', () => {
    expect(popplerLrms(stretch('pdf')).size).toBe(0);
    expect(popplerLrms(stretch('v2')).size).toBe(0);
    // «(» drawn right of «2024» but before it in the text: the bracket opens the run, it does not end it.
    const open = [{ x: 20, advance: 5, text: '(' }, ...[...'2024'].map((c, k) => ({ x: k * 5, advance: 5, text: c }))];
    expect(popplerLrms(open).size).toBe(0);
  });
});

describe('mupdfKeepsPopplerMarks', () => {
  it('keeps the marks for mupdf 1.28 where Arabic-Indic digits are followed by a word space and an Arabic word', () => {
    expect(mupdfKeepsPopplerMarks('التاريخ: ١٢ سبتمبر ٢٠٢٣')).toBe(true);
    expect(mupdfKeepsPopplerMarks('نكتب: عام ٢٠٢٤ هو عام')).toBe(true);
  });

  it('hides them elsewhere: one digit, a sign after the number, the number at the end, other digits', () => {
    expect(mupdfKeepsPopplerMarks('التاريخ: ٨ مارس')).toBe(false);
    expect(mupdfKeepsPopplerMarks('١٩- حرية الرأي والتعبير')).toBe(false);
    expect(mupdfKeepsPopplerMarks('في عام ٢٠٢٤.')).toBe(false);
    expect(mupdfKeepsPopplerMarks('العامة 217 ألف')).toBe(false);
    expect(mupdfKeepsPopplerMarks('ماده ۱۲ همه')).toBe(false);
    expect(mupdfKeepsPopplerMarks('٢٠ ٢٤')).toBe(false);
  });
});
