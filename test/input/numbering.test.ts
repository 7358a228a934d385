/** Point numbers of any size, and messages that name the one real problem. */
import { describe, expect, it } from 'vitest';
import { modelFromText } from '../../src/model/buildModel.js';
import { loadMeta } from '../../src/model/loadMeta.js';
import { parseSource } from '../../src/parse/parseSource.js';
import { LIMITS } from '../../src/parse/limits.js';
import { WarraqError, type Diagnostic } from '../../src/diagnostics.js';
import { codes, repoRoot } from './project.js';

const points = (labels: string[]) => `## عنوان\n\n${labels.map((l) => `${l}. نص النقطة.`).join('\n\n')}\n`;
const arabic = (n: number) => String(n).replace(/[0-9]/g, (d) => String.fromCharCode(0x0660 + Number(d)));

/** Diagnostics of modelFromText: the thrown ones, or the warnings of a model that builds. */
function modelDiagnostics(text: string, sidecar?: string): Diagnostic[] {
  try {
    return modelFromText(text, 'x.txt', { projectRoot: repoRoot, sourceDateEpoch: '1700000000', ...(sidecar ? { sidecar: { text: sidecar, file: 'x.meta.yaml' } } : {}) }).diagnostics;
  } catch (e) {
    if (e instanceof WarraqError) return e.diagnostics;
    throw e;
  }
}

describe('point numbers of any size', () => {
  it('١٠٠٠ after ٩٩٩ is point 1000, not the imprint', () => {
    const labels = Array.from({ length: 1001 }, (_, i) => arabic(i + 1));
    const { doc, diagnostics } = parseSource(points(labels), 'x.txt');
    expect(doc.points.length).toBe(1001);
    expect(doc.points[999].number).toBe(1000);
    expect(doc.imprint).toEqual([]);
    expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  });

  it('١٠٠٠ after ٢ is a numbering error naming the missing numbers, never silently the imprint', () => {
    const { doc, diagnostics } = parseSource(points(['١', '٢', '١٠٠٠']), 'x.txt');
    expect(doc.points.map((p) => p.number)).toEqual([1, 2, 1000]);
    const gap = diagnostics.find((d) => d.code === 'E-NUM-GAP')!;
    expect(gap.message).toBe('numbering jumps from ٢. to ١٠٠٠.: ٣–٩٩٩ (997 numbers) missing');
    expect(gap.hint).toContain('not a point');
  });

  it('a year after the last point is an error, not imprint', () => {
    const { diagnostics } = parseSource('## Title\n\n1. One.\n\n2. Two.\n\n2023. A good year.\n', 'x.txt');
    expect(codes(diagnostics)).toEqual(['E-NUM-GAP']);
  });

  it('a label of 30 digits: an error with its place, no crash', () => {
    const { diagnostics } = parseSource(points(['1', '2', '9'.repeat(30)]), 'x.txt');
    expect(diagnostics.find((d) => d.code === 'E-NUM-GAP')?.message).toContain('every number from 3 on');
  });

  it('more points than the limit: E-LIMIT-POINTS', () => {
    const labels = Array.from({ length: LIMITS.points + 1 }, (_, i) => String(i + 1));
    expect(codes(modelDiagnostics(points(labels)))).toContain('E-LIMIT-POINTS');
  });
});

describe('messages that point at the one real problem', () => {
  it('points 1, 2, 4, 5, 6: the gap names 3, and nothing says "1 to 5"', () => {
    const ds = modelDiagnostics(points(['1', '2', '4', '5', '6']), 'points:\n  9: {title: x}\n');
    const gap = ds.filter((d) => d.code === 'E-NUM-GAP');
    expect(gap.map((d) => d.message)).toEqual(['numbering jumps from 2. to 4.: 3 missing']);
    const unknown = ds.find((d) => d.code === 'W-META-POINT-UNKNOWN')!;
    expect(unknown.expected).toBe('a point number of the source: 1, 2, 4–6');
    expect(ds.map((d) => `${d.message} ${d.expected}`).join('\n')).not.toContain('1 to 5');
  });

  it('a gap of several numbers lists them', () => {
    const { diagnostics } = parseSource(points(['1', '5']), 'x.txt');
    expect(diagnostics[0].message).toBe('numbering jumps from 1. to 5.: 2, 3 and 4 missing');
  });

  it('one tab in the metadata is one error', () => {
    const yaml = 'points:\n  1:\n\ttitle: عنوان\n    slug: one\n  2:\n    title: آخر\n  3:\n    title: ثالث\n';
    const { diagnostics } = loadMeta([{ text: yaml, file: 'x.meta.yaml' }], { projectRoot: repoRoot });
    expect(codes(diagnostics)).toEqual(['E-META-YAML']);
    expect(diagnostics[0]).toMatchObject({ line: 3, col: 1 });
    expect(diagnostics[0].hint).toContain('spaces, not tabs');
  });

  it('a key written twice is still found (without the parser\'s pairwise check)', () => {
    const { diagnostics } = loadMeta([{ text: 'lang: ar\ndir: rtl\nlang: fa\n', file: 'x.meta.yaml' }], { projectRoot: repoRoot });
    expect(diagnostics).toMatchObject([{ code: 'E-META-YAML', line: 3, col: 1, message: 'metadata is not valid YAML: Map keys must be unique' }]);
  });

  it('50,000 unknown metadata keys: at most 100 errors and one summary', () => {
    const yaml = Array.from({ length: 50_000 }, (_, i) => `k${i}: ${i}`).join('\n');
    const { diagnostics } = loadMeta([{ text: yaml, file: 'x.meta.yaml' }], { projectRoot: repoRoot });
    expect(diagnostics.filter((d) => d.code === 'E-META-UNKNOWN-KEY').length).toBe(100);
    expect(diagnostics.find((d) => d.code === 'W-MORE')?.message).toBe('49900 more E-META-UNKNOWN-KEY error(s) not shown');
    expect(diagnostics[99]).toMatchObject({ line: 100, col: 1 });
  });
});

describe('limits', () => {
  const word = 'كلمة ';
  it('a 50,000-character point is within the limits', () => {
    const ds = modelDiagnostics(`## عنوان\n\n1. ${word.repeat(10_000).trim()}\n`);
    expect(ds.filter((d) => d.severity === 'error')).toEqual([]);
  });
  it('a paragraph over 100,000 characters, a 5 MB point or title: E-LIMIT-TEXT at its place', () => {
    const long = word.repeat(LIMITS.paragraphChars / 5 + 1);
    expect(modelDiagnostics(`## عنوان\n\n1. ${long}\n`).find((d) => d.code === 'E-LIMIT-TEXT')).toMatchObject({ line: 3, col: 4 });
    const huge = 'x'.repeat(5 * 1024 * 1024);
    expect(modelDiagnostics(`## ${huge}\n\n1. نقطة.\n`).find((d) => d.code === 'E-LIMIT-TEXT')).toMatchObject({ line: 1, col: 4, message: 'the title is longer than 1,000 characters' });
    expect(modelDiagnostics(`## عنوان\n\n1. ${huge}\n`).find((d) => d.code === 'E-LIMIT-TEXT')?.found).toContain('more than 1,000,000');
  });
});
