/**
 * The booklet's running head is one line (templates/runningHead.ts): the
 * metadata's `runningHead:`, else the title when it fits, else the title
 * proper before a colon, else none; each shortening a warning with the
 * place and a hint naming the key. Page review look17: a title that wrapped
 * there stood on the rule on every text page.
 */
import { describe, expect, it } from 'vitest';
import { modelFromText } from '../../src/model/buildModel.js';
import { layoutBooklet } from '../../templates/booklet.js';
import { runningHeadFor, titleProper } from '../../templates/runningHead.js';
import { findOverlaps } from '../../src/layout/overlaps.js';
import type { TextBlock } from '../../src/layout/types.js';
import { projectRoot, templateFonts } from '../support/fonts.js';

const LONG = 'A Programme for Community Printing: Cheap Paper, Open Doors, Short Addresses and the Right to Publish Without Permission';
const body = Array.from({ length: 12 }, (_, i) => `${i + 1}. Point ${i + 1} says something long enough to fill a good part of a page. `.repeat(6)).join('\n\n');

function booklet(title: string, meta = '') {
  const { model } = modelFromText(`## ${title}\n\n${body}\n`, 'doc.txt', { projectRoot, sidecar: { text: `date: 2024-01-01\nlang: en\n${meta}`, file: 'doc.meta.yaml' } });
  return layoutBooklet(model, templateFonts());
}
/** The running heads of the booklet's text pages (all alike), and how many text pages have one. */
function heads(lay: ReturnType<typeof layoutBooklet>) {
  const found = lay.pages.filter((p) => p.role === 'body').map((p) => p.blocks.find((b): b is TextBlock => b.kind === 'text' && b.name === 'the running head'));
  return { texts: [...new Set(found.map((b) => b?.text))], lines: Math.max(...found.map((b) => b?.lines.length ?? 0)), pages: found.length };
}

describe('running head', () => {
  it('is the title when it fits one line, with no warning', () => {
    const lay = booklet('A Short Title');
    expect(heads(lay).texts).toEqual(['A Short Title']);
    expect(lay.warnings).toEqual([]);
  });

  it('is the title proper before a colon when the title wraps, with a warning naming runningHead:', () => {
    const lay = booklet(LONG);
    const h = heads(lay);
    expect(h.pages).toBeGreaterThan(1);
    expect(h.texts).toEqual(['A Programme for Community Printing']);
    expect(h.lines).toBe(1);
    expect(lay.warnings).toHaveLength(1);
    expect(lay.warnings[0]).toMatchObject({ code: 'W-RUNNING-HEAD', severity: 'warning', file: 'doc.txt', line: 1, col: 4 });
    expect(lay.warnings[0].hint).toContain('runningHead:');
    // Nothing crosses the head any more (the rule stood on its second line).
    expect(findOverlaps(lay.pages)).toEqual([]);
  });

  it('is the metadata’s runningHead: when given', () => {
    const lay = booklet(LONG, 'runningHead: Community Printing\n');
    expect(heads(lay).texts).toEqual(['Community Printing']);
    expect(lay.warnings).toEqual([]);
  });

  it('is left out, folio kept, when nothing fits; a runningHead: too long is left out too, at its own place', () => {
    const fits = (t: string) => t.length < 20;
    const model = { title: 'A very long title without any colon in it', titlePlace: { file: 'a.txt', line: 1, col: 4 } } as Parameters<typeof runningHeadFor>[0];
    const none = runningHeadFor(model, fits);
    expect(none.text).toBeUndefined();
    expect(none.warning).toMatchObject({ code: 'W-RUNNING-HEAD', file: 'a.txt', line: 1, col: 4 });
    const own = runningHeadFor({ ...model, runningHead: { text: 'Still far too long for it', place: { file: 'a.meta.yaml', line: 3, col: 14 } } }, fits);
    expect(own.text).toBeUndefined();
    expect(own.warning).toMatchObject({ file: 'a.meta.yaml', line: 3, col: 14 });
    expect(own.warning?.hint).toContain('runningHead:');
  });

  it('takes a title proper of two words or more only', () => {
    expect(titleProper('Cheap Paper: Open Doors')).toBe('Cheap Paper');
    expect(titleProper('Manifesto: Open Doors')).toBeUndefined();
    expect(titleProper('No colon here')).toBeUndefined();
    expect(titleProper('Time 10:30 and more')).toBeUndefined();
  });
});
