/**
 * Dates kept on one line (src/text/months.ts `dateRuns` finds them,
 * src/text/itemize.ts `markDates` ties their breaks): «۱ اسفند» / «۱۴۰۲»
 * (stress-fa's story card 22) parts what a publisher never parts. Arabic,
 * Persian and English, Latin, Arabic-Indic and Persian digits; hard within 0.4
 * of the measure, else soft ties, taken where the setting is no
 * worse for them.
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

  it('reads two months written as one, after a «/» joined or between spaces, and a Persian month with «ماه» apart', () => {
    // warraq's own month style `both` (formatEventDate) and udhr-ar's source.
    expect(found('في ١٠ كانون الأول/ديسمبر ١٩٤٨ أقرت')).toEqual(['١٠ كانون الأول/ديسمبر ١٩٤٨']);
    expect(found('في 10 كانون الأول / ديسمبر 1948.')).toEqual(['10 كانون الأول / ديسمبر 1948.']);
    expect(found('في 10 كانون الأول /ديسمبر 1948')).toEqual(['10 كانون الأول /ديسمبر 1948']);
    expect(found('في 10 كانون الأول/ ديسمبر 1948')).toEqual(['10 كانون الأول/ ديسمبر 1948']);
    expect(found('في ١٠ ديسمبر/كانون الأول ١٩٤٨ أقرت')).toEqual(['١٠ ديسمبر/كانون الأول ١٩٤٨']);
    expect(found('روز ۱۰ دی ماه ۱۴۰۲ بود')).toEqual(['۱۰ دی ماه ۱۴۰۲']);
    expect(found('تا اسفند ماه ۱۴۰۲ سپس')).toEqual(['اسفند ماه ۱۴۰۲']);
    // (A «/» before what is no month ends the month there.)
    expect(found('في 10 ديسمبر / 1948')).toEqual(['10 ديسمبر']);
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
  it('leans on every space inside a date wider than 0.4 of the measure (the day keeps its month), hard within it or with no measure', () => {
    // (A number keeps the word after it already, markNumberBinds: «۱۴۰۲~ برای».)
    expect(keeps('تا ۱ اسفند ۱۴۰۲ برای ما', 'rtl', 11, 120)).toBe('تا ۱~ اسفند? ۱۴۰۲~ برای ما');
    expect(keeps('في ٥ تشرين الأول ٢٠٢٣ عقد', 'rtl', 11, 120)).toBe('في ٥~ تشرين? الأول? ٢٠٢٣~ عقد');
    expect(keeps('on October 22, 2023, we', 'ltr', 11, 120)).toBe('on October? 22,? 2023, we');
    expect(keeps('on 22 October 2023, we', 'ltr', 11, 120)).toBe('on 22~ October? 2023, we');
    expect(keeps('في ١٠ كانون الأول / ديسمبر ١٩٤٨ أقرت', 'rtl', 11, 120)).toBe('في ١٠~ كانون? الأول /? ديسمبر? ١٩٤٨~ أقرت');
    expect(keeps('تا ۱ اسفند ۱۴۰۲ برای ما', 'rtl', 11, 600)).toBe('تا ۱~ اسفند~ ۱۴۰۲~ برای ما');
    // No measure (a measuring pass): kept whole.
    expect(keeps('on 22 October 2023, we', 'ltr')).toBe('on 22~ October~ 2023, we');
  });

  it('parts a date rather than set loose lines: mixed-7 point ٤ at 160 pt (dates19 tied it hard: two lines past ×1.5)', () => {
    const text = 'نحيي اليوم الدولي للتضامن مع الشعب الفلسطيني في 29 نوفمبر، ونشارك في الندوة الإقليمية المقرر عقدها يومي 4 و5 مايو 2024 في عمّان (الأردن).';
    const para = composeParagraph([{ text, style: style(12) }], { dir: 'rtl', lang: 'ar', measure: 160, align: 'justify', justify: 'kashida', space: { stretch: 0.3, shrink: 0.2, max: 1.5 }, avoidRunts: { maxSpace: 1.5 } });
    expect(para.lines.slice(0, -1).filter((l) => l.spaceRatio > 1.5 + 1e-9)).toEqual([]);
    expect(para.lines.map((l) => text.slice(l.start, l.end)).join('|')).toContain('4 و5 مايو');
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

  it('keeps most dates whole in body text, and never overflows', () => {
    // (A date wider than 0.4 of the line leans; its ties are tried each alone, as a leaning word's (withTies).)
    let kept = 0;
    let all = 0;
    for (const [text, dir] of TEXTS)
      for (let measure = 210; measure <= 420; measure += 7) {
        const { split, over } = setAt(text, dir, 10, measure);
        expect(over).toBe(false);
        all++;
        if (!split.length) kept++;
      }
    expect(kept / all).toBeGreaterThan(0.85);
  });

  it('sets a date wider than half a narrow line without overflow (a card at display size), and never wider than the line', () => {
    for (const [text, dir] of TEXTS)
      for (const measure of [120, 160, 200, 260]) expect(setAt(text, dir, 40, measure * 2).over).toBe(false);
  });
});
