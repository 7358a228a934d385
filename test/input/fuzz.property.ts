/**
 * More robustness properties beside test/model/pipeline.property.ts (text →
 * model), shared by test/input/fuzz.test.ts (a few runs) and scripts/fuzz.ts
 * (thousands, and 10,000 in `npm run bench`):
 *
 * - meta: hostile metadata (every key, odd values, huge and deep values)
 *   beside a good source ends in a model or in diagnostics;
 * - fs: the source and metadata as a FIFO, a device, a folder, a dangling
 *   link, a sparse 17 MB file, UTF-16 or random bytes: a diagnostic, at once;
 * - render: a small document that passes check() builds (booklet, one small
 *   card format, into a scratch folder), and one that does not stops the
 *   build with the same error codes (check lays every output out, so an
 *   E-OVERFLOW is check's to find, not the build's).
 *
 * A crash is any exception that is not a WarraqError with well-formed
 * diagnostics, a build that fails after check() passed, and a build that
 * does not fail as check() did.
 */
import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { build, check } from '../../src/build.js';
import type { OutputGroup } from '../../src/jobs/kind.js';
import { WarraqError, type Diagnostic } from '../../src/diagnostics.js';
import { loadDocument } from '../../src/model/buildModel.js';
import { runPipeline, type Outcome } from '../model/pipeline.property.js';

export const repoRoot = path.resolve(import.meta.dirname, '../..');
export const SMALL = '---\ndate: 2024-03-15\n---\n## خطة قصيرة\n\nمقدمة قصيرة.\n\n١. النقطة الأولى: حماية التراث.\n\n٢. النقطة الثانية: محو الأمية.\n';

// ---------------------------------------------------------------------------
// Metadata

const scalar = fc.oneof(
  fc.constantFrom('ar', 'fa', 'en', 'ar-XYZ', 'en-US-US', 'x', '', 'rtl', 'ltr', 'arab', 'latn', '2024-02-30', '--09-21', '2024-05-09', 'https://example.org/a', 'ftp://x', '#ff0000', '#zzz', 'fonts/Amiri-Regular.ttf', '../x.ttf', '/etc/passwd', 'A5', 'A3', 'jpeg', 'webp', 'anti-war', 'Anti War', 'null', '~', "'", '"', '\t', '\u001b[2J', '\u202e'),
  fc.integer({ min: -5, max: 100_000 }),
  fc.double({ noNaN: false }),
  fc.boolean(),
  fc.string({ maxLength: 20 }),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
  fc.nat({ max: 3000 }).map((n) => 'https://example.org/' + 'x'.repeat(n)),
);
const KEYS = ['lang', 'dir', 'digits', 'title', 'date', 'url', 'imprint', 'points', 'theme', 'palette', 'paper', 'ink', 'fonts', 'body', 'heading', 'size', 'leading', 'minSize', 'maxSize', 'justify', 'space', 'stretch', 'shrink', 'page', 'booklet', 'leaflet', 'margins', 'cards', 'add', 'drop', 'name', 'width', 'height', 'extra', 'safeY', 'cardMinBodyPx', 'slug', 'event', 'start', 'end', 'place', '1', '2', '3', '999', '1000', 'x'];
const { tree } = fc.letrec<{ tree: unknown }>((tie) => ({
  tree: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    scalar,
    fc.array(tie('tree'), { maxLength: 4 }),
    fc.dictionary(fc.constantFrom(...KEYS), tie('tree'), { maxKeys: 5 }),
  ),
}));
/** A card format entry that is plausible, so that fit, size and JPEG checks are reached. */
const card = fc.record({
  name: fc.constantFrom('s', 'banner', 'tiny', 'story'),
  width: fc.integer({ min: 64, max: 8192 }),
  height: fc.integer({ min: 64, max: 8192 }),
  extra: fc.subarray(['webp', 'jpeg']),
});
const plausible = fc.record(
  {
    lang: fc.constantFrom('ar', 'fa', 'en', 'ar-EG', 'ar-XYZ', 'en-US-US'),
    url: fc.nat({ max: 3000 }).map((n) => 'https://example.org/' + 'x'.repeat(n)),
    points: fc.dictionary(fc.constantFrom('1', '2', '3', '9'), fc.record({ title: fc.string({ unit: 'grapheme', maxLength: 30 }), slug: fc.constantFrom('a', 'b', 'same') }, { requiredKeys: [] }), { maxKeys: 3 }),
    theme: fc.record({ cardMinBodyPx: fc.integer({ min: 8, max: 400 }), cards: fc.record({ add: fc.array(card, { maxLength: 2 }) }) }, { requiredKeys: [] }),
  },
  { requiredKeys: [] },
);

/** Metadata YAML: a random tree of the schema's keys, a plausible entry set, or broken YAML. */
export const metaYaml: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: tree.map((t) => JSON.stringify(t)) },
  { weight: 3, arbitrary: plausible.map((t) => JSON.stringify(t)) },
  { weight: 1, arbitrary: fc.array(fc.constantFrom('lang: ar', '\tdir: rtl', 'points:', '  1:', '    title: x', '  - a', ': {', '&a [*a, *a]', 'date: 2024-01-01', 'date: 2024-01-01', 'k: v'), { maxLength: 12 }).map((ls) => ls.join('\n')) },
  { weight: 1, arbitrary: fc.nat({ max: 3000 }).map((n) => Array.from({ length: n }, (_, i) => `k${i}: ${i}`).join('\n')) },
);

export function metaProperty(onOutcome?: (o: Outcome) => void) {
  return fc.property(metaYaml, fc.boolean(), (yaml, strict) => {
    onOutcome?.(runPipeline({ source: SMALL, sidecar: yaml, strict, sourceDateEpoch: '1697932800' }));
  });
}

// ---------------------------------------------------------------------------
// File system

export type FsKind = 'regular' | 'fifo' | 'dev-zero' | 'folder' | 'dangling-link' | 'link-to-folder' | 'missing' | 'sparse-17mb' | 'utf16' | 'bytes' | 'empty';
const FS_KINDS: FsKind[] = ['regular', 'fifo', 'dev-zero', 'folder', 'dangling-link', 'link-to-folder', 'missing', 'sparse-17mb', 'utf16', 'bytes', 'empty'];
export const fsCase = fc.record({ source: fc.constantFrom(...FS_KINDS), meta: fc.constantFrom<FsKind>(...FS_KINDS), bytes: fc.uint8Array({ maxLength: 200 }) });

/** Makes `abs` into a file-system object of this kind. */
async function makeKind(abs: string, kind: FsKind, text: string, bytes: Uint8Array): Promise<void> {
  switch (kind) {
    case 'regular': return writeFile(abs, text);
    case 'fifo': execFileSync('mkfifo', [abs]); return;
    case 'dev-zero': return symlink('/dev/zero', abs);
    case 'folder': return mkdir(abs);
    case 'dangling-link': return symlink(abs + '.nowhere', abs);
    case 'link-to-folder': return symlink(path.dirname(abs), abs);
    case 'missing': return;
    case 'sparse-17mb': execFileSync('truncate', ['-s', String(17 * 1024 * 1024), abs]); return;
    case 'utf16': return writeFile(abs, Buffer.from(text, 'utf16le'));
    case 'bytes': return writeFile(abs, bytes);
    case 'empty': return writeFile(abs, '');
  }
}

/** One file-system case in a fresh folder under `scratch`: a model or diagnostics, never a hang or another exception. */
export async function runFsCase(scratch: string, c: { source: FsKind; meta: FsKind; bytes: Uint8Array }): Promise<Outcome> {
  const dir = await mkdtemp(path.join(scratch, 'fs-'));
  try {
    await makeKind(path.join(dir, 'doc.txt'), c.source, SMALL, c.bytes);
    await makeKind(path.join(dir, 'doc.meta.yaml'), c.meta, 'lang: ar\n', c.bytes);
    return (await outcomeOf(loadDocument(path.join(dir, 'doc.txt'), { projectRoot: repoRoot }))).outcome;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

// ---------------------------------------------------------------------------
// Rendering

const WORDS = ['حماية', 'التراث', 'محو', 'الأمية', 'وَفْقًا', 'NATO', '(EU)', '30%', '٣٠٪', '«اقتباس»', 'https://example.org/x', 'ـــ', '\u2066abc\u2069', '\u200f', 'کتاب', 'ی', '،', '.', 'مجلس', 'السلام', 'العالمي'];
/** Rarely: no glyph, an emoji, a word wider than a line, a control character. */
const HOSTILE = ['😀', '中', 'x'.repeat(60), '\u0007', 'ﷺ', '\u2067'];
const word = fc.oneof({ weight: 30, arbitrary: fc.constantFrom(...WORDS) }, { weight: 1, arbitrary: fc.constantFrom(...HOSTILE) });
const paragraph = fc.array(word, { minLength: 1, maxLength: 40 }).map((ws) => ws.join(' '));
export const renderDoc = fc.record({
  title: paragraph,
  points: fc.array(paragraph, { minLength: 1, maxLength: 3 }),
  imprint: fc.option(paragraph, { nil: undefined }),
  meta: fc.option(plausible.map((t) => JSON.stringify(t)), { nil: undefined, freq: 2 }),
});

/** One small document through check() and, when it passes, a build of the booklet and one small card format. */
export async function runRenderCase(scratch: string, d: { title: string; points: string[]; imprint?: string; meta?: string }): Promise<Outcome> {
  const dir = await mkdtemp(path.join(scratch, 'render-'));
  try {
    const text = `---\ndate: 2024-03-15\n---\n## ${d.title}\n\n${d.points.map((p, i) => `${i + 1}. ${p}`).join('\n\n')}\n${d.imprint ? `\n${d.imprint}\n` : ''}`;
    await symlink(path.join(repoRoot, 'fonts'), path.join(dir, 'fonts'), 'dir');
    await writeFile(path.join(dir, 'doc.txt'), text);
    // One small card format.
    const meta = d.meta ? (JSON.parse(d.meta) as Record<string, unknown>) : {};
    const theme = (meta.theme ?? {}) as Record<string, unknown>;
    const cards = (theme.cards ?? {}) as Record<string, unknown>;
    // Its size is kept under 1200 px unless it asks for a JPEG (the budget check is then the point), so a case renders in about a second.
    const small = (c: Record<string, unknown>) => (Array.isArray(c.extra) && c.extra.includes('jpeg') ? c : { ...c, width: Math.min(Number(c.width), 1200), height: Math.min(Number(c.height), 1200) });
    const add = ((cards.add as Array<Record<string, unknown>> | undefined) ?? [{ name: 's', width: 320, height: 320 }]).slice(0, 1).map(small);
    meta.theme = { ...theme, cards: { add, drop: ['square', 'portrait', 'story', 'link'] } };
    await writeFile(path.join(dir, 'doc.meta.yaml'), JSON.stringify(meta));
    // check() lays out what this build makes (booklet and cards); it and the build must agree.
    const only: OutputGroup[] = ['booklet', 'cards'];
    const checked = await outcomeOf(check({ projectRoot: dir, source: 'doc.txt', only }));
    const built = await errorCodesOf(build({ projectRoot: dir, source: 'doc.txt', out: 'out', only, serial: true }));
    if (checked.outcome === 'model') {
      // check() passed: the build must succeed.
      if (built) throw new Error(`check passed but the build failed with ${[...built].join(', ')}`);
      return 'model';
    }
    // check() failed: the build must fail with the same error codes.
    const want = [...checked.errors].sort().join(', ');
    const got = built ? [...built].sort().join(', ') : 'success';
    if (want !== got) throw new Error(`check failed with ${want} but the build ended with ${got}`);
    return 'diagnostics';
    return 'model';
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

// ---------------------------------------------------------------------------

async function outcomeOf(p: Promise<unknown>): Promise<{ outcome: Outcome; errors: Set<string> }> {
  const errors = await errorCodesOf(p);
  return { outcome: errors ? 'diagnostics' : 'model', errors: errors ?? new Set() };
}

/** The error codes `p` fails with (well-formed diagnostics of a WarraqError), or undefined when it succeeds; anything else is thrown. */
async function errorCodesOf(p: Promise<unknown>): Promise<Set<string> | undefined> {
  try {
    await p;
    return undefined;
  } catch (e) {
    if (!(e instanceof WarraqError) || e.diagnostics.length === 0) throw e;
    e.diagnostics.forEach(wellFormed);
    return new Set(e.diagnostics.filter((d) => d.severity === 'error').map((d) => d.code));
  }
}

function wellFormed(d: Diagnostic): void {
  if (!/^[EW]-[A-Z0-9-]+$/.test(d.code) || !(d.line >= 1) || !(d.col >= 1) || !d.message) throw new Error(`malformed diagnostic: ${JSON.stringify(d)}`);
}

export const scratchDir = () => mkdtemp(path.join(os.tmpdir(), 'warraq-fuzz-'));

// ---------------------------------------------------------------------------
// A counted mix, for scripts/fuzz.ts and the bench

export interface MixReport {
  cases: Record<'text' | 'meta' | 'fs' | 'render', number>;
  outcomes: Record<Outcome, number>;
  crashes: number;
  /** The first few crashes: the case kind, the input and the error. */
  examples: Array<{ kind: string; input: unknown; error: string }>;
  ms: number;
}

/**
 * `total` cases, not stopping at a crash but counting them: 60 % source text
 * (test/model/pipeline.property.ts), 30 % metadata, file-system cases, and
 * `render` check → build cases (about a second each).
 */
export async function runMix(total: number, opts: { seed?: number; render?: number } = {}): Promise<MixReport> {
  const { pipelineInput } = await import('../model/pipeline.property.js');
  const t0 = performance.now();
  const seed = opts.seed ?? 42;
  const render = Math.min(opts.render ?? Math.max(1, Math.round(total / 200)), total);
  const meta = Math.round((total - render) * 0.3);
  const fs = Math.round((total - render) * 0.1);
  const text = total - render - meta - fs;
  const report: MixReport = { cases: { text, meta, fs, render }, outcomes: { model: 0, diagnostics: 0 }, crashes: 0, examples: [], ms: 0 };
  const scratch = await scratchDir();
  const run = async (kind: string, input: unknown, f: () => Outcome | Promise<Outcome>) => {
    try {
      report.outcomes[await f()]++;
    } catch (e) {
      report.crashes++;
      if (report.examples.length < 5) report.examples.push({ kind, input, error: (e as Error).stack ?? String(e) });
    }
  };
  try {
    for (const input of fc.sample(pipelineInput, { numRuns: text, seed })) await run('text', input, () => runPipeline(input));
    for (const [yaml, strict] of fc.sample(fc.tuple(metaYaml, fc.boolean()), { numRuns: meta, seed })) await run('meta', yaml, () => runPipeline({ source: SMALL, sidecar: yaml, strict, sourceDateEpoch: '1697932800' }));
    for (const c of fc.sample(fsCase, { numRuns: fs, seed })) await run('fs', c, () => runFsCase(scratch, c));
    for (const d of fc.sample(renderDoc, { numRuns: render, seed })) await run('render', d, () => runRenderCase(scratch, d));
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
  report.ms = performance.now() - t0;
  return report;
}
