/** The strict command line: every word is understood or refused with a suggestion. */
import { describe, expect, it, vi } from 'vitest';
import { readCommandLine } from '../../src/cli/run.js';
import { FLAGS, flagsKeptByNpm, parseCommandLine, UsageError } from '../../src/cli/args.js';

const env = { projectRoot: '/p', cores: 2 };
/** A folder that exists: this test's own. */
const repoTest = import.meta.dirname;
const parse = (...args: string[]) => parseCommandLine(args, env);
const refusal = (args: string[], program: 'build' | 'watch' = 'build') => {
  try {
    parseCommandLine(args, env, program);
  } catch (e) {
    if (e instanceof UsageError) return `${e.message}${e.hint ? ` | ${e.hint}` : ''}`;
    throw e;
  }
  throw new Error(`accepted: ${args.join(' ')}`);
};

describe('flags', () => {
  it('defaults', () => {
    const l = parse();
    expect(l.command).toBe('build');
    expect(l.options).toMatchObject({ projectRoot: '/p', source: 'source/izmir-2023.txt', out: 'dist', strict: false, force: false, clean: false });
    expect(l.options.jobs).toBeUndefined();
    expect(l.notes).toEqual([]);
  });

  it('long and short forms', () => {
    const l = parse('-s', 'a.txt', '-o', 'out2/', '-j', '1', '-v', '--strict', '--only', 'booklet,cards', '--justify', 'spaces', '--leaflet-sheet', 'a4-2up', '--force', '--clean');
    expect(l.options).toMatchObject({ source: 'a.txt', out: 'out2/', jobs: 1, strict: true, only: ['booklet', 'cards'], justify: 'spaces', leafletSheet: 'a4-2up', force: true, clean: true });
    expect(l.verbose).toBe(true);
    expect(parse('--out=x', '--source=y.md').options).toMatchObject({ out: 'x', source: 'y.md' });
  });

  it('a positional argument is the source; `build` and `check` may come first', () => {
    expect(parse('my/statement.txt').options.source).toBe('my/statement.txt');
    expect(parse('--out', 'o', 'my/statement.txt', '--strict').options).toMatchObject({ source: 'my/statement.txt', out: 'o', strict: true });
    expect(parse('build', 'FILE.md')).toMatchObject({ command: 'build', sources: ['FILE.md'] });
    expect(parse('check', 'FILE.md')).toMatchObject({ command: 'check', sources: ['FILE.md'] });
    expect(parse('--check')).toMatchObject({ command: 'check', sources: [] });
    expect(parse('--', '-odd-name.txt').options.source).toBe('-odd-name.txt');
  });

  it('--help and -h win over everything else', () => {
    expect(parse('--help').command).toBe('help');
    expect(parse('-h', 'x.txt', '--strict').command).toBe('help');
  });

  it('--jobs is capped at the core count, with a note', () => {
    const l = parse('--jobs', '32');
    expect(l.options.jobs).toBe(2);
    expect(l.notes).toEqual(['--jobs 32 is more than the 2 cores here; rendering on 2 threads']);
    expect(parse('--jobs', '2').notes).toEqual([]);
  });
});

describe('refusals, with a suggestion', () => {
  it('unknown flags', () => {
    expect(refusal(['--stirct'])).toBe('unknown option --stirct | did you mean --strict?');
    expect(refusal(['--sorce', 'x'])).toBe('unknown option --sorce | did you mean --source?');
    expect(refusal(['--verb'])).toBe('unknown option --verb | did you mean --verbose?');
    expect(refusal(['--output', 'x'])).toBe('unknown option --output | did you mean --out?');
    expect(refusal(['--leaflet-shet=a4-2up'])).toBe('unknown option --leaflet-shet | did you mean --leaflet-sheet?');
    expect(refusal(['--colour'])).toBe('unknown option --colour | see --help for every option');
    expect(refusal(['-x'])).toBe('unknown option -x | short options: -s, -o, -j, -v, -h; see --help');
  });

  it('a long flag written with one dash', () => {
    expect(refusal(['-stirct'])).toBe('unknown option -stirct | did you mean --strict? (long options take two dashes)');
    expect(refusal(['-out', 'o'])).toBe('unknown option -out | did you mean --out? (long options take two dashes)');
  });

  it('missing, extra and bad values', () => {
    expect(refusal(['--out'])).toBe('--out needs a value (DIR) | e.g. --out dist');
    expect(refusal(['--out', '--strict'])).toBe('--out needs a value (DIR) | e.g. --out dist');
    expect(refusal(['--strict=yes'])).toBe('--strict takes no value | write --strict alone');
    expect(refusal(['--out='])).toBe('--out is an empty name | give a folder, e.g. --out dist');
    expect(refusal(['--justify', 'kashidah'])).toBe('--justify takes off | spaces | kashida, got "kashidah" | did you mean kashida?');
    expect(refusal(['--only', 'boklet'])).toBe('--only takes booklet, leaflets, cards, print, gallery (comma-separated), got "boklet" | did you mean booklet?');
    expect(refusal(['--jobs', '0'])).toBe('--jobs takes a whole number ≥ 1, got "0" | this machine has 2 cores');
    expect(refusal(['--jobs', '1.5'])).toMatch(/^--jobs takes a whole number/);
  });

  it('several sources: every one kept in order for build and check (src/cli/many.ts checks them); watch takes one', () => {
    expect(parseCommandLine(['a.txt', 'b.txt'], env).sources).toEqual(['a.txt', 'b.txt']);
    expect(parseCommandLine(['--source', 'a.txt', 'b.txt'], env).sources).toEqual(['a.txt', 'b.txt']);
    expect(parseCommandLine(['check', '-s', 'a.txt', '-s', 'b.txt'], env)).toMatchObject({ command: 'check', sources: ['a.txt', 'b.txt'] });
    expect(refusal(['a.txt', 'b.txt'], 'watch')).toBe('watch follows one source, got 2: a.txt, b.txt | run one watch per document (a word after the flags counts as the source, too)');
  });

  it('watch takes every build flag but --check', () => {
    expect(refusal(['--check'], 'watch')).toBe('unknown option --check | see --help for every option');
    expect(parseCommandLine(['doc.md', '-o', 'w/out'], env, 'watch').options).toMatchObject({ source: 'doc.md', out: 'w/out' });
  });

  it('flags that npm kept for itself (`npm run build --strict` without `--`)', () => {
    const npm = { npm_lifecycle_event: 'build', npm_config_cache: '/c', npm_config_loglevel: 'silent' };
    expect(flagsKeptByNpm(npm)).toBeUndefined();
    expect(flagsKeptByNpm({ npm_config_stirct: 'true' })).toBeUndefined(); // not run by npm
    expect(flagsKeptByNpm({ ...npm, npm_config_stirct: 'true' })?.hint).toBe("put warraq's options after `--`: npm run build -- --strict (did you mean --strict?)");
    expect(flagsKeptByNpm({ ...npm, npm_config_leaflet_sheet: 'a4-2up' })?.message).toBe('npm kept --leaflet-sheet for itself; warraq never saw it');
    expect(flagsKeptByNpm({ ...npm, npm_config_o: 'true' })?.hint).toBe("put warraq's options after `--`: npm run build -- -o (--out)");
  });

  it('every flag has a help line', () => {
    for (const f of FLAGS) expect(f.about.length, f.name).toBeGreaterThan(10);
  });

  it('watch refuses a folder when the line is read (it would report E-READ on every build)', () => {
    const said = vi.spyOn(console, 'error').mockImplementation(() => {});
    try {
      expect(readCommandLine([repoTest], 'watch')).toEqual({ exit: 2 });
      expect(said.mock.calls.join('\n')).toContain(`watch follows one source file, and ${repoTest} is a folder`);
    } finally {
      said.mockRestore();
    }
  });
});
