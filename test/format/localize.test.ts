import { describe, expect, it } from 'vitest';
import { formatDay, formatEventDate } from '../../src/format/localize.js';

describe('formatEventDate', () => {
  it('writes a recurring date in the Gregorian calendar where the locale has another: its local day moves with the year', () => {
    // Human Rights Day is 19 Azar in most years and 20 Azar in 2024; «۱۰ دسامبر» is right every year.
    expect(formatEventDate({ start: '--12-10' }, 'fa', 'arabext')).toBe('۱۰ دسامبر');
    expect(formatEventDate({ start: '--06-20' }, 'fa', 'arabext')).toBe('۲۰ ژوئن');
    expect(formatEventDate({ start: '--02-29' }, 'fa', 'arabext')).toBe('۲۹ فوریه');
  });

  it('keeps a date with a year in the locale’s own calendar, where it is exact', () => {
    expect(formatEventDate({ start: '1948-12-10' }, 'fa', 'arabext')).toBe('۱۹ آذر ۱۳۲۷');
  });

  it('leaves Gregorian locales as they were', () => {
    expect(formatEventDate({ start: '--09-21' }, 'ar', 'arab')).toBe('٢١ سبتمبر');
    expect(formatEventDate({ start: '2024-05-04', end: '2024-05-05' }, 'ar', 'arab')).toBe('٤–٥ مايو ٢٠٢٤');
  });
});

describe('one date style per document (look17)', () => {
  it('writes an English document\'s dates in its source\'s order', () => {
    expect(formatDay('2024-03-16', 'en', 'latn')).toBe('March 16, 2024');
    expect(formatDay('2024-03-16', 'en', 'latn', 'standard', '/', 'day-month')).toBe('16 March 2024');
    expect(formatDay('2024-03-16', 'en-GB', 'latn', 'standard', '/', 'month-day')).toBe('March 16, 2024');
    expect(formatEventDate({ start: '2025-04-12', end: '2025-04-13' }, 'en', 'latn', 'standard', '/', 'day-month')).toMatch(/^12\s?–\s?13 April 2025$/);
    // Not English: the language's own order stands.
    expect(formatDay('2023-10-22', 'ar', 'arab', 'standard', '/', 'month-day')).toBe(formatDay('2023-10-22', 'ar', 'arab'));
  });
});
