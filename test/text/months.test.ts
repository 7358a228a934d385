/**
 * Dates kept on one line (src/text/months.ts `dateRuns` finds them,
 * src/text/itemize.ts `markDates` ties their breaks): «۱ اسفند» / «۱۴۰۲»
 * (stress-fa's story card 22) parts what a publisher never parts. Arabic,
 * Persian and English, Latin, Arabic-Indic and Persian digits; whole in body
 * text, a soft tie where the date fills most of a narrow line, never an
 * overflow.
 */
import { describe, expect, it } from 'vitest';
import { dateRuns, englishMonthNumber, PERSIAN_SOLAR_MONTHS } from '../../src/text/months.js';
import { itemize } from '../../src/text/itemize.js';
import { composeParagraph } from '../../src/text/compose.js';
import type { ComposeOptions } from '../../src/text/options.js';
import { amiri } from '../support/fonts.js';

/** The dates `dateRuns` finds in a text whose words are parted by single spaces. */
const found = (s: string) => {
  const w = s.split(' ');
  return dateRuns(w, w.map(() => true)).map(([a, b]) => w.slice(a, b + 1).join(' '));
};

describe('dateRuns', () => {
  it('finds a day, a month and a year in Arabic, Persian and English, in each digit system', () => {
    expect(found('تا ۱ اسفند ۱۴۰۲ برای ما')).toEqual(['۱ اسفند ۱۴۰۲']);
    expect(found('تا 1 اسفند 1402 برای ما')).toEqual(['1 اسفند 1402']);
    expect(found('في 22 أكتوبر 2023 عقد')).toEqual(['22 أكتوبر 2023']);
    expect(found('في ٢٢ أكتوبر ٢٠٢٣ عقد')).toEqual(['٢٢ أكتوبر ٢٠٢٣']);
    expect(found('في ٥ تشرين الأول ٢٠٢٣ عقد')).toEqual(['٥ تشرين الأول ٢٠٢٣']);
    expect(found('في ٥ تشرين الأول عام ٢٠٢٣ عقد')).toEqual(['٥ تشرين الأول عام ٢٠٢٣']);
    expect(found('on October 22, 2023 we met')).toEqual(['October 22, 2023']);
    expect(found('on 22 October 2023 we met')).toEqual(['22 October 2023']);
    expect(found('on Oct. 22, 2023 we met')).toEqual(['Oct. 22, 2023']);
    expect(found('روز ۲۲ اکتبر ۲۰۲۳ بود')).toEqual(['۲۲ اکتبر ۲۰۲۳']);
    expect(found('روز ۱ اسفندماه ۱۴۰۲ بود')).toEqual(['۱ اسفندماه ۱۴۰۲']);
  });

  it('finds a month and its year alone, a day and its month alone, and dates inside brackets and before punctuation', () => {
    expect(found('تا اسفند ۱۴۰۲. سپس')).toEqual(['اسفند ۱۴۰۲.']);
    expect(found('in October 2023, we')).toEqual(['October 2023,']);
    expect(found('on October 22 we')).toEqual(['October 22']);
    expect(found('حتى ٥ تشرين الأول فقط')).toEqual(['٥ تشرين الأول']);
    expect(found('روزهای ۲۸ تا ۳۰ مهر ۱۴۰۲ (۲۰ تا ۲۲ اکتبر ۲۰۲۳) گرد')).toEqual(['۳۰ مهر ۱۴۰۲', '۲۲ اکتبر ۲۰۲۳)']);
    expect(found('*تهران*، ۳۰ مهر ۱۴۰۲')).toEqual(['۳۰ مهر ۱۴۰۲']);
  });

  it('finds no date across a sentence end, a clause mark or a line break, nor in a month name alone or a lower-case «may»', () => {
    expect(found('in October. 2023 was')).toEqual([]);
    expect(found('تا اسفند. ۱۴۰۲ سال')).toEqual([]);
    expect(found('۲۲) اکتبر ۲۰۲۳')).toEqual(['اکتبر ۲۰۲۳']);
    expect(found('we may 2023')).toEqual([]);
    expect(found('ماه اسفند سرد است')).toEqual([]);
    expect(found('in October, 22 people')).toEqual([]);
    const w = ['۱', 'اسفند', '۱۴۰۲'];
    // (The day keeps its month; the year after a line break is not the date's.)
    expect(dateRuns(w, [true, false, true]).map(([a, b]) => w.slice(a, b + 1).join(' '))).toEqual(['۱ اسفند']);
  });

  it('holds every Persian solar month, and numbers English months by their first letters', () => {
    for (const m of PERSIAN_SOLAR_MONTHS) expect(found(`۳ ${m} ۱۴۰۳`)).toEqual([`۳ ${m} ۱۴۰۳`]);
    expect([englishMonthNumber('Sept'), englishMonthNumber('october'), englishMonthNumber('Foo')]).toEqual([9, 10, 0]);
  });
});

const style = (size: number) => ({ fonts: [amiri()], size });
const keeps = (text: string, dir: 'rtl' | 'ltr', size = 11, measure?: number) => {
  const { words } = itemize([{ text, style: style(size) }], dir, dir === 'rtl' ? 'fa' : 'en', measure);
  return words.map((w) => `${text.slice(w.start, w.end)}${w.keepWithNext ? '~' : w.leans ? '?' : ''}`).join(' ');
};

describe('a date in a paragraph (itemize.ts markDates)', () => {
  it('keeps every space inside a date, day to year, with no break at all in running text', () => {
    // (A number keeps the word after it already, markNumberBinds: «۱۴۰۲~ برای».)
    expect(keeps('تا ۱ اسفند ۱۴۰۲ برای ما', 'rtl', 11, 300)).toBe('تا ۱~ اسفند~ ۱۴۰۲~ برای ما');
    expect(keeps('في ٥ تشرين الأول ٢٠٢٣ عقد', 'rtl', 11, 300)).toBe('في ٥~ تشرين~ الأول~ ٢٠٢٣~ عقد');
    expect(keeps('on October 22, 2023, we', 'ltr', 11, 300)).toBe('on October~ 22,~ 2023, we');
    expect(keeps('on 22 October 2023, we', 'ltr', 11, 300)).toBe('on 22~ October~ 2023, we');
    // No measure (a measuring pass): kept whole.
    expect(keeps('on 22 October 2023, we', 'ltr')).toBe('on 22~ October~ 2023, we');
  });

  it('leans (a soft tie) where the date is wider than half the measure: the day keeps its month still', () => {
    expect(keeps('تا ۱ اسفند ۱۴۰۲ برای ما', 'rtl', 40, 200)).toBe('تا ۱~ اسفند? ۱۴۰۲~ برای ما');
    expect(keeps('on October 22, 2023, we', 'ltr', 40, 200)).toBe('on October? 22,? 2023, we');
  });

  const opts = (dir: 'rtl' | 'ltr', measure: number): ComposeOptions => ({
    dir,
    lang: dir === 'rtl' ? 'fa' : 'en',
    measure,
    align: dir === 'rtl' ? 'justify' : 'start',
    justify: 'spaces',
    space: { stretch: 0.25, shrink: 0.2, max: 2 },
  });
  /** The dates of `text` that a line end falls inside, composed at `measure`; and whether a line is wider than it. */
  const setAt = (text: string, dir: 'rtl' | 'ltr', size: number, measure: number) => {
    const para = composeParagraph([{ text, style: style(size) }], opts(dir, measure));
    const w = text.split(' ');
    const runs = dateRuns(w, w.map(() => true)).map(([a, b]) => {
      const start = text.indexOf(w[a]);
      return [start, text.indexOf(w[b], start) + w[b].length] as const;
    });
    const split = runs.filter(([a, b]) => para.lines.slice(0, -1).some((l) => l.end > a && l.end < b)).map(([a, b]) => text.slice(a, b));
    return { split, over: para.lines.some((l) => l.width > measure + 0.01) };
  };
  const TEXTS: Array<[string, 'rtl' | 'ltr']> = [
    ['ما همهٔ انجمن‌ها، کتاب‌خانه‌ها و خوانندگان را فرا می‌خوانیم که این بیانیه را بخوانند، دربارهٔ آن گفت‌وگو کنند و پیشنهادهای خود را تا ۱ اسفند ۱۴۰۲ برای ما بفرستند.', 'rtl'],
    ['وعقد المؤتمر في مدينة إزمير يوم ٢٢ أكتوبر ٢٠٢٣ بحضور ممثلين عن النقابات والجمعيات، ثم اجتمعت اللجنة في ٥ تشرين الأول ٢٠٢٣ لتقرير البرنامج.', 'rtl'],
    ['وعقد المؤتمر في مدينة إزمير يوم 22 أكتوبر 2023 بحضور ممثلين عن النقابات والجمعيات، ثم اجتمعت اللجنة في 5 تشرين الأول 2023 لتقرير البرنامج.', 'rtl'],
    ['The congress met in Izmir on October 22, 2023, with delegates of the unions and associations; the committee met again on 5 November 2023 to settle the programme.', 'ltr'],
  ];

  it('never ends a line inside a date in body text, at any measure from a leaflet column to a page (the date and the words kept to it half the line or less)', () => {
    for (const [text, dir] of TEXTS)
      for (let measure = 210; measure <= 420; measure += 7) {
        const { split, over } = setAt(text, dir, 10, measure);
        expect({ measure, text: text.slice(0, 20), split, over }).toEqual({ measure, text: text.slice(0, 20), split: [], over: false });
      }
  });

  it('sets a date wider than half a narrow line without overflow (a card at display size), and never wider than the line', () => {
    for (const [text, dir] of TEXTS)
      for (const measure of [120, 160, 200, 260]) expect(setAt(text, dir, 40, measure * 2).over).toBe(false);
  });
});
