import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../src/diagnostics.js';
import { checkProjectPath, loadMeta } from '../../src/model/loadMeta.js';
import { allowedKeysAt } from '../../src/model/metaIssues.js';

const projectRoot = fileURLToPath(new URL('../../', import.meta.url));
const where = (ds: readonly Diagnostic[]): string[] => ds.map((d) => `${d.code}@${d.line}:${d.col}`);

function fixture(name: string) {
  const file = `test/fixtures/meta/${name}.meta.yaml`;
  return loadMeta([{ text: readFileSync(projectRoot + file, 'utf8'), file }], { projectRoot });
}
const yaml = (text: string, file = 'm.yaml') => loadMeta([{ text, file }], { projectRoot });

describe('the seed metadata', () => {
  it('is valid and names all 15 points', () => {
    const { meta, diagnostics } = loadMeta([{ text: readFileSync(projectRoot + 'source/izmir-2023.meta.yaml', 'utf8'), file: 'source/izmir-2023.meta.yaml' }], { projectRoot });
    expect(diagnostics).toEqual([]);
    expect(meta.data.lang).toBe('ar');
    expect(meta.data.digits).toBe('arab');
    expect(meta.data.date).toBe('2023-10-22');
    const pts = meta.data.points!;
    expect(Object.keys(pts).map(Number).sort((a, b) => a - b)).toEqual(Array.from({ length: 15 }, (_, i) => i + 1));
    for (const p of Object.values(pts)) {
      const words = p.title!.split(/\s+/).length;
      expect(words).toBeGreaterThanOrEqual(2);
      expect(words).toBeLessThanOrEqual(5);
      expect(p.slug).toMatch(/^[a-z0-9-]+$/);
    }
    expect(pts['1'].title).toBe('ضد الحروب الإمبريالية والناتو');
    expect(pts['1'].event).toEqual({ name: 'يوم السلام العالمي', date: { start: '--09-21' } });
    expect(pts['8'].event).toEqual({
      name: 'الندوة الدولية الثامنة للسلام وإلغاء القواعد العسكرية الأجنبية',
      date: { start: '2024-05-04', end: '2024-05-05' },
      place: 'غوانتانامو، كوبا',
    });
    expect(pts['9'].event?.date).toEqual({ start: '--11-29' });
    expect(pts['4'].event).toBeUndefined();
  });
});

describe('metadata diagnostics', () => {
  it('unknown keys → did-you-mean, at the key', () => {
    const { diagnostics } = fixture('unknown-key');
    expect(where(diagnostics)).toEqual(['E-META-UNKNOWN-KEY@2:1', 'E-META-UNKNOWN-KEY@5:5']);
    expect(diagnostics[0].hint).toBe('did you mean `title`?');
    expect(diagnostics[0].found).toBe('tittle');
    expect(diagnostics[0].expected).toContain('lang, dir, digits, numbering, publisher');
    expect(diagnostics[1].message).toContain('points.3');
    expect(diagnostics[1].hint).toBe('did you mean `title`?');
  });

  it('bad dates → the path and the value', () => {
    const { diagnostics } = fixture('bad-date');
    expect(where(diagnostics)).toEqual(['E-META-DATE@6:16', 'E-META-DATE@12:14']);
    expect(diagnostics[0].message).toContain('points.3.event.date.start');
    expect(diagnostics[0].found).toBe('"2024-02-30"');
    expect(diagnostics[1].message).toContain('points.4.event.date.end');
    expect(diagnostics[1].message).toContain('before start');
  });

  it('date shorthand and recurring dates', () => {
    const ok = yaml('points:\n  1:\n    event:\n      name: x\n      date: --02-29\n');
    expect(ok.diagnostics).toEqual([]);
    expect(ok.meta.data.points!['1'].event!.date).toEqual({ start: '--02-29' });
    expect(where(yaml('points:\n  1:\n    event:\n      name: x\n      date: --02-30\n').diagnostics)).toEqual(['E-META-DATE@5:13']);
    expect(where(yaml('date: 2023-13-01\n').diagnostics)).toEqual(['E-META-DATE@1:7']);
    expect(where(yaml('points:\n  1:\n    event:\n      name: x\n      date: {start: --05-01, end: 2024-05-02}\n').diagnostics)).toEqual(['E-META-DATE@5:35']);
  });

  it('path escapes and absolute paths outside the project', () => {
    const { diagnostics } = fixture('path-escape');
    expect(where(diagnostics)).toEqual(['E-META-PATH@5:9', 'E-META-PATH@6:15']);
    expect(diagnostics[0].message).toContain('theme.fonts.body[1]');
  });

  it('remote fonts are rejected', () => {
    const { diagnostics } = fixture('remote-font');
    expect(where(diagnostics)).toEqual(['E-META-REMOTE@3:12']);
    expect(diagnostics[0].found).toBe('"https://fonts.example.com/Amiri.ttf"');
  });

  it('point URLs may be remote (they only go into QR codes)', () => {
    expect(yaml('url: https://example.org/x\npoints:\n  2:\n    url: https://example.org/2\n').diagnostics).toEqual([]);
  });

  it('enum values, colours, point keys, URLs', () => {
    const { diagnostics } = fixture('bad-values');
    expect(where(diagnostics)).toEqual(['E-META-VALUE@2:9', 'E-META-VALUE@4:12', 'E-META-VALUE@6:13', 'E-META-POINT-KEY@12:3', 'E-META-VALUE@15:10']);
    expect(diagnostics[0].expected).toBe('arab | arabext | latn');
    expect(diagnostics[0].hint).toBe('did you mean `arab`?');
    expect(diagnostics[1].hint).toBe('did you mean `kashida`?');
  });

  it('theme consistency and card names', () => {
    const { diagnostics } = fixture('bad-theme');
    expect(where(diagnostics)).toEqual(['E-META-VALUE@2:6', 'E-META-THEME@5:5', 'E-META-VALUE@7:12']);
    expect(diagnostics[2].hint).toBe('did you mean `story`?');
  });

  it('leaflet body sizes: compact no larger than regular, after the defaults are merged', () => {
    expect(yaml('theme:\n  leafletBody:\n    regular: 16\n    compact: 14\n').diagnostics).toEqual([]);
    const alone = yaml('theme:\n  leafletBody:\n    regular: 11\n').diagnostics;
    expect(where(alone)).toEqual(['E-META-THEME@3:5']);
    expect(alone[0].found).toBe('regular 11, compact 12');
    expect(alone[0].hint).toBe('give a compact size too, e.g. compact: 10');
    expect(where(yaml('theme:\n  leafletBody: {regular: 12, compact: 13}\n').diagnostics)).toEqual(['E-META-THEME@2:16']);
    expect(where(yaml('theme:\n  leafletBody: {size: 12}\n').diagnostics).map((w) => w.split('@')[0])).toEqual(['E-META-UNKNOWN-KEY']);
  });

  it('a key no longer read (theme.body.maxSize) is an unknown key, located, with a hint naming what replaced it', () => {
    const d = yaml('theme:\n  body:\n    size: 12\n    maxSize: 20\n').diagnostics;
    expect(where(d)).toEqual(['E-META-UNKNOWN-KEY@4:5']);
    expect(d[0].message).toBe('unknown key `maxSize` in theme.body (no longer read)');
    expect(d[0].expected).toBe('one of: size, leading, minSize');
    expect(d[0].hint).toContain('theme.leafletBody');
    // Other unknown keys keep their did-you-mean.
    expect(yaml('theme:\n  body:\n    minSise: 9\n').diagnostics[0].hint).toBe('did you mean `minSize`?');
  });

  it('YAML syntax errors and non-mapping documents', () => {
    expect(fixture('bad-yaml').diagnostics.map((d) => d.code)).toEqual(['E-META-YAML']);
    expect(where(yaml('a: 1\na: 2\n').diagnostics)).toEqual(['E-META-YAML@2:1']);
    expect(where(yaml('- a\n- b\n').diagnostics)).toEqual(['E-META-TYPE@1:1']);
    expect(yaml('').diagnostics).toEqual([]);
    expect(yaml('# only a comment\n').diagnostics).toEqual([]);
  });

  it('wrong types name the path; missing keys point at the parent', () => {
    const d = yaml('title: 12\npoints:\n  2:\n    event:\n      place: هنا\n').diagnostics;
    expect(where(d)).toEqual(['E-META-TYPE@1:8', 'E-META-TYPE@4:5']);
    expect(d[0].message).toBe('title should be a string');
    expect(d[1].message).toBe('points.2.event needs `name`');
  });

  it('`__proto__` is just an unknown key', () => {
    const d = yaml('__proto__:\n  lang: xx\n').diagnostics;
    expect(d.map((x) => x.code)).toEqual(['E-META-UNKNOWN-KEY']);
    expect(({} as Record<string, unknown>).lang).toBeUndefined();
  });
});

describe('front matter + sidecar', () => {
  it('merge key by key, front matter wins, places point into the right file', () => {
    const { meta, diagnostics } = loadMeta(
      [
        { text: 'points:\n  2:\n    title: من المقدمة\n', file: 'doc.txt', lineOffset: 1 },
        { text: 'lang: ar\npoints:\n  2:\n    title: من الملف\n    slug: two\n', file: 'doc.meta.yaml' },
      ],
      { projectRoot },
    );
    expect(diagnostics).toEqual([]);
    expect(meta.data.points!['2']).toEqual({ title: 'من المقدمة', slug: 'two' });
    expect(meta.data.lang).toBe('ar');
    expect(meta.placeOf(['points', '2', 'title'])).toEqual({ file: 'doc.txt', line: 4, col: 12 });
    expect(meta.placeOf(['points', '2', 'slug'])).toEqual({ file: 'doc.meta.yaml', line: 5, col: 11 });
  });

  it('errors in front matter are placed at source lines', () => {
    const { diagnostics } = loadMeta([{ text: 'lang: ar\ndir: up\n', file: 'doc.txt', lineOffset: 1 }], { projectRoot });
    expect(where(diagnostics)).toEqual(['E-META-VALUE@3:6']);
    expect(diagnostics[0].file).toBe('doc.txt');
  });
});

describe('helpers', () => {
  it('the keys allowed at a path (for did-you-mean)', () => {
    expect(allowedKeysAt(['points', '3', 'event'])).toEqual(['name', 'date', 'place']);
    expect(allowedKeysAt(['theme', 'page'])).toEqual(['booklet', 'leaflet', 'margins']);
  });

  it('project paths', () => {
    expect(checkProjectPath('fonts/A.ttf', '/p')).toEqual({ ok: true, path: 'fonts/A.ttf' });
    expect(checkProjectPath('./fonts/../fonts/A.ttf', '/p')).toEqual({ ok: true, path: 'fonts/A.ttf' });
    expect(checkProjectPath('fonts\\A.ttf', '/p')).toEqual({ ok: true, path: 'fonts/A.ttf' });
    expect(checkProjectPath('/p/fonts/A.ttf', '/p')).toEqual({ ok: true, path: 'fonts/A.ttf' });
    expect(checkProjectPath('/p2/A.ttf', '/p')).toMatchObject({ ok: false, code: 'E-META-PATH' });
    expect(checkProjectPath('fonts/../../A.ttf', '/p')).toMatchObject({ ok: false, code: 'E-META-PATH' });
    expect(checkProjectPath('C:\\Windows\\Fonts\\a.ttf', '/p')).toMatchObject({ ok: false, code: 'E-META-PATH' });
    expect(checkProjectPath('file:///etc/x', '/p')).toMatchObject({ ok: false, code: 'E-META-PATH' });
    expect(checkProjectPath('HTTPS://x/y.ttf', '/p')).toMatchObject({ ok: false, code: 'E-META-REMOTE' });
  });

  it('normalises font paths in the data', () => {
    const { meta } = yaml('theme:\n  fonts:\n    body: [./fonts/Amiri-Regular.ttf]\n');
    expect(meta.data.theme!.fonts!.body).toEqual(['fonts/Amiri-Regular.ttf']);
  });
});

describe('theme print settings in the metadata', () => {
  it('takes the page plan, paper thickness, CMYK values and rich black, and rejects out-of-range ink', () => {
    const ok = yaml('theme:\n  pages: any\n  paper:\n    thicknessMm: 0.12\n  cmyk:\n    accent: [0, 100, 80, 10]\n  richBlack:\n    minMm: 30\n');
    expect(ok.diagnostics).toEqual([]);
    expect(ok.meta.data.theme).toEqual({ pages: 'any', paper: { thicknessMm: 0.12 }, cmyk: { accent: [0, 100, 80, 10] }, richBlack: { minMm: 30 } });
    const bad = yaml('theme:\n  pages: 6\n  cmyk:\n    ink: [0, 0, 0, 120]\n');
    expect(bad.diagnostics.filter((d) => d.severity === 'error').length).toBeGreaterThanOrEqual(2);
  });
});
