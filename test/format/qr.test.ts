import { describe, expect, it } from 'vitest';
import { printedQr, qrModules, QR_MAX_MM, QR_MODULE_MIN_MM, QR_MODULE_MM } from '../../src/format/qr.js';

const URL_A = 'https://example.org/culture-plan';

/** The 7×7 finder pattern: dark ring, light ring, dark 3×3 core. */
function isFinder(m: boolean[][], top: number, left: number): boolean {
  for (let r = 0; r < 7; r++)
    for (let c = 0; c < 7; c++) {
      const ring = Math.max(Math.abs(r - 3), Math.abs(c - 3));
      if (m[top + r][left + c] !== (ring !== 2)) return false;
    }
  return true;
}

describe('qrModules', () => {
  it('is a square matrix of a QR version size with the three finder patterns', () => {
    const m = qrModules(URL_A);
    const n = m.length;
    expect(m.every((row) => row.length === n)).toBe(true);
    expect((n - 17) % 4).toBe(0);
    expect(n).toBeGreaterThanOrEqual(21);
    expect(isFinder(m, 0, 0)).toBe(true);
    expect(isFinder(m, 0, n - 7)).toBe(true);
    expect(isFinder(m, n - 7, 0)).toBe(true);
    expect(isFinder(m, n - 7, n - 7)).toBe(false);
    // Timing pattern between the top finders alternates dark/light.
    for (let c = 8; c < n - 8; c++) expect(m[6][c]).toBe(c % 2 === 0);
  });

  it('is deterministic and depends on the URL', () => {
    expect(qrModules(URL_A)).toEqual(qrModules(URL_A));
    expect(qrModules(URL_A)).not.toEqual(qrModules(URL_A + '/2'));
  });

  it('grows with longer URLs (error correction M)', () => {
    const short = qrModules('https://a.example');
    const long = qrModules('https://example.org/' + 'x'.repeat(120));
    expect(long.length).toBeGreaterThan(short.length);
  });

  it('rejects an empty URL', () => {
    expect(() => qrModules('')).toThrow();
  });
});

describe('printedQr', () => {
  const design = 48.3; // a leaflet's 4.2 units on A5 (17 mm)
  const mm = (pt: number) => (pt * 25.4) / 72;
  it('keeps a short address at error correction M and the design size, its modules at least QR_MODULE_MM', () => {
    const q = printedQr(URL_A, design)!;
    expect(q.level).toBe('M');
    expect(q.size).toBe(design);
    expect(q.moduleMm).toBeGreaterThanOrEqual(QR_MODULE_MM);
    expect(q.modules).toEqual(qrModules(URL_A));
  });

  it('takes L for a long address and grows the code to QR_MODULE_MM modules (221 characters: 53 modules, 21.2 mm, where M drew 0.28 mm)', () => {
    const url = 'https://example.org/' + 'x'.repeat(201);
    expect(mm(design) / qrModules(url).length).toBeLessThan(QR_MODULE_MIN_MM);
    const q = printedQr(url, design)!;
    expect(q.level).toBe('L');
    expect(q.modules).toEqual(qrModules(url, 'L'));
    expect(q.moduleMm).toBeCloseTo(QR_MODULE_MM, 6);
    expect(mm(q.size)).toBeLessThanOrEqual(QR_MAX_MM + 1e-9);
  });

  it('refuses an address whose modules would be under QR_MODULE_MIN_MM at QR_MAX_MM', () => {
    expect(printedQr('https://example.org/' + 'x'.repeat(440), design)).toBeUndefined();
    const longest = printedQr('https://example.org/' + 'x'.repeat(380), design)!;
    expect(longest.moduleMm).toBeGreaterThanOrEqual(QR_MODULE_MIN_MM);
    expect(mm(longest.size)).toBeCloseTo(QR_MAX_MM, 6);
  });
});
