/** The README shows `--help` as it is, and its source-format example builds as shown. */
import { readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { build } from '../../src/build.js';
import { parseCommandLine } from '../../src/cli/args.js';
import { usage } from '../../src/cli/usage.js';
import { makeProject, repoRoot } from '../fixtures/reliability/project.js';

const readme = () => readFile(path.join(repoRoot, 'README.md'), 'utf8');

describe('README.md', () => {
  it('shows the output of --help', async () => {
    expect(await readme()).toContain('```text\n' + usage('build') + '\n```');
  });

  it('every `npm run build/check/watch -- …` command it shows is accepted', async () => {
    const commands = [...(await readme()).matchAll(/^npm run (build|check|watch) -- ([^#\n]*)/gm)];
    expect(commands.length).toBeGreaterThanOrEqual(8);
    for (const [, script, rest] of commands) {
      const args = [...(script === 'check' ? ['--check'] : []), ...rest.trim().split(/\s+/)];
      expect(() => parseCommandLine(args, { projectRoot: '/p', cores: 2 }, script === 'watch' ? 'watch' : 'build'), rest).not.toThrow();
    }
  });

  it('its source-format example builds as shown', async () => {
    const text = await readme();
    const section = text.slice(text.indexOf('## The source format'));
    const example = /```text\n([\s\S]*?)```/.exec(section)?.[1];
    expect(example).toBeDefined();
    expect(section).toContain('npm run build -- source/plan.txt');
    const root = await makeProject({ 'source/plan.txt': example! });
    try {
      const report = await build({ projectRoot: root, source: 'source/plan.txt', out: 'dist', sourceDateEpoch: undefined });
      expect(report.warnings).toEqual([]);
      expect(report.model.date).toBe('2024-05-09');
      expect(report.model.points.map((p) => p.slug)).toEqual(['01', '02-numbers']);
      expect(report.files.map((f) => f.path)).toEqual(expect.arrayContaining(['booklet.pdf', 'leaflets/02-numbers.pdf', 'print/booklet-a4-saddle.pdf']));
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  }, 180_000);
});
