/**
 * MutoolReading against what mutool 1.21 does (source/fitz/stext-device.c and
 * the display list of `mutool draw`, see docs/accessibility.md): a line or a
 * space only where its direction is left to right, and nothing read from a
 * text object without ink. The real thing (`mutool draw -F txt`) is measured
 * in test/render/pdf/accessibility.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { MutoolReading, mutoolDirection } from '../../../src/render/pdf/mutoolOrder.js';

const RLM = '\u200F';
const RLE = '\u202B';

describe('mutoolDirection', () => {
  it('is left to right after a Latin letter or an LRM, right to left after an Arabic letter or an RLM, neutral after an embedding, else unchanged', () => {
    expect(mutoolDirection('a', -1)).toBe(1);
    expect(mutoolDirection('\u200E', -1)).toBe(1);
    expect(mutoolDirection('ب', 1)).toBe(-1);
    expect(mutoolDirection(RLM, 1)).toBe(-1);
    expect(mutoolDirection(RLE, -1)).toBe(0);
    expect(mutoolDirection('2', -1)).toBe(-1);
    expect(mutoolDirection('.', 1)).toBe(1);
  });
});

describe('MutoolReading', () => {
  const size = 10;

  it('finds no break after a right-to-left character, whatever the jump', () => {
    const m = new MutoolReading();
    m.read(100, 'ب', 5, true);
    expect(m.breakBefore(20, '.', size)).toBeUndefined();
    expect(m.breakBefore(20, RLM, size)).toBeUndefined();
  });

  it('finds a new line at a jump of more than 0.8 em, and a space at 0.15–0.8 em forwards, after a left-to-right character', () => {
    const m = new MutoolReading();
    m.read(100, 'e', 5, true);
    expect(m.breakBefore(90, 'x', size)).toBe('text');
    expect(m.breakBefore(108, 'x', size)).toBe('text');
    expect(m.breakBefore(105, 'x', size)).toBeUndefined();
    expect(m.breakBefore(101, 'x', size)).toBeUndefined();
    // An Arabic letter is read right to left: no break.
    expect(m.breakBefore(50, 'ب', size)).toBeUndefined();
  });

  it('finds none at a line start; after a space, a new line only (more than 0.8 em either way), no space', () => {
    const m = new MutoolReading();
    expect(m.breakBefore(0, 'x', size)).toBeUndefined();
    m.read(100, ' ', 3, true);
    expect(m.breakBefore(50, 'x', size)).toBe('space');
    expect(m.breakBefore(112, 'x', size)).toBe('space');
    expect(m.breakBefore(108, 'x', size)).toBeUndefined();
    expect(m.breakBefore(97, 'x', size)).toBeUndefined();
  });

  it('reads mupdf\'s whitespace as a space (U+180E, a no-break space): no space added after it, its direction kept', () => {
    const m = new MutoolReading();
    m.read(100, 'ب', 5, true);
    m.read(40, '\u180E', 3, false);
    // Still right to left: no break before an Arabic letter or a digit.
    expect(m.breakBefore(0, '1', size)).toBeUndefined();
    m.read(43, 'e', 5, true);
    m.read(48, '\u00A0', 3, true);
    expect(m.breakBefore(56, 'x', size)).toBeUndefined();
  });

  it('takes back what was read since a mark (rewind): the text object ends there, kept if it had ink', () => {
    const m = new MutoolReading();
    m.read(100, 'e', 5, true);
    const mark = m.mark();
    m.read(60, ' ', 3, true);
    m.rewind(mark);
    // After «e» again, its pen at 105: a jump to 50 breaks after a letter.
    expect(m.breakBefore(50, 'x', size)).toBe('text');
    expect(m.breakBefore(105, 'x', size)).toBeUndefined();
    const inkless = new MutoolReading();
    inkless.read(100, 'ب', 5, true);
    inkless.end();
    inkless.read(60, 'e', 5, false);
    const before = inkless.mark();
    inkless.read(60, ' ', 3, true);
    inkless.rewind(before);
    // The inkless «e» was in the object that ended without ink: right to left after «ب».
    expect(inkless.breakBefore(0, '.', size)).toBeUndefined();
    expect(inkless.rtl).toBe(true);
  });

  it('forgets a text object without ink (mutool draw does not read it), keeps one with ink', () => {
    const m = new MutoolReading();
    m.read(100, 'ب', 5, true);
    m.end();
    m.read(40, 'e', 5, false);
    m.end();
    // Still right to left after «ب»: the inkless «e» was never read.
    expect(m.breakBefore(20, '.', size)).toBeUndefined();
    m.read(40, 'e', 5, false);
    m.read(45, 'f', 5, true);
    m.end();
    expect(m.breakBefore(20, '.', size)).toBe('text');
  });

  it('finds nothing inside a text object the painter keeps without ink (blind)', () => {
    const m = new MutoolReading();
    m.read(100, 'e', 5, true);
    m.blind = true;
    expect(m.breakBefore(20, 'x', size)).toBeUndefined();
  });

  it('starts a line right to left where the page left mutool so: no break after a label of digits and punctuation', () => {
    // A contents row «١- ضد…»: «١-» keeps the direction it finds; the space after it lies far to the left.
    const fresh = new MutoolReading();
    fresh.read(100, '١', 5, true);
    fresh.read(92, '-', 3, true);
    expect(fresh.breakBefore(60, ' ', size)).toBe('text');
    const after = new MutoolReading(true);
    after.read(100, '١', 5, true);
    after.read(92, '-', 3, true);
    expect(after.breakBefore(60, ' ', size)).toBeUndefined();
  });

  it('goes on from where another part of the same line left it (a heading title after its label): the jump to its first space is seen', () => {
    const label = new MutoolReading();
    label.read(100, '٣', 5, true);
    label.read(100.01, '-', 3, true);
    label.end();
    // A part started afresh knows no pen: no break found, no bridge drawn (mutool breaks the line there).
    expect(new MutoolReading(label.rtl).breakBefore(85, ' ', size)).toBeUndefined();
    const title = new MutoolReading(label.after);
    expect(title.breakBefore(85, ' ', size)).toBe('text');
    // The state handed on is a copy: reading on does not change the label's.
    title.read(85, ' ', 3, true);
    title.end();
    expect(label.after.pen).toBeCloseTo(103.01);
  });
});

describe('MutoolReading.rtl', () => {
  it('is the direction of the last strong character kept, the one it started with where none was, and not that of a text object without ink', () => {
    const read = (startRtl: boolean, texts: string[], inked = true) => {
      const m = new MutoolReading(startRtl);
      texts.forEach((t, i) => m.read(100 - i * 5, t, 5, inked));
      m.end();
      return m.rtl;
    };
    expect(read(false, ['ض', 'د', ' ', '٣'])).toBe(true);
    expect(read(true, ['في', ' ', 'UNESCO', '.'])).toBe(false);
    expect(read(true, ['١', '-'])).toBe(true);
    expect(read(false, ['١', '-'])).toBe(false);
    expect(read(false, ['ض'], false)).toBe(false);
  });
});
