/**
 * Nothing drawn over text (src/layout/overlaps.ts): a rule through a line of
 * text, leader dots over a title, or a block set over another is found, and
 * the page checks make it E-OVERLAP; a rule under a line's descenders, and
 * two blocks a line apart, are not.
 */
import { describe, expect, it } from 'vitest';
import { findOverlaps } from '../../src/layout/overlaps.js';
import { assertInsideLiveArea } from '../../src/layout/liveArea.js';
import { WarraqError } from '../../src/diagnostics.js';
import { composeParagraph } from '../../src/text/compose.js';
import type { Block, LaidOutPage, TextBlock } from '../../src/layout/types.js';
import { templateFonts } from '../support/fonts.js';

/** A text block of `text` set in two lines of 12 pt, 20 pt apart, the first baseline at `baseline`. */
function textAt(text: string, baseline: number, name: string): TextBlock {
  const f = templateFonts();
  const para = composeParagraph([{ text, style: { fonts: f.body, size: 12 } }], { dir: 'ltr', lang: 'en', measure: 170, align: 'start', justify: 'off', space: { stretch: 0.3, shrink: 0.2 } });
  return { kind: 'text', rtl: false, color: '#000000', text, name, lines: para.lines.map((line, i) => ({ line, x: 20, baseline: baseline + i * 20 })) };
}

const page = (blocks: Block[]): LaidOutPage => ({ width: 200, height: 200, background: '#ffffff', role: 'body', blocks });
const rule = (y: number): Block => ({ kind: 'rule', x1: 20, y1: y, x2: 190, y2: y, color: '#000000', width: 0.3 });
const TWO_LINES = 'A Programme for Community Printing: Cheap Paper';

describe('overlaps', () => {
  it('finds a rule through the second line of a running head (look17), not one under its descenders', () => {
    const head = textAt(TWO_LINES, 40, 'the running head');
    expect(head.lines).toHaveLength(2);
    // Through the second line's x-height (its baseline at 60).
    expect(findOverlaps([page([head, rule(57)])])).toMatchObject([{ page: 0, block: 'the running head', by: 'a rule' }]);
    // Under the second line, clear of its descenders; between the lines, clear of both.
    expect(findOverlaps([page([head, rule(66)])])).toEqual([]);
    expect(findOverlaps([page([textAt('Cheap Paper', 40, 'one line'), rule(50)])])).toEqual([]);
  });

  it('finds text set over other text, not text a line below it', () => {
    const over = findOverlaps([page([textAt(TWO_LINES, 40, 'the heading'), textAt('Short Addresses', 58, 'the paragraph')])]);
    expect(over).toMatchObject([{ block: 'the heading', by: 'the paragraph' }]);
    expect(findOverlaps([page([textAt(TWO_LINES, 40, 'the heading'), textAt('Short Addresses', 80, 'the paragraph')])])).toEqual([]);
  });

  it('finds leader dots running through a title', () => {
    const title = textAt('Cheap Paper', 40, 'contents entry 3');
    const dots: Block = { kind: 'dots', x: 25, y: 37, count: 20, pitch: 5, radius: 0.75, color: '#000000' };
    expect(findOverlaps([page([title, dots])])).toMatchObject([{ block: 'contents entry 3', by: 'leader dots' }]);
  });

  it('is a build error, E-OVERLAP, with the block and the page', () => {
    const head = textAt(TWO_LINES, 40, 'the running head');
    try {
      assertInsideLiveArea([page([]), page([head, rule(57)])], 'booklet.pdf', { file: 'x.txt', line: 1, col: 4 });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(WarraqError);
      const [d] = (e as WarraqError).diagnostics;
      expect(d).toMatchObject({ code: 'E-OVERLAP', severity: 'error', file: 'x.txt', line: 1, col: 4 });
      expect(d.message).toContain('booklet.pdf, page 2: the running head is crossed by a rule');
      expect(d.hint).toContain('runningHead:');
    }
  });
});
