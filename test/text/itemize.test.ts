/**
 * Itemizing: which runs are set letter for letter (no ligatures: URLs, e-mail
 * addresses, file names, hashes) and which letterless runs take the Latin
 * script (the Latin full stop in «1.1»).
 */
import { describe, expect, it } from 'vitest';
import { asciiToken, itemize, runScript, type ShapedRun } from '../../src/text/itemize.js';
import { tokenCore, verbatimSpans } from '../../src/text/addresses.js';
import { bidi, isolatedLevels } from '../../src/text/bidi.js';
import { forgetShapedRuns, shapeRun } from '../../src/text/shape.js';
import { projectFont } from '../support/textFixtures.js';

const amiri = () => projectFont('Amiri-Regular.ttf');

/** The runs of `text` (one style, Amiri) that cover `part`. */
function runsOf(text: string, part: string, dir: 'ltr' | 'rtl' = 'ltr'): ShapedRun[] {
  const at = text.indexOf(part);
  const { words } = itemize([{ text, style: { fonts: [amiri()], size: 11 } }], dir, dir === 'rtl' ? 'ar' : 'en');
  return words.flatMap((w) => w.runs).filter((r) => r.start < at + part.length && r.end > at);
}

const gids = (runs: ShapedRun[]) => runs.flatMap((r) => r.glyphs.map((g) => g.gid));

describe('verbatim tokens', () => {
  it('is the printable ASCII around a run, ended by spaces, bidi isolates and other scripts', () => {
    const text = 'ملف \u2068udhr-en.txt\u2069 و hash ff1d72';
    const at = text.indexOf('en.txt');
    expect(asciiToken(text, at, at + 2)).toBe('udhr-en.txt');
    expect(asciiToken(text, text.indexOf('ff1d'), text.length)).toBe('ff1d72');
    expect(asciiToken(text, 0, 3)).toBe('');
  });

  it('are shaped without ligatures, one glyph per letter; other words keep theirs', () => {
    const hash = runsOf('SHA-256 ff1d72eabb9beeaf', 'ff1d72eabb9beeaf');
    expect(gids(hash)).toHaveLength('ff1d72eabb9beeaf'.length);
    for (const word of ['https://example.org/office', 'udhr-effort.txt', 'office@example.org']) {
      const runs = runsOf(`See ${word} now`, word);
      expect(gids(runs), word).toHaveLength(word.length);
    }
    // The «ff» ligature is kept in a word (Amiri has one).
    expect(gids(runsOf('the office', 'office')).length).toBeLessThan('office'.length);
  });

  it('are remembered apart from the same letters with ligatures (the features are part of the cache key)', () => {
    forgetShapedRuns();
    const font = amiri();
    const text = 'ff1d';
    const plain = shapeRun({ font, size: 11, text, start: 0, end: 4, rtl: false, lang: 'en' });
    const verbatim = shapeRun({ font, size: 11, text, start: 0, end: 4, rtl: false, lang: 'en', noLigatures: true });
    const again = shapeRun({ font, size: 11, text, start: 0, end: 4, rtl: false, lang: 'en' });
    expect(plain.length).toBeLessThan(verbatim.length);
    expect(verbatim).toHaveLength(4);
    expect(again).toEqual(plain);
    forgetShapedRuns();
  });
});

describe('a letterless run', () => {
  it('after a Latin letter takes the Latin script: «1.1» gets the Latin full stop, not Amiri\'s raised Arabic one', () => {
    const latinStop = gids(runsOf('a.b', '.'))[1];
    const defaultStop = gids(runsOf('1.1', '1.1'))[1];
    expect(latinStop).not.toBe(defaultStop);
    const [one, stop, one2] = gids(runsOf('the SIL Open Font License 1.1', '1.1'));
    expect(stop).toBe(latinStop);
    expect(one).toBe(one2);
    expect(runScript('License 1.1', 8, 11, false)).toBe('Latn');
  });

  it('keeps HarfBuzz\'s guess when right-to-left, after an Arabic letter, or without any letter', () => {
    expect(runScript('بنسبة 1.1', 6, 9, false)).toBeUndefined();
    expect(runScript('(EU) و', 3, 4, true)).toBeUndefined();
    expect(runScript('1.1', 0, 3, false)).toBeUndefined();
    expect(runScript('License 1.1', 0, 7, false)).toBeUndefined();
  });
});

describe('addresses in body text', () => {
  it('Arabic-Indic or Persian digits glued to an address are not part of it: the address is isolated and broken, the digits stay outside', () => {
    const url = 'https://example.org/reports/2024/annual-education-and-literacy-review/arabic-edition/full-text.pdf';
    for (const digits of ['۱۲', '١٢']) {
      const [a, b] = tokenCore(`${url}${digits}`);
      expect([a, b]).toEqual([0, url.length]);
      const text = `رجوع به ${url}${digits} و`;
      expect(verbatimSpans(text).map(([a, b]) => text.slice(a, b))).toEqual([url]);
      // Broken at its own breaks: every part fits a line of 200 pt (it was one word of ~470 pt).
      const { words } = itemize([{ text, style: { fonts: [amiri()], size: 11.5 } }], 'rtl', 'fa', 200);
      const parts = words.filter((w) => w.start >= text.indexOf('https') && w.start < text.indexOf(digits));
      expect(parts.length).toBeGreaterThan(1);
      for (const w of parts) expect(w.width, text.slice(w.start, w.end)).toBeLessThanOrEqual(200);
    }
    expect(tokenCore('۱۲https://x.org/a')).toEqual([2, 17]);
  });

  it('get the levels an LRI … PDI around them would give, with no character added', () => {
    const text = 'زوروا الموقع https://example.org/path/، ثم';
    const { levels, text: itemized } = itemize([{ text, style: { fonts: [amiri()], size: 11 } }], 'rtl', 'ar');
    expect(itemized).toBe(text);
    const url = text.indexOf('https');
    const slash = text.indexOf('/،');
    // The final «/» stays in the URL (level 2); the «،» after it is the paragraph's (level 1).
    expect(levels[slash]).toBe(2);
    expect(levels[slash + 1]).toBe(1);
    expect([...levels.slice(url, slash + 1)].every((l) => l === 2)).toBe(true);
    // The same as bidi-js gives the text with the isolates in it, their own levels left out.
    const withIsolates = bidi.getEmbeddingLevels(`${text.slice(0, url)}\u2066${text.slice(url, slash + 1)}\u2069${text.slice(slash + 1)}`, 'rtl').levels;
    expect([...isolatedLevels(text, 'rtl', [[url, slash + 1]])]).toEqual([...withIsolates.slice(0, url), ...withIsolates.slice(url + 1, slash + 2), ...withIsolates.slice(slash + 3)]);
  });
});

describe('a paragraph itemized again at another size', () => {
  it('breaks where it broke and reads its levels as before: the remembered levels and break opportunities are the text\'s alone', () => {
    // An address (isolated levels), Arabic and Latin, a forced break.
    const text = 'راسلونا على info@example.org أو https://example.org/path/to-a-page\nنطالب بالعدالة (١٩٤٨) للجميع.';
    const at = (size: number) => itemize([{ text, style: { fonts: [amiri()], size } }], 'rtl', 'ar');
    const large = at(12);
    const small = at(9);
    expect(small.words.map((w) => [w.start, w.end, w.hardBreak, w.spaceLevel])).toEqual(large.words.map((w) => [w.start, w.end, w.hardBreak, w.spaceLevel]));
    small.words.forEach((w, i) => expect(w.width).toBeCloseTo((large.words[i].width * 9) / 12, 9));
    expect([...small.levels]).toEqual([...isolatedLevels(text, 'rtl', verbatimSpans(text))]);
    // Another direction is another entry.
    expect([...itemize([{ text, style: { fonts: [amiri()], size: 9 } }], 'ltr', 'ar').levels]).toEqual([...isolatedLevels(text, 'ltr', verbatimSpans(text))]);
  });
});

describe('breaks around numbers and dashes', () => {
  const wordsOf = (text: string, dir: 'ltr' | 'rtl' = 'ltr') => {
    const { words } = itemize([{ text, style: { fonts: [amiri()], size: 11 } }], dir, dir === 'rtl' ? 'fa' : 'en');
    return words.map((w) => ({ text: text.slice(w.start, w.end), keep: w.keepWithNext === true }));
  };

  it('never breaks after a hyphen or an en dash that follows a digit («30-» / «day», «14–» / «16»); after one that follows a letter, as before', () => {
    expect(wordsOf('the 30-day rule').map((w) => w.text)).toEqual(['the', '30-day', 'rule']);
    expect(wordsOf('on 14–16 March').map((w) => w.text)).toEqual(['on', '14–16', 'March']);
    expect(wordsOf('Polish-speaking people').map((w) => w.text)).toEqual(['Polish-', 'speaking', 'people']);
    // At the text's end the break stays (coverage.property's random text: «x 30-» lost «30-»).
    expect(wordsOf('x 30-').map((w) => w.text)).toEqual(['x', '30-']);
    expect(wordsOf('الـ٣٠ ١٢٣-', 'rtl').map((w) => w.text)).toEqual(['الـ٣٠', '١٢٣-']);
  });

  it('never starts a line with a dash: a dash between spaces keeps with the word before it, a dash set close is no break', () => {
    const spaced = wordsOf('plain words — not hidden');
    expect(spaced.map((w) => w.text)).toEqual(['plain', 'words', '—', 'not', 'hidden']);
    expect(spaced.map((w) => w.keep)).toEqual([false, true, false, false, false]);
    expect(wordsOf('plain words—not hidden').map((w) => w.text)).toEqual(['plain', 'words—', 'not', 'hidden']);
    // Persian: the same.
    expect(wordsOf('کتاب — برای همه', 'rtl').map((w) => w.keep)).toEqual([true, false, false, false]);
  });

  it('never starts a line with Persian\'s «را»: the word before it keeps with it, with punctuation after it too (page review: «…نام مترجم / را روی جلد»)', () => {
    expect(wordsOf('نام مترجم را روی جلد', 'rtl').map((w) => w.keep)).toEqual([false, true, false, false, false]);
    expect(wordsOf('آن را، نه این', 'rtl').map((w) => w.keep)).toEqual([true, false, false, false]);
    // A word that only begins so is no marker.
    expect(wordsOf('کتاب راهنما', 'rtl').map((w) => w.keep)).toEqual([false, false]);
  });

  it('never starts a line with a Quranic mark: the word before a pause mark, an end of ayah or a prostration mark keeps with it, the space between them fixed; the rub el hizb keeps with the word after it (mulk-ar)', () => {
    const quran = (text: string) => {
      const { words } = itemize([{ text, style: { fonts: [amiri()], size: 11 } }], 'rtl', 'ar');
      return words.map((w) => `${text.slice(w.start, w.end)}${w.keepWithNext ? '+' : ''}${w.fixedSpace ? '=' : ''}`);
    };
    // Surah al-Mulk 3 (Tanzil): «طِبَاقًا ۖ مَّا», «تَفَاوُتٍ ۖ فَارْجِعِ».
    expect(quran('سَمَاوَاتٍ طِبَاقًا ۖ مَّا تَرَىٰ مِن تَفَاوُتٍ ۖ فَارْجِعِ')).toEqual(['سَمَاوَاتٍ', 'طِبَاقًا+=', 'ۖ', 'مَّا', 'تَرَىٰ', 'مِن', 'تَفَاوُتٍ+=', 'ۖ', 'فَارْجِعِ']);
    // Every pause mark U+06D6–U+06DC, the end of an ayah with its number, the prostration mark.
    for (const mark of [...'ۖۗۘۙۚۛۜ', '۝١٢', '۩']) expect(quran(`عَمَلًا ${mark}`), mark).toEqual(['عَمَلًا+=', mark]);
    expect(quran('قَدِيرٌ ۞ وَهُوَ')).toEqual(['قَدِيرٌ', '۞+=', 'وَهُوَ']);
    // A mark set close to its word makes no word of its own (UAX #14 keeps it).
    expect(quran('طِبَاقًاۖ مَّا')).toEqual(['طِبَاقًاۖ', 'مَّا']);
  });
});
