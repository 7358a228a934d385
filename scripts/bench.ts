#!/usr/bin/env -S npx tsx
/**
 * npm run bench [-- --runs 5] [--no-scale] [--scales 10,50] [--documents 6]
 *               [--parts cold,rebuild,booklet,proof,kinds,many,scale,browser,input] [--json FILE] [--fuzz [10000]]
 *
 * --parts picks what to measure (default: all); e.g. `--parts scale --runs 1`
 * measures only how a document 1×, 10× and 50× the seed grows.
 *
 * Measures, on a copy of the seed in a temporary project (the real source/
 * and dist/ are never touched), the median of `runs` runs of:
 *
 *   - a cold full build (no previous output, no cache) by the command
 *     (`bin/warraq.mjs`, compiled JavaScript; compiled first when stale), one
 *     render thread per core, and with --jobs 1: wall time of the whole
 *     command and its peak memory (max RSS, threads included);
 *   - a rebuild with no change, and a rebuild after editing one point, as a
 *     command (process start included) and in the watch mode's session
 *     itself (scripts/watchSession.ts: compiled when lib/ is fresh, as
 *     `npm run watch` starts it; pool kept between builds), with the
 *     session's CPU (every thread) during each edit's build;
 *   - the booklet alone in a cold process (the command with --only booklet),
 *     and Typst compiling a comparable A5 booklet of the same text in a cold
 *     process (through @myriaddreamin/typst-ts-node-compiler, an optional dev
 *     dependency: skipped with a note when it is not installed);
 *   - the time per output of each kind (one job at a time, in a warm process);
 *   - many documents in one run (buildMany, one warm pool): documents per minute;
 *   - documents 10× and 50× the seed's length (more points), booklet,
 *     leaflets and print files only (cards are one independent job per point
 *     and format, so they scale linearly by construction), to see how time
 *     and memory grow;
 *   - if `chromium` is on PATH, the same kinds of output made the browser
 *     way (HTML → --print-to-pdf, HTML → --screenshot);
 *   - input: composition of one point of 10k, 25k and 50k characters (and
 *     100,000 commas), and with --fuzz, 10,000 fuzz cases with their crash
 *     count (scripts/benchInput.ts).
 *
 * Library measurements run in a child process (this script with --child),
 * command ones as the command; both under /usr/bin/time when present for
 * their peak memory.
 */
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { copyFile, mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { argv } from 'zx';
import type { BuildOptions, BuildReport } from '../src/build.js';
import { inputBench } from './benchInput.js';
import { compiledIsFresh } from './fresh.mjs';
import { SESSION_ENV, sessionCommand, type FromSession, type ToSession } from './watchSession.js';

const script = fileURLToPath(import.meta.url);
const repo = path.resolve(path.dirname(script), '..');
const SEED = 'source/izmir-2023.txt';

interface ChildResult {
  /** build() time inside the child. */
  buildMs: number;
  /** Whole command, process start included (parent's clock). */
  wallMs: number;
  /** Peak resident memory of the child process in KiB. */
  maxRssKb: number;
  /** CPU time (user + system) of the child, ms; 0 when unknown. */
  cpuMs: number;
  files: BuildReport['files'];
  rendered: number;
  unchanged: number;
  pages?: number;
  threads: number;
  /** Where rendering ran (BuildReport.where). */
  where: string;
}

// ---------------------------------------------------------------------------
// Child: one build (or a warm session), result as one JSON line.

async function child() {
  const { build } = await import('../src/build.js');
  const spec = JSON.parse(String(argv.child ?? '{}')) as Partial<BuildOptions> & { warm?: boolean };
  const { warm: _warm, ...buildSpec } = spec;
  const opts: BuildOptions = { projectRoot: process.cwd(), source: SEED, out: 'dist', ...buildSpec };
  if (argv['child-many']) {
    const { buildMany } = await import('../src/build.js');
    const r = await buildMany({ projectRoot: process.cwd(), sources: ['many'], out: 'dist-many', force: true });
    const failed = r.documents.filter((d) => d.error);
    if (failed.length) throw failed[0].error;
    report(r.documents[0].report!, r.ms);
    return;
  }
  // `warm`: build once to load and warm up every renderer, then measure a second build in the same process.
  if (spec.warm) await build({ ...opts, out: 'warm-up' });
  const r = await build(opts);
  report(r, r.ms);
}

function report(r: BuildReport, ms: number) {
  const usage = process.resourceUsage();
  const out: Omit<ChildResult, 'wallMs'> = {
    buildMs: ms,
    maxRssKb: usage.maxRSS,
    cpuMs: (usage.userCPUTime + usage.systemCPUTime) / 1000,
    files: r.files,
    rendered: r.files.filter((f) => !f.reused).length,
    unchanged: r.files.filter((f) => f.reused).length,
    pages: r.manifest.outputs.find((o) => o.path === 'booklet.pdf')?.pages,
    threads: r.threads,
    where: r.where,
  };
  console.log(`BENCH ${JSON.stringify(out)}`);
}

/** Changes one word of one point (a different point each time), the way an editor would. */
async function editOnePoint(file: string, i: number) {
  const text = await readFile(file, 'utf8');
  const lines = text.split('\n');
  const points = lines.map((l, k) => [l, k] as const).filter(([l]) => /^[0-9٠-٩]+\s*[.)]/.test(l));
  const [line, k] = points[(3 + i * 4) % points.length];
  lines[k] = line.includes(' الكامل') ? line.replace(' الكامل', '') : line.replace(/\s+(\S+)$/, ' الكامل $1');
  await writeFile(file, lines.join('\n'));
}

// ---------------------------------------------------------------------------
// Parent

const hasTime = existsSync('/usr/bin/time');

/** Runs this script as a child build (under /usr/bin/time, through runCommand) and reads its one BENCH line. */
async function runChild(project: string, spec: object, many = false): Promise<ChildResult> {
  const args = [...process.execArgv, script, many ? '--child-many' : '--child', JSON.stringify(spec)];
  const run = await runCommand(project, process.execPath, args);
  const line = run.stdout.split('\n').find((l) => l.startsWith('BENCH '));
  if (!line) throw new Error(`bench child printed no result:\n${run.stdout.slice(-3000)}`);
  const r = JSON.parse(line.slice(6)) as ChildResult;
  // Without /usr/bin/time, the child's own figures.
  return { ...r, wallMs: run.wallMs, maxRssKb: run.maxRssKb || r.maxRssKb, cpuMs: run.cpuMs || r.cpuMs };
}

interface CommandResult {
  wallMs: number;
  maxRssKb: number;
  cpuMs: number;
  stdout: string;
}

/** Runs a command in `cwd` under /usr/bin/time: wall time (parent's clock), peak memory, CPU. */
function runCommand(cwd: string, command: string, args: string[], env: NodeJS.ProcessEnv = {}): Promise<CommandResult> {
  const cmd = hasTime ? '/usr/bin/time' : command;
  const cmdArgs = hasTime ? ['-f', 'TIME %e %M %U %S', command, ...args] : args;
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const p = spawn(cmd, cmdArgs, { cwd, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } });
    let stdout = '';
    let stderr = '';
    p.stdout.on('data', (d) => (stdout += d));
    p.stderr.on('data', (d) => (stderr += d));
    p.on('close', (code) => {
      const wallMs = performance.now() - t0;
      if (code !== 0) return reject(new Error(`${command} ${args.join(' ')} failed (${code}):\n${stderr.slice(-3000)}`));
      const time = /TIME ([\d.]+) (\d+) ([\d.]+) ([\d.]+)/.exec(stderr);
      resolve({ wallMs, maxRssKb: time ? Number(time[2]) : 0, cpuMs: time ? (Number(time[3]) + Number(time[4])) * 1000 : 0, stdout });
    });
  });
}

/** "N rendered, M unchanged" from the command's summary. */
const summaryOf = (r: CommandResult) => /(\d+) rendered, (\d+) unchanged \(([^)]*\)?)\)/.exec(r.stdout)?.slice(1).join(' / ') ?? '';

/** The command (`npm run build` without npm's own start-up): bin/warraq.mjs in the project folder; fails unless it printed its summary. */
async function warraq(project: string, ...args: string[]): Promise<CommandResult> {
  const r = await runCommand(project, process.execPath, [path.join(repo, 'bin/warraq.mjs'), ...args]);
  if (!summaryOf(r)) throw new Error(`the command printed no summary:\n${r.stdout.slice(-2000)}`);
  return r;
}


/**
 * The watch mode's build session, as `npm run watch` starts it (scripts/watchSession.ts: compiled when lib/ is fresh),
 * under /usr/bin/time: its first build (no change, then the warm-up), then `edits` one-point edits, each timed by the
 * session itself (its build, as it prints it). Peak memory and CPU are the session process's, warm-up included.
 */
async function watchSession(project: string, edits: number): Promise<{ sessionMs: number[]; editCpuMs: number[]; maxRssKb: number; cpuMs: number; compiled: boolean }> {
  const { script: entry, execArgv, compiled } = sessionCommand(repo);
  const command = [process.execPath, ...execArgv, entry, SEED];
  const p = spawn(hasTime ? '/usr/bin/time' : command[0], hasTime ? ['-f', 'TIME %e %M %U %S', ...command] : command.slice(1), {
    cwd: project,
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    env: { ...process.env, [SESSION_ENV]: '1' },
  });
  let stdout = '';
  let stderr = '';
  p.stdout!.on('data', (d) => (stdout += d));
  p.stderr!.on('data', (d) => (stderr += d));
  const exited = new Promise<number | null>((resolve) => p.on('close', resolve));
  const idle = () =>
    new Promise<FromSession>((resolve, reject) => {
      p.once('message', (m: FromSession) => (m.ok ? resolve(m) : reject(new Error(`the watch session's build failed:\n${stdout.slice(-2000)}${stderr.slice(-2000)}`))));
      void exited.then((code) => reject(new Error(`the watch session ended (${code}):\n${stderr.slice(-3000)}`)));
    });
  const send = (m: ToSession) => p.send(m);
  await idle();
  const sessionMs: number[] = [];
  const editCpuMs: number[] = [];
  for (let i = 0; i < edits; i++) {
    await editOnePoint(path.join(project, SEED), i);
    send({ type: 'build', changed: [SEED] });
    const done = await idle();
    sessionMs.push(done.ms);
    editCpuMs.push(done.cpuMs);
  }
  send({ type: 'stop' });
  const code = await exited;
  if (code !== 0) throw new Error(`the watch session ended (${code}):\n${stderr.slice(-3000)}`);
  const time = /TIME ([\d.]+) (\d+) ([\d.]+) ([\d.]+)/.exec(stderr);
  return { sessionMs, editCpuMs, maxRssKb: time ? Number(time[2]) : 0, cpuMs: time ? (Number(time[3]) + Number(time[4])) * 1000 : 0, compiled };
}

async function makeProject(sourceText?: string): Promise<string> {
  const root = await mkdtemp(path.join(os.tmpdir(), 'warraq-bench-'));
  // Removed however the bench ends (also on a failure).
  process.once('exit', () => rmSync(root, { recursive: true, force: true }));
  await symlink(path.join(repo, 'fonts'), path.join(root, 'fonts'), 'dir');
  await mkdir(path.join(root, 'source'));
  if (sourceText) await writeFile(path.join(root, SEED), sourceText);
  else await copyFile(path.join(repo, SEED), path.join(root, SEED));
  await copyFile(path.join(repo, 'source/izmir-2023.meta.yaml'), path.join(root, 'source/izmir-2023.meta.yaml'));
  return root;
}

const arabicIndic = (n: number) => String(n).replace(/[0-9]/g, (d) => '٠١٢٣٤٥٦٧٨٩'[Number(d)]);

/** The seed with its points repeated `factor` times (renumbered): a document `factor`× as long. */
async function scaledSeed(factor: number): Promise<string> {
  const lines = (await readFile(path.join(repo, SEED), 'utf8')).split('\n');
  const isPoint = (l: string) => /^[0-9٠-٩]+\s*\.\s*/.test(l);
  const first = lines.findIndex(isPoint);
  const last = lines.length - 1 - [...lines].reverse().findIndex(isPoint);
  const points = lines.slice(first, last + 1).filter(isPoint).map((l) => l.replace(/^[0-9٠-٩]+\s*\.\s*/, ''));
  const body: string[] = [];
  for (let k = 0; k < factor; k++) points.forEach((p, i) => body.push(`${arabicIndic(k * points.length + i + 1)}. ${p}`, ''));
  return [...lines.slice(0, first), ...body, ...lines.slice(last + 1)].join('\n');
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const sec = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const mib = (kb: number) => `${(kb / 1024).toFixed(0)} MiB`;

/** The row of a file in the per-kind table: its job's kind (the first file of each job carries the job's time), cards by format. */
const kindRow = (f: BuildReport['files'][number]) => (f.path.startsWith('cards/') ? `${f.kind} ${f.path.split('/')[1]}` : f.kind);

async function main() {
  const runs = Math.max(1, Number(argv.runs ?? 5));
  const scales = argv.scale === false ? [] : String(argv.scales ?? '10,50').split(',').map(Number).filter((n) => n > 1);
  const parts = new Set(String(argv.parts ?? 'cold,rebuild,booklet,proof,kinds,many,scale,browser,input').split(','));
  const cores = os.availableParallelism?.() ?? os.cpus().length;
  const rows: Array<[string, string, string, string]> = [];
  const row = (what: string, time: string, mem: string, note = '') => {
    rows.push([what, time, mem, note]);
    console.error(`  ${what}: ${time} ${mem} ${note}`);
  };
  const results: Record<string, unknown> = { machine: { cores, cpu: os.cpus()[0]?.model, memGiB: +(os.totalmem() / 2 ** 30).toFixed(1), node: process.version, load: os.loadavg() } };
  console.error(`warraq bench: ${runs} run(s) each, ${cores} cores, ${os.cpus()[0]?.model}; load average ${os.loadavg().map((x) => x.toFixed(2)).join(' ')}`);

  // The command runs compiled JavaScript: compile first when lib/ is stale.
  if (!compiledIsFresh()) {
    console.error('  lib/ is older than the sources: npm run compile');
    execFileSync('npm', ['run', 'compile'], { cwd: repo, stdio: 'ignore' });
    if (!compiledIsFresh()) throw new Error('npm run compile left lib/ stale');
  }
  const project = await makeProject();
  const clean = async () => {
    await rm(path.join(project, 'dist'), { recursive: true, force: true });
    await rm(path.join(project, '.warraq-cache'), { recursive: true, force: true });
  };
  const med = (rs: Array<{ wallMs: number }>) => median(rs.map((r) => r.wallMs));
  const memOf = (rs: Array<{ maxRssKb: number }>) => median(rs.map((r) => r.maxRssKb));
  const cpu = (rs: Array<{ cpuMs: number }>) => `CPU ${sec(median(rs.map((r) => r.cpuMs)))}`;

  // Cold full builds (the command).
  const cold = async (...args: string[]) => {
    const rs: CommandResult[] = [];
    for (let i = 0; i < runs; i++) {
      await clean();
      rs.push(await warraq(project, '--force', ...args));
    }
    return rs;
  };
  const coldN = parts.has('cold') ? await cold() : [];
  if (parts.has('cold')) {
  row(`cold full build, command, default (${summaryOf(coldN[0])})`, sec(med(coldN)), mib(memOf(coldN)), cpu(coldN));
  const cold1 = await cold('--jobs', '1');
  row('cold full build, command, --jobs 1 (main thread alone)', sec(med(cold1)), mib(memOf(cold1)), cpu(cold1));
  results.cold = { jobsN: coldN.map((r) => ({ wallMs: r.wallMs, maxRssKb: r.maxRssKb })), jobs1: cold1.map((r) => ({ wallMs: r.wallMs, maxRssKb: r.maxRssKb })) };
  row('peak memory, cold full build (the larger of the two)', '', mib(Math.max(memOf(coldN), memOf(cold1))), 'max RSS of the command, threads included');
  }
  // The proofing pass (src/proof), in fresh processes.
  if (parts.has('proof')) results.proof = await proofBench(project, runs, row);

  // Rebuilds (the command).
  if (parts.has('rebuild')) {
  await warraq(project);
  const noChange: CommandResult[] = [];
  for (let i = 0; i < runs; i++) noChange.push(await warraq(project));
  row(`rebuild, no change (command: ${summaryOf(noChange[0])})`, sec(med(noChange)), mib(memOf(noChange)), cpu(noChange));
  const edit: CommandResult[] = [];
  for (let i = 0; i < runs; i++) {
    await editOnePoint(path.join(project, SEED), i);
    edit.push(await warraq(project));
  }
  row(`rebuild after editing one point (command: ${summaryOf(edit[0])})`, sec(med(edit)), mib(memOf(edit)), cpu(edit));
  const session = await watchSession(project, runs);
  row(
    `rebuild after editing one point (watch session, warm pool, ${session.compiled ? 'compiled' : 'through tsx'})`,
    sec(median(session.sessionMs)),
    mib(session.maxRssKb),
    `CPU ${sec(median(session.editCpuMs))} per edit; runs: ${session.sessionMs.map((m) => (m / 1000).toFixed(2)).join(', ')} s (CPU ${session.editCpuMs.map((m) => (m / 1000).toFixed(2)).join(', ')} s); the session's CPU in all ${sec(session.cpuMs)}`,
  );
  results.rebuild = {
    noChange: noChange.map((r) => ({ wallMs: r.wallMs, maxRssKb: r.maxRssKb })),
    edit: edit.map((r) => ({ wallMs: r.wallMs, maxRssKb: r.maxRssKb })),
    sessionMs: session.sessionMs,
    sessionCpuMs: session.editCpuMs,
  };
  }

  // The booklet alone, cold process; Typst on a comparable booklet.
  if (parts.has('booklet')) {
  const booklet: CommandResult[] = [];
  for (let i = 0; i < runs; i++) {
    await clean();
    booklet.push(await warraq(project, '--force', '--only', 'booklet'));
  }
  const bookletMs = med(booklet);
  row('booklet alone (command, cold process)', sec(bookletMs), mib(memOf(booklet)), cpu(booklet));
  // The same with the project's .warraq-cache/ kept (what a user's next --only booklet --force finds: the text's proofing findings among it).
  const bookletKept: CommandResult[] = [];
  for (let i = 0; i < runs; i++) {
    await rm(path.join(project, 'dist'), { recursive: true, force: true });
    bookletKept.push(await warraq(project, '--force', '--only', 'booklet'));
  }
  row('booklet alone (command, cold process, .warraq-cache/ kept: text proofed before)', sec(med(bookletKept)), mib(memOf(bookletKept)), cpu(bookletKept));
  const typst = await typstBooklet(project, runs);
  if (typst) {
    row(`Typst: a comparable A5 booklet of the same text (cold process, ${typst.pages} pages)`, sec(typst.ms), mib(typst.maxRssKb), `ours ×${(bookletMs / typst.ms).toFixed(1)} Typst's time (×${(med(bookletKept) / typst.ms).toFixed(1)} with .warraq-cache/ kept)`);
    results.typst = { ...typst, oursMs: bookletMs, oursKeptMs: med(bookletKept) };
  } else row('Typst booklet', 'skipped', '', '@myriaddreamin/typst-ts-node-compiler is not installed (optional dev dependency)');
  }

  // Many documents in one run.
  if (parts.has('many')) {
  const nDocs = Math.max(2, Number(argv.documents ?? 6));
  await mkdir(path.join(project, 'many'), { recursive: true });
  for (let i = 1; i <= nDocs; i++) {
    const name = `doc${String(i).padStart(2, '0')}`;
    await copyFile(path.join(project, SEED), path.join(project, 'many', `${name}.txt`));
    await copyFile(path.join(project, 'source/izmir-2023.meta.yaml'), path.join(project, 'many', `${name}.meta.yaml`));
  }
  const many = await runChild(project, {}, true);
  const perMinute = (nDocs / many.wallMs) * 60_000;
  row(`${nDocs} documents in one run (buildMany, one pool; ${coldN[0] ? summaryOf(coldN[0]).split(' / ')[0] : '?'} files each)`, sec(many.wallMs), mib(many.maxRssKb), `${perMinute.toFixed(1)} documents per minute`);
  results.many = { documents: nDocs, wallMs: many.wallMs, maxRssKb: many.maxRssKb, perMinute };
  }

  // Time per output kind: main thread, one job at a time (no contention between
  // jobs), in a second build of the same process (renderers loaded and warm).
  const warm: ChildResult[] = [];
  const kindRuns = parts.has('kinds') ? Math.min(runs, 3) : 0;
  for (let i = 0; i < kindRuns; i++) warm.push(await runChild(project, { force: true, serial: true, warm: true }));
  const perKind = new Map<string, number[]>();
  for (const r of warm) for (const f of r.files) {
    const k = kindRow(f);
    if (f.ms) perKind.set(k, [...(perKind.get(k) ?? []), f.ms]);
  }
  const kindRows: Array<[string, string, string]> = [...perKind].map(([k, ms]) => [k, `${median(ms).toFixed(0)} ms`, String(ms.length / kindRuns)]);
  results.perKind = Object.fromEntries([...perKind].map(([k, ms]) => [k, median(ms)]));

  // Scaling.
  const scaleRows: Array<[string, string, string, string, string, string]> = [];
  if (scales.length && parts.has('scale')) {
    for (const factor of [1, ...scales]) {
      const p = await makeProject(factor === 1 ? undefined : await scaledSeed(factor));
      const r = await runChild(p, { force: true, only: ['booklet', 'leaflets', 'print'] });
      scaleRows.push([`${factor}×`, String(15 * factor), String(r.pages ?? '?'), sec(r.wallMs), sec(r.cpuMs), mib(r.maxRssKb)]);
      console.error(`  ${factor}×: ${sec(r.wallMs)} ${mib(r.maxRssKb)}`);
      results[`scale${factor}`] = { wallMs: r.wallMs, buildMs: r.buildMs, cpuMs: r.cpuMs, maxRssKb: r.maxRssKb, pages: r.pages, files: r.files.length };
      await rm(p, { recursive: true, force: true });
    }
  }

  // The browser route.
  const browser = ['chromium', 'chromium-browser', 'google-chrome'].map(which).find(Boolean);
  // Say why the browser route did not run: not found, not asked for, or no cold build to compare with.
  let browserNote = !browser
    ? 'chromium is not on PATH: browser comparison skipped'
    : !parts.has('browser')
      ? `browser comparison not asked for (${browser} found; --parts browser,cold runs it)`
      : `browser comparison needs the cold full build (${browser} found; add cold to --parts)`;
  if (browser && parts.has('browser') && coldN.length) {
    const b = await browserRoute(browser, project, runs);
    // The same outputs as the browser makes: booklet, leaflets and cards (no print files).
    const same: ChildResult[] = [];
    for (let i = 0; i < runs; i++) {
      await rm(path.join(project, 'dist'), { recursive: true, force: true });
      await rm(path.join(project, '.warraq-cache'), { recursive: true, force: true });
      same.push(await runChild(project, { force: true, only: ['booklet', 'leaflets', 'cards'] }));
    }
    const sameMs = median(same.map((r) => r.wallMs));
    row('cold build of the browser route\'s outputs (booklet, leaflets, cards)', sec(sameMs), mib(median(same.map((r) => r.maxRssKb))), `build() ${sec(median(same.map((r) => r.buildMs)))}`);
    results.browser = { ...b, sameOutputsMs: sameMs };
    browserNote =
      `browser (${path.basename(browser)}, median of ${runs}): booklet ${sec(b.bookletMs)}, leaflet ${sec(b.leafletMs)}, card ${sec(b.cardMs)}; ` +
      `whole set ≈ ${sec(b.totalMs)}: ×${(b.totalMs / sameMs).toFixed(1)} our cold build of the same outputs, ` +
      `×${(b.totalMs / median(coldN.map((r) => r.wallMs))).toFixed(1)} our full build (which adds the print files)`;
  }

  // Report.
  const lines: string[] = [];
  lines.push(`Machine: ${cores} cores (${os.cpus()[0]?.model}), ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}; median of ${runs} run(s); load average (1, 5, 15 min) at start ${(results.machine as { load: number[] }).load.map((x) => x.toFixed(2)).join(' ')}, at end ${os.loadavg().map((x) => x.toFixed(2)).join(' ')}.`);
  if (rows.length) lines.push('', '| measurement | time | peak memory | notes |', '|---|---|---|---|', ...rows.map((r) => `| ${r.join(' | ')} |`));
  if (kindRows.length) lines.push('', '| output kind (one at a time, warm) | median time | per build |', '|---|---|---|', ...kindRows.map((r) => `| ${r.join(' | ')} |`));
  if (scaleRows.length) {
    lines.push('', '| document (booklet, leaflets, print) | points | booklet pages | cold build | CPU | peak memory |', '|---|---|---|---|---|---|', ...scaleRows.map((r) => `| ${r.join(' | ')} |`));
    const base1 = results.scale1 as { wallMs: number; cpuMs: number };
    const per = scales.map((f) => {
      const r = results[`scale${f}`] as { wallMs: number; cpuMs: number };
      return `${f}×: ${(r.wallMs / base1.wallMs).toFixed(1)}× the time, ${(r.cpuMs / base1.cpuMs).toFixed(1)}× the CPU`;
    });
    lines.push('', `Growth: ${per.join('; ')} (linear would be ${scales.map((f) => `${f}×`).join(', ')}; the fixed start-up cost makes small documents look dearer).`);
  }
  lines.push('', browserNote);
  if (parts.has('input') || argv.fuzz !== undefined) {
    const input = await inputBench(repo, { fuzz: argv.fuzz === undefined ? undefined : Number(argv.fuzz === true ? 10_000 : argv.fuzz) });
    lines.push(...input.lines);
    results.input = input.results;
  }
  console.log(lines.join('\n'));
  if (argv.json) await writeFile(String(argv.json), JSON.stringify(results, null, 2) + '\n');
  await rm(project, { recursive: true, force: true });
}

/** Typst's typesetting of the same text, in the booklet's shape: A5, Amiri, cover, contents, preamble, a heading and paragraph per point, colophon. */
function typstSource(model: import('../src/model/types.js').DocumentModel): string {
  const str = (t: string) => JSON.stringify(t); // a Typst string literal (same escapes as JSON)
  const t = model.theme;
  const m = t.page.margins;
  return [
    `#set document(title: ${str(model.title)})`,
    `#set page(width: ${t.page.booklet.width}pt, height: ${t.page.booklet.height}pt, margin: (top: ${m.top}pt, bottom: ${m.bottom}pt, inside: ${m.inner}pt, outside: ${m.outer}pt), binding: ${model.dir === 'rtl' ? 'right' : 'left'}, numbering: "1")`,
    `#set text(font: "Amiri", size: ${t.body.size}pt, lang: ${str(model.lang)}, dir: ${model.dir})`,
    `#set par(justify: true, leading: ${(t.body.leading - 1).toFixed(2)}em)`,
    `#page(fill: rgb(${str(t.palette.cover)}), numbering: none)[#align(center + horizon)[#text(size: 26pt, fill: rgb(${str(t.palette.coverInk)}), weight: "bold", ${str(model.title)})]]`,
    `#outline()`,
    `#pagebreak()`,
    ...model.preamble.map((p) => `#par(${str(p.text)})`),
    ...model.points.map((p) => `#heading(level: 1, ${str(`${p.label} ${p.title}`)})\n#par(${str(p.text)})`),
    `#pagebreak()`,
    ...model.imprint.lines.map((l) => `#align(center, text(size: 9pt, ${str(l.runs.map((r) => r.text).join(''))}))`),
  ].join('\n');
}

/**
 * Typst on the booklet, in a cold process each run (load the compiler and the
 * fonts, compile, write the PDF), median of `runs`; undefined when the
 * compiler package is not installed.
 */
async function typstBooklet(project: string, runs: number): Promise<{ ms: number; maxRssKb: number; pages: number } | undefined> {
  const pkg = path.join(repo, 'node_modules/@myriaddreamin/typst-ts-node-compiler');
  if (!existsSync(pkg)) return undefined;
  const { loadDocument } = await import('../src/model/buildModel.js');
  const { model } = await loadDocument(SEED, { projectRoot: project });
  const dir = await mkdtemp(path.join(os.tmpdir(), 'warraq-typst-'));
  try {
    await writeFile(path.join(dir, 'booklet.typ'), typstSource(model));
    const child = path.join(dir, 'compile.mjs');
    await writeFile(
      child,
      [
        `import { createRequire } from 'node:module';`,
        `import { writeFileSync } from 'node:fs';`,
        `const { NodeCompiler } = createRequire(import.meta.url)(${JSON.stringify(pkg)});`,
        `const c = NodeCompiler.create({ workspace: ${JSON.stringify(dir)}, fontArgs: [{ fontPaths: [${JSON.stringify(path.join(repo, 'fonts'))}] }] });`,
        `const pdf = c.pdf({ mainFilePath: ${JSON.stringify(path.join(dir, 'booklet.typ'))} });`,
        `writeFileSync(${JSON.stringify(path.join(dir, 'booklet.pdf'))}, pdf);`,
      ].join('\n'),
    );
    const rs: CommandResult[] = [];
    for (let i = 0; i < runs; i++) rs.push(await runCommand(dir, process.execPath, [child]));
    const { PDFDocument } = await import('pdf-lib');
    const pages = (await PDFDocument.load(await readFile(path.join(dir, 'booklet.pdf')))).getPageCount();
    return { ms: median(rs.map((r) => r.wallMs)), maxRssKb: median(rs.map((r) => r.maxRssKb)), pages };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

function which(name: string): string | undefined {
  const r = spawnSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : undefined;
}

/**
 * The browser way: the document's text as HTML pages with the same fonts,
 * printed to PDF or screenshotted by headless Chromium, one process per
 * output (as a build script would do it).
 */
async function browserRoute(chromium: string, project: string, runs: number) {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'warraq-browser-'));
  const { loadDocument } = await import('../src/model/buildModel.js');
  const { model } = await loadDocument(SEED, { projectRoot: project });
  const font = path.join(repo, model.theme.fonts.body[0]);
  const style = `@font-face{font-family:Body;src:url('file://${font}')} body{font-family:Body;direction:${model.dir};text-align:justify;margin:0}`;
  const esc = (s: string) => s.replace(/[&<>]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;' })[c]!);
  const page = (body: string, size: string) => `<!doctype html><html lang="${model.lang}" dir="${model.dir}"><meta charset="utf-8"><style>${style} @page{size:${size};margin:15mm}</style><body>${body}</body></html>`;
  const run = (args: string[]) => {
    const ms: number[] = [];
    for (let i = 0; i < runs; i++) {
      const t = performance.now();
      execFileSync(chromium, ['--headless', '--no-sandbox', '--disable-gpu', ...args], { stdio: 'ignore', timeout: 120_000 });
      ms.push(performance.now() - t);
    }
    return median(ms);
  };
  const booklet = path.join(dir, 'booklet.html');
  await writeFile(booklet, page(`<h1>${esc(model.title)}</h1>${model.preamble.map((p) => `<p>${esc(p.text)}</p>`).join('')}${model.points.map((p) => `<h2>${esc(p.title)}</h2><p>${esc(p.text)}</p>`).join('')}`, 'A5'));
  const bookletMs = run([`--print-to-pdf=${path.join(dir, 'booklet.pdf')}`, `file://${booklet}`]);
  const leaflet = path.join(dir, 'leaflet.html');
  const p0 = model.points[0];
  await writeFile(leaflet, page(`<h1>${esc(p0.title)}</h1><p>${esc(p0.text)}</p>`, 'A5'));
  const leafletMs = run([`--print-to-pdf=${path.join(dir, 'leaflet.pdf')}`, `file://${leaflet}`]);
  const fmt = model.theme.cards[0];
  const card = path.join(dir, 'card.html');
  await writeFile(card, page(`<div style="width:${fmt.width}px;height:${fmt.height}px;background:${model.theme.palette.cover};color:${model.theme.palette.coverInk};font-size:48px;padding:80px;box-sizing:border-box">${esc(p0.text)}</div>`, 'auto'));
  const cardMs = run([`--screenshot=${path.join(dir, 'card.png')}`, `--window-size=${fmt.width},${fmt.height}`, `file://${card}`]);
  await rm(dir, { recursive: true, force: true });
  const leaflets = model.points.length;
  const cards = (model.points.length + 1) * model.theme.cards.length;
  // Print files are pdf-lib work either way; counted as ours.
  return { bookletMs, leafletMs, cardMs, totalMs: bookletMs + leaflets * leafletMs + cards * cardMs };
}

// ---------------------------------------------------------------------------
// The proofing pass

/** In a child: load the seed, time proofDocument (dictionary load included), then keep its findings as a build that succeeded does (untimed). */
async function proofChild() {
  const { loadDocument } = await import('../src/model/buildModel.js');
  const { proofDocument } = await import('../src/proof/index.js');
  const { model } = await loadDocument(SEED, { projectRoot: process.cwd() });
  const t = performance.now();
  const cpu = process.cpuUsage();
  const r = await proofDocument(model, { projectRoot: process.cwd() });
  const used = process.cpuUsage(cpu);
  const ms = performance.now() - t;
  await r.save();
  console.log(`BENCH ${JSON.stringify({ ms, cpuMs: (used.user + used.system) / 1000, findings: r.findings.length, cached: r.cached })}`);
}

/** Proofing pass on the seed, each in a fresh process: with no dictionary cache at all, then with an empty .warraq-cache (a cold build). */
async function proofBench(project: string, runs: number, row: (what: string, time: string, mem: string, note?: string) => void) {
  const once = (): Promise<{ ms: number; cpuMs: number; findings: number; cached: boolean }> =>
    new Promise((resolve, reject) => {
      const p = spawn(process.execPath, [...process.execArgv, script, '--proof-child'], { cwd: project, stdio: ['ignore', 'pipe', 'pipe'] });
      let out = '';
      p.stdout.on('data', (d) => (out += d));
      p.on('close', (code) => {
        const line = out.split('\n').find((l) => l.startsWith('BENCH '));
        if (code !== 0 || !line) reject(new Error(`proof bench child failed (${code})`));
        else resolve(JSON.parse(line.slice(6)));
      });
    });
  const cold: Array<{ ms: number; cpuMs: number }> = [];
  const warm: Array<{ ms: number; cpuMs: number }> = [];
  const cached: Array<{ ms: number; cpuMs: number }> = [];
  let findings = 0;
  for (let i = 0; i < runs; i++) {
    await rm(path.join(project, '.warraq-cache'), { recursive: true, force: true });
    await rm(path.join(repo, 'node_modules', '.cache', 'warraq'), { recursive: true, force: true });
    cold.push(await once());
    await rm(path.join(project, '.warraq-cache'), { recursive: true, force: true });
    const w = await once();
    warm.push(w);
    findings = w.findings;
    // The same text again: its findings from .warraq-cache/proof/ (src/proof/cache.ts), kept by the run before.
    const c = await once();
    if (!c.cached) throw new Error('proof bench: the text proofed before was proofed again (its findings were not kept)');
    cached.push(c);
  }
  const note = (rs: Array<{ ms: number; cpuMs: number }>) => `CPU ${sec(median(rs.map((r) => r.cpuMs)))}; runs: ${rs.map((r) => (r.ms / 1000).toFixed(2)).join(', ')} s`;
  row('proofing pass on the seed, no dictionary cache (npm install without its postinstall step; dictionaries read and cached)', sec(median(cold.map((r) => r.ms))), '', note(cold));
  row('proofing pass on the seed, any later build (cold build included; fresh process)', sec(median(warm.map((r) => r.ms))), '', `${note(warm)}; ${findings} findings; targets < 0.5 s warm, < 1 s added to a cold build`);
  row('proofing pass on the seed, text proofed before (findings from .warraq-cache/proof/, no dictionary loaded)', sec(median(cached.map((r) => r.ms))), '', note(cached));
  return { cold, warm, cached };
}

/** `--help`: this file's opening comment, which says what is measured and how to ask for it. */
async function usage() {
  const text = await readFile(new URL(import.meta.url), 'utf8');
  const head = text.slice(text.indexOf('/**') + 3, text.indexOf('*/'));
  console.log(head.split('\n').map((l) => l.replace(/^ \* ?/, '')).join('\n').trim());
}

if (argv.help || argv.h) await usage();
else if (argv['proof-child']) await proofChild();
else if (argv['proof-only']) {
  const project = await makeProject();
  const runs = Math.max(1, Number(argv.runs ?? 3));
  await proofBench(project, runs, (what, time, _mem, note) => console.log(`| ${what} | ${time} | ${note ?? ''} |`));
  await rm(project, { recursive: true, force: true });
} else if (argv.child || argv['child-many']) await child();
else await main();
