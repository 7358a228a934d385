/**
 * Numbers and dates in the document's own language and digits, through Intl
 * (CLDR), so Arabic gets Arabic month names and ٠–٩ digits without tables of
 * our own.
 */
import type { DigitSystem, EventDate } from '../model/types.js';
import { parseEventDate } from '../model/dates.js';

export function formatNumber(n: number, lang: string, digits: DigitSystem): string {
  return new Intl.NumberFormat(`${lang}-u-nu-${digits}`, { useGrouping: false }).format(n);
}

function toDate(s: string): { date: Date; withYear: boolean } {
  const d = parseEventDate(s);
  if (!d) throw new Error(`not a date: ${s}`);
  // Recurring dates have no year; a leap year keeps 29 February valid.
  const year = d.kind === 'day' ? d.year : 2024;
  return { date: new Date(Date.UTC(year, d.month - 1, d.day)), withYear: d.kind === 'day' };
}

/** `2024-05-04`..`2024-05-05` → «٤–٥ مايو ٢٠٢٤»; `--09-21` → «٢١ سبتمبر». */
export function formatEventDate(date: EventDate, lang: string, digits: DigitSystem): string {
  const start = toDate(date.start);
  const fmt = new Intl.DateTimeFormat(`${lang}-u-nu-${digits}`, {
    day: 'numeric',
    month: 'long',
    ...(start.withYear ? { year: 'numeric' } : {}),
    timeZone: 'UTC',
  });
  if (!date.end) return fmt.format(start.date);
  return fmt.formatRange(start.date, toDate(date.end).date);
}

/** An ISO day (`2023-10-22`) as a long date: «٢٢ أكتوبر ٢٠٢٣». */
export function formatDay(iso: string, lang: string, digits: DigitSystem): string {
  return formatEventDate({ start: iso }, lang, digits);
}
