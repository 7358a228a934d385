/**
 * The proofing cache (src/proof/cache.ts): the same findings and warnings
 * from the cache as from the checks, a changed paragraph proofed again, a
 * dictionary change (or a change of words:) taking the checks again, nothing
 * stored until the caller saves (a build, once it succeeded).
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadDocument, modelFromText } from '../../src/model/buildModel.js';
import { cachedFindings, keepsFindings, type Findings } from '../../src/proof/cache.js';
import { dictionaryDigest, loadLexicon } from '../../src/proof/dictionary.js';
import { proofDocument } from '../../src/proof/index.js';
import { forgetCandidates, remembers } from '../../src/proof/spelling.js';
import { textUnits } from '../../src/proof/units.js';
import { projectRoot } from '../support/fonts.js';
import { tempDir } from '../support/tmp.js';

const seedModel = async () => (await loadDocument('source/izmir-2023.txt', { projectRoot })).model;
/** What a build reports: every warning, in order, and the decisions. */
const visible = (r: Awaited<ReturnType<typeof proofDocument>>) => ({ warnings: r.warnings, findings: r.findings, corrections: r.corrections, model: r.model, dictionaries: r.dictionaries });

describe('proofing cache', () => {
  it('gives the same warnings, findings and corrected model as proofing afresh (the seed, with its corrections)', async () => {
    const dir = await tempDir();
    const model = await seedModel();
    const fresh = await proofDocument(model, { projectRoot, cache: false });
    const first = await proofDocument(model, { projectRoot: dir });
    // Nothing is written until the build that proofed succeeds and saves.
    expect((await proofDocument(model, { projectRoot: dir })).cached).toBe(false);
    await first.save();
    const second = await proofDocument(model, { projectRoot: dir });
    expect(fresh.cached).toBe(false);
    expect(first.cached).toBe(false);
    expect(second.cached).toBe(true);
    // The seed's metadata decides most of its findings (13 places corrected) and leaves some open.
    expect(fresh.corrections).toBe(13);
    expect(fresh.findings.filter((f) => f.decided).length).toBeGreaterThan(5);
    expect(fresh.warnings.length).toBeGreaterThanOrEqual(5);
    expect(visible(first)).toEqual(visible(fresh));
    expect(visible(second)).toEqual(visible(fresh));
    expect(await readdir(path.join(dir, '.warraq-cache', 'proof'))).toHaveLength(1);
  }, 60_000);

  it('proofs a document again when one paragraph changes, and finds the earlier text again in the cache', async () => {
    const dir = await tempDir();
    const text = await readFile(path.join(projectRoot, 'source/izmir-2023.txt'), 'utf8');
    const edited = text.replace('الإس ارييلية', 'الإسرائيلية');
    expect(edited).not.toBe(text);
    const file = 'source/izmir-2023.txt';
    const a = modelFromText(text, file, { projectRoot }).model;
    const b = modelFromText(edited, file, { projectRoot }).model;
    const first = await proofDocument(a, { projectRoot: dir });
    expect(first.cached).toBe(false);
    await first.save();
    const afterEdit = await proofDocument(b, { projectRoot: dir });
    expect(afterEdit.cached).toBe(false);
    await afterEdit.save();
    expect(visible(afterEdit)).toEqual(visible(await proofDocument(b, { projectRoot, cache: false })));
    expect(afterEdit.findings.some((f) => f.found === 'الإس ارييلية')).toBe(false);
    // Back to the first text: its findings are still there.
    expect((await proofDocument(a, { projectRoot: dir })).cached).toBe(true);
  }, 60_000);

  it('remembers suggestion candidates between passes of one process (watch mode) without changing a finding', async () => {
    const text = await readFile(path.join(projectRoot, 'source/izmir-2023.txt'), 'utf8');
    const file = 'source/izmir-2023.txt';
    // An edit that adds a use of a word the document had once (its rank among suggestions changes), and one that adds an unknown word twice (a recurring name: what counts as known changes).
    const edits = [text.replace('الإس ارييلية', 'الإسرائيلية'), text.replace('الإس ارييلية', 'زنغوليا زنغوليا')];
    forgetCandidates();
    const first = await proofDocument(modelFromText(text, file, { projectRoot }).model, { projectRoot, cache: false });
    // From now on the kept lists on disk are not read again (src/proof/index.ts findAll).
    expect(remembers((await loadLexicon('ar', projectRoot))!)).toBe(true);
    for (const edited of edits) {
      expect(edited).not.toBe(text);
      const model = modelFromText(edited, file, { projectRoot }).model;
      const remembered = await proofDocument(model, { projectRoot, cache: false });
      forgetCandidates();
      const afresh = await proofDocument(model, { projectRoot, cache: false });
      expect(visible(remembered)).toEqual(visible(afresh));
    }
    expect(first.warnings.length).toBeGreaterThan(5);
  }, 60_000);

  it('keeps the suggestion candidates of a pass for the next process, and a pass from them finds what a fresh one finds', async () => {
    const dir = await tempDir();
    const text = await readFile(path.join(projectRoot, 'source/izmir-2023.txt'), 'utf8');
    const file = 'source/izmir-2023.txt';
    forgetCandidates();
    const first = await proofDocument(modelFromText(text, file, { projectRoot }).model, { projectRoot: dir });
    await first.save();
    const kept = JSON.parse(await readFile(path.join(dir, '.warraq-cache', 'proof-memo', 'candidates.json'), 'utf8')) as { lexicons: Record<string, { lists: unknown[] }> };
    expect(Object.values(kept.lexicons).some((l) => l.lists.length > 5)).toBe(true);
    // A new process (nothing in memory) proofs the edited text from them.
    const model = modelFromText(text.replace('الإس ارييلية', 'الإسرائيلية'), file, { projectRoot }).model;
    forgetCandidates();
    const fromKept = await proofDocument(model, { projectRoot: dir });
    expect(fromKept.cached).toBe(false);
    forgetCandidates();
    expect(visible(fromKept)).toEqual(visible(await proofDocument(model, { projectRoot, cache: false })));
  }, 60_000);

  it('takes the checks again when the dictionaries or the accepted words change', async () => {
    const dir = await tempDir();
    const model = await seedModel();
    const input = { units: textUnits(model), words: [], off: [], lang: 'ar', dir: model.dir };
    let runs = 0;
    const find = async (): Promise<Findings> => {
      runs++;
      return { findings: [], dictionaries: [`run ${runs}`] };
    };
    const withDictionaries = async (d: string) => {
      const r = await cachedFindings(dir, input, find, async () => d);
      await r.save();
      return r;
    };
    // A project that keeps no findings (the build then starts its proofing thread early: src/proof/index.ts).
    expect(keepsFindings(dir)).toBe(false);
    expect((await withDictionaries('@cspell/dict-ar@1.1.7')).cached).toBe(false);
    expect((await withDictionaries('@cspell/dict-ar@1.1.7')).cached).toBe(true);
    expect(keepsFindings(dir)).toBe(true);
    const updated = await withDictionaries('@cspell/dict-ar@1.1.8');
    expect(updated.cached).toBe(false);
    expect(updated.dictionaries).toEqual(['run 2']);
    expect((await cachedFindings(dir, { ...input, words: ['الناتو'] }, find, async () => '@cspell/dict-ar@1.1.8')).cached).toBe(false);
    expect(runs).toBe(3);
  });

  it('names every dictionary package with its version in the digest', async () => {
    const digest = await dictionaryDigest();
    for (const pkg of ['@cspell/dict-ar', '@cspell/dict-fa-ir', '@cspell/dict-en_us', '@cspell/dict-en-gb-mit', 'cspell-trie-lib']) expect(digest).toMatch(new RegExp(`${pkg.replace(/[/]/g, '\\/')}@\\d+\\.\\d+\\.\\d+`));
  });

  it('treats a damaged entry as missing', async () => {
    const dir = await tempDir();
    const model = await seedModel();
    const good = await proofDocument(model, { projectRoot: dir });
    await good.save();
    const [name] = await readdir(path.join(dir, '.warraq-cache', 'proof'));
    const { writeFile } = await import('node:fs/promises');
    await writeFile(path.join(dir, '.warraq-cache', 'proof', name), '{"key": "trunc');
    const again = await proofDocument(model, { projectRoot: dir });
    expect(again.cached).toBe(false);
    expect(visible(again)).toEqual(visible(good));
  }, 60_000);
});
