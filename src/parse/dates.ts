/**
 * Dates as editors write them. A day is `YYYY-MM-DD`; a recurring day (the
 * same date every year, ISO 8601) is `--MM-DD`. All checks are calendar
 * checks on plain strings: no time zones, no clock. The month names are the
 * text layer's (src/text/months.ts), which keeps a date on one line.
 */
import { ARABIC_MONTHS, ENGLISH_MONTH_PATTERN, ENGLISH_MONTHS, englishMonthNumber, LEVANT_MONTHS } from '../text/months.js';

type ParsedDate = { kind: 'day'; year: number; month: number; day: number } | { kind: 'recurring'; month: number; day: number };

function daysInMonth(month: number, year?: number): number {
  if (month === 2) return year === undefined || isLeap(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

function isLeap(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

/** `YYYY-MM-DD` (a real calendar day, years 1000–9999) or `--MM-DD`; anything else → undefined. */
export function parseEventDate(s: string): ParsedDate | undefined {
  let m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (m) {
    const year = +m[1];
    const month = +m[2];
    const day = +m[3];
    if (year < 1000 || month < 1 || month > 12 || day < 1 || day > daysInMonth(month, year)) return undefined;
    return { kind: 'day', year, month, day };
  }
  m = /^--(\d{2})-(\d{2})$/.exec(s);
  if (m) {
    const month = +m[1];
    const day = +m[2];
    if (month < 1 || month > 12 || day < 1 || day > daysInMonth(month)) return undefined;
    return { kind: 'recurring', month, day };
  }
  return undefined;
}

/** A real `YYYY-MM-DD` day. */
export function isIsoDay(s: string): boolean {
  return parseEventDate(s)?.kind === 'day';
}

export function isEventDate(s: string): boolean {
  return parseEventDate(s) !== undefined;
}

/** Sort key: `MM-DD` for recurring dates, `YYYY-MM-DD` for days. */
function key(d: ParsedDate): string {
  const md = `${String(d.month).padStart(2, '0')}-${String(d.day).padStart(2, '0')}`;
  return d.kind === 'day' ? `${d.year}-${md}` : md;
}

/**
 * Checks a range: both ends the same kind and end ≥ start.
 * Returns a reason when the range is wrong, else undefined.
 */
export function rangeProblem(start: string, end: string): string | undefined {
  const a = parseEventDate(start);
  const b = parseEventDate(end);
  if (!a || !b) return undefined; // each end is reported on its own
  if (a.kind !== b.kind) return 'start and end must both be days (YYYY-MM-DD) or both recurring (--MM-DD)';
  if (key(b) < key(a)) return `end ${end} is before start ${start}`;
  return undefined;
}

function isoFromParts(year: number, month: number, day: number): string | undefined {
  if (year < 1000 || year > 9999 || month < 1 || month > 12 || day < 1 || day > daysInMonth(month, year)) return undefined;
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** Each Arabic month name (both kinds, every spelling) → 1–12. */
const AR_MONTHS: Array<[string, number]> = [...ARABIC_MONTHS.flatMap((names, m) => names.map((n): [string, number] => [n, m + 1])), ...LEVANT_MONTHS.map((n, m): [string, number] => [n, m + 1])];

const AR_MONTH_RE = '(' + AR_MONTHS.map(([n]) => n).join('|') + ')';
/** Day lists like `20`, `20-22`, `20-21-22`, `4 و5`, `4 and 5`. Each repetition consumes a separator, so matching stays linear. */
const DAYS = '(\\d{1,2}(?:[ \\t]{0,3}(?:[-–,&]|and|و)[ \\t]{0,3}\\d{1,2}){0,6})';

const PATTERNS: Array<{ re: RegExp; read(m: RegExpExecArray): { month: number; days: string; year: number } | undefined }> = [
  {
    re: new RegExp(`${ENGLISH_MONTH_PATTERN}[ \\t]{1,3}${DAYS},?[ \\t]{1,3}(\\d{4})`, 'gi'),
    read: (m) => ({ month: englishMonthNumber(m[1]), days: m[2], year: +m[3] }),
  },
  {
    re: new RegExp(`${DAYS}[ \\t]{1,3}${ENGLISH_MONTH_PATTERN},?[ \\t]{1,3}(\\d{4})`, 'gi'),
    read: (m) => ({ month: englishMonthNumber(m[2]), days: m[1], year: +m[3] }),
  },
  {
    re: new RegExp(`${DAYS}[ \\t]{1,3}${AR_MONTH_RE}[ \\t]{1,3}(?:عام[ \\t]{1,3})?(\\d{4})`, 'g'),
    read: (m) => ({ month: AR_MONTHS.find(([n]) => n === m[2])![1], days: m[1], year: +m[3] }),
  },
];

/**
 * Every calendar day written in a text, as ISO dates: `2023-10-22`,
 * `October 20-21-22, 2023`, `22 October 2023`, `٢٢ أكتوبر ٢٠٢٣` (any digits).
 * For a list of days, the last day counts.
 */
export function findDates(text: string): string[] {
  const s = text.slice(0, 20_000).replace(/[\u0660-\u0669]/g, (d) => String(d.charCodeAt(0) - 0x0660)).replace(/[\u06F0-\u06F9]/g, (d) => String(d.charCodeAt(0) - 0x06f0));
  const out: string[] = [];
  for (const m of s.matchAll(/(?<![\d-])(\d{4})-(\d{2})-(\d{2})(?![\d])/g)) {
    const iso = isoFromParts(+m[1], +m[2], +m[3]);
    if (iso) out.push(iso);
  }
  for (const p of PATTERNS) {
    p.re.lastIndex = 0;
    for (let m = p.re.exec(s); m; m = p.re.exec(s)) {
      const r = p.read(m);
      if (!r) continue;
      const days = r.days.match(/\d{1,2}/g) ?? [];
      const last = days.length > 0 ? +days[days.length - 1] : NaN;
      const iso = isoFromParts(r.year, r.month, last);
      if (iso) out.push(iso);
    }
  }
  return out;
}

const STANDARD_MONTHS = ARABIC_MONTHS.flat();
const DIGITS = '[0-9\u0660-\u0669\u06F0-\u06F9]';
const LEVANT_DATE = new RegExp(`${DIGITS}\\s*(?:${LEVANT_MONTHS.join('|')})(?![\\u0621-\\u064A])`);
const STANDARD_DATE = new RegExp(`${DIGITS}\\s*(?:${STANDARD_MONTHS.join('|')})(?![\\u0621-\\u064A])`);
const BOTH = new RegExp(`(?:${LEVANT_MONTHS.join('|')})\\s*/\\s*(?:${STANDARD_MONTHS.join('|')})|(?:${STANDARD_MONTHS.join('|')})\\s*/\\s*(?:${LEVANT_MONTHS.join('|')})`);

/**
 * The month names a text itself uses in dates: `both` when it writes pairs
 * («كانون الأول / ديسمبر») or both kinds, `levant` when only Levantine names
 * follow a day number («5 تشرين الأول»), else `standard`.
 */
export function monthStyleOf(texts: readonly string[]): 'standard' | 'levant' | 'both' {
  const all = texts.join('\n');
  if (BOTH.test(all)) return 'both';
  const levant = LEVANT_DATE.test(all);
  if (!levant) return 'standard';
  return STANDARD_DATE.test(all) ? 'both' : 'levant';
}

/**
 * How the text joins a pair of month names: « / » when its first pair has
 * spaces around the slash («كانون الأول / ديسمبر»), else «/» (the UN's
 * «كانون الأول/ديسمبر»), so the dates warraq adds are written as the
 * author writes theirs.
 */
export function monthSlashOf(texts: readonly string[]): '/' | ' / ' {
  const pair = BOTH.exec(texts.join('\n'));
  return pair && /\s\/|\/\s/.test(pair[0]) ? ' / ' : '/';
}

/** «16 March 2024», «14–16 March 2024». */
const DAY_FIRST = new RegExp(`(?<![\\d])\\d{1,2}(?:\\s*[–-]\\s*\\d{1,2})?\\s+(?:${ENGLISH_MONTHS.join('|')})\\s+\\d{4}`, 'g');
/** «March 16, 2024», «March 14–16, 2024». */
const MONTH_FIRST = new RegExp(`(?:${ENGLISH_MONTHS.join('|')})\\s+\\d{1,2}(?:\\s*[–-]\\s*\\d{1,2})?,\\s*\\d{4}`, 'g');

/** How an English source writes a date: «16 March» or «March 16». */
export type DateOrder = 'day-month' | 'month-day';

/**
 * The order in which a text writes its English dates: `day-month` («16 March
 * 2024», British), `month-day` («March 16, 2024», American), by the more
 * frequent, or undefined when it writes none (or as many of each), and the
 * language's own order stands. The dates warraq adds (the colophon's, an
 * event's) are written in it, so that one document writes one date one way
 * (page review look17: «Published: March 16, 2024» over the imprint's
 * «Leeds, 16 March 2024»).
 */
export function dateOrderOf(texts: readonly string[]): DateOrder | undefined {
  const all = texts.join('\n');
  const dayFirst = all.match(DAY_FIRST)?.length ?? 0;
  const monthFirst = all.match(MONTH_FIRST)?.length ?? 0;
  return dayFirst > monthFirst ? 'day-month' : monthFirst > dayFirst ? 'month-day' : undefined;
}
