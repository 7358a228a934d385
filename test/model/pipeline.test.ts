import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mutate, pipelineProperty, runPipeline, SEED, type Outcome } from './pipeline.property.js';

describe('parse → model never fails with anything but diagnostics', () => {
  it('holds for 300 random and mutated sources', () => {
    const seen: Record<Outcome, number> = { model: 0, diagnostics: 0 };
    fc.assert(
      pipelineProperty((o) => seen[o]++),
      { numRuns: 300 },
    );
    // both outcomes are exercised
    expect(seen.model).toBeGreaterThan(0);
    expect(seen.diagnostics).toBeGreaterThan(0);
  });

  it('the unmutated seed builds a model', () => {
    expect(runPipeline({ source: SEED, strict: false, sourceDateEpoch: '1697932800' })).toBe('model');
  });

  it('a deleted blank line between points still builds (a numbered line starts a point)', () => {
    const lines = SEED.split('\n');
    const i = lines.findIndex((l) => l.startsWith('٢.'));
    expect(runPipeline({ source: mutate(SEED, [{ kind: 'delete', at: i - 1 }]), strict: false, sourceDateEpoch: '0' })).toBe('model');
  });

  it('a duplicated point line ends in diagnostics', () => {
    const i = SEED.split('\n').findIndex((l) => l.startsWith('٣.'));
    expect(runPipeline({ source: mutate(SEED, [{ kind: 'duplicate', at: i }]), strict: false, sourceDateEpoch: '0' })).toBe('diagnostics');
  });
});
