import { describe, expect, it } from 'vitest';
import { hamzaVowelled } from '../../src/proof/arabic.js';

describe('hamzaVowelled', () => {
  it('holds when a word has a hamza and every hamza carries its haraka', () => {
    expect(hamzaVowelled('وَأَعْتَدْنَا')).toBe(true);
    expect(hamzaVowelled('رَأَوْهُ')).toBe(true);
    expect(hamzaVowelled('شَيْءٍ')).toBe(true);
    // Shadda then fatha on the seat: still voiced.
    expect(hamzaVowelled('رَأَّى')).toBe(true);
  });

  it('fails with no hamza, an unvowelled text, or one hamza left bare', () => {
    expect(hamzaVowelled('تَبَارَكَ')).toBe(false);
    expect(hamzaVowelled('وأعتدنا')).toBe(false);
    expect(hamzaVowelled('الإجتماعي')).toBe(false);
    expect(hamzaVowelled('مَسْؤُولٌ أ')).toBe(false);
    // Decomposed (NFD: alef + U+0654) reads as the composed letter.
    expect(hamzaVowelled('وَأَعْتَدْنَا'.normalize('NFD'))).toBe(true);
  });
});
