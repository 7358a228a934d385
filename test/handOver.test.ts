import { describe, expect, it } from 'vitest';
import { handOver } from '../src/handOver.js';

describe('handOver', () => {
  it('hands a kept value to the one job that takes it, keeps only the latest few, and forgets a failed one', () => {
    const h = handOver<string>(2);
    h.keep('a', 'A');
    expect(h.take('a')).toBe('A');
    expect(h.take('a')).toBeUndefined();

    h.keep('a', 'A');
    h.keep('b', 'B');
    h.keep('a', 'A2'); // kept again: the latest
    h.keep('c', 'C'); // over the limit: the oldest (b) goes
    expect(h.take('b')).toBeUndefined();
    expect(h.take('a')).toBe('A2');

    h.drop('c', 'other');
    expect(h.take('c')).toBe('C');
    h.keep('d', 'D');
    h.drop('d', 'D');
    expect(h.take('d')).toBeUndefined();
  });
});
