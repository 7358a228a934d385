/**
 * The no-change build: before parsing anything, a build hashes its inputs
 * (source, metadata, options, code, fonts, and what each kind names in its
 * `environment`) into one key and compares it with the record the previous
 * successful build into the same output folder left. When they match and
 * every output file (and manifest.json) is still the one that build wrote
 * (same inode, size and modification time), there is nothing to do: the
 * build returns the recorded report, having parsed, composed and written
 * nothing. Anything else (no record, another key, a file touched) takes the
 * full path, which reuses unchanged outputs job by job.
 *
 * Light on purpose: no parser, no YAML or zod, no fonts or renderers.
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { stableJson, digestOf, hashFonts, readCodeInputs, type CodeInputs, type FontHasher, type StillAsLeft } from './cache.js';
import { sha256 } from '../output/manifest.js';
import { sameStamp, type Stamp } from '../output/writeOutputs.js';
import { readSourceBytes } from '../parse/readSource.js';
import { writeAtomic } from '../writeAtomic.js';
import { KINDS } from './kinds.js';

/** What the build's result depends on besides files: the options as given. */
export interface UpToDateOptions {
  projectRoot: string;
  source: string;
  out: string;
  only?: readonly string[];
  strict?: boolean;
  justify?: string;
  leafletSheet?: string;
  pages?: string;
  sourceDateEpoch?: string;
}

/** A file of the output folder as a build left it (path relative to the folder). */
export interface FileStamp extends Stamp {
  path: string;
}

/** What a successful build leaves for the next one (`recordBuild`). */
export interface BuildRecord<R = unknown> {
  key: string;
  /** The font files the model's theme named (project-relative). */
  fonts: string[];
  /** manifest.json and every output file, as the build left them. */
  files: FileStamp[];
  /** The report a no-change build returns. */
  report: R;
}

const recordFile = (cacheDir: string) => path.join(cacheDir, 'build-record.json');

/** What a build has read and hashed already, so that its key does not read it again. */
export interface KnownInputs {
  /** The source and the YAML files beside it (`readSources`), as the build found them before it parsed them. */
  sources?: Promise<SourceDigests>;
  /** The code that runs (`readCodeInputs()`). */
  code?: Promise<CodeInputs>;
  /** Hashes font files (`fontHasher`: each file once per build). */
  fonts?: FontHasher;
}

/** The source text's digest and the YAML files' beside it. */
export interface SourceDigests {
  src: string;
  side: Array<[string, string]>;
}

/**
 * The source, read once (a regular file only: src/parse/readSource.ts), and
 * its metadata candidates: `bytes` for the parser (rejects with E-READ when
 * the source cannot be read), `digests` for the key (never rejects). Read by
 * a build before it parses them, so that its record names the text it built,
 * not one saved while it ran (that one is the next build's).
 */
export function readSources(opts: Pick<UpToDateOptions, 'projectRoot' | 'source'>): { bytes: Promise<Uint8Array>; digests: Promise<SourceDigests> } {
  const source = path.resolve(opts.projectRoot, opts.source);
  const bytes = readSourceBytes(source, opts.source);
  // A build that stops at the no-change check never parses: its unread failure is not unhandled.
  bytes.catch(() => {});
  const src = bytes.then(sha256, () => 'unreadable');
  const digests = Promise.all([src, nearbyYaml(path.dirname(source))]).then(([src, side]) => ({ src, side }));
  return { bytes, digests };
}

/** One key over every input of a build. */
async function buildKey(opts: UpToDateOptions, fonts: readonly string[], known: KnownInputs = {}): Promise<string> {
  const root = path.resolve(opts.projectRoot);
  const [{ src, side }, code, fontHashes] = await Promise.all([
    known.sources ?? readSources(opts).digests,
    known.code ?? readCodeInputs(),
    known.fonts?.(fonts) ?? hashFonts(root, fonts),
  ]);
  const options = {
    root,
    source: opts.source,
    out: path.resolve(root, opts.out),
    only: opts.only ? [...opts.only].sort() : null,
    strict: Boolean(opts.strict),
    justify: opts.justify ?? null,
    leafletSheet: opts.leafletSheet ?? null,
    pages: opts.pages ?? null,
    sourceDateEpoch: opts.sourceDateEpoch ?? null,
  };
  const environment = KINDS.map((k) => [k.name, k.environment?.() ?? '']);
  return sha256(stableJson({ v: 1, options, src, side, code, fonts: fontHashes, environment }));
}

/**
 * Every YAML file beside the source, by name and hash: the metadata file is
 * one of them (src/model/sidecar.ts tries several names, and warns about
 * others that look like metadata), so any change among them counts.
 */
async function nearbyYaml(dir: string): Promise<Array<[string, string]>> {
  const names = (await readdir(dir).catch(() => [] as string[])).filter((n) => /\.ya?ml$/i.test(n)).sort();
  return Promise.all(names.map(async (n): Promise<[string, string]> => [n, await digestOf(path.join(dir, n)).catch(() => 'unreadable')]));
}

async function stampOf(outDir: string, rel: string): Promise<FileStamp> {
  const st = await stat(path.join(outDir, rel));
  return { path: rel, ino: st.ino, size: st.size, mtimeMs: st.mtimeMs };
}


/**
 * The previous successful build's record into this output folder; undefined
 * when there is none or it is unreadable. A build reads it once, for the
 * no-change check (`upToDate`) and the reuse of unchanged outputs
 * (`recordedOutputs`).
 */
export async function readRecord<R>(cacheDir: string): Promise<BuildRecord<R> | undefined> {
  return readFile(recordFile(cacheDir), 'utf8')
    .then((text) => JSON.parse(text) as BuildRecord<R>)
    .catch(() => undefined);
}

/**
 * The previous build's report (from its `record`) when nothing it depends on
 * changed and its outputs are as it left them; undefined otherwise.
 */
export async function upToDate<R>(opts: UpToDateOptions, record: BuildRecord<R>, known?: KnownInputs): Promise<R | undefined> {
  const outDir = path.resolve(opts.projectRoot, opts.out);
  const [key, same] = await Promise.all([
    buildKey(opts, record.fonts, known),
    Promise.all(record.files.map((f) => stampOf(outDir, f.path).then((now) => sameStamp(now, f), () => false))),
  ]);
  return key === record.key && same.every(Boolean) ? record.report : undefined;
}

/**
 * Whether an output file is still the one the last successful build into
 * this folder left (same inode, size and time as its `record`): what the
 * build reuses without reading it again (src/jobs/cache.ts `reuseOutputs`).
 */
export function recordedOutputs(record: BuildRecord | undefined): StillAsLeft {
  const stamps = new Map(record?.files.map((f) => [f.path, f]));
  return (rel, now) => {
    const f = stamps.get(rel);
    return f !== undefined && sameStamp(now, f);
  };
}

/**
 * manifest.json and the output files `files` as they are now: taken by the
 * build right after its commit, before it releases the output folder's lock,
 * so that no other build's file is stamped as this one's.
 */
export function stampOutputs(outDir: string, files: readonly string[]): Promise<FileStamp[]> {
  return Promise.all(['manifest.json', ...files].map((f) => stampOf(outDir, f)));
}

/** Records a successful build: its key, the stamps of what it wrote (`stampOutputs`) and its report; `known`: the inputs it read and hashed already. */
export async function recordBuild<R>(opts: UpToDateOptions, cacheDir: string, fonts: string[], files: FileStamp[], report: R, known?: KnownInputs): Promise<void> {
  const record: BuildRecord<R> = { key: await buildKey(opts, fonts, known), fonts, files, report };
  await writeAtomic(recordFile(cacheDir), JSON.stringify(record));
}
