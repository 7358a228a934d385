import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { tempDirSync } from '../support/tmp.js';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { WarraqError, type Diagnostic } from '../../src/diagnostics.js';
import { buildModel, deriveTitle, loadDocument, modelFromText, numberingFor, pointLabelTitle, pointSlug } from '../../src/model/buildModel.js';
import { emptyMeta, loadMeta } from '../../src/model/loadMeta.js';
import { defaultTheme } from '../../src/model/theme.js';
import { parseSource } from '../../src/parse/parseSource.js';

const projectRoot = fileURLToPath(new URL('../../', import.meta.url));
const where = (ds: readonly Diagnostic[]): string[] => ds.map((d) => `${d.code}@${d.file}:${d.line}:${d.col}`);

/** Runs `f`, which must throw a WarraqError; returns its diagnostics. */
function diagnosticsOf(f: () => unknown): Diagnostic[] {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(WarraqError);
    return (e as WarraqError).diagnostics;
  }
  throw new Error('expected a WarraqError');
}

async function rejected(p: Promise<unknown>): Promise<Diagnostic[]> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(WarraqError);
    return (e as WarraqError).diagnostics;
  }
  throw new Error('expected a WarraqError');
}

describe('loadDocument: the seed', async () => {
  const { model, diagnostics } = await loadDocument('source/izmir-2023.txt', { projectRoot });

  it('builds without errors', () => {
    expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  });

  it('source, language, date, title', () => {
    const bytes = readFileSync(path.join(projectRoot, 'source/izmir-2023.txt'));
    expect(model.source).toEqual({ file: 'source/izmir-2023.txt', sha256: createHash('sha256').update(bytes).digest('hex') });
    expect([model.lang, model.dir, model.digits]).toEqual(['ar', 'rtl', 'arab']);
    expect(model.date).toBe('2023-10-22');
    expect(model.title).toBe('خطة عمل');
    expect(model.titlePlace).toEqual({ file: 'source/izmir-2023.txt', line: 3, col: 4 });
    expect(model.preamble).toHaveLength(1);
    expect(model.imprint.lines).toHaveLength(5);
    expect(model.theme).toEqual(defaultTheme('rtl'));
  });

  it('15 points with editorial titles, slugs and events', () => {
    expect(model.points).toHaveLength(15);
    expect(model.points.every((p) => p.titleSource === 'meta')).toBe(true);
    expect(model.points[0]).toMatchObject({ number: 1, title: 'ضد الحروب الإمبريالية والناتو', slug: '01-anti-war', event: { name: 'يوم السلام العالمي', date: { start: '--09-21' } } });
    expect(model.points[1]).toMatchObject({ title: 'مناهضة الفاشية', slug: '02-anti-fascism', event: { date: { start: '2024-05-09' } } });
    expect(model.points[2]).toMatchObject({ slug: '03-may-day', event: { name: 'عيد العمال', date: { start: '2024-05-01' } } });
    expect(model.points[4].event).toEqual({ name: 'الذكرى المئوية لوفاة لينين', date: { start: '2024-01-21' } });
    expect(model.points[6].event).toEqual({ name: 'اليوم العالمي للمرأة', date: { start: '--03-08' } });
    expect(model.points[7].event).toEqual({
      name: 'الندوة الدولية الثامنة للسلام وإلغاء القواعد العسكرية الأجنبية',
      date: { start: '2024-05-04', end: '2024-05-05' },
      place: 'غوانتانامو، كوبا',
    });
    expect(model.points[8].event?.date).toEqual({ start: '--11-29' });
    const withEvents = model.points.filter((p) => p.event).map((p) => p.number);
    expect(withEvents).toEqual([1, 2, 3, 5, 7, 8, 9]);
    expect(new Set(model.points.map((p) => p.slug)).size).toBe(15);
    for (const p of model.points) expect(p.slug).toMatch(/^\d{2}-[a-z0-9-]+$/);
  });

  it('point text stays verbatim', () => {
    const source = readFileSync(path.join(projectRoot, 'source/izmir-2023.txt'), 'utf8');
    for (const p of model.points) expect(source.includes(p.text)).toBe(true);
    expect(model.points[7].text.startsWith('العمل ضد الإدراج')).toBe(true);
  });

  it('SOURCE_DATE_EPOCH wins', async () => {
    const r = await loadDocument('source/izmir-2023.txt', { projectRoot, sourceDateEpoch: '1700000000' });
    expect(r.model.date).toBe('2023-11-14');
    const ds = await rejected(loadDocument('source/izmir-2023.txt', { projectRoot, sourceDateEpoch: 'yesterday' }));
    expect(ds.map((d) => d.code)).toEqual(['E-DATE-EPOCH']);
  });

  it('is deterministic', async () => {
    const again = await loadDocument('source/izmir-2023.txt', { projectRoot });
    expect(JSON.stringify(again.model)).toBe(JSON.stringify(model));
  });
});

describe('loadDocument: the second fixture', async () => {
  const { model, diagnostics } = await loadDocument('test/fixtures/other.txt', { projectRoot });

  it('detects language from the text, merges front matter over the sidecar', () => {
    expect([model.lang, model.dir, model.digits]).toEqual(['ar', 'rtl', 'arabext']);
    expect(model.points).toHaveLength(7);
    expect(model.url).toBe('https://example.org/culture-plan');
    expect(model.points[1]).toMatchObject({ title: 'محو الأمية في الريف', titleSource: 'meta', slug: '02-literacy', event: { date: { start: '--09-08' } } });
    expect(model.points[5]).toMatchObject({ title: 'مهرجان المسرح الشعبي', slug: '06-folk-theatre' });
    // Its one sentence is longer than a heading: the heading is its first clause.
    expect(model.points[0]).toMatchObject({ title: 'حماية التراث المعماري في المدن القديمة', titleSource: 'derived', slug: '01' });
    expect(model.numbering).toBe('dash');
  });

  it('applies the theme override', () => {
    expect(model.theme.page.booklet.name).toBe('A6');
    expect(model.theme.palette.accent).toBe('#1b5e9e');
    expect(model.theme.cards.map((c) => c.name)).toEqual(['square', 'portrait', 'link']);
  });

  it('takes the date from the imprint, with a warning', () => {
    expect(model.date).toBe('2024-03-15');
    expect(where(diagnostics)).toEqual(['W-DATE-INFERRED@test/fixtures/other.txt:28:1']);
  });

  it('strict mode turns that warning into a failure', async () => {
    const ds = await rejected(loadDocument('test/fixtures/other.txt', { projectRoot, strict: true }));
    expect(ds.map((d) => d.code)).toEqual(['W-DATE-INFERRED']);
  });
});

describe('failures are WarraqErrors with every diagnostic', () => {
  it('bad source files', async () => {
    expect((await rejected(loadDocument('test/fixtures/bad/gap.txt', { projectRoot, sourceDateEpoch: '0' }))).map((d) => d.code)).toEqual(['E-NUM-GAP']);
    expect(where(await rejected(loadDocument('test/fixtures/bad/invalid-utf8.txt', { projectRoot })))).toEqual(['E-ENCODING@test/fixtures/bad/invalid-utf8.txt:3:6']);
    expect((await rejected(loadDocument('test/fixtures/bad/empty.txt', { projectRoot }))).map((d) => d.code)).toContain('E-EMPTY');
    expect((await rejected(loadDocument('test/fixtures/nope.txt', { projectRoot }))).map((d) => d.code)).toEqual(['E-READ']);
  });

  it('parse and metadata diagnostics together, sorted by file and place', () => {
    const src = '---\ntittle: x\n---\n## T\n\n1. a\n\n3. c\n';
    const ds = diagnosticsOf(() => modelFromText(src, 'd.txt', { projectRoot, sidecar: { text: 'date: 2024-01-01\ndigits: arabic\n', file: 'd.meta.yaml' } }));
    expect(where(ds)).toEqual(['E-META-UNKNOWN-KEY@d.txt:2:1', 'E-NUM-GAP@d.txt:8:1', 'E-META-VALUE@d.meta.yaml:2:9']);
  });

  it('no date anywhere → E-DATE-MISSING with a hint', () => {
    const ds = diagnosticsOf(() => modelFromText('## T\n\n1. a\n', 'd.txt', { projectRoot }));
    expect(ds.map((d) => d.code)).toEqual(['E-DATE-MISSING']);
    expect(ds[0].hint).toContain('date: YYYY-MM-DD');
  });

  it('metadata for a point the source lacks → warning', () => {
    const r = modelFromText('---\ndate: 2024-01-01\npoints:\n  9:\n    title: x y\n---\n## T\n\n1. a\n', 'd.txt', { projectRoot });
    expect(where(r.diagnostics)).toEqual(['W-META-POINT-UNKNOWN@d.txt:4:3']);
  });

  it('a source with no heading takes its title from the metadata: the first paragraph is the preamble', () => {
    const src = 'بِسْمِ اللَّهِ الرَّحْمَـٰنِ الرَّحِيمِ\n\n١. تَبَارَكَ\n';
    const r = modelFromText(src, 'd.txt', { projectRoot, sidecar: { text: 'date: 2024-01-01\ntitle: سورة الملك\n', file: 'd.meta.yaml' } });
    expect(where(r.diagnostics)).toEqual([]);
    expect(r.model.title).toBe('سورة الملك');
    expect(r.model.preamble.map((p) => p.text)).toEqual(['بِسْمِ اللَّهِ الرَّحْمَـٰنِ الرَّحِيمِ']);
    expect(r.model.points.map((p) => p.text)).toEqual(['تَبَارَكَ']);
    // Front matter gives it as well.
    expect(modelFromText(`---\ndate: 2024-01-01\ntitle: T\n---\n${src}`, 'd.txt', { projectRoot }).model.title).toBe('T');
  });

  it('without a title in the metadata the missing heading stays an error, whose hint names `title:`', () => {
    const ds = diagnosticsOf(() => modelFromText('Opening words.\n\n1. a\n', 'd.txt', { projectRoot, sidecar: { text: 'date: 2024-01-01\n', file: 'd.meta.yaml' } }));
    expect(where(ds)).toEqual(['E-TITLE-MISSING@d.txt:1:1']);
    expect(ds[0].hint).toContain('`title:`');
  });

  it('a `# ` or an empty `## ` title stays an error even with a title in the metadata', () => {
    const meta = { text: 'date: 2024-01-01\ntitle: T\n', file: 'd.meta.yaml' };
    expect(where(diagnosticsOf(() => modelFromText('# Title\n\n1. a\n', 'd.txt', { projectRoot, sidecar: meta })))).toEqual(['E-TITLE-MISSING@d.txt:1:1']);
    expect(where(diagnosticsOf(() => modelFromText('## \n\n1. a\n', 'd.txt', { projectRoot, sidecar: meta })))).toEqual(['E-TITLE-MISSING@d.txt:1:1']);
  });

  it('pointWord names the label of a point with no title; a title of its own wins', () => {
    const src = '## T\n\n١. تَبَارَكَ الَّذِي بِيَدِهِ الْمُلْكُ\n\n٢. قصير.\n';
    const r = modelFromText(src, 'd.txt', { projectRoot, sidecar: { text: 'date: 2024-01-01\npointWord: الآية\npoints:\n  2:\n    title: عنوان\n', file: 'd.meta.yaml' } });
    expect(r.model.points.map((p) => [p.title, p.titleSource])).toEqual([['الآية ١', 'label'], ['عنوان', 'meta']]);
  });

  it('remote fonts stop the build', () => {
    const ds = diagnosticsOf(() =>
      modelFromText('---\ndate: 2024-01-01\ntheme:\n  fonts:\n    body: [https://x.org/f.ttf]\n---\n## T\n\n1. a\n', 'd.txt', { projectRoot }),
    );
    expect(where(ds)).toEqual(['E-META-REMOTE@d.txt:5:12']);
  });
});

describe('pure buildModel', () => {
  it('works without files or metadata', () => {
    const { doc, diagnostics } = parseSource('## Title\n\n1. First point, with a clause.\n\n**Org**  \n*2024-06-01*\n', 'mem.txt');
    const { model } = buildModel(doc, emptyMeta(), { sha256: 'abc', diagnostics, sourceDateEpoch: '86400' });
    expect(model.date).toBe('1970-01-02');
    expect([model.lang, model.dir, model.digits]).toEqual(['en', 'ltr', 'latn']);
    expect(model.theme.justify).toBe('off');
    expect(model.points[0]).toMatchObject({ title: 'Point 1', slug: '01', titleSource: 'label' });
    expect(model.numbering).toBe('dot');
  });

  it('body leading by direction: 1.45 for left-to-right text, 1.9 for Arabic script; the metadata\'s theme.body.leading wins', () => {
    const leading = (src: string, yaml?: string) => {
      const { doc, diagnostics } = parseSource(src, 'mem.txt');
      const meta = yaml ? loadMeta([{ text: yaml, file: 'm.yaml' }], { projectRoot }).meta : emptyMeta();
      return buildModel(doc, meta, { diagnostics, sourceDateEpoch: '86400' }).model.theme.body.leading;
    };
    expect(leading('## T\n\n1. One point.\n')).toBe(1.45);
    expect(leading('## ع\n\n١. نقطة أولى.\n')).toBe(1.9);
    expect(leading('## ع\n\n۱. نکته‌ای یک.\n')).toBe(1.9);
    expect(leading('## T\n\n1. One point.\n', 'date: 2024-01-01\ntheme:\n  body:\n    leading: 1.9\n')).toBe(1.9);
    expect(leading('## ع\n\n١. نقطة أولى.\n', 'date: 2024-01-01\ntheme:\n  body:\n    leading: 1.6\n')).toBe(1.6);
  });

  it('imprint override from metadata', () => {
    const { doc } = parseSource('## T\n\n1. a\n\n**Old**\n', 'mem.txt');
    const { meta } = loadMeta([{ text: 'date: 2024-01-01\nimprint:\n  - "**New** <sup>1</sup>"\n  - ""\n  - "*line*"\n', file: 'm.yaml' }], { projectRoot });
    const { model } = buildModel(doc, meta, {});
    expect(model.imprint.lines.map((l) => l.runs)).toEqual([[{ text: 'New', bold: true }, { text: ' ' }, { text: '1', sup: true }], [{ text: 'line', italic: true }]]);
    expect(model.imprint.lines[1].gapBefore).toBe(true);
    expect(model.imprint.lines[0].place).toMatchObject({ file: 'm.yaml', line: 3 });
  });
});

describe('helpers', () => {
  it('deriveTitle: a whole first sentence of ≤ 8 words that is not the whole point, else its first clause of 5 to 8 words, or nothing (never a cut phrase)', () => {
    // The first clause, where the sentence runs on (or has no end in sight).
    expect(deriveTitle('معارضة الحروب الإمبريالية وسباق التسلح، بما في ذلك')).toBe('معارضة الحروب الإمبريالية وسباق التسلح');
    expect(deriveTitle('لكل شخص الحق في العمل، وله حرية اختياره بشروط عادلة مرضية كما أن له حق الحماية من البطالة.')).toBe('لكل شخص الحق في العمل');
    expect(deriveTitle('Everyone has the right to work, to free choice of employment, to just and favourable conditions of work.')).toBe('Everyone has the right to work');
    // Not a clause of fewer than five words (a fragment), nor one of more than eight.
    expect(deriveTitle('لكل إنسان الحق، على قدم المساواة التامة مع الآخرين، في أن تنظر قضيته أمام محكمة مستقلة نزيهة نظراً عادلاً علنياً.')).toBeUndefined();
    expect(deriveTitle('وتستذكر الحركة في هذا السياق أعمال المفكر Antonio Gramsci ورسائله من السجن، ومساهمة Rosa Luxemburg في نقد النزعة.')).toBeUndefined();
    // Not at a comma inside brackets or between digits.
    expect(deriveTitle('بلغ عدد المشاركين في الإضراب نحو 1,250,000 عامل وعاملة من كل القطاعات الصناعية، أي ما يقارب 38%.')).toBeUndefined();
    expect(deriveTitle('نطالب (في كل المدن، والقرى كذلك) بالحق في السكن اللائق للجميع بلا استثناء ولا تمييز، ونؤكد ذلك.')).toBeUndefined();
    // Never a comma inside an English noun phrase (between two adjectives) or a pair of dashes (page review look17):
    // the heading would stop mid-phrase, so the point keeps its label.
    expect(deriveTitle('Each shop will keep a simple, public ledger of income and expenditure, updated monthly and pinned next to the counter.')).toBeUndefined();
    expect(deriveTitle("The Federation's website will move to a self-hosted, low-energy server by the end of 2024; pages will weigh no more than 100 kB each.")).toBeUndefined();
    expect(deriveTitle("Children's zine workshops — 90 minutes, up to 12 children, one volunteer per 4 children — will run in every shop during the holidays.")).toBeUndefined();
    // A clause after a determiner's noun phrase stands when a clause opens after the comma.
    expect(deriveTitle('We will give every shop a grant, which it may spend on paper, ink, drums or rent as it sees fit.')).toBe('We will give every shop a grant');
    expect(deriveTitle('Each shop should have a first-aid kit, a fire extinguisher rated for electrical fires and at least one trained volunteer.')).toBe('Each shop should have a first-aid kit');
    // A short point that is one sentence keeps its label, comma or not (its heading would repeat it word for word).
    expect(deriveTitle('هر کس حق زندگی، آزادی و امنیت شخصی دارد.')).toBeUndefined();
    expect(deriveTitle('معارضة الحروب وسباق التسلح. بما في ذلك كل شيء.')).toBe('معارضة الحروب وسباق التسلح');
    expect(deriveTitle('العمل ضد الإدراج في قائمة "الدول. الراعية". والتدخل')).toBe('العمل ضد الإدراج في قائمة "الدول. الراعية"');
    expect(deriveTitle('one two three four five six seven eight nine ten. More.')).toBeUndefined();
    expect(deriveTitle('Support (NATO) exit: now')).toBe('Support (NATO) exit');
    expect(deriveTitle('Raise it by 3.5 percent; then more')).toBe('Raise it by 3.5 percent');
    expect(deriveTitle('Visit example.org today. Then more.')).toBe('Visit example.org today');
    expect(deriveTitle('نؤكد جميع بين الحياة إلى https://example.org/a. ثم المزيد.')).toBeUndefined();
    expect(deriveTitle('نحو 30% من المباني.')).toBeUndefined();
    expect(deriveTitle('نحو 30% من المباني.', true)).toBe('نحو 30% من المباني');
    expect(deriveTitle('...')).toBeUndefined();
    expect(pointLabelTitle(8, 'ar', 'arab')).toBe('البند ٨');
    expect(pointLabelTitle(8, 'fa', 'arabext')).toBe('بند ۸');
    expect(pointLabelTitle(8, 'en', 'latn')).toBe('Point 8');
    // The metadata's pointWord: a surah's verses, a charter's articles.
    expect(pointLabelTitle(8, 'ar', 'arab', 'الآية')).toBe('الآية ٨');
    expect(pointLabelTitle(8, 'en', 'latn', ' Article ')).toBe('Article 8');
    expect(numberingFor(undefined, 'arab')).toBe('dash');
    expect(numberingFor('dot', 'arab')).toBe('dash');
    expect(numberingFor('paren', 'arabext')).toBe('paren');
    expect(numberingFor(undefined, 'latn')).toBe('dot');
  });

  it('slugs', () => {
    expect(pointSlug(1)).toBe('01');
    expect(pointSlug(12, 'x-y')).toBe('12-x-y');
    expect(pointSlug(123)).toBe('123');
  });

  it('reads a sidecar next to an absolute source path', async () => {
    const dir = tempDirSync('warraq-');
    writeFileSync(path.join(dir, 'a.txt'), '## T\n\n١. نص\n');
    writeFileSync(path.join(dir, 'a.meta.yaml'), 'date: 2020-02-02\npoints:\n  1: {title: عنوان, slug: one}\n');
    const { model } = await loadDocument(path.join(dir, 'a.txt'), { projectRoot: dir });
    expect(model.date).toBe('2020-02-02');
    expect(model.points[0].slug).toBe('01-one');
    writeFileSync(path.join(dir, 'a.meta.yaml'), Buffer.from([0x64, 0x3a, 0x20, 0xff]));
    expect((await rejected(loadDocument(path.join(dir, 'a.txt'), { projectRoot: dir }))).map((d) => d.code)).toEqual(['E-ENCODING']);
  });
});

describe('month names in the dates warraq writes (issue 14)', async () => {
  const { monthSlashOf, monthStyleOf } = await import('../../src/parse/dates.js');
  const { formatDay, formatEventDate } = await import('../../src/format/localize.js');

  it('follows the source: Levantine, both, or standard', () => {
    expect(monthStyleOf(['عُقد المؤتمر في 5 تشرين الأول 2025 في بيروت.'])).toBe('levant');
    expect(monthStyleOf(['في 10 كانون الأول / ديسمبر 1948.'])).toBe('both');
    expect(monthStyleOf(['في 4 و5 أيار/مايو.'])).toBe('both');
    expect(monthStyleOf(['في 29 نوفمبر من كل عام.'])).toBe('standard');
    expect(monthStyleOf(['نيسان اسم علم هنا بلا تاريخ.'])).toBe('standard');
  });

  it('joins a pair of month names as the source does', () => {
    expect(monthSlashOf(['في 10 كانون الأول / ديسمبر 1948.'])).toBe(' / ');
    expect(monthSlashOf(['في 4 و5 أيار/مايو.'])).toBe('/');
    expect(monthSlashOf(['في 29 نوفمبر من كل عام.'])).toBe('/');
  });

  it('writes dates in that style; lang: ar-LB keeps working', () => {
    expect(formatDay('2025-10-05', 'ar', 'latn', 'levant')).toBe('5 تشرين الأول 2025');
    expect(formatDay('1948-12-10', 'ar', 'arab', 'both')).toBe('١٠ كانون الأول/ديسمبر ١٩٤٨');
    expect(formatEventDate({ start: '2024-05-04', end: '2024-05-05' }, 'ar', 'arab', 'both')).toContain('أيار/مايو');
    expect(formatDay('1948-12-10', 'ar-LB', 'arab')).toBe('١٠ كانون الأول ١٩٤٨');
    expect(formatDay('1948-12-10', 'ar', 'arab')).toBe('١٠ ديسمبر ١٩٤٨');
  });

  it('the Arabic UDHR, which writes «كانون الأول / ديسمبر», gets both forms', async () => {
    const { model } = await loadDocument('test/fixtures/docs/udhr-ar/udhr-ar.txt', { projectRoot });
    expect(model.months).toBe('both');
    expect(model.monthSlash).toBe(' / ');
    expect(formatDay(model.date, model.lang, model.digits, model.months, model.monthSlash)).toBe('١٠ كانون الأول / ديسمبر ١٩٤٨');
  });
});
