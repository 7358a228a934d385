/**
 * Corrections beside the text: the seed, whose metadata lists the editor's
 * `corrections:` of its typos, builds a booklet, leaflets and cards that print
 * the corrected words, and its source file stays byte for byte as it was.
 * Leaflets and cards equal, byte for byte, those built from a source in which
 * the words were corrected by hand (and metadata without the corrections).
 */
import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build, type BuildReport } from '../../src/build.js';
import { extractText, normalizeForCompare } from '../support/pdfReadback.js';
import { projectRoot } from '../support/fonts.js';
import { SEED_FILE, SEED_META_FILE, seedCorrections, undecidedSeedMeta } from '../support/seed.js';

const FIXES = seedCorrections();
const KEEP_ONE_CARD = '\ntheme:\n  cards:\n    drop: [portrait, story, link]\n';

/** The source with the corrections made by hand (on their line only, where they name one), and how many places changed. */
function correctByHand(text: string): { text: string; places: number } {
  const lines = text.split('\n');
  let places = 0;
  for (const { from, to, line } of FIXES) {
    for (const i of line === undefined ? lines.keys() : [line - 1]) {
      const parts = lines[i].split(from);
      if (from !== to) places += parts.length - 1;
      lines[i] = parts.join(to);
    }
  }
  return { text: lines.join('\n'), places };
}

let dir: string;
let sourceBytes: Buffer;
let corrected: BuildReport;
let byHand: BuildReport;
/** The places the seed's corrections change. */
let places: number;
const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'warraq-corrections-'));
  sourceBytes = await readFile(path.join(projectRoot, SEED_FILE));
  const meta = (await readFile(path.join(projectRoot, SEED_META_FILE), 'utf8')) + KEEP_ONE_CARD;
  const fixed = correctByHand(sourceBytes.toString('utf8'));
  places = fixed.places;
  for (const [name, text, yaml] of [
    ['a', sourceBytes, meta],
    ['b', fixed.text, undecidedSeedMeta() + KEEP_ONE_CARD],
  ] as const) {
    await mkdir(path.join(dir, name));
    await writeFile(path.join(dir, name, 'izmir-2023.txt'), text);
    await writeFile(path.join(dir, name, 'izmir-2023.meta.yaml'), yaml);
  }
  const opts = { projectRoot, sourceDateEpoch: '1697932800', jobs: 1 };
  corrected = await build({ ...opts, source: path.join(dir, 'a/izmir-2023.txt'), out: path.join(dir, 'a/out'), only: ['booklet', 'leaflets', 'cards'] });
  byHand = await build({ ...opts, source: path.join(dir, 'b/izmir-2023.txt'), out: path.join(dir, 'b/out'), only: ['leaflets', 'cards'] });
}, 300_000);

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('corrections beside the text', () => {
  it('leave the source file unchanged, byte for byte', async () => {
    expect(sha(await readFile(path.join(dir, 'a/izmir-2023.txt')))).toBe(sha(sourceBytes));
    expect(corrected.model.source.sha256).toBe(sha(sourceBytes));
  });

  it('print the corrected words in the booklet, whose colophon counts them', async () => {
    const text = normalizeForCompare(await extractText(new Uint8Array(await readFile(path.join(dir, 'a/out/booklet.pdf'))), 'pdfjs'));
    for (const { from, to } of FIXES) {
      expect(text, to).toContain(normalizeForCompare(to));
      // (A removed space is invisible here: the comparison ignores white space.)
      if (normalizeForCompare(from) !== normalizeForCompare(to)) expect(text, from).not.toContain(normalizeForCompare(from));
    }
    expect(places).toBe(13);
    expect(corrected.model.corrections).toBe(places);
    expect(text).toContain(normalizeForCompare('تصحيحات تحريرية على النص المصدر: ١٣'));
  });

  it('give leaflets and cards equal to those of a source corrected by hand', async () => {
    const files = corrected.files.filter((f) => f.path !== 'booklet.pdf').map((f) => f.path);
    expect(files.filter((f) => f.startsWith('cards/')).length).toBeGreaterThanOrEqual(16);
    expect(files.filter((f) => f.startsWith('leaflets/')).length).toBeGreaterThanOrEqual(15);
    expect(files.sort()).toEqual(byHand.files.map((f) => f.path).sort());
    for (const f of files) expect(sha(await readFile(path.join(dir, 'a/out', f))), f).toBe(sha(await readFile(path.join(dir, 'b/out', f))));
  });

  it('leave no proofing warning for the corrected words', () => {
    // (A quotation between straight quotes is reported as the source writes it, a corrected word inside included: «"الدول الراحية للإرهاب"».)
    const found = corrected.warnings.filter((d) => d.code !== 'W-PROOF-STRAIGHT-QUOTES').map((d) => d.found ?? '');
    for (const { from } of FIXES) expect(found.some((f) => f.includes(from)), from).toBe(false);
  });
});
