import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../src/diagnostics.js';
import { decodeSource, detectLanguage, parseSource } from '../../src/parse/parseSource.js';

const root = new URL('../../', import.meta.url);
const bytes = (rel: string): Uint8Array => readFileSync(new URL(rel, root));
const text = (rel: string): string => readFileSync(new URL(rel, root), 'utf8');

/** Parses a fixture file from its bytes, as loadDocument does. */
function parseFile(rel: string) {
  const d = decodeSource(bytes(rel), rel);
  expect(d.diagnostics).toEqual([]);
  return parseSource(d.text, rel);
}

/** `code@line:col` for every diagnostic, in order. */
const where = (ds: readonly Diagnostic[]): string[] => ds.map((d) => `${d.code}@${d.line}:${d.col}`);

describe('the seed (source/izmir-2023.txt)', () => {
  const { doc, diagnostics } = parseFile('source/izmir-2023.txt');
  const source = text('source/izmir-2023.txt');

  it('has no errors', () => {
    expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  });

  it('has the title and one preamble paragraph', () => {
    expect(doc.title).toBe('خطة عمل');
    expect(doc.titlePlace).toEqual({ file: 'source/izmir-2023.txt', line: 3, col: 4 });
    expect(doc.preamble).toHaveLength(1);
    expect(doc.preamble[0].text.startsWith('الأحزاب الشيوعية والعمالية')).toBe(true);
    expect(doc.preamble[0].text.endsWith('التالية:')).toBe(true);
  });

  it('has exactly 15 points numbered 1..15', () => {
    expect(doc.points.map((p) => p.number)).toEqual(Array.from({ length: 15 }, (_, i) => i + 1));
  });

  it('keeps labels as written, including `٨ .` and `١٠ .`', () => {
    expect(doc.points[0].label).toBe('١.');
    expect(doc.points[7].label).toBe('٨ .');
    expect(doc.points[9].label).toBe('١٠ .');
    expect(doc.points.every((p) => p.labelDigits === 'arab')).toBe(true);
  });

  it('keeps point text verbatim', () => {
    expect(doc.points[7].text.startsWith('العمل ضد الإدراج')).toBe(true);
    for (const p of doc.points) {
      expect(source.includes(p.text)).toBe(true);
      expect(p.text).toBe(p.text.trim());
      expect(p.text.length).toBeGreaterThan(50);
    }
    // extraction damage stays as the author's text
    expect(doc.points[8].text).toContain('الإس ارييلية');
    expect(doc.points[14].text.endsWith('في عام ٢٠٢٤.')).toBe(true);
  });

  it('places point text after the label', () => {
    expect(doc.points[0].place).toEqual({ file: 'source/izmir-2023.txt', line: 7, col: 4 });
    expect(doc.points[7].place).toEqual({ file: 'source/izmir-2023.txt', line: 21, col: 5 });
    expect(doc.points[9].place).toEqual({ file: 'source/izmir-2023.txt', line: 25, col: 6 });
    expect(doc.points[7].labelPlace).toEqual({ file: 'source/izmir-2023.txt', line: 21, col: 1 });
  });

  it('reads the imprint lines with bold, italic and sup runs', () => {
    expect(doc.imprint.map((l) => l.runs.map((r) => r.text).join(''))).toEqual([
      '23rd INTERNATIONAL',
      'MEETING OF',
      'COMMUNIST AND',
      "WORKERS' PARTIES",
      'İzmir, Turkey | October 20-21-22, 2023',
    ]);
    expect(doc.imprint[0].runs).toEqual([
      { text: '23', bold: true },
      { text: 'rd', bold: true, sup: true },
      { text: ' INTERNATIONAL', bold: true },
    ]);
    expect(doc.imprint[4].runs).toEqual([{ text: 'İzmir, Turkey | October 20-21-22, 2023', italic: true }]);
    expect(doc.imprint[4].gapBefore).toBe(true);
    expect(doc.imprint[0].gapBefore).toBeUndefined();
    expect(doc.imprint.map((l) => l.place.line)).toEqual([39, 40, 41, 42, 44]);
  });

  it('detects Arabic, right-to-left, Arabic-Indic digits', () => {
    expect(doc.detected).toEqual({ lang: 'ar', dir: 'rtl', digits: 'arab' });
  });
});

describe('the second fixture (test/fixtures/other.txt)', () => {
  const { doc, diagnostics } = parseFile('test/fixtures/other.txt');
  const source = text('test/fixtures/other.txt');

  it('parses cleanly, with front matter', () => {
    expect(diagnostics).toEqual([]);
    expect(doc.frontMatter?.line).toBe(2);
    expect(doc.frontMatter?.text).toContain('url: https://example.org/culture-plan');
  });

  it('has 7 points with Extended Arabic-Indic labels', () => {
    expect(doc.points.map((p) => p.number)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(doc.points.map((p) => p.label)).toEqual(['۱)', '۲)', '۳)', '۴)', '۵)', '۶)', '۷)']);
    for (const p of doc.points) expect(source.includes(p.text)).toBe(true);
  });

  it('keeps harakat, acronyms, brackets, percentages and both digit systems', () => {
    expect(doc.title).toBe('خُطَّةُ العملِ الثقافي');
    expect(doc.preamble[0].text).toContain('وَفْقًا');
    expect(doc.preamble[0].text).toContain('(UNESCO)');
    expect(doc.preamble[0].text).toContain('«(EU)»');
    expect(doc.points[0].text).toContain('30%');
    expect(doc.points[1].text).toContain('٣٠٪');
    expect(doc.points[1].text).toContain('2030');
    expect(doc.points[2].text).toContain('(NATO)');
  });

  it('detects Arabic with Extended digits (from the labels)', () => {
    expect(doc.detected).toEqual({ lang: 'ar', dir: 'rtl', digits: 'arabext' });
  });
});

describe('bad input: codes and exact places', () => {
  const cases: Array<[string, string[]]> = [
    ['gap', ['E-NUM-GAP@9:1']],
    ['duplicate', ['E-NUM-DUPLICATE@7:1']],
    ['backwards', ['E-NUM-GAP@7:1', 'E-NUM-BACKWARDS@9:1']],
    ['mixed-digits', ['E-NUM-MIXED-DIGITS@7:1', 'E-NUM-MIXED-DIGITS@9:1']],
    ['empty-point', ['E-POINT-EMPTY@5:1']],
    ['missing-title', ['E-TITLE-MISSING@1:1']],
    ['h1-title', ['E-TITLE-MISSING@1:1']],
    [
      'unbalanced',
      ['W-BRACKET-UNBALANCED@3:14', 'W-BRACKET-UNBALANCED@5:20', 'W-QUOTE-UNBALANCED@7:10', 'W-BRACKET-UNBALANCED@9:12', 'W-BRACKET-UNBALANCED@9:24'],
    ],
    [
      'markup',
      [
        'W-MARKUP-TAG@3:12',
        'W-MARKUP-TAG@3:18',
        'W-MARKUP-HEADING@5:1',
        'W-MARKUP-EMPHASIS@7:11',
        'W-MARKUP-TAG@9:11',
        'W-MARKUP-TAG@9:27',
        'W-MARKUP-EMPHASIS@11:11',
        'W-MARKUP-TAG@13:9',
        'W-MARKUP-TAG@13:15',
        'W-MARKUP-UNCLOSED@14:1',
      ],
    ],
    ['latin-punct', ['W-LATIN-PUNCT@3:8', 'W-LATIN-PUNCT@5:9', 'W-LATIN-PUNCT@7:9']],
  ];
  for (const [name, expected] of cases) {
    it(name, () => {
      const rel = `test/fixtures/bad/${name}.txt`;
      const { diagnostics } = parseFile(rel);
      expect(where(diagnostics)).toEqual(expected);
      for (const d of diagnostics) {
        expect(d.file).toBe(rel);
        expect(d.message).not.toBe('');
        expect(d.expected).toBeDefined();
        expect(d.found).toBeDefined();
        expect(d.hint).toBeDefined();
        expect(d.severity).toBe(d.code.startsWith('E-') ? 'error' : 'warning');
      }
    });
  }

  it('reports the gap with expected and found in the document digits', () => {
    const d = parseFile('test/fixtures/bad/gap.txt').diagnostics[0];
    expect(d.expected).toBe('٣');
    expect(d.found).toBe('٤.');
    expect(d.message).toContain('٣ missing');
  });

  it('keeps markup as text: angle brackets are never interpreted', () => {
    const { doc } = parseFile('test/fixtures/bad/markup.txt');
    expect(doc.preamble[0].text).toBe('مقدمة فيها <b>وسم</b> غير مفهوم.');
    expect(doc.preamble[1].text).toBe('### عنوان فرعي');
    expect(doc.points[1].text).toBe('نص فيه <script>alert(1)</script> خطير.');
    expect(doc.imprint[0].runs).toEqual([{ text: 'تذييل <b>غير</b> مفهوم', bold: true }]);
    expect(doc.imprint[1].runs).toEqual([{ text: 'مائل لا يغلق', italic: true }]);
  });

  it('does not flag Latin punctuation between digits or Latin words', () => {
    const { diagnostics } = parseFile('test/fixtures/bad/latin-punct.txt');
    expect(diagnostics.some((d) => d.line === 9)).toBe(false);
  });

  it('empty file → E-EMPTY', () => {
    expect(where(parseFile('test/fixtures/bad/empty.txt').diagnostics)).toEqual(['E-EMPTY@1:1']);
    expect(where(parseFile('test/fixtures/bad/whitespace.txt').diagnostics)).toEqual(['E-EMPTY@1:1']);
    expect(parseSource('', 'x.txt').diagnostics[0].severity).toBe('error');
  });

  it('invalid UTF-8 → E-ENCODING with the byte offset and line:col', () => {
    const rel = 'test/fixtures/bad/invalid-utf8.txt';
    const d = decodeSource(bytes(rel), rel);
    expect(d.text).toBe('');
    expect(where(d.diagnostics)).toEqual(['E-ENCODING@3:6']);
    expect(d.diagnostics[0].message).toBe('not valid UTF-8 at byte offset 23');
    expect(d.diagnostics[0].found).toBe('byte 0xFF');
    const t = decodeSource(bytes('test/fixtures/bad/truncated-utf8.txt'), 'x');
    expect(where(t.diagnostics)).toEqual(['E-ENCODING@2:1']);
    expect(t.diagnostics[0].message).toContain('byte offset 6');
  });

  it('BOM → W-BOM, stripped; otherwise the same document', () => {
    const withBom = parseFile('test/fixtures/bad/bom.txt');
    expect(where(withBom.diagnostics)).toEqual(['W-BOM@1:1']);
    expect(withBom.doc.title).toBe('عنوان');
    const plain = parseSource(text('test/fixtures/bad/bom.txt').slice(1), 'test/fixtures/bad/bom.txt');
    expect(withBom.doc).toEqual(plain.doc);
  });

  it('CRLF is accepted quietly', () => {
    const crlf = parseFile('test/fixtures/bad/crlf.txt');
    expect(crlf.diagnostics).toEqual([]);
    const lf = parseSource(text('test/fixtures/bad/crlf.txt').replace(/\r\n/g, '\n'), 'test/fixtures/bad/crlf.txt');
    expect(crlf.doc).toEqual(lf.doc);
    expect(crlf.doc.points.map((p) => p.text)).toEqual(['الأولى.', 'الثانية.']);
  });
});

describe('labels and paragraphs', () => {
  it('accepts `.`, `)` and `-` after ASCII, Arabic-Indic and Extended digits', () => {
    const src = '## T\n\n1. one\n\n2) two\n\n3 - three\n\n4- four\n';
    const { doc, diagnostics } = parseSource(src, 'x');
    expect(diagnostics).toEqual([]);
    expect(doc.points.map((p) => [p.number, p.label, p.text])).toEqual([
      [1, '1.', 'one'],
      [2, '2)', 'two'],
      [3, '3 -', 'three'],
      [4, '4-', 'four'],
    ]);
    expect(parseSource('## T\n\n۱۲. دوازده\n', 'x').doc.points[0].number).toBe(12);
    expect(parseSource('## T\n\n١٢) اثنا عشر\n', 'x').doc.points[0].number).toBe(12);
  });

  it('a point goes on over further paragraphs and sub-items until the next numbered line', () => {
    const src = '## T\n\n1. first.\n\nmore of one.\n(1) item a\nb) item b\n\n2. two\n1) sub one\n2) sub two\n\n3. three\n\nlast words of three.\n\n**Imprint**  \n*2024*\n';
    const { doc, diagnostics } = parseSource(src, 'x');
    expect(diagnostics).toEqual([]);
    expect(doc.points.map((p) => p.paragraphs.map((q) => [q.item ?? '', q.text]))).toEqual([
      [['', 'first.'], ['', 'more of one.'], ['(1)', 'item a'], ['b)', 'item b']],
      [['', 'two'], ['1)', 'sub one'], ['2)', 'sub two']],
      [['', 'three'], ['', 'last words of three.']],
    ]);
    expect(doc.points[0].text).toBe('first.\nmore of one.\n(1) item a\nb) item b');
    expect(doc.points[0].paragraphs[2].place).toEqual({ file: 'x', line: 6, col: 5 });
    expect(doc.points[0].paragraphs[2].itemPlace).toEqual({ file: 'x', line: 6, col: 1 });
    expect(doc.imprint.map((l) => l.runs.map((r) => r.text).join(''))).toEqual(['Imprint', '2024']);
  });

  it('a sub-item label right after the point label opens the first sub-item, like those on the following lines', () => {
    const { doc, diagnostics } = parseSource('## T\n\n۱. (۱) یک\n(۲) دو\n(۳) سه\n\n۲. اول\n', 'x');
    expect(diagnostics).toEqual([]);
    expect(doc.points.map((p) => p.paragraphs.map((q) => [q.item ?? '', q.text]))).toEqual([
      [['(۱)', 'یک'], ['(۲)', 'دو'], ['(۳)', 'سه']],
      [['', 'اول']],
    ]);
    // The text read back is the source's, labels and all.
    expect(doc.points[0].text).toBe('(۱) یک\n(۲) دو\n(۳) سه');
    expect(doc.points[0].place).toEqual({ file: 'x', line: 3, col: 4 });
    expect(doc.points[0].paragraphs[0].place).toEqual({ file: 'x', line: 3, col: 8 });
    expect(doc.points[0].paragraphs[0].itemPlace).toEqual({ file: 'x', line: 3, col: 4 });
    expect(doc.points[0].spans?.[0]).toEqual({ at: 0, place: { file: 'x', line: 3, col: 4 } });
    // A `1)` on the point's line opens the list its `2)` continues (not point 2).
    const numbered = parseSource('## T\n\n1. 1) sub one\n2) sub two\n\n2. two\n', 'x');
    expect(numbered.diagnostics).toEqual([]);
    expect(numbered.doc.points.map((p) => p.paragraphs.map((q) => [q.item ?? '', q.text]))).toEqual([
      [['1)', 'sub one'], ['2)', 'sub two']],
      [['', 'two']],
    ]);
  });

  it('starts the imprint after a `---` line when it has no markup', () => {
    const { doc } = parseSource('## T\n\n١. أول\n\nتتمة\n\n---\n\nملاحظة الناشر\n', 'x');
    expect(doc.points[0].paragraphs.map((q) => q.text)).toEqual(['أول', 'تتمة']);
    expect(doc.imprint.map((l) => l.runs.map((r) => r.text).join(''))).toEqual(['ملاحظة الناشر']);
  });

  it('does not take decimals or ranges for labels', () => {
    const { doc } = parseSource('## T\n\n1.5 million people.\n\n12-15 May.\n\n1. point\n', 'x');
    expect(doc.preamble.map((p) => p.text)).toEqual(['1.5 million people.', '12-15 May.']);
    expect(doc.points).toHaveLength(1);
  });

  it('joins soft-wrapped lines of a point with one space', () => {
    const { doc } = parseSource('## T\n\n1. first line  \n   second line\nthird\n\n2. next\n', 'x');
    expect(doc.points[0].text).toBe('first line second line third');
    expect(doc.points[1].text).toBe('next');
  });

  it('starts a new point at a numbered line even without a blank line', () => {
    const { doc, diagnostics } = parseSource('## T\n\n1. one\n2. two\n', 'x');
    expect(diagnostics).toEqual([]);
    expect(doc.points.map((p) => p.text)).toEqual(['one', 'two']);
  });

  it('reports a file with no points', () => {
    expect(where(parseSource('## T\n\nJust text.\n', 'x').diagnostics)).toEqual(['E-POINTS-NONE@3:1']);
  });

  it('reports numbering that does not start at 1', () => {
    const { diagnostics } = parseSource('## T\n\n2. two\n', 'x');
    expect(where(diagnostics)).toEqual(['E-NUM-GAP@3:1']);
    expect(diagnostics[0].message).toContain('starts at 2');
  });

  it('reports a label that mixes digit systems', () => {
    expect(where(parseSource('## T\n\n١. a\n\n٢. b\n\n٣. c\n\n٤. d\n\n٥. e\n\n٦. f\n\n٧. g\n\n٨. h\n\n٩. i\n\n1٠. j\n', 'x').diagnostics)).toEqual([
      'E-NUM-MIXED-DIGITS@21:1',
    ]);
  });

  it('reads front matter and reports an unclosed one', () => {
    const { doc } = parseSource('---\nlang: ar\n---\n## T\n\n1. a\n', 'x');
    expect(doc.frontMatter).toEqual({ text: 'lang: ar', line: 2 });
    expect(doc.titlePlace?.line).toBe(4);
    expect(where(parseSource('---\nlang: ar\n## T\n', 'x').diagnostics)).toEqual(['E-FRONTMATTER-UNCLOSED@1:1']);
  });

  it('warns about invisible control characters, with code-point columns', () => {
    const { diagnostics } = parseSource('## T\n\n1. 😀a\u202Eb\n', 'x');
    expect(where(diagnostics)).toEqual(['W-CONTROL-CHAR@3:6']);
    expect(diagnostics[0].found).toBe('U+202E');
  });

  it('imprint: hard breaks, soft joins, escapes, nested styles', () => {
    const src = '## T\n\n1. a\n\n**Bold *and italic***  \nsoft\njoined\\\n\\*literal\\* x<sup>2</sup>\n';
    const { doc, diagnostics } = parseSource(src, 'x');
    expect(diagnostics).toEqual([]);
    expect(doc.imprint.map((l) => l.runs)).toEqual([
      [{ text: 'Bold ', bold: true }, { text: 'and italic', bold: true, italic: true }],
      [{ text: 'soft joined' }],
      [{ text: '*literal* x' }, { text: '2', sup: true }],
    ]);
  });
});

describe('language detection', () => {
  const detect = (s: string) => detectLanguage(parseSource(`## ${s}\n\n1. ${s}\n`, 'x').doc);
  it('Arabic, Persian, Hebrew, English', () => {
    expect(detect('هذا نص عربي في الكتاب').lang).toBe('ar');
    expect(detect('این یک متن فارسی است که پیش چشم ماست').lang).toBe('fa');
    expect(detect('זהו טקסט בעברית').lang).toBe('he');
    expect(detect('זהו טקסט בעברית').dir).toBe('rtl');
    expect(detect('This is English text').lang).toBe('en');
    expect(detect('This is English text').dir).toBe('ltr');
  });
  it('addresses do not count: a short Persian text around a long URL is Persian', () => {
    const url = 'https://example.org/reports/2024/annual-summary-of-the-committee-on-human-rights.html?lang=en&section=introduction#part-one';
    const doc = parseSource(`## گزارش\n\n1. متن کامل در ${url} آمده است.\n2. نامه به info.committee@example.org بفرستید.\n`, 'x').doc;
    expect(doc.detected).toMatchObject({ lang: 'fa', dir: 'rtl' });
    // File names, paths and hashes neither.
    const files = parseSource('## فهرست\n\n1. پرونده annual_report_final_version.pdf در ./docs/archive/2024 با شناسه 3f9a1c0b7e2d4a6f8b9c0d1e2f3a4b5c است.\n', 'x').doc;
    expect(files.detected).toMatchObject({ lang: 'fa', dir: 'rtl' });
  });
  it('words that are not addresses still count (English around Arabic)', () => {
    expect(detect('This and/or that, e.g. a short English sentence with كلمة').lang).toBe('en');
  });
  it('digits: ASCII labels in right-to-left text → latn', () => {
    expect(parseSource('## عنوان\n\n1. نص عربي\n', 'x').doc.detected).toEqual({ lang: 'ar', dir: 'rtl', digits: 'latn' });
  });
});

describe('large input', () => {
  // Speed belongs to `npm run bench --parts input`, never to a test: these
  // check that 10 MB and pathological lines parse whole and right.
  it('parses 10 MB whole', () => {
    const para = 'نص عربي طويل، فيه (أقواس) و«علامات» و"اقتباس" وأرقام 2024 و٣٠٪، ' .repeat(160);
    const parts = ['## عنوان كبير', '', 'مقدمة.', ''];
    let n = 0;
    let size = 0;
    while (size < 10 * 1024 * 1024) {
      n++;
      const line = `${n}. ${para}`;
      parts.push(line, '');
      size += Buffer.byteLength(line) + 2;
      if (n === 999) {
        parts.push('**Imprint**  ', '*' + 'x'.repeat(10 * 1024 * 1024 - size) + '*');
        size = 10 * 1024 * 1024;
      }
    }
    const src = parts.join('\n');
    expect(Buffer.byteLength(src)).toBeGreaterThanOrEqual(10 * 1024 * 1024);
    const { doc, diagnostics } = parseSource(src, 'big.txt');
    expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(doc.points.length).toBe(n);
  });

  it('pathological lines: 1 MB of brackets, spaces and hashes', () => {
    const evil = ['## ' + ' '.repeat(1 << 20) + 'x', '', '1. ' + '('.repeat(1 << 19) + '<'.repeat(1 << 19), '', '*'.repeat(1 << 20) + ' '.repeat(1 << 20) + 'y'].join('\n');
    const { diagnostics } = parseSource(evil, 'evil.txt');
    // warnings are capped per code, with one summary
    expect(diagnostics.filter((d) => d.code === 'W-BRACKET-UNBALANCED').length).toBeLessThanOrEqual(100);
    expect(diagnostics.some((d) => d.code === 'W-MORE')).toBe(true);
  });
});
