/**
 * Numbers and dates in the document's own language and digits, through Intl
 * (CLDR), so Arabic gets Arabic month names and ٠–٩ digits without tables of
 * our own.
 */
import type { DigitSystem, EventDate } from '../parse/types.js';
import { parseEventDate, type DateOrder } from '../parse/dates.js';

/** Month names: «ديسمبر», «كانون الأول», or both «كانون الأول/ديسمبر» (joined by the model's `monthSlash`). */
export type MonthStyle = 'standard' | 'levant' | 'both';

// Building an Intl formatter costs far more than using one (a page number is
// formatted on every page), so each is made once per locale and options.
const numberFormats = new Map<string, Intl.NumberFormat>();
const dateFormats = new Map<string, Intl.DateTimeFormat>();

export function formatNumber(n: number, lang: string, digits: DigitSystem): string {
  const locale = `${lang}-u-nu-${digits}`;
  let fmt = numberFormats.get(locale);
  if (!fmt) numberFormats.set(locale, (fmt = new Intl.NumberFormat(locale, { useGrouping: false })));
  return fmt.format(n);
}

/**
 * A recurring date (no year) is a Gregorian day: «--12-10» is Human Rights
 * Day every year. In a locale whose calendar is another (Persian's is the
 * solar hijri), its day there moves with the year (10 December is 19 Azar
 * in most years, 20 Azar in 2024), so it is written in the Gregorian
 * calendar with the locale's month names («۱۰ دسامبر»), never as a local day
 * that is wrong in some years. A date with a year is exact in any calendar.
 */
function dateFormat(lang: string, digits: DigitSystem, withYear: boolean): Intl.DateTimeFormat {
  const key = `${lang}-u-nu-${digits}|${withYear}`;
  let fmt = dateFormats.get(key);
  if (!fmt) {
    const calendar = withYear ? {} : { calendar: 'gregory' };
    fmt = new Intl.DateTimeFormat(`${lang}-u-nu-${digits}`, { day: 'numeric', month: 'long', ...(withYear ? { year: 'numeric' } : {}), ...calendar, timeZone: 'UTC' });
    dateFormats.set(key, fmt);
  }
  return fmt;
}

/** Why `lang` with these digits cannot format numbers and dates (an invalid BCP 47 tag, say), or undefined when it can. */
export function localeProblem(lang: string, digits: DigitSystem): string | undefined {
  try {
    formatNumber(1, lang, digits);
    dateFormat(lang, digits, true);
    dateFormat(lang, digits, false);
    return undefined;
  } catch (e) {
    return (e as Error).message;
  }
}

function toDate(s: string): { date: Date; withYear: boolean } {
  const d = parseEventDate(s);
  if (!d) throw new Error(`not a date: ${s}`);
  // Recurring dates have no year; a leap year keeps 29 February valid.
  const year = d.kind === 'day' ? d.year : 2024;
  return { date: new Date(Date.UTC(year, d.month - 1, d.day)), withYear: d.kind === 'day' };
}

/**
 * The locale whose long dates an English document's dates follow: British
 * («16 March 2024») or American («March 16, 2024») as its source writes its
 * own, else its language tag's.
 */
function englishLocale(lang: string, order: DateOrder | undefined): string {
  if (order === undefined || lang.split('-')[0] !== 'en') return lang;
  return order === 'day-month' ? 'en-GB' : 'en-US';
}

/**
 * `2024-05-04`..`2024-05-05` → «٤–٥ مايو ٢٠٢٤»; `--09-21` → «٢١ سبتمبر».
 * `order`: an English document's day and month as its source writes them (englishLocale).
 */
export function formatEventDate(date: EventDate, lang: string, digits: DigitSystem, months: MonthStyle = 'standard', slash = '/', order?: DateOrder): string {
  const start = toDate(date.start);
  // Levantine names: CLDR's Arabic of Lebanon, Syria, Jordan, Palestine and Iraq has them (`lang: ar-LB` gets them as it is).
  const arabic = lang.split('-')[0] === 'ar';
  const locale = arabic && months !== 'standard' && !lang.includes('-') ? 'ar-LB' : englishLocale(lang, order);
  const fmt = dateFormat(locale, digits, start.withYear);
  const parts = date.end ? fmt.formatRangeToParts(start.date, toDate(date.end).date) : fmt.formatToParts(start.date);
  if (!(arabic && months === 'both')) return parts.map((p) => p.value).join('');
  // Both forms, «كانون الأول/ديسمبر»: each month part gets the standard name after the slash.
  const dates = date.end ? [start.date, toDate(date.end).date] : [start.date];
  return parts
    .map((p) => {
      if (p.type !== 'month') return p.value;
      const source = 'source' in p && p.source === 'endRange' ? dates[dates.length - 1] : dates[0];
      const standard = monthName(lang.split('-')[0], source);
      return p.value === standard ? p.value : `${p.value}${slash}${standard}`;
    })
    .join('');
}

const monthNames = new Map<string, Intl.DateTimeFormat>();
function monthName(lang: string, date: Date): string {
  let fmt = monthNames.get(lang);
  if (!fmt) monthNames.set(lang, (fmt = new Intl.DateTimeFormat(lang, { month: 'long', timeZone: 'UTC' })));
  return fmt.format(date);
}

/** An ISO day (`2023-10-22`) as a long date: «٢٢ أكتوبر ٢٠٢٣» (or with `months`, «٢٢ تشرين الأول ٢٠٢٣»). */
export function formatDay(iso: string, lang: string, digits: DigitSystem, months: MonthStyle = 'standard', slash = '/', order?: DateOrder): string {
  return formatEventDate({ start: iso }, lang, digits, months, slash, order);
}
