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
import { stableJson, hashFonts, readCodeInputs, type CodeInputs, type FontHasher, type StillAsLeft } from './cache.js';
import { sha256 } from '../output/manifest.js';
import { sameStamp, type Stamp } from '../output/writeOutputs.js';
import { META_READ, readRegularFile, readSourceBytes } from '../parse/readSource.js';
import { sidecarFiles, sniffYaml, type SidecarBytes } from '../model/sidecar.js';
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
  /** The source and the metadata beside it (`readSources`), as the build found them before it parsed them. */
  sources?: Promise<SourceDigests>;
  /** The code that runs (`readCodeInputs()`). */
  code?: Promise<CodeInputs>;
  /** Hashes font files (`fontHasher`: each file once per build). */
  fonts?: FontHasher;
}

/** The source text's digest and the metadata files' beside it (`metadataBeside`). */
export interface SourceDigests {
  src: string;
  side: Array<[string, string]>;
}

/**
 * The source and its metadata file, each read once (a regular file only:
 * src/parse/readSource.ts): `bytes` for the parser (rejects with E-READ when
 * the source cannot be read), `sidecar` for the model (the metadata
 * candidates present, by name: src/model/sidecar.ts), `digests` for the key
 * (never rejects). Read by a build before it parses them, so that its record
 * names the text it built, not one saved while it ran (that one is the next
 * build's).
 */
export function readSources(opts: Pick<UpToDateOptions, 'projectRoot' | 'source'>): { bytes: Promise<Uint8Array>; sidecar: Promise<SidecarBytes>; digests: Promise<SourceDigests> } {
  const source = path.resolve(opts.projectRoot, opts.source);
  const bytes = readSourceBytes(source, opts.source);
  // A build that stops at the no-change check never parses: its unread failure is not unhandled.
  bytes.catch(() => {});
  const src = bytes.then(sha256, () => 'unreadable');
  const beside = metadataBeside(opts.source, path.dirname(source));
  const digests = Promise.all([src, beside.then((b) => b.digests)]).then(([src, side]) => ({ src, side }));
  return { bytes, sidecar: beside.then((b) => b.sidecar), digests };
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
 * What the model reads beside the source (src/model/sidecar.ts `sidecarFiles`),
 * by name and hash: the metadata candidates, read as the model reads them
 * (a regular file only, up to the size limit; 'unreadable' else), and the
 * first bytes of the other YAML files it looks into for its warnings. Nothing
 * else is opened: a FIFO or a device named *.yaml is never waited on or read.
 */
async function metadataBeside(sourcePath: string, dir: string): Promise<{ sidecar: SidecarBytes; digests: Array<[string, string]> }> {
  const { candidates, others } = sidecarFiles(await readdir(dir).catch(() => [] as string[]), sourcePath);
  const shown = (n: string) => path.join(path.dirname(sourcePath), n);
  const sidecar = new Map(candidates.map((n) => [n, readRegularFile(path.join(dir, n), { ...META_READ, shown: shown(n), missingOk: true })] as const));
  // Read by the model if it parses, never if the no-change check ends the build.
  for (const b of sidecar.values()) b.catch(() => {});
  const digests = await Promise.all([
    ...candidates.map(async (n): Promise<[string, string]> => [n, await sidecar.get(n)!.then(sha256, () => 'unreadable')]),
    ...others.map(async (n): Promise<[string, string]> => [n, await sniffYaml(path.join(dir, n)).then((b) => (b ? sha256(b) : 'not a file'))]),
  ]);
  return { sidecar, digests };
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
