/**
 * Month names as the texts warraq sets write them, each table January (or
 * Farvardin) first, each month with the spellings met. One place for them:
 * the parse stage reads dates with them (src/parse/dates.ts: `findDates`,
 * `monthStyleOf`, `dateOrderOf`) and the text layer keeps a written date on
 * one line (`dateRuns`, used by itemize.ts). Plain string rules, no HarfBuzz
 * or font behind them, so the parse stage may import them (as it does
 * addresses.ts) without a cycle between the folders.
 */

/** English, full names; `ENGLISH_MONTH_PATTERN` also reads «Oct», «Sept.». */
export const ENGLISH_MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'] as const;

/** Arabic names of the Gregorian months as Egypt and the Gulf write them (their spellings, the first the usual). */
export const ARABIC_MONTHS: ReadonlyArray<readonly string[]> = [
  ['يناير'], ['فبراير'], ['مارس'], ['أبريل', 'إبريل', 'ابريل'], ['مايو'], ['يونيو', 'يونيه'],
  ['يوليو', 'يوليه'], ['أغسطس'], ['سبتمبر'], ['أكتوبر', 'اكتوبر'], ['نوفمبر'], ['ديسمبر'],
];

/** Levantine (Syriac-derived) names of the Gregorian months, as Syria, Lebanon, Jordan, Palestine and Iraq write them. */
export const LEVANT_MONTHS = ['كانون الثاني', 'شباط', 'آذار', 'نيسان', 'أيار', 'حزيران', 'تموز', 'آب', 'أيلول', 'تشرين الأول', 'تشرين الثاني', 'كانون الأول'] as const;

/** The months of the Persian solar (Solar Hijri) calendar, Farvardin first. */
export const PERSIAN_SOLAR_MONTHS = ['فروردین', 'اردیبهشت', 'خرداد', 'تیر', 'مرداد', 'شهریور', 'مهر', 'آبان', 'آذر', 'دی', 'بهمن', 'اسفند'] as const;

/** Persian names of the Gregorian months (the first what CLDR writes, «۲۲ اکتبر ۲۰۲۳»). «می» for May is left out: as a word of its own it is a verb's prefix far more often. */
export const PERSIAN_GREGORIAN_MONTHS: ReadonlyArray<readonly string[]> = [
  ['ژانویه', 'ژانویهٔ'], ['فوریه', 'فوریهٔ'], ['مارس'], ['آوریل'], ['مه'], ['ژوئن'],
  ['ژوئیه', 'ژوئیهٔ', 'جولای'], ['اوت', 'آگوست'], ['سپتامبر'], ['اکتبر'], ['نوامبر'], ['دسامبر'],
];

/**
 * An English month in a regular expression (a group, case-insensitive
 * flags left to the caller): «Jan», «January», «Sept.»; its first three
 * letters give the month (`englishMonthNumber`).
 */
export const ENGLISH_MONTH_PATTERN = '(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\\.?';

/** 1–12 for an English month's name or abbreviation, by its first three letters (0 when none). */
export function englishMonthNumber(name: string): number {
  const three = name.slice(0, 3).toLowerCase();
  return ENGLISH_MONTHS.findIndex((m) => m.slice(0, 3).toLowerCase() === three) + 1;
}

const DIGIT = '[0-9\u0660-\u0669\u06F0-\u06F9]';
const DAY = new RegExp(`^${DIGIT}{1,2}$`, 'u');
const YEAR = new RegExp(`^${DIGIT}{4}$`, 'u');
/** Words that date the year after them inside a date: «٥ تشرين الأول عام ٢٠٢٣», «۱ اسفند سال ۱۴۰۲». */
const DATING_WORDS = new Set(['عام', 'سنة', 'سال']);
/** Punctuation around a date's word that does not part it from the next: «(۲۲», «2023)», «22,», «Oct.». */
const OPENING = /^[(«"'“‘[]+/u;
const CLOSING = /[)»"'”’\].,،؛;:!?]+$/u;
/** What may close a word inside a date: English's comma after the day («October 22, 2023»), an abbreviation's full stop. */
const INNER_CLOSING = /[.,]$/u;

/** An English month's abbreviation with its full stop: «Oct.», «Sept.» (not «May.», a sentence's end). */
const ABBREVIATED = new RegExp(`^(?:${ENGLISH_MONTHS.filter((m) => m.length > 3).map((m) => m.slice(0, 3)).join('|')}|Sept)\\.$`, 'u');

const LATIN = /[A-Za-z]/u;

/** Every month name, as its words: «تشرين الأول» is two. */
const MONTH_WORDS: ReadonlyArray<readonly string[]> = [
  ...ENGLISH_MONTHS,
  ...ENGLISH_MONTHS.filter((m) => m.length > 3).map((m) => m.slice(0, 3)),
  'Sept',
  ...ARABIC_MONTHS.flat(),
  ...LEVANT_MONTHS,
  ...PERSIAN_SOLAR_MONTHS,
  ...PERSIAN_GREGORIAN_MONTHS.flat(),
].map((m) => m.split(' '));
/** A Persian month may be written with «ماه» joined to it: «اسفندماه», «اسفند‌ماه». */
const MONTH_SUFFIX = /\u200c?ماه$/u;

/** The Persian months, after which «ماه» may stand as a word of its own: «۱۰ دی ماه ۱۴۰۲». */
const PERSIAN_MONTH_WORDS = new Set<string>([...PERSIAN_SOLAR_MONTHS, ...PERSIAN_GREGORIAN_MONTHS.flat()]);

/**
 * How many words the month name at word i takes (0: none), `first` standing
 * for word i's text when the name starts after a «/» inside it. Only its last
 * word may end in punctuation; a name's inner words are joined by a space
 * alone. Two months written as one, the second after a «/» (warraq's own
 * month style `both`, «١٠ كانون الأول/ديسمبر ١٩٤٨»; udhr-ar's source «10
 * كانون الأول / ديسمبر 1948»), are one month, as is a Persian month with
 * «ماه» after it, joined or apart («اسفندماه», «دی ماه»).
 */
function monthReader(words: readonly string[], joined: readonly boolean[]) {
  /** How many words after the name's last word (at `at`, its text `text`, the name's word `name`) the month takes: -1 when it is not the name. */
  const after = (at: number, written: string, name: string): number => {
    // (itemize's words keep a «/» with the word before it: «الأول /».)
    const text = written.replace(/\s+\/$/u, '/');
    const c = text.replace(CLOSING, '');
    if (c === name || c.replace(MONTH_SUFFIX, '') === name) {
      if (c !== text || !joined[at]) return 0;
      const next = words[at + 1] ?? '';
      if (next === '/' && joined[at + 1]) return monthAt(at + 2) ? 1 + monthAt(at + 2) : 0;
      if (next.startsWith('/')) return monthAt(at + 1, next.slice(1));
      return c === name && PERSIAN_MONTH_WORDS.has(name) && next.replace(CLOSING, '') === 'ماه' ? 1 : 0;
    }
    if (!text.startsWith(`${name}/`)) return -1;
    const rest = text.slice(name.length + 1);
    if (rest) return monthAt(at, rest) ? monthAt(at, rest) - 1 : -1;
    return joined[at] && monthAt(at + 1) ? monthAt(at + 1) : -1;
  };
  const monthAt = (i: number, first?: string): number => {
    for (const m of MONTH_WORDS) {
      const n = m.length;
      if (i + n > words.length) continue;
      let ok = true;
      for (let k = 0; k < n - 1 && ok; k++) ok = (k === 0 ? (first ?? words[i]).replace(OPENING, '') : words[i + k]) === m[k] && joined[i + k];
      if (!ok) continue;
      const more = after(i + n - 1, n === 1 ? (first ?? words[i]).replace(OPENING, '') : words[i + n - 1], m[n - 1]);
      if (more >= 0) return n + more;
    }
    return 0;
  };
  return monthAt;
}

/** What dateRuns asks of the words: which are days, years and month names, and which run on into the next. */
function dateReader(words: readonly string[], joined: readonly boolean[]) {
  const core = (i: number) => (words[i] ?? '').replace(OPENING, '').replace(CLOSING, '');
  const isDay = (i: number) => DAY.test(core(i));
  const isYear = (i: number) => YEAR.test(core(i));
  const monthAt = monthReader(words, joined);
  /** Whether word i may run on into word i + 1 inside a date (a space alone between, no closing mark but «,» or «.»). */
  const runsOn = (i: number) => joined[i] && !/[)»"'”’\]؛;:!?،]$/u.test(words[i]) && (!CLOSING.test(words[i]) || INNER_CLOSING.test(words[i]));
  /** Whether the month's name ending at word `last` runs on into the next word: a comma after it parts them, a full stop ends the sentence (after an abbreviation, «Oct.», it closes it). */
  const monthRunsOn = (last: number) => runsOn(last) && !/,$/u.test(words[last]) && (!/[.]$/u.test(words[last]) || ABBREVIATED.test(words[last]));
  /** The year after the month that ends at word `last`, optionally after a dating word: the run's last word, else `last`. */
  const withYear = (last: number): number => {
    if (!monthRunsOn(last)) return last;
    if (isYear(last + 1)) return last + 1;
    if (DATING_WORDS.has(words[last + 1]) && runsOn(last + 1) && isYear(last + 2)) return last + 2;
    return last;
  };
  return { isDay, isYear, monthAt, runsOn, monthRunsOn, withYear };
}

/**
 * The date runs among a paragraph's words (`words`: each word's text, the
 * punctuation around it included; `joined[i]`: word i and word i + 1 are
 * parted by a space alone, no line break): for each run, its first and
 * last word. A run is a day and a month's name with or without the year
 * («۱ اسفند ۱۴۰۲», «22 أكتوبر 2023», «٥ تشرين الأول ٢٠٢٣», «22 October
 * 2023»), a month's name, the day and the year («October 22, 2023»), or a
 * month's name and the year («اسفند ۱۴۰۲», «October 2023»). A publisher
 * never parts these over two lines.
 */
export function dateRuns(words: readonly string[], joined: readonly boolean[]): Array<[number, number]> {
  const { isDay, isYear, monthAt, runsOn, monthRunsOn, withYear } = dateReader(words, joined);
  const runs: Array<[number, number]> = [];
  for (let i = 0; i < words.length; ) {
    // A day, then the month: «۱ اسفند», «22 October»
    if (isDay(i) && runsOn(i) && !/,$/u.test(words[i])) {
      const n = monthAt(i + 1);
      if (n) {
        const end = withYear(i + n);
        runs.push([i, end]);
        i = end + 1;
        continue;
      }
    }
    const n = monthAt(i);
    if (n) {
      const last = i + n - 1;
      // The month, then the day (and the year), as English writes it: «October 22, 2023»
      if (LATIN.test(words[i]) && monthRunsOn(last) && isDay(last + 1)) {
        const end = runsOn(last + 1) && isYear(last + 2) ? last + 2 : last + 1;
        runs.push([i, end]);
        i = end + 1;
        continue;
      }
      // The month and the year: «اسفند ۱۴۰۲», «October 2023»
      const end = withYear(last);
      if (end > last || n > 1) {
        runs.push([i, end]);
        i = end + 1;
        continue;
      }
      i = last + 1;
      continue;
    }
    i++;
  }
  return runs;
}
