/**
 * Metadata discovery: NAME.meta.yaml, NAME.meta.yml and NAME.yaml beside
 * NAME.txt or NAME.md are read; a second candidate, or a YAML file nearby
 * that looks like metadata, gets a warning naming it.
 */
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { WarraqError } from '../../src/diagnostics.js';
import { loadDocument, modelFromText } from '../../src/model/buildModel.js';
import { findSidecar, sidecarNames, sourceStem } from '../../src/model/sidecar.js';

const SOURCE = '## العنوان\n\nتمهيد.\n\n١. النقطة الأولى.\n\n٢. النقطة الثانية.\n';
const META = 'date: 2024-05-09\npoints:\n  1: {title: عنوان من الملف, slug: first}\n';

let dirs: string[] = [];
afterEach(async () => {
  await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
  dirs = [];
});

async function project(files: Record<string, string>): Promise<string> {
  const root = await mkdtemp(path.join(tmpdir(), 'warraq-sidecar-'));
  dirs.push(root);
  for (const [rel, text] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(root, rel)), { recursive: true });
    await writeFile(path.join(root, rel), text);
  }
  return root;
}

describe('metadata file names', () => {
  it('NAME is the source name without .txt or .md', () => {
    expect(sourceStem('source/izmir-2023.txt')).toBe('izmir-2023');
    expect(sourceStem('notes/s.MD')).toBe('s');
    expect(sourceStem('plan')).toBe('plan');
    expect(sourceStem('plan.text')).toBe('plan.text');
    expect(sidecarNames('w/doc.md')).toEqual(['doc.meta.yaml', 'doc.meta.yml', 'doc.yaml']);
  });

  for (const source of ['s.txt', 's.md']) {
    for (const meta of ['s.meta.yaml', 's.meta.yml', 's.yaml']) {
      it(`${meta} beside ${source} is read`, async () => {
        const root = await project({ [`src/${source}`]: SOURCE, [`src/${meta}`]: META });
        const { model, diagnostics } = await loadDocument(`src/${source}`, { projectRoot: root });
        expect(model.points[0].title).toBe('عنوان من الملف');
        expect(model.points[0].slug).toBe('01-first');
        expect(model.date).toBe('2024-05-09');
        expect(diagnostics).toEqual([]);
      });
    }
  }

  it('places in the metadata file name it as found', async () => {
    const root = await project({ 'w/s.md': SOURCE, 'w/s.yml.txt': '', 'w/s.meta.yml': 'date: 2024-05-09\ndigits: roman\n' });
    const e = await loadDocument('w/s.md', { projectRoot: root }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(WarraqError);
    expect((e as WarraqError).diagnostics.map((d) => `${d.file}:${d.line}:${d.col} ${d.code}`)).toEqual(['w/s.meta.yml:2:9 E-META-VALUE']);
  });
});

describe('warnings for metadata that is not read', () => {
  it('two candidates: the first is read, the second is named', async () => {
    const root = await project({ 'd/s.md': SOURCE, 'd/s.meta.yaml': META, 'd/s.yaml': 'title: أخرى\n' });
    const { model, diagnostics } = await loadDocument('d/s.md', { projectRoot: root });
    expect(model.points[0].title).toBe('عنوان من الملف');
    expect(diagnostics.map((d) => `${d.file} ${d.code}: ${d.message}`)).toEqual(['d/s.yaml W-META-SEVERAL: two metadata files for d/s.md: d/s.meta.yaml is read, d/s.yaml is not']);
  });

  it('a YAML file that looks like metadata but has another name', async () => {
    const root = await project({ 'd/s.txt': SOURCE, 'd/s.txt.meta.yaml': META, 'd/notes.yaml': 'todo: nothing\n' });
    const e = await loadDocument('d/s.txt', { projectRoot: root }).catch((x: unknown) => x);
    // Without its metadata the document has no date: the error comes with the warning that says why.
    const ds = (e as WarraqError).diagnostics;
    expect(ds.map((d) => `${d.file} ${d.code}`)).toEqual(['d/s.txt.meta.yaml W-META-UNUSED', 'd/s.txt E-DATE-MISSING']);
    expect(ds[0].message).toBe('d/s.txt.meta.yaml looks like metadata but is not read for d/s.txt');
    expect(ds[0].hint).toBe('rename it s.meta.yaml');
  });

  it('another source’s metadata, or YAML that is not metadata, is left alone', async () => {
    const root = await project({ 'd/s.txt': SOURCE, 'd/s.meta.yaml': META, 'd/t.md': SOURCE, 'd/t.meta.yml': META, 'd/u.yaml': 'datum: 2024-05-09\npunkte: {}\n', 'd/ci.yml': 'jobs:\n  build: {}\n', 'd/mkdocs.yml': 'site_name: x\ntheme: material\n' });
    const { diagnostics } = await loadDocument('d/s.txt', { projectRoot: root });
    expect(diagnostics).toEqual([]);
    const found = await findSidecar('d/s.txt', root);
    expect(found).toEqual({ file: 'd/s.meta.yaml', warnings: [] });
  });

  it('one metadata key is enough in a file named after the source or "meta"', async () => {
    const root = await project({ 'd/s.md': SOURCE, 'd/s.yaml': META, 'd/S-meta.yml': 'date: 2024-01-01\n', 'd/metadata.yaml': 'title: x\n', 'd/other.yaml': 'title: x\ndate: 2024-01-01\n' });
    const { warnings } = await findSidecar('d/s.md', root);
    expect(warnings.map((d) => `${d.file} ${d.code}`)).toEqual(['d/S-meta.yml W-META-UNUSED', 'd/metadata.yaml W-META-UNUSED', 'd/other.yaml W-META-UNUSED']);
  });

  it('an absolute source path gives absolute metadata paths', async () => {
    const root = await project({ 's.md': SOURCE, 's.yaml': META });
    expect((await findSidecar(path.join(root, 's.md'), '/elsewhere')).file).toBe(path.join(root, 's.yaml'));
    expect((await findSidecar('s.md', root)).file).toBe('s.yaml');
  });

  it('--strict stops on the warning', async () => {
    const root = await project({ 's.md': SOURCE, 's.meta.yaml': META, 's.yaml': META });
    const e = await loadDocument('s.md', { projectRoot: root, strict: true }).catch((x: unknown) => x);
    expect((e as WarraqError).diagnostics.map((d) => d.code)).toEqual(['W-META-SEVERAL']);
  });
});

describe('a YAML error is the one problem reported', () => {
  it('no "no build date" diagnostic beside it', () => {
    const text = '## T\n\n١. نص.\n\n**التوقيع** ٩ أيار ٢٠٢٤\n';
    const run = (sidecar: string) => {
      try {
        modelFromText(text, 'a.txt', { projectRoot: '/p', sidecar: { text: sidecar, file: 'a.meta.yaml' } });
        return [];
      } catch (e) {
        return (e as WarraqError).diagnostics.map((d) => d.code);
      }
    };
    expect(run('date: 2024-05-09\ntitle: [unclosed\n')).toEqual(['E-META-YAML']);
    expect(run('date: 2024-13-09\n')).toEqual(['E-META-DATE']);
    expect(run('points: {}\n\tx: 1\n').every((c) => c === 'E-META-YAML')).toBe(true);
  });
});
