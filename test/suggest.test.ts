import { describe, expect, it } from 'vitest';
import { didYouMean, levenshtein } from '../src/suggest.js';

describe('did you mean', () => {
  it('finds the closest word within a small distance, case-insensitively', () => {
    expect(levenshtein('titel', 'title')).toBe(1);
    expect(levenshtein('stirct', 'strict')).toBe(1);
    expect(didYouMean('evnt', ['title', 'event', 'slug'])).toBe('event');
    expect(didYouMean('Title', ['title'])).toBe('title');
    expect(didYouMean('completely', ['title', 'event'])).toBeUndefined();
  });
});
