/** The build summary's last line says only what is true of the build. */
import { describe, expect, it } from 'vitest';
import { setSummary } from '../../src/cli/summary.js';
import { emptyStats } from '../../src/layout/stats.js';

describe('build summary', () => {
  it('a build that set no page text (cards only) says nothing of lines set', () => {
    expect(setSummary(emptyStats())).toBe('');
  });
  it('a build that set lines counts them', () => {
    expect(setSummary({ ...emptyStats(), lines: 12, justifiedLines: 9, kashidas: 3, worstSpaceRatio: 1.5 })).toBe(' · 12 lines set, 9 justified, 3 kashidas, widest space ×1.50');
  });
});
