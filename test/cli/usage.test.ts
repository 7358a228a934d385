/** --help: every flag with its one line, and the metadata file names. */
import { describe, expect, it } from 'vitest';
import { flagsOf } from '../../src/cli/args.js';
import { usage } from '../../src/cli/usage.js';

describe('usage', () => {
  for (const program of ['build', 'watch'] as const) {
    it(`${program}: every flag, one line each, and where metadata is read from`, () => {
      const text = usage(program);
      for (const f of flagsOf(program)) {
        const line = text.split('\n').find((l) => l.includes(`--${f.name}${f.value ? ` ${f.value}` : ''} `));
        expect(line, f.name).toBeDefined();
        expect(line).toContain(f.about);
        if (f.short) expect(line).toContain(`-${f.short}, --${f.name}`);
      }
      expect(text).toContain('NAME.meta.yaml, NAME.meta.yml, NAME.yaml beside NAME.txt or NAME.md');
      expect(text).toContain('docs/metadata.md');
      for (const l of text.split('\n')) expect(l.length, l).toBeLessThanOrEqual(90);
    });
  }
  it('watch has no --check', () => {
    expect(usage('watch')).not.toContain('--check');
    expect(usage('build')).toContain('--check');
  });
});
