/**
 * The proofing pass on the seed (every known typo flagged, with the intended
 * word among the first suggestions; the seed's own metadata decides them, so
 * what the pass reports of them is read from the source without its
 * decisions), on the UN's Arabic UDHR (few false alarms), and its decisions:
 * words, corrections, codes switched off.
 */
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadDocument, modelFromText } from '../../src/model/buildModel.js';
import type { DocumentModel } from '../../src/model/types.js';
import { proofDocument, type ProofResult } from '../../src/proof/index.js';
import { writeProofReport } from '../../src/proof/report.js';
import { projectRoot } from '../support/fonts.js';
import { tempDir } from '../support/tmp.js';
import { undecidedSeedModel } from '../support/seed.js';

/** The seed as published: its metadata's corrections and words decide its typos. */
let seed: ProofResult;
/** The seed's source with nothing decided. */
let undecided: ProofResult;
let udhr: ProofResult;
let udhrModel: DocumentModel;

beforeAll(async () => {
  seed = await proofDocument((await loadDocument('source/izmir-2023.txt', { projectRoot })).model, { projectRoot });
  undecided = await proofDocument(undecidedSeedModel(), { projectRoot });
  udhrModel = (await loadDocument('test/fixtures/docs/udhr-ar/udhr-ar.txt', { projectRoot })).model;
  udhr = await proofDocument(udhrModel, { projectRoot });
}, 60_000);

const at = (r: ProofResult, found: string) => r.findings.filter((f) => f.found === found);

describe('the seed', () => {
  // [as written, intended, code]
  const typos: Array<[string, string, string]> = [
    ['الإس ارييلية', 'الإسرائيلية', 'W-PROOF-SPLIT'],
    ['الأح ازاب', 'الأحزاب', 'W-PROOF-SPLIT'],
    ['والإف ارج', 'والإفراج', 'W-PROOF-SPLIT'],
    ['وإساريل', 'وإسرائيل', 'W-PROOF-UNKNOWN'],
    ['والنااتو', 'والناتو', 'W-PROOF-DOUBLED'],
    ['ومازرع', 'ومزارع', 'W-PROOF-SWAPPED'],
    ['وحررياتهم', 'وحرياتهم', 'W-PROOF-DOUBLED'],
    ['بيقنجاح', 'بنجاح', 'W-PROOF-UNKNOWN'],
    ['الأرسالي', 'الرأسمالي', 'W-PROOF-SWAPPED'],
  ];
  for (const [written, intended, code] of typos) {
    it(`flags «${written}» with «${intended}» among the first three suggestions`, () => {
      const fs = at(seed, written);
      expect(fs.length, written).toBeGreaterThan(0);
      for (const f of fs) {
        expect(f.code).toBe(code);
        expect(f.place.file).toBe('source/izmir-2023.txt');
        expect(f.suggestions.slice(0, 3)).toContain(intended);
      }
    });
  }

  it('places a finding at its line and column', () => {
    const [f] = at(undecided, 'وحررياتهم');
    expect([f.place.line, f.place.col]).toEqual([13, 95]);
    expect(undecided.warnings.find((d) => d.found === 'وحررياتهم')).toMatchObject({ file: 'source/izmir-2023.txt', line: 13, col: 95, code: 'W-PROOF-DOUBLED', severity: 'warning' });
  });

  it('flags the repeats, the space before a full stop and the mixed digits', () => {
    const codes = seed.findings.map((f) => `${f.code} ${f.found}`);
    expect(codes).toContain('W-PROOF-REPEAT-NEAR القضية القضايا');
    expect(codes).toContain('W-PROOF-REPEAT-WORD العالمي" العالمي');
    expect(seed.findings.filter((f) => f.code === 'W-PROOF-SPACE-PUNCT')).toHaveLength(2);
    expect(codes).toContain('W-PROOF-DIGITS-MIXED ٢٠٢٤');
    expect(codes).toContain('W-PROOF-SPACE-PUNCT الكوبية .');
  });

  it('reports the English imprint once, as lines in Latin letters', () => {
    const f = seed.findings.filter((x) => x.code === 'W-PROOF-FOREIGN');
    expect(f.map((x) => `${x.place.line}:${x.place.col}`)).toEqual(['39:3']);
  });

  it('reports a recurring name once, and its Latin form beside it not at all', () => {
    expect(undecided.findings.filter((f) => f.found === 'الناتو')).toHaveLength(1);
    expect(undecided.findings.some((f) => f.found === 'İzmir')).toBe(false);
    // The seed's metadata accepts it (`words:`).
    expect(seed.findings.some((f) => f.found === 'الناتو')).toBe(false);
  });
});

describe('a professionally edited text (UDHR in Arabic, OHCHR)', () => {
  it('gives fewer than one warning per 400 words, hamza variants aside', () => {
    const words = [...udhrModel.preamble, ...udhrModel.points].map((p) => p.text).join(' ').split(/\s+/).filter((w) => /\p{L}/u.test(w)).length;
    const other = udhr.findings.filter((f) => f.code !== 'W-PROOF-HAMZA');
    expect(words).toBeGreaterThan(1000);
    expect((other.length / words) * 400, other.map((f) => `${f.code} ${f.found}`).join(', ')).toBeLessThan(1);
  });
});

describe('the UDHR in Persian and English (OHCHR)', () => {
  const rate = async (lang: string) => {
    const { model } = await loadDocument(`test/fixtures/docs/udhr-${lang}/udhr-${lang}.txt`, { projectRoot });
    const r = await proofDocument(model, { projectRoot });
    const words = [...model.preamble, ...model.points].map((p) => p.text).join(' ').split(/\s+/).filter((w) => /\p{L}/u.test(w)).length;
    return { per400: (r.findings.filter((f) => f.code !== 'W-PROOF-HAMZA').length / words) * 400, found: r.findings.map((f) => `${f.code} ${f.found}`).join(', ') };
  };
  it('Persian: words in pieces (ZWNJ, می, ها) are known; under 1.5 warnings per 400 words', async () => {
    const r = await rate('fa');
    expect(r.per400, r.found).toBeLessThan(1.5);
  });
  it('English: US and British spellings are both known', async () => {
    const r = await rate('en');
    expect(r.per400, r.found).toBeLessThan(0.5);
  });
});

describe('a clause in Persian inside an Arabic document (addresses-ar, point ٩)', () => {
  it('is checked with the Persian dictionary: no «کامل», «با», «بخوانید», «باشید» unknown, no «را در» split; Arabic typos around it still found', async () => {
    const { model } = await loadDocument('test/fixtures/docs/addresses-ar/addresses-ar.txt', { projectRoot });
    const r = await proofDocument(model, { projectRoot, cache: false });
    const line = model.points.find((p) => p.text.includes('بخوانید'))!.place.line;
    expect(r.findings.filter((f) => f.place.line === line).map((f) => `${f.code} ${f.found}`)).toEqual([]);
    // The same words in an Arabic clause are Arabic's to judge, and a Persian clause is told by its clause, not its words alone.
    const text = `## عنوان\n\n١. وبالفارسية نكتب: متن کامل را در پیوند بخوانید، و با ما در تماس باشید. ونحن نكتب بالعربية الفصحى كلمة خاطئة هي الإمبرياليةة.\n`;
    const two = await proofDocument(modelFromText(text, 'doc.txt', { projectRoot, sidecar: { text: 'date: 2024-01-01\n', file: 'doc.meta.yaml' } }).model, { projectRoot, cache: false });
    expect(two.findings.map((f) => f.found)).toEqual(['الإمبرياليةة']);
    expect(two.dictionaries.some((d) => /fa/i.test(d))).toBe(true);
  });
});

describe('a fully vowelled text (Surah al-Mulk, Tanzil: mulk-ar)', () => {
  it('gives no finding: a word vowelled on its hamzas is spelt as meant («وَأَعْتَدْنَا» no variant of «واعتدنا», another word; «فَلَمَّا رَأَوْهُ» no word split)', async () => {
    const { model } = await loadDocument('test/fixtures/docs/mulk-ar/mulk-ar.txt', { projectRoot });
    const r = await proofDocument(model, { projectRoot, cache: false });
    expect(r.findings.map((f) => `${f.code} ${f.found}`)).toEqual([]);
  });

  it('still reports the word unvowelled, and a hamza variant elsewhere; a vowelled word with no hamza is judged as before (known here)', async () => {
    const text = `## عنوان\n\n١. وأعتدنا لهم عذاب السعير. وَاعْتَدْنَا لَهُمْ. ومن هنا نرى الإجتماعي.\n`;
    const r = await proofDocument(modelFromText(text, 'doc.txt', { projectRoot, sidecar: { text: 'date: 2024-01-01\n', file: 'doc.meta.yaml' } }).model, { projectRoot, cache: false });
    expect(r.findings.filter((f) => f.code === 'W-PROOF-HAMZA').map((f) => f.found)).toEqual(['وأعتدنا', 'الإجتماعي']);
  });
});

describe('Persian: no false alarms on ordinary words (look17 fa.txt)', () => {
  it('«را فرا» is two words, neither split nor the same word twice; «ممنوع‌القلم», «حق‌التألیف» are known; a real split and repeat still found', async () => {
    const text = `## عنوان\n\n١. ما همه را فرا می‌خوانیم که این بیانیه را بخوانند. نویسندگان ممنوع‌القلم و حق‌التألیف مترجمان. این کتاب کتاب خوبی است و انتش ارات باز است.\n`;
    const { model } = modelFromText(text, 'doc.txt', { projectRoot, sidecar: { text: 'date: 2024-01-01\nlang: fa\ndir: rtl\n', file: 'doc.meta.yaml' } });
    const r = await proofDocument(model, { projectRoot, cache: false });
    expect(r.findings.map((f) => `${f.code} ${f.found}`)).toEqual(['W-PROOF-REPEAT-WORD کتاب کتاب', 'W-PROOF-SPLIT انتش ارات']);
  });
});

describe('repeats', () => {
  it('finds a paragraph pasted twice inside a point, sentence by sentence, and a point pasted twice', async () => {
    const para = 'ندعو إلى السلام العادل في كل مكان. ونرفض الحروب الإمبريالية في العالم كله.';
    const text = `## عنوان\n\n١. ${para} ${para}\n\n٢. ${para}\n`;
    const { model } = modelFromText(text, 'doc.txt', { projectRoot, sidecar: { text: 'date: 2024-01-01\n', file: 'doc.meta.yaml' } });
    const r = await proofDocument(model, { projectRoot });
    expect(r.findings.map((f) => `${f.code} ${f.place.line}:${f.place.col}`)).toEqual([
      'W-PROOF-REPEAT-SENTENCE 3:79',
      'W-PROOF-REPEAT-SENTENCE 3:114',
      'W-PROOF-REPEAT-SENTENCE 5:4',
      'W-PROOF-REPEAT-SENTENCE 5:39',
    ]);
  });
});

describe('numbers glued to words', () => {
  it('flags «١تشرين» in running text, but not a superscript mark in the imprint', async () => {
    const text = `## عنوان\n\n١. ندعو إلى السلام في ١تشرين الأول.\n\n**الأمانة العامة**  \nالطبعة الأولى<sup>١</sup> تشرين الأول\n`;
    const { model } = modelFromText(text, 'doc.txt', { projectRoot, sidecar: { text: 'date: 2024-01-01\n', file: 'doc.meta.yaml' } });
    const r = await proofDocument(model, { projectRoot });
    expect(r.findings.filter((f) => f.code === 'W-PROOF-NUMBER-GLUED').map((f) => f.found)).toEqual(['١تشرين']);
  });
});

describe('Arabic text between straight quotes', () => {
  const doc = (body: string, yaml = '') => modelFromText(`## عنوان\n\n${body}`, 'doc.txt', { projectRoot, sidecar: { text: `date: 2024-01-01\n${yaml}`, file: 'doc.meta.yaml' } }).model;
  const quoted = (r: ProofResult) => r.findings.filter((f) => f.code === 'W-PROOF-STRAIGHT-QUOTES');

  it('flags each quotation in the seed, one warning for the five at the first, naming the others', () => {
    expect(quoted(seed).map((f) => `${f.place.line}:${f.place.col} ${f.found}`)).toEqual([
      '7:430 "يوم السلام العالمي"',
      '21:45 "الدول الراحية للإرهاب"',
      '21:373 "الندوة الدولية الثامنة للسلام وإلغاء القواعد العسكرية الأجنبية"',
      '21:650 "باتريا"',
      '23:306 "صفقة القرن"',
    ]);
    // A correction inside a quotation (the seed's «الراحية») decides the word, not the quotes.
    expect(quoted(seed).every((f) => !f.decided)).toBe(true);
    const warnings = seed.warnings.filter((d) => d.code === 'W-PROOF-STRAIGHT-QUOTES');
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatchObject({ file: 'source/izmir-2023.txt', line: 7, col: 430, severity: 'warning', expected: '«يوم السلام العالمي»' });
    expect(warnings[0].message).toContain('4 more alike, at 21:45, 21:373, 21:650, 23:306');
    expect(warnings[0].found!.startsWith('"يوم السلام العالمي" | "الدول الراحية للإرهاب"')).toBe(true);
  });

  it('names the place, the quotation and a correction to copy; the correction prints « », and `off:` silences it', async () => {
    const body = '١. رفضنا "صفقة القرن" كما قال "Hello" الرئيس.\n';
    const r = await proofDocument(doc(body), { projectRoot, cache: false });
    // A Latin quotation is left alone, and two quotations are two warnings (grouped only from three).
    expect(quoted(r).map((f) => f.found)).toEqual(['"صفقة القرن"']);
    const [w] = r.warnings.filter((d) => d.code === 'W-PROOF-STRAIGHT-QUOTES');
    expect(w).toMatchObject({ file: 'doc.txt', line: 3, col: 10, found: '"صفقة القرن"', expected: '«صفقة القرن»' });
    expect(w.hint).toContain('« » or “ ”');
    expect(w.hint).toContain('proofing: { off: [W-PROOF-STRAIGHT-QUOTES] }');
    // The correction the hint writes, copied into the metadata as it stands.
    const correction = /- \{ from: .*? \}/.exec(w.hint!)![0];
    const fixed = await proofDocument(doc(body, `corrections:\n  ${correction}\n`), { projectRoot, cache: false });
    expect(fixed.model.points[0].text).toBe('رفضنا «صفقة القرن» كما قال "Hello" الرئيس.');
    expect(quoted(fixed)[0].decided).toEqual({ to: '«صفقة القرن»', kept: false });
    expect(fixed.warnings.some((d) => d.code === 'W-PROOF-STRAIGHT-QUOTES')).toBe(false);
    const off = await proofDocument(doc(body, 'proofing: { off: [W-PROOF-STRAIGHT-QUOTES] }\n'), { projectRoot, cache: false });
    expect(off.warnings.some((d) => d.code === 'W-PROOF-STRAIGHT-QUOTES')).toBe(false);
  });

  it('pairs a quote with the next only across no space inside, and guesses nothing on a line with an odd count', async () => {
    // «" ثم كتب عن "» between two quotations is not a quotation (review13: it was, and its hint printed « » on the wrong words).
    const two = await proofDocument(doc('١. قال "الحرية" ثم كتب عن "العدالة" أمس.\n'), { projectRoot, cache: false });
    expect(quoted(two).map((f) => f.found)).toEqual(['"الحرية"', '"العدالة"']);
    // An inch sign before a quotation: which quotes pair is a guess, so no correction is offered.
    const odd = await proofDocument(doc('١. شاشة 24" ثم كتب عن "الحرية" أمس.\n'), { projectRoot, cache: false });
    expect(quoted(odd)).toEqual([]);
  });

  it('in a document that quotes with « », each " is W-PROOF-ASCII-QUOTE instead', async () => {
    const r = await proofDocument(doc('١. قالوا «السلام» ثم "الحرية" معا.\n'), { projectRoot, cache: false });
    expect(r.findings.filter((f) => f.code === 'W-PROOF-ASCII-QUOTE')).toHaveLength(2);
    expect(quoted(r)).toEqual([]);
  });
});

describe('decisions in the metadata', () => {
  const text = '## عنوان\n\n١. قالت الأح ازاب إن القرار نهائي نهائي وحررياتهم محفوظة ومانديلا زار مانديلا .\n';
  const meta = (yaml: string) => modelFromText(text, 'doc.txt', { projectRoot, sidecar: { text: `date: 2024-01-01\n${yaml}`, file: 'doc.meta.yaml' } }).model;

  it('applies corrections to the model, counts them, and leaves decided findings out of the warnings', async () => {
    const r = await proofDocument(
      meta('corrections:\n  - { from: الأح ازاب, to: الأحزاب }\n  - { from: وحررياتهم, to: وحرياتهم, line: 3 }\n  - { from: نهائي نهائي, to: نهائي نهائي }\n  - { from: غير موجود, to: x }\n'),
      { projectRoot },
    );
    expect(r.model.points[0].text).toBe('قالت الأحزاب إن القرار نهائي نهائي وحرياتهم محفوظة ومانديلا زار مانديلا .');
    expect(r.corrections).toBe(2);
    expect(r.model.corrections).toBe(2);
    expect(r.model.proof).toBeUndefined();
    expect(r.findings.find((f) => f.found === 'الأح ازاب')?.decided).toEqual({ to: 'الأحزاب', kept: false });
    expect(r.findings.find((f) => f.code === 'W-PROOF-REPEAT-WORD')?.decided).toEqual({ to: 'نهائي نهائي', kept: true });
    const codes = r.warnings.map((d) => `${d.code} ${d.found}`);
    expect(codes.some((c) => c.includes('ازاب') || c.includes('وحررياتهم') || c.includes('W-PROOF-REPEAT-WORD'))).toBe(false);
    expect(r.warnings.find((d) => d.code === 'W-PROOF-CORRECTION-UNUSED')).toMatchObject({ file: 'doc.meta.yaml', line: 6 });
  });

  it('corrects every paragraph of a point that has several (the templates draw the paragraphs)', async () => {
    const two = '## عنوان\n\n١. الفقرة الأولى عن الأح ازاب.\n\nوالفقرة الثانية عن الأح ازاب أيضا.\n\n٢. نقطة ثانية.\n';
    const m = modelFromText(two, 'doc.txt', { projectRoot, sidecar: { text: 'date: 2024-01-01\ncorrections:\n  - { from: الأح ازاب, to: الأحزاب }\n', file: 'doc.meta.yaml' } }).model;
    expect(m.points[0].paragraphs).toHaveLength(2);
    const r = await proofDocument(m, { projectRoot });
    expect(r.model.points[0].paragraphs.map((q) => q.text)).toEqual(['الفقرة الأولى عن الأحزاب.', 'والفقرة الثانية عن الأحزاب أيضا.']);
    expect(r.model.points[0].text).toBe('الفقرة الأولى عن الأحزاب.\nوالفقرة الثانية عن الأحزاب أيضا.');
    expect(r.corrections).toBe(2);
  });

  it('accepts `words:` with clitics, and switches codes off', async () => {
    const r = await proofDocument(meta('words: [مانديلا]\nproofing: { off: [W-PROOF-SPACE-PUNCT] }\n'), { projectRoot });
    expect(r.findings.some((f) => f.found.includes('مانديلا'))).toBe(false);
    expect(r.findings.some((f) => f.code === 'W-PROOF-SPACE-PUNCT')).toBe(false);
    expect(r.findings.some((f) => f.code === 'W-PROOF-DOUBLED')).toBe(true);
  });

  it('rejects a malformed correction with a place in the metadata', () => {
    expect(() => meta('corrections:\n  - { from: x }\n')).toThrow(/doc\.meta\.yaml:3:\d+: error\[E-META-TYPE\]/);
  });
});

describe('the proof report', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await tempDir('warraq-proof-');
  });

  it('writes a Markdown table to tick, and CSV', async () => {
    await writeProofReport(path.join(dir, 'r.md'), 'source/izmir-2023.txt', seed.findings);
    const md = await readFile(path.join(dir, 'r.md'), 'utf8');
    // A finding the seed's corrections decide is ticked, with the printed form; one left open is not.
    expect(md).toContain('| [x] | source/izmir-2023.txt:13:95 | W-PROOF-DOUBLED | وحررياتهم | وحرياتهم');
    expect(md).toMatch(/\| \[x\] \| source\/izmir-2023\.txt:13:95 \|[^\n]*\| printed as «وحرياتهم» \|\n/);
    expect(md).toContain('| [ ] | source/izmir-2023.txt:5:193 | W-PROOF-REPEAT-NEAR | القضية القضايا |');
    expect(md).toContain(`${seed.findings.length} findings, ${seed.findings.filter((f) => !f.decided).length} undecided.`);
    await writeProofReport(path.join(dir, 'r.csv'), 'source/izmir-2023.txt', seed.findings);
    const csv = (await readFile(path.join(dir, 'r.csv'), 'utf8')).split('\r\n');
    expect(csv[0]).toMatch(/^done,place,code,found,suggestions,decision/);
    expect(csv).toHaveLength(seed.findings.length + 2);
  });

  it('never replaces a file it did not write', async () => {
    await writeFile(path.join(dir, 'notes.md'), 'my notes\n');
    await expect(writeProofReport(path.join(dir, 'notes.md'), 'x', seed.findings)).rejects.toThrow(/E-PROOF-REPORT/);
    expect(await readFile(path.join(dir, 'notes.md'), 'utf8')).toBe('my notes\n');
  });
});
