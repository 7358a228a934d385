/**
 * Bad input, end to end through build() and check(): every problem is a
 * WarraqError with file:line:col, and nothing is written. The detailed
 * per-diagnostic cases live in test/parse and test/model; here the point is
 * that the build path stops before touching the output folder.
 */
import { execFileSync } from 'node:child_process';
import { copyFile, mkdir, readFile, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { build, check, keptForNext, type BuildOptions } from '../../src/build.js';
import { WarraqError } from '../../src/diagnostics.js';
import { besideOut, fingerprint, fixture, readFixture, repoRoot, smallProject, placeOf, warraqError } from '../fixtures/reliability/project.js';

/** The codes, without the proofing pass's (test/proof covers those). */
const codes = (e: WarraqError) => e.diagnostics.map((d) => d.code).filter((c) => !c.startsWith('W-PROOF-'));

/** Builds the good document into `dist`, then runs `bad` and checks that `dist` did not change. */
async function expectNothingWritten(root: string, bad: () => Promise<unknown>): Promise<WarraqError> {
  const out = path.join(root, 'dist');
  await build({ projectRoot: root, source: 'source/doc.txt', out: 'dist', only: ['booklet'] });
  const before = await fingerprint(out);
  const err = await warraqError(bad());
  expect(await fingerprint(out)).toEqual(before);
  expect(await besideOut(out)).toEqual(['dist']);
  return err;
}

/** The small document with extra front-matter lines after `date:` (YAML line 2 of the file is `date:`). */
async function withFrontMatter(yaml: string): Promise<{ root: string; text: string }> {
  const text = (await readFixture('small.txt')).replace('date: 2024-03-15\n', `date: 2024-03-15\n${yaml}`);
  const root = await smallProject({ 'source/bad.txt': text });
  return { root, text };
}

describe('bad source text through build()', () => {
  it('a numbering gap: WarraqError with file:line:col, the previous output untouched', async () => {
    const root = await smallProject({ 'source/bad.txt': { copy: path.join(repoRoot, 'test/fixtures/bad/gap.txt') } });
    const err = await expectNothingWritten(root, () => build({ projectRoot: root, source: 'source/bad.txt', out: 'dist' }));
    expect(codes(err)).toContain('E-NUM-GAP');
    expect(err.message).toContain('source/bad.txt:9:1: error[E-NUM-GAP]');
  });

  it('bytes that are not UTF-8: E-ENCODING with its place, nothing written', async () => {
    const root = await smallProject({ 'source/bad.txt': { copy: path.join(repoRoot, 'test/fixtures/bad/invalid-utf8.txt') } });
    const err = await expectNothingWritten(root, () => build({ projectRoot: root, source: 'source/bad.txt', out: 'dist' }));
    expect(codes(err)).toEqual(['E-ENCODING']);
    expect(err.message).toMatch(/^source\/bad\.txt:\d+:\d+: error\[E-ENCODING\]/);
  });

  it('a missing source file: E-READ, nothing written', async () => {
    const root = await smallProject();
    const err = await expectNothingWritten(root, () => build({ projectRoot: root, source: 'source/nope.txt', out: 'dist' }));
    expect(codes(err)).toEqual(['E-READ']);
  });

  it('--strict: a document with only warnings stops; without it, it builds and reports them', async () => {
    const text = await readFixture('warnings.txt');
    const root = await smallProject({ 'source/warn.txt': text });
    const err = await expectNothingWritten(root, () => build({ projectRoot: root, source: 'source/warn.txt', out: 'dist', only: ['booklet'], strict: true }));
    expect(err.diagnostics.every((d) => d.severity === 'warning')).toBe(true);
    expect(err.message).toContain(`source/warn.txt:${placeOf(text, '(')}: warning[W-BRACKET-UNBALANCED]`);
    // check() honours strict too.
    expect(codes(await warraqError(check({ projectRoot: root, source: 'source/warn.txt', strict: true })))).toEqual(['W-BRACKET-UNBALANCED']);

    const report = await build({ projectRoot: root, source: 'source/warn.txt', out: 'dist', only: ['booklet'] });
    expect(report.warnings.map((w) => w.code)).toEqual(['W-BRACKET-UNBALANCED']);
    expect(report.files.map((f) => f.path)).toEqual(['booklet.pdf']);
  });
});

describe('bad metadata through build()', () => {
  it('the path of the bad value in the message, with its place in the front matter', async () => {
    const { root, text } = await withFrontMatter('points:\n  3:\n    event:\n      name: حدث\n      date: 2024-02-30\n');
    const err = await expectNothingWritten(root, () => build({ projectRoot: root, source: 'source/bad.txt', out: 'dist' }));
    expect(codes(err)).toEqual(['E-META-DATE']);
    expect(err.message).toContain(`source/bad.txt:${placeOf(text, '2024-02-30')}: error[E-META-DATE]: points.3.event.date.start: not a valid date`);
  });

  it('a wrong type inside a list: the index is in the path', async () => {
    const { root, text } = await withFrontMatter('theme:\n  cards:\n    add:\n      - {name: banner, width: wide, height: 500}\n');
    const err = await expectNothingWritten(root, () => build({ projectRoot: root, source: 'source/bad.txt', out: 'dist' }));
    expect(codes(err)).toEqual(['E-META-TYPE']);
    expect(err.message).toContain(`source/bad.txt:${placeOf(text, 'wide')}: error[E-META-TYPE]: theme.cards.add[0].width should be a number`);
  });

  it('an unknown key: "did you mean", at top level and nested, in the sidecar', async () => {
    const root = await smallProject({ 'source/doc.meta.yaml': 'tittle: عنوان\npoints:\n  2:\n    slgu: literacy\n' });
    const err = await warraqError(build({ projectRoot: root, source: 'source/doc.txt', out: 'dist' }));
    expect(codes(err)).toEqual(['E-META-UNKNOWN-KEY', 'E-META-UNKNOWN-KEY']);
    expect(err.message).toContain('source/doc.meta.yaml:1:1: error[E-META-UNKNOWN-KEY]: unknown key `tittle` at the top level');
    expect(err.message).toContain('did you mean `title`?');
    expect(err.message).toContain('source/doc.meta.yaml:4:5: error[E-META-UNKNOWN-KEY]: unknown key `slgu` in points.2');
    expect(err.message).toContain('did you mean `slug`?');
    expect(await besideOut(path.join(root, 'dist'))).toEqual([]);
  });

  it('an unknown card format name', async () => {
    const { root, text } = await withFrontMatter('theme:\n  cards:\n    drop: [sqaure]\n');
    const err = await expectNothingWritten(root, () => build({ projectRoot: root, source: 'source/bad.txt', out: 'dist' }));
    expect(codes(err)).toEqual(['E-META-VALUE']);
    expect(err.message).toContain(`source/bad.txt:${placeOf(text, 'sqaure')}: error[E-META-VALUE]: theme.cards.drop[0]: no card format named \`sqaure\``);
    expect(err.message).toContain('did you mean `square`?');
  });

  it('an unknown page size', async () => {
    const { root, text } = await withFrontMatter('theme:\n  page:\n    booklet: a5\n    leaflet: A7\n');
    const err = await expectNothingWritten(root, () => build({ projectRoot: root, source: 'source/bad.txt', out: 'dist' }));
    expect(codes(err)).toEqual(['E-META-VALUE', 'E-META-VALUE']);
    expect(err.message).toContain(`source/bad.txt:${placeOf(text, 'a5')}: error[E-META-VALUE]: theme.page.booklet must be one of A4 | A5 | A6`);
    expect(err.message).toContain('did you mean `A5`?');
    expect(err.message).toContain(`source/bad.txt:${placeOf(text, 'A7')}: error[E-META-VALUE]: theme.page.leaflet must be one of A4 | A5 | A6`);
  });
});

describe('fonts through build()', () => {
  it('a configured font file that does not exist: E-FONT-MISSING naming it', async () => {
    const { root } = await withFrontMatter('theme:\n  fonts:\n    body: [fonts/Missing-Regular.ttf]\n');
    const err = await expectNothingWritten(root, () => build({ projectRoot: root, source: 'source/bad.txt', out: 'dist' }));
    expect(codes(err)).toEqual(['E-FONT-MISSING']);
    expect(err.message).toContain('fonts/Missing-Regular.ttf:1:1: error[E-FONT-MISSING]: font file not found: fonts/Missing-Regular.ttf');
  });

  it.each([
    ['a text file renamed .ttf', 'not-a-font.ttf', /not a font file: assets\/x\.ttf/],
    ['a woff2 file renamed .ttf', 'woff2-renamed.ttf', /not a font file: assets\/x\.ttf[\s\S]*77 4f 46 32/],
  ])('%s: E-FONT-INVALID', async (_what, file, message) => {
    const { root } = await withFrontMatter('theme:\n  fonts:\n    heading: [assets/x.ttf]\n');
    await mkdir(path.join(root, 'assets'));
    await copyFile(fixture(file), path.join(root, 'assets/x.ttf'));
    const err = await expectNothingWritten(root, () => build({ projectRoot: root, source: 'source/bad.txt', out: 'dist' }));
    expect(codes(err)).toEqual(['E-FONT-INVALID']);
    expect(err.message).toMatch(message);
  });

  it('a truncated font (right signature, tables cut off): E-FONT-INVALID, not an empty font that "lacks" every glyph', async () => {
    const { root } = await withFrontMatter('theme:\n  fonts:\n    body: [assets/cut.ttf]\n');
    await mkdir(path.join(root, 'assets'));
    const full = await readFile(path.join(repoRoot, 'fonts/NotoNaskhArabic-Regular.ttf'));
    await writeFile(path.join(root, 'assets/cut.ttf'), full.subarray(0, Math.floor(full.length / 2)));
    const err = await expectNothingWritten(root, () => build({ projectRoot: root, source: 'source/bad.txt', out: 'dist' }));
    expect(codes(err)).toEqual(['E-FONT-INVALID']);
    expect(err.message).toMatch(/damaged font file: assets\/cut\.ttf: the \w+ table runs past the end of the file/);
  });

  it('a character no configured font can draw: E-GLYPH-MISSING with its code point and exact place', async () => {
    const long = 'هذه نقطة طويلة جدًّا فيها كلماتٌ عربيةٌ كثيرة مُشَكَّلَة، وأرقام ١٢٣ و 456، ثم الرمز 中 في وسط السطر ثم كلام آخر بعده.';
    const text = (await readFixture('small.txt')).replace('النقطة الثالثة: دعم المكتبات العامة بـ 500 عنوان جديد.', `${long}\n   وسطر ثانٍ للنقطة نفسها فيه 😀 أيضا.`);
    const root = await smallProject({ 'source/bad.txt': text });
    const err = await expectNothingWritten(root, () => build({ projectRoot: root, source: 'source/bad.txt', out: 'dist' }));
    expect(codes(err)).toEqual(['E-GLYPH-MISSING', 'E-GLYPH-MISSING']);
    const [cjk, emoji] = err.diagnostics.filter((d) => d.code === 'E-GLYPH-MISSING');
    expect(`${cjk.line}:${cjk.col}`).toBe(placeOf(text, '中'));
    expect(cjk.message).toContain('U+4E2D');
    // Columns count code points, not UTF-16 units or bytes.
    const line = text.split('\n')[cjk.line - 1];
    expect(Array.from(line)[cjk.col - 1]).toBe('中');
    expect(`${emoji.line}:${emoji.col}`).toBe(placeOf(text, '😀'));
    expect(emoji.message).toContain('U+1F600');
    expect(err.message).toContain(`source/bad.txt:${placeOf(text, '中')}: error[E-GLYPH-MISSING]`);
  });

  it('a character only the heading font has, in the document title: caught before rendering, not a crash while setting a running head', async () => {
    const text = (await readFixture('small.txt')).replace('## خطة قصيرة للاختبار', '## خطة قصيرة للاختبار\u0323');
    const root = await smallProject({ 'source/bad.txt': text });
    const err = await expectNothingWritten(root, () => build({ projectRoot: root, source: 'source/bad.txt', out: 'dist', only: ['booklet'] }));
    expect(codes(err)).toEqual(['E-GLYPH-MISSING']);
    expect(err.message).toContain(`source/bad.txt:${placeOf(text, '\u0323')}: error[E-GLYPH-MISSING]`);
  });
});

describe('what lies beside the source', () => {
  // Only the metadata files the model reads are read whole (src/model/sidecar.ts), each as the source is: a FIFO
  // or a device named *.yaml is neither waited on nor read without end, by the build or by its no-change check.
  it.skipIf(process.platform === 'win32')('a FIFO and a /dev/zero link named *.yaml do not stop the build, its record or the no-change check', async () => {
    const root = await smallProject();
    execFileSync('mkfifo', [path.join(root, 'source/notes.yaml')]);
    execFileSync('mkfifo', [path.join(root, 'source/doc.yaml')]);
    await symlink('/dev/zero', path.join(root, 'source/zero.yaml'));
    const opts: BuildOptions = { projectRoot: root, source: 'source/doc.txt', out: 'dist', only: ['booklet'] };
    const first = await build(opts);
    expect(first.where).not.toMatch(/nothing to do/);
    // doc.meta.yaml is read; doc.yaml, the second candidate, is only named.
    expect(first.warnings.map((w) => w.code)).toContain('W-META-SEVERAL');
    await keptForNext();
    expect((await build(opts)).where).toMatch(/nothing to do/);
  });
});
