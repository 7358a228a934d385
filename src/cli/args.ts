/**
 * The command line, parsed strictly: every flag is declared once here (its
 * type, short form and help line; usage.ts prints the same table), and an
 * unknown flag, a stray value or a bad choice is a UsageError with a
 * "did you mean". Parsing is node:util parseArgs in strict mode.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import type { BuildOptions } from '../build.js';
import { OUTPUT_GROUPS, type OutputGroup } from '../jobs/planJobs.js';
import { didYouMean } from '../suggest.js';

/** Which script reads the line: build (and check) or watch. */
export type Program = 'build' | 'watch';

interface FlagSpec {
  name: string;
  type: 'string' | 'boolean';
  short?: string;
  /** The value's placeholder in the help (string flags). */
  value?: string;
  /** One line of help. */
  about: string;
  /** Allowed values, when there is a fixed list (checked, with did-you-mean). */
  choices?: readonly string[];
  /** Only this program takes the flag. */
  only?: Program;
  /** The build option it sets: a boolean flag sets true (false when absent), a string flag its value, checked by `choices` or `read`. */
  into?: keyof BuildOptions;
  /** Turns the value into the option; throws UsageError. */
  read?: (value: string, ctx: { cores: number; notes: string[] }) => unknown;
}

export const DEFAULT_SOURCE = 'source/izmir-2023.txt';
export const DEFAULT_OUT = 'dist';

export const FLAGS: readonly FlagSpec[] = [
  { name: 'source', type: 'string', short: 's', value: 'FILE', about: 'the source text, .txt or .md (or the first argument)' },
  { name: 'out', type: 'string', short: 'o', value: 'DIR', about: `the output folder (default ${DEFAULT_OUT})` },
  { name: 'only', type: 'string', value: 'GROUPS', into: 'only', read: (v) => parseOnly(v), about: `comma-separated: ${OUTPUT_GROUPS.join(',')}` },
  { name: 'justify', type: 'string', value: 'MODE', into: 'justify', choices: ['off', 'spaces', 'kashida'], about: 'off (default for LTR) | spaces (Persian) | kashida (Arabic)' },
  { name: 'leaflet-sheet', type: 'string', value: 'SHEET', into: 'leafletSheet', choices: ['pages', 'a4-2up'], about: 'all-leaflets.pdf as pages, or two A5 per A4 (a4-2up)' },
  { name: 'pages', type: 'string', value: 'PLAN', into: 'pages', choices: ['multiple-of-4', 'any'], about: 'multiple-of-4 (default: blanks added) or any' },
  { name: 'strict', type: 'boolean', into: 'strict', about: 'warnings stop the build too' },
  { name: 'jobs', type: 'string', short: 'j', value: 'N', into: 'jobs', read: (v, ctx) => parseJobs(v, ctx.cores, ctx.notes), about: 'render threads, at most the cores (1: main thread only)' },
  { name: 'force', type: 'boolean', into: 'force', about: 'render everything, even outputs unchanged since last time' },
  { name: 'clean', type: 'boolean', into: 'clean', about: 'empty the output folder first (else other files stay)' },
  { name: 'proof-report', type: 'string', value: 'FILE', into: 'proofReport', only: 'build', about: 'write the proofing findings as a table to tick (.md or .csv)' },
  { name: 'check', type: 'boolean', only: 'build', about: 'validate only, write nothing (= npm run check)' },
  { name: 'verbose', type: 'boolean', short: 'v', about: 'list every output file in the summary' },
  { name: 'help', type: 'boolean', short: 'h', about: 'print this help and exit' },
];

/** Words accepted before the source: `warraq build FILE`, `warraq check FILE`. */
const COMMANDS = ['build', 'check'] as const;

export class UsageError extends Error {
  constructor(
    message: string,
    readonly hint?: string,
  ) {
    super(message);
    this.name = 'UsageError';
  }
}

export interface CommandLine {
  /** `help`: print usage and exit 0. */
  command: 'build' | 'check' | 'help';
  /** Every source given (--source or arguments), in order: files or folders (build and check; watch takes one). */
  sources: string[];
  /** Build options, without progress callbacks. */
  options: BuildOptions;
  verbose: boolean;
  /** Things to tell the user (e.g. --jobs capped at the core count). */
  notes: string[];
}

interface Environment {
  projectRoot: string;
  cores: number;
  sourceDateEpoch?: string;
}

/** Flags a program accepts. */
export function flagsOf(program: Program): FlagSpec[] {
  return FLAGS.filter((f) => !f.only || f.only === program);
}

/**
 * Parses `args` (process.argv without node and the script). Throws UsageError
 * for anything it does not understand; never ignores a word.
 */
export function parseCommandLine(args: readonly string[], env: Environment, program: Program = 'build'): CommandLine {
  const flags = flagsOf(program);
  refuseSingleDashWords(args, flags);
  const declared: NonNullable<ParseArgsConfig['options']> = {};
  for (const f of flags) declared[f.name] = { type: f.type, ...(f.short ? { short: f.short } : {}), ...(f.name === 'source' ? { multiple: true } : {}) };
  let parsed: { values: Record<string, unknown>; positionals: string[] };
  try {
    parsed = parseArgs({ args: [...args], options: declared, strict: true, allowPositionals: true });
  } catch (e) {
    throw explain(e as Error & { code?: string }, args, flags);
  }
  const v = parsed.values;
  if (v.help) return { command: 'help', sources: [], options: { projectRoot: env.projectRoot, source: DEFAULT_SOURCE, out: DEFAULT_OUT }, verbose: false, notes: [] };

  const positionals = [...parsed.positionals];
  let command: CommandLine['command'] = v.check ? 'check' : 'build';
  if (program === 'build' && positionals.length > 0 && (COMMANDS as readonly string[]).includes(positionals[0])) {
    if (positionals[0] === 'check') command = 'check';
    positionals.shift();
  }
  const sources = [...((v.source as string[] | undefined) ?? []), ...positionals];
  for (const s of sources) if (s === '') throw new UsageError('the source is an empty name', 'give a file, e.g. --source source/plan.txt');
  if (sources.length > 1 && program === 'watch')
    throw new UsageError(`watch follows one source, got ${sources.length}: ${sources.join(', ')}`, 'run one watch per document (a word after the flags counts as the source, too)');
  const out = v.out as string | undefined;
  if (out === '') throw new UsageError('--out is an empty name', 'give a folder, e.g. --out dist');

  const notes: string[] = [];
  const options: BuildOptions = { projectRoot: env.projectRoot, source: sources[0] ?? DEFAULT_SOURCE, out: out ?? DEFAULT_OUT, sourceDateEpoch: env.sourceDateEpoch || undefined };
  const set = options as unknown as Record<string, unknown>;
  for (const f of flags) {
    if (!f.into) continue;
    const value = v[f.name];
    if (f.type === 'boolean') set[f.into] = Boolean(value);
    else if (value !== undefined) set[f.into] = f.choices ? choice(f, String(value)) : f.read ? f.read(String(value), { cores: env.cores, notes }) : value;
  }
  return { command, sources, options, verbose: Boolean(v.verbose), notes };
}

/** `-strict` or `-out`: a long flag with one dash would be read as `-s trict` or `-o ut`. */
function refuseSingleDashWords(args: readonly string[], flags: readonly FlagSpec[]): void {
  for (const a of args) {
    if (a === '--') return;
    const m = /^-([a-z][a-z-]+)(?:=.*)?$/.exec(a);
    if (!m) continue;
    const guess = flags.find((f) => f.name === m[1])?.name ?? didYouMean(m[1], flags.map((f) => f.name));
    if (guess) throw new UsageError(`unknown option ${a}`, `did you mean --${guess}? (long options take two dashes)`);
  }
}

/** parseArgs' error → a UsageError that names the word and suggests a flag. */
function explain(e: Error & { code?: string }, args: readonly string[], flags: readonly FlagSpec[]): Error {
  const names = flags.map((f) => f.name);
  if (e.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
    const word = /'([^']+)'/.exec(e.message)?.[1] ?? '?';
    const bare = word.replace(/^-+/, '').replace(/=.*$/, '');
    const guess = word.startsWith('--') ? (didYouMean(bare, names) ?? names.find((n) => bare.length >= 3 && (n.startsWith(bare) || bare.startsWith(n)))) : undefined;
    const shorts = flags.filter((f) => f.short).map((f) => `-${f.short}`);
    return new UsageError(
      `unknown option ${word}`,
      guess ? `did you mean --${guess}?` : word.startsWith('--') ? 'see --help for every option' : `short options: ${shorts.join(', ')}; see --help`,
    );
  }
  if (e.code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
    const word = /'(?:-\w, )?(--[\w-]+)/.exec(e.message)?.[1] ?? '';
    const flag = flags.find((f) => `--${f.name}` === word);
    if (flag?.type === 'boolean') return new UsageError(`${word} takes no value`, `write ${word} alone`);
    if (flag) return new UsageError(`${word} needs a value (${flag.value})`, `e.g. ${word} ${example(flag)}`);
  }
  return new UsageError(e.message.split('\n')[0]);
}

function example(f: FlagSpec): string {
  if (f.choices) return f.choices[0];
  return { source: 'source/plan.txt', out: 'dist', only: 'booklet', jobs: '2' }[f.name] ?? f.value ?? '';
}

function choice(f: FlagSpec, s: string): string {
  const allowed = f.choices ?? [];
  if (allowed.includes(s)) return s;
  const guess = didYouMean(s, allowed);
  throw new UsageError(`--${f.name} takes ${allowed.join(' | ')}, got ${JSON.stringify(s)}`, guess ? `did you mean ${guess}?` : undefined);
}

function parseOnly(v: string): OutputGroup[] {
  const groups = v.split(',').map((s) => s.trim()).filter(Boolean);
  if (groups.length === 0) throw new UsageError('--only needs at least one group', `e.g. --only booklet (groups: ${OUTPUT_GROUPS.join(', ')})`);
  for (const g of groups) {
    if ((OUTPUT_GROUPS as readonly string[]).includes(g)) continue;
    const guess = didYouMean(g, OUTPUT_GROUPS);
    throw new UsageError(`--only takes ${OUTPUT_GROUPS.join(', ')} (comma-separated), got ${JSON.stringify(g)}`, guess ? `did you mean ${guess}?` : undefined);
  }
  return groups as OutputGroup[];
}

/** A whole number ≥ 1, capped at the core count (more threads only cost memory). */
function parseJobs(v: string, cores: number, notes: string[]): number {
  const n = /^\d+$/.test(v.trim()) ? Number(v) : NaN;
  if (!Number.isSafeInteger(n) || n < 1) throw new UsageError(`--jobs takes a whole number ≥ 1, got ${JSON.stringify(v)}`, `this machine has ${cores} core${cores === 1 ? '' : 's'}`);
  if (n <= cores) return n;
  notes.push(`--jobs ${n} is more than the ${cores} core${cores === 1 ? '' : 's'} here; rendering on ${cores} thread${cores === 1 ? '' : 's'}`);
  return cores;
}

/**
 * `npm run build --strict` (without `--`) never reaches warraq: npm keeps
 * the flag as its own setting `npm_config_strict`. Such a setting that names
 * one of our flags (or nearly) is reported instead of silently ignored.
 */
export function flagsKeptByNpm(env: Readonly<Record<string, string | undefined>>, program: Program = 'build'): UsageError | undefined {
  if (!env.npm_lifecycle_event) return undefined;
  const flags = flagsOf(program);
  const names = flags.map((f) => f.name);
  for (const key of Object.keys(env).sort()) {
    if (!key.startsWith('npm_config_')) continue;
    const name = key.slice('npm_config_'.length).replace(/_/g, '-');
    const short = flags.find((f) => f.short === name && name !== 's'); // -s is npm's own --silent
    const guess = short?.name ?? (names.includes(name) ? name : name.length > 2 ? didYouMean(name, names) : undefined);
    if (!guess) continue;
    const word = name.length === 1 ? `-${name}` : `--${name}`;
    const script = program === 'watch' ? 'watch' : env.npm_lifecycle_event;
    const meant = short ? `${word} (--${guess})` : `--${guess}${guess === name ? '' : ` (did you mean --${guess}?)`}`;
    return new UsageError(`npm kept ${word} for itself; warraq never saw it`, `put warraq's options after \`--\`: npm run ${script} -- ${meant}`);
  }
  return undefined;
}
