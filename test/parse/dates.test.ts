import { describe, expect, it } from 'vitest';
import { dateOrderOf, findDates, isEventDate, isIsoDay, parseEventDate, rangeProblem } from '../../src/parse/dates.js';

describe('event dates', () => {
  it('accepts real days and recurring days', () => {
    expect(parseEventDate('2024-05-09')).toEqual({ kind: 'day', year: 2024, month: 5, day: 9 });
    expect(parseEventDate('--09-21')).toEqual({ kind: 'recurring', month: 9, day: 21 });
    expect(isEventDate('2024-02-29')).toBe(true);
    expect(isEventDate('--02-29')).toBe(true);
    expect(isIsoDay('--02-29')).toBe(false);
  });
  it('rejects impossible dates and other spellings', () => {
    for (const s of ['2023-02-29', '2024-04-31', '2024-13-01', '2024-00-10', '2024-5-9', '09-21', '---09-21', '--13-01', '--04-31', '21/09/2024', '', '٢٠٢٤-٠٥-٠٩'])
      expect(isEventDate(s)).toBe(false);
  });
  it('checks ranges', () => {
    expect(rangeProblem('2024-05-04', '2024-05-05')).toBeUndefined();
    expect(rangeProblem('2024-05-04', '2024-05-04')).toBeUndefined();
    expect(rangeProblem('2024-05-05', '2024-05-04')).toContain('before');
    expect(rangeProblem('--05-01', '2024-05-02')).toContain('both');
    expect(rangeProblem('--05-01', '--05-03')).toBeUndefined();
  });
});

describe('findDates', () => {
  it('reads the seed imprint', () => {
    expect(findDates('İzmir, Turkey | October 20-21-22, 2023')).toEqual(['2023-10-22']);
  });
  it('reads ISO, English and Arabic dates in any digits', () => {
    expect(findDates('built 2024-01-02')).toEqual(['2024-01-02']);
    expect(findDates('22 October 2023')).toEqual(['2023-10-22']);
    expect(findDates('القاهرة، ١٥ مارس ٢٠٢٤')).toEqual(['2024-03-15']);
    expect(findDates('يومي 4 و5 مايو 2024')).toEqual(['2024-05-05']);
    expect(findDates('۱۲ أكتوبر ۲۰۲۳')).toEqual(['2023-10-12']);
    expect(findDates('February 30, 2023 and 2023-02-30')).toEqual([]);
  });
});

describe('dateOrderOf', () => {
  it('reads the order of an English text\'s dates, the more frequent winning; none without English dates', () => {
    expect(dateOrderOf(['meeting in Leeds on 14–16 March 2024', 'Leeds, 16 March 2024'])).toBe('day-month');
    expect(dateOrderOf(['Adopted on December 10, 1948.'])).toBe('month-day');
    expect(dateOrderOf(['16 March 2024', 'March 16, 2024', 'May 3, 2024'])).toBe('month-day');
    expect(dateOrderOf(['no date here', '٢٢ أكتوبر ٢٠٢٣', '3 May'])).toBeUndefined();
  });
});
