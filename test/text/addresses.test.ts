/**
 * Addresses (src/text/addresses.ts), one set of rules for the two stages
 * that ask: the text layer sets URLs, e-mail addresses, file names and
 * hashes verbatim and isolates them; language detection leaves them (and
 * paths, host names, long identifiers) out of its count.
 */
import { describe, expect, it } from 'vitest';
import { isAddressLike, isVerbatimToken, tokenCore, verbatimSpans, withoutAddresses } from '../../src/text/addresses.js';

const core = (t: string) => {
  const [a, b] = tokenCore(t);
  return t.slice(a, b);
};

describe('a token\'s core', () => {
  it('is the token without the punctuation around it; a closing bracket paired inside stays', () => {
    const cores: Record<string, string> = {
      'info@example.org.': 'info@example.org',
      'report-2024.pdf؟': 'report-2024.pdf',
      '«udhr-en.txt»،': 'udhr-en.txt',
      '<https://example.org/a>.': 'https://example.org/a',
      '{report.pdf}': 'report.pdf',
      '(https://example.org/a_(b)).': 'https://example.org/a_(b)',
      // Nested brackets of both kinds: the outer closer pairs too, once the inner one is back.
      'https://x.org/f([a]).': 'https://x.org/f([a])',
      '(https://x.org/f[(a)]).': 'https://x.org/f[(a)]',
      // Arabic-Indic or Persian digits glued to either end are not the address's.
      '۱۲https://x.org/a': 'https://x.org/a',
      'https://x.org/a.pdf١٢': 'https://x.org/a.pdf',
    };
    for (const [t, c] of Object.entries(cores)) expect(core(t), t).toBe(c);
  });
});

describe('verbatim tokens (the text layer)', () => {
  it('are URLs, e-mail addresses, file names and hashes, not words, numbers or abbreviations', () => {
    for (const t of ['https://example.org/office', 'www.effort.org', 'WWW.UN.ORG/EN', 'office@example.org', 'udhr-en.txt', 'staff_list.pdf', 'ff1d72eabb9beeaf', 'FF1D72EA', 'a1b2c3d', '(udhr-en.txt),', '<report.pdf>'])
      expect(isVerbatimToken(t), t).toBe(true);
    for (const t of ['office', 'effect,', '1948', '12345678', 'e.g.', 'i.e.', 'Ph.D.', 'SHA-256', 'coffee', 'deadbeef', 'a1b2c3', 'Ff1d72ea', 'fluff.', 'main.c', ''])
      expect(isVerbatimToken(t), t).toBe(false);
  });

  it('are found between spaces without the punctuation around them', () => {
    const text = 'الموقع https://example.org/path/، و(انظر https://en.wikipedia.org/wiki/Bidi_(text)) وinfo@example.org. وreport-2024.pdf؟ 3f9c2ab71d04e8b5، v2.1 Node';
    expect(verbatimSpans(text).map(([a, b]) => text.slice(a, b))).toEqual(['https://example.org/path/', 'https://en.wikipedia.org/wiki/Bidi_(text)', '3f9c2ab71d04e8b5']);
    // (An Arabic letter glued to an address makes no token of it: «وinfo@…» is not one.)
  });
});

describe('addresses to language detection', () => {
  it('are the verbatim tokens, and paths, host names and long identifiers besides', () => {
    for (const t of ['https://example.org/office', 'www.effort.org', 'office@example.org', 'udhr-en.txt', 'ff1d72eabb9beeaf', 'a1b2c3d'])
      expect([t, isVerbatimToken(t), isAddressLike(t)]).toEqual([t, true, true]);
    for (const t of ['./docs/archive', '/usr/share', '~/notes', 'C:\\Users', 'docs/archive/2024', 'main.c', 'example.museum', 'aGVsbG8gd29ybGQ1MjM0'])
      expect([t, isVerbatimToken(t), isAddressLike(t)]).toEqual([t, false, true]);
  });

  it('are not words: an abbreviation, a sentence run on without its space, a short dotted name, a number, a word of the letters a–f', () => {
    for (const t of ['U.S.A', 'e.g', 'rights.Every', 'x.md', '123456789', 'deadbeef', 'and/or', 'office'])
      expect(isAddressLike(t), t).toBe(false);
    // «rights.Every» and «x.md» are file-name shaped to the text layer, which sets them verbatim (nothing changes in a Latin run); their letters still count as words.
    expect(['rights.Every', 'x.md'].map(isVerbatimToken)).toEqual([true, true]);
  });

  it('leave a text whole runs of printable ASCII, punctuation and all', () => {
    expect(withoutAddresses('see https://a.example/x, or mail@b.org.')).toBe('see  or ');
    expect(withoutAddresses('the U.S.A. and')).toBe('the U.S.A. and');
    expect(withoutAddresses('rights.Every one')).toBe('rights.Every one');
    expect(withoutAddresses('call 123456789 now')).toBe('call 123456789 now');
    expect(withoutAddresses('hash 9f86d081 and report.pdf')).toBe('hash  and ');
    expect(withoutAddresses('commit a1b2c3d, then <https://x.org>')).toBe('commit  then ');
    // Only the ASCII run: an Arabic letter glued to it stays, and counts.
    expect(withoutAddresses('انظرhttps://x.org/a')).toBe('انظر');
  });
});
