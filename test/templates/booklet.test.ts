/** The booklet template (issue 14): sections, colophon from metadata, numbering, headings. */
import { describe, expect, it } from 'vitest';
import { modelFromText } from '../../src/model/buildModel.js';
import { layoutAtBodySize, layoutBooklet, predictedPages } from '../../templates/booklet.js';
import { ESTIMATE_SLACK } from '../../src/layout/copyfit.js';
import type { DocumentModel } from '../../src/model/types.js';
import type { LaidOutPage } from '../../src/layout/types.js';
import { findOverflows } from '../../src/layout/liveArea.js';
import type { DotsBlock, TextBlock } from '../../src/layout/types.js';
import { LEADER } from '../../src/layout/leaders.js';
import { lineInk } from '../../src/layout/ink.js';
import { leans } from '../../src/layout/balance.js';
import { formatNumber } from '../../src/format/localize.js';
import { projectRoot, templateFonts } from '../support/fonts.js';
import bidiFactory from 'bidi-js';

const bidi = bidiFactory();
/** A paragraph's display order, left to right (UAX #9, bidi-js), without its bidi controls. */
const displayed = (text: string, dir: 'rtl' | 'ltr' = 'rtl') => bidi.getReorderedString(text, bidi.getEmbeddingLevels(text, dir)).replace(/[\u2066-\u2069]/g, '');
/** Right-to-left letters reversed, as a display string holds them. */
const rev = (s: string) => [...s].reverse().join('');

const SOURCE = `## بيان قصير

١. نطالب بالعدالة. ونؤكد أن العدالة حق للجميع دون استثناء.

٢. نقطة ثانية طويلة بما يكفي كي لا تكون عنوانًا لنفسها، فهي تمتد كلمات كثيرة متتالية بلا توقف حتى النهاية

فقرة ثانية للنقطة الثانية.
(١) بند فرعي أول
(٢) بند فرعي ثان

**جمعية المثال**
`;

function layout(meta: string, file = 'doc.txt') {
  const { model } = modelFromText(SOURCE, file, { projectRoot, sidecar: { text: `date: 2024-01-01\n${meta}`, file: 'doc.meta.yaml' } });
  return { model, lay: layoutBooklet(model, templateFonts()) };
}
const texts = (blocks: TextBlock[]) => blocks.map((b) => b.text);
/** The colophon's text block holding `part`. */
const colophonBlock = (lay: ReturnType<typeof layoutBooklet>, part: string) =>
  lay.pages.find((p) => p.role === 'colophon')!.blocks.find((b): b is TextBlock => b.kind === 'text' && b.text.includes(part))!;
/** Where a block paints the glyph of the character at `offset` of its text. */
const xAt = (block: TextBlock, offset: number) => block.lines.flatMap((l) => l.line.glyphs).find((g) => g.offset === offset)!.x;

describe('booklet template', () => {
  it('prints the colophon entries from the metadata, left-to-right runs isolated', () => {
    const { lay } = layout('publisher: دار المثال\nedition: الطبعة الأولى\nrights: CC BY 4.0\nisbn: 978-3-16-148410-0\ncontact: info@example.org\n');
    const colophon = lay.pages.find((p) => p.role === 'colophon')!;
    const all = texts(colophon.blocks.filter((b): b is TextBlock => b.kind === 'text')).join('\n');
    expect(all).toContain('الناشر: دار المثال');
    // «الطبعة الأولى» names itself: no «الطبعة:» before it.
    expect(all).toContain('الطبعة الأولى');
    expect(all).not.toContain('الطبعة: الطبعة');
    expect(all).toContain('\u2068978-3-16-148410-0\u2069');
    expect(all).toContain('\u2068info@example.org\u2069');
    expect(findOverflows(lay.pages)).toEqual([]);
  });

  it('a colophon value with right-to-left words in it is not isolated: «خط Amiri» and its licence read from the right, each Latin name at its line\'s left end', () => {
    const { lay } = layout('');
    const fonts = colophonBlock(lay, 'Amiri');
    expect(fonts.text).not.toContain('\u2068');
    expect(fonts.lines).toHaveLength(2);
    const at = (word: string) => xAt(fonts, fonts.text.indexOf(word));
    // Right to left: the label, «خط», then Amiri at the left; below, the licence, «SIL» at the left.
    expect(at('خط ')).toBeGreaterThan(at('Amiri'));
    // The licence's version in the document's digits (an Arabic colophon: «١٫١»).
    expect(at('مرخّص')).toBeGreaterThan(at('١٫١'));
    expect(at('١٫١')).toBeGreaterThan(at('SIL'));
  });

  it('every Latin name of an Arabic colophon ends its line, after an Arabic word, with no space in it (no bidi mark for pdf.js, mutool or pdftotext)', () => {
    const { lay } = layout('');
    const colophon = lay.pages.find((p) => p.role === 'colophon')!;
    const names: string[] = [];
    for (const block of colophon.blocks.filter((b): b is TextBlock => b.kind === 'text')) {
      for (const { line } of block.lines) {
        const words = block.text.slice(line.start, line.end).replace(/[\u2066-\u2069]/g, '').trim().split(/\s+/);
        const latin = words.filter((w) => /[A-Za-z]/.test(w));
        if (latin.length === 0) continue;
        // One Latin word, the line's last (its left end), after a word of Arabic letters or none.
        expect(latin, block.text).toEqual([words[words.length - 1]]);
        if (words.length > 1) expect(words[words.length - 2]).toMatch(/^[\u0621-\u064A\u0651]+$/);
        names.push(latin[0]);
      }
    }
    expect(names.map((n) => n.replace(/^[0-9a-f]{16}$/, 'hash'))).toEqual(['Amiri', 'SIL', 'doc.txt', 'SHA-256', 'hash', 'warraq']);
  });

  it('a URL in a colophon value with Arabic words is isolated: «راسلونا على https://example.org/path/» keeps its trailing «/»', () => {
    const { lay } = layout('contact: راسلونا على https://example.org/path/\n');
    const entry = colophonBlock(lay, 'example.org');
    expect(entry.text).toContain('\u2066https://example.org/path/\u2069');
    const label = entry.text.slice(0, entry.text.indexOf('راسلونا'));
    // Read from the right: the label, «راسلونا على», then the URL whole at the left end.
    expect(displayed(entry.text)).toBe(`https://example.org/path/ ${rev('على')} ${rev('راسلونا')}${rev(label)}`);
    // As painted: the URL's first letter left of its last «/».
    const url = entry.text.indexOf('https');
    expect(xAt(entry, url)).toBeLessThan(xAt(entry, url + 'https://example.org/path'.length));
  });

  it('sentence punctuation after an address stays outside its isolate: «راسلونا على info@example.org.» ends in the full stop, at the left', () => {
    const { lay } = layout('contact: راسلونا على info@example.org.\n');
    const entry = colophonBlock(lay, 'example.org');
    expect(entry.text).toContain('\u2066info@example.org\u2069.');
    const label = entry.text.slice(0, entry.text.indexOf('راسلونا'));
    // Read from the right: the label, «راسلونا على», the address, and the full stop last, at the left end.
    expect(displayed(entry.text)).toBe(`.info@example.org ${rev('على')} ${rev('راسلونا')}${rev(label)}`);
  });

  it('an Arabic comma after a URL stays outside its isolate, and a URL keeps its final «/»', () => {
    const { lay } = layout('contact: الموقع https://example.org/path/، والبريد (info@example.org)؛ شكرًا\n');
    const entry = colophonBlock(lay, 'example.org');
    expect(entry.text).toContain('\u2066https://example.org/path/\u2069،');
    expect(entry.text).toContain('(\u2066info@example.org\u2069)؛');
    const label = entry.text.slice(0, entry.text.indexOf('الموقع'));
    // From the right: «الموقع», the URL whole, the comma left of it, «والبريد», the address in its brackets, the semicolon.
    expect(displayed(entry.text)).toBe(`${rev('شكرًا')} ؛(info@example.org) ${rev('والبريد')} ،https://example.org/path/ ${rev('الموقع')}${rev(label)}`);
  });

  it('a source file name with Arabic letters: «الملف خطة.txt», then «وبصمته بخوارزمية SHA-256» and the hash, each on a line', () => {
    const { model, lay } = layout('', 'خطة.txt');
    const hash = model.source.sha256.slice(0, 16);
    const entry = colophonBlock(lay, 'SHA-256');
    expect(entry.text).toContain(`الملف \u2068خطة.txt\u2069\nوبصمته بخوارزمية SHA-256\n\u2066${hash}\u2069`);
    const first = entry.text.slice(0, entry.text.indexOf('\n'));
    const label = first.slice(0, first.indexOf('الملف'));
    // Read from the right: the label, «الملف», then «خطة.txt» (right to left, as its first letter).
    expect(displayed(first)).toBe(`txt.${rev('خطة')} ${rev('الملف')}${rev(label)}`);
    expect(entry.lines).toHaveLength(3);
  });

  it('leaves out the sections the metadata switches off', () => {
    const { lay } = layout('sections: {cover: false, contents: false, backCover: false}\n');
    // The page plan still fills the booklet to a multiple of 4 (theme.pages): notes pages after the text, the colophon last.
    expect(lay.pages.map((p) => p.role)).toEqual(['preamble', 'notes', 'notes', 'colophon']);
    expect(lay.contents.map((c) => c.page)).toEqual([1, 1]);
    const blank = layout('sections: {cover: false, contents: false, backCover: false}\ntheme: {spare: blank}\n').lay;
    expect(blank.pages.map((p) => p.role)).toEqual(['preamble', 'blank', 'blank', 'colophon']);
    const any = layout('sections: {cover: false, contents: false, backCover: false}\ntheme: {pages: any}\n').lay;
    expect(any.pages.map((p) => p.role)).toEqual(['preamble', 'colophon']);
    expect(lay.pages[0].outline?.[0]).toMatchObject({ level: 0 });
  });

  it('numbers «١-» by default and «(١)» on request; a point without a title is headed by its number alone, without the mark that parts a number from a title (its label matched no contents row)', () => {
    const headings = (meta: string) =>
      layout(meta).lay.pages.flatMap((p) => p.blocks.filter((b): b is TextBlock => b.kind === 'text' && (b.name ?? '').startsWith('the heading')).map((b) => b.text));
    expect(headings('')).toEqual(['١- نطالب بالعدالة', '٢']);
    expect(headings('numbering: paren\n')).toEqual(['(١) نطالب بالعدالة', '(٢)']);
    expect(headings('numbering: dot\n')).toEqual(['١- نطالب بالعدالة', '٢']);
  });

  it('a point without a title: its heading is the number its contents row starts with, in the row number\'s face and colour; its outline entry and its row\'s link read as the row, number and opening words', () => {
    const { lay, model } = layout('');
    const blocks = lay.pages.flatMap((p) => p.blocks).filter((b): b is TextBlock => b.kind === 'text');
    const heading = blocks.find((b) => b.name === 'the heading of point 2')!;
    const row = blocks.find((b) => b.name === 'contents entry 2')!;
    expect(row.text.startsWith(`${heading.text}-`)).toBe(true);
    const font = (b: TextBlock) => new Set(b.lines[0].line.glyphs.filter((g) => !g.space).slice(0, 1).map((g) => [g.font, g.color].join(' ')));
    expect(font(heading)).toEqual(font(row));
    expect(heading.lines[0].line.glyphs.every((g) => g.space || g.color === model.theme.palette.accent)).toBe(true);
    expect(lay.pages.flatMap((p) => p.outline ?? []).map((o) => o.title)).toContain(row.text);
    expect(lay.pages.flatMap((p) => p.links ?? []).find((l) => l.item === 2)?.description).toBe(`${row.text} ${formatNumber(lay.contents[1].page, model.lang, model.digits)}`);
    // A screen reader's list of headings names it as the row does (its /Alt), not by a bare number (review17).
    expect(heading.alt).toBe(row.text);
    expect(blocks.find((b) => b.name === 'the heading of point 1')!.alt).toBeUndefined();
  });

  it('a wrapped contents row is balanced as a heading is: no line ends on a word that leans on the next («…و / …», «…در / …»), none leaves one word alone on its last (page review: «…در سراسر / جهان»); its dots on its last line', () => {
    const long = 'آزادی نویسندگان، مترجمان و ناشران زندانی و ممنوع‌القلم در سراسر جهان و در همهٔ کشورهای منطقه';
    const source = `## بیانیه\n\n۱. ${long}: متن بند.\n\n۲. بند دوم با متنی کوتاه.\n`;
    let wrapped = 0;
    for (let cut = 52; cut <= long.length; cut += 5) {
      const title = long.slice(0, cut).trim();
      const { model } = modelFromText(source, 'doc.txt', { projectRoot, sidecar: { text: `date: 2024-01-01\nlang: fa\npoints:\n  1:\n    title: ${title}\n`, file: 'doc.meta.yaml' } });
      const lay = layoutBooklet(model, templateFonts());
      const row = lay.pages.flatMap((p) => p.blocks).find((b): b is TextBlock => b.kind === 'text' && b.name === 'contents entry 1')!;
      const lines = row.lines.map((l) => row.text.slice(l.line.start, l.line.end).trim());
      if (lines.length < 2) continue;
      wrapped++;
      for (const l of lines.slice(0, -1)) expect(leans(l.split(/\s+/u).pop()!, 'fa'), `${title}: «${l}»`).toBe(false);
      expect(lines[lines.length - 1], title).toMatch(/\s/u);
      expect(lay.pages.filter((p) => p.role === 'contents').flatMap((p) => p.blocks.filter((b) => b.kind === 'dots')), title).toHaveLength(2);
    }
    expect(wrapped).toBeGreaterThan(3);
  });

  it('leaves the running head off the page the title opens (it would repeat the title above itself); the folio stays, and later pages keep the head', () => {
    const { model, lay } = layout('sections: {cover: false, contents: false, backCover: false}\n');
    const heads = (i: number) => lay.pages[i].blocks.filter((b): b is TextBlock => b.kind === 'text' && !b.role && b.text === model.title);
    const rules = (i: number) => lay.pages[i].blocks.filter((b) => b.kind === 'rule').length;
    const folios = (i: number) => lay.pages[i].blocks.filter((b) => b.kind === 'text' && b.name === 'the page number').length;
    expect(lay.pages[0].role).toBe('preamble');
    expect(heads(0)).toEqual([]);
    expect(rules(0)).toBe(0);
    expect(folios(0)).toBe(1);
    expect(lay.pages[1].role).toBe('notes');
    expect(heads(1)).toHaveLength(1);
    expect(folios(1)).toBe(1);
  });

  it('numbers the contents, text and notes pages, not the covers or the colophon (the imprint page), whose numbers still count', () => {
    const { lay } = layout('');
    const folios = lay.pages.map((p) => p.blocks.filter((b): b is TextBlock => b.kind === 'text' && b.name === 'the page number').map((b) => b.text));
    expect(lay.pages.map((p) => p.role)).toEqual(['cover', 'contents', 'preamble', 'notes', 'notes', 'notes', 'colophon', 'back-cover']);
    expect(folios).toEqual([[], ['٢'], ['٣'], ['٤'], ['٥'], ['٦'], [], []]);
  });

  it('sets every paragraph and sub-item of a point', () => {
    const { lay } = layout('');
    const names = lay.pages.flatMap((p) => p.blocks.filter((b): b is TextBlock => b.kind === 'text').map((b) => b.name ?? ''));
    expect(names.filter((n) => n.startsWith('point 2'))).toEqual(['point 2, paragraph 1', 'point 2, paragraph 2', 'point 2, sub-item (١)', 'point 2, sub-item (٢)']);
  });
});

describe('the contents', () => {
  /** Every contents row's blocks of a fixture document: the entry (number and title) and its page number. */
  async function rows(doc: string) {
    const { loadDocument } = await import('../../src/model/buildModel.js');
    const { model } = await loadDocument(`test/fixtures/docs/${doc}/${doc}.txt`, { projectRoot, sourceDateEpoch: '1698000000' });
    // Per contents page (facing pages have their margins mirrored).
    return layoutBooklet(model, templateFonts())
      .pages.map((p) => p.blocks.filter((b): b is TextBlock => b.kind === 'text' && /^contents entry \d+/.test(b.name ?? '')))
      .filter((blocks) => blocks.length)
      .map((blocks) => {
        const drawn = (b: TextBlock) => b.lines[0].line.glyphs.map((g) => ({ ...g, x: b.lines[0].x + g.x }));
        return { entries: blocks.filter((b) => !b.name!.endsWith('(page number)')).map(drawn), pages: blocks.filter((b) => b.name!.endsWith('(page number)')).map(drawn) };
      });
  }
  const right = (glyphs: Array<{ x: number; advance: number }>) => Math.max(...glyphs.map((g) => g.x + g.advance));
  const spread = (xs: number[]) => Math.max(...xs) - Math.min(...xs);

  it('left to right: «9.» and «10.» end together and every title starts on one line; page numbers flush right', async () => {
    const all = await rows('udhr-en');
    expect(all.flatMap((r) => r.entries).length).toBe(30);
    const space = (gs: Array<{ space?: boolean }>) => gs.findIndex((g) => g.space);
    for (const { entries, pages } of all) {
      expect(spread(entries.map((gs) => gs[space(gs) + 1].x))).toBeLessThan(0.01);
      expect(spread(entries.map((gs) => right(gs.slice(0, space(gs)))))).toBeLessThan(0.01);
      expect(spread(pages.map(right))).toBeLessThan(0.01);
    }
  }, 60_000);

  it('every row one system (look17): a point without a title has its first words in the muted ink after its number (not «٢- البند ٢», the number twice, nor the number alone), the number ending where the others do, with its leaders', () => {
    const { lay, model } = layout('');
    const block = (n: number) => lay.pages.flatMap((p) => p.blocks).find((b): b is TextBlock => b.kind === 'text' && b.name === `contents entry ${n}`)!;
    const glyphs = (n: number) => block(n).lines[0].line.glyphs.map((g) => ({ ...g, x: block(n).lines[0].x + g.x }));
    expect(model.points[1].titleSource).toBe('label');
    expect(block(2).text).toBe('٢- نقطة ثانية طويلة بما يكفي كي…');
    expect(block(2).lines).toHaveLength(1);
    const muted = model.theme.palette.muted;
    expect(block(2).lines[0].line.glyphs.some((g) => g.color === muted)).toBe(true);
    // Its number ends (right to left: its left edge) where the titled row's does, in the same face and colour.
    const numbered = glyphs(1);
    const number = numbered.slice(0, numbered.findIndex((g) => g.space));
    const own = glyphs(2).slice(0, glyphs(2).findIndex((g) => g.space));
    expect(Math.min(...own.map((g) => g.x))).toBeCloseTo(Math.min(...number.map((g) => g.x)), 2);
    expect(new Set(own.map((g) => g.font))).toEqual(new Set(number.map((g) => g.font)));
    // Its leaders, as every row's.
    expect(lay.pages.filter((p) => p.role === 'contents').flatMap((p) => p.blocks.filter((b) => b.kind === 'dots'))).toHaveLength(2);
  });

  it('a title ends its lines at spaces, as a heading does (WHOLE_WORDS): no «self-/hosted» in the contents', () => {
    // A filler word as wide as puts «self-hosted» at the first line's end: set as the body's text, these broke «self- / hosted».
    for (const filler of ['mmmmmm', 'mmmmmmm']) {
      const title = `A public print shop in every town of ${filler} on self-hosted community-run servers`;
      const { model } = modelFromText('## A statement\n\n1. We call for justice.\n\n2. A second point.\n', 'doc.txt', {
        projectRoot,
        sidecar: { text: `date: 2024-01-01\nlang: en\ndir: ltr\ndigits: latn\npoints:\n  "1":\n    title: "${title}"\n`, file: 'doc.meta.yaml' },
      });
      const row = layoutBooklet(model, templateFonts()).pages.flatMap((p) => p.blocks).find((b): b is TextBlock => b.kind === 'text' && b.name === 'contents entry 1')!;
      for (const l of row.lines.slice(0, -1)) {
        expect(l.line.hyphenated, title).toBeFalsy();
        expect(row.text.slice(l.line.start, l.line.end).trimEnd(), title).toMatch(/[^-]$/u);
        expect(/\s/u.test(row.text.slice(l.line.end - 1, l.line.end + 1)), `${title}: line ends at a space`).toBe(true);
      }
    }
  });

  it('a long title\'s last line carries its leaders (look17 fa ٨): a row that would leave them no room is set short of the numbers\' column', () => {
    const long = 'آزادی نویسندگان، مترجمان و ناشران زندانی و ممنوع‌القلم در سراسر جهان و در همهٔ کشورهای منطقه';
    const source = `## بیانیه\n\n۱. ${long}: متن بند.\n\n۲. بند دوم با متنی کوتاه.\n`;
    for (let cut = 40; cut <= long.length; cut += 4) {
      const title = long.slice(0, cut).trim();
      const { model } = modelFromText(source, 'doc.txt', { projectRoot, sidecar: { text: `date: 2024-01-01\nlang: fa\npoints:\n  1:\n    title: ${title}\n`, file: 'doc.meta.yaml' } });
      const lay = layoutBooklet(model, templateFonts());
      const contents = lay.pages.filter((p) => p.role === 'contents');
      expect(contents.flatMap((p) => p.blocks.filter((b) => b.kind === 'dots')), title).toHaveLength(2);
    }
  });

  it('dot leaders in every row, either direction: drawn dots (no text) on the row\'s last baseline, in the same columns down a page, clear of the title and of the page numbers\' column; one row per heading of the body (the points\': the preamble has none), in every language', async () => {
    const { loadDocument } = await import('../../src/model/buildModel.js');
    for (const doc of ['udhr-ar', 'udhr-fa', 'udhr-en']) {
      const { model } = await loadDocument(`test/fixtures/docs/${doc}/${doc}.txt`, { projectRoot, sourceDateEpoch: '1698000000' });
      const { pages } = layoutBooklet(model, templateFonts());
      const size = model.theme.body.size;
      const rtl = model.dir === 'rtl';
      expect(model.preamble.length, doc).toBeGreaterThan(0);
      const headings = pages.filter((p) => p.role === 'body' || p.role === 'preamble').flatMap((p) => p.blocks.filter((b) => b.kind === 'text' && b.role === 'heading'));
      const contents = pages.filter((p) => p.role === 'contents');
      const entries = contents.flatMap((p) => p.blocks.filter((b): b is TextBlock => b.kind === 'text' && /^contents entry \d+$/.test(b.name ?? '')));
      expect(entries.map((b) => b.text), doc).toEqual(headings.map((b) => (b as TextBlock).text));
      for (const page of contents) {
        const texts = page.blocks.filter((b): b is TextBlock => b.kind === 'text' && /^contents entry \d+/.test(b.name ?? ''));
        const dots = page.blocks.filter((b): b is DotsBlock => b.kind === 'dots');
        const titles = texts.filter((b) => !b.name!.endsWith('(page number)'));
        const numbers = texts.filter((b) => b.name!.endsWith('(page number)'));
        expect(dots.length, doc).toBe(titles.length);
        const pitch = dots[0].pitch;
        // The end at the numbers' column is one for every row, and every dot stands on the first row's grid.
        const columnEnd = (d: DotsBlock) => (rtl ? d.x : d.x + (d.count - 1) * d.pitch);
        expect(spread(dots.map(columnEnd)), doc).toBeLessThan(1e-6);
        titles.forEach((title, i) => {
          const d = dots[i];
          const last = title.lines[title.lines.length - 1];
          expect(d.y + d.radius, doc).toBeCloseTo(last.baseline, 6);
          expect(numbers[i].lines[0].baseline, doc).toBeCloseTo(last.baseline, 6);
          const ink = lineInk(last.line, last)!;
          const inner = rtl ? ink.left - (d.x + (d.count - 1) * pitch + d.radius) : d.x - d.radius - ink.right;
          expect(inner / size, `${doc}: gap after «${title.text}»`).toBeGreaterThanOrEqual(LEADER.gap - 1e-6);
          // And less than a pitch more: the dots come as near the title as their columns let them (LEADER).
          expect(inner / size, `${doc}: gap after «${title.text}»`).toBeLessThan(LEADER.gap + LEADER.pitch);
          const number = numbers[i].lines[0];
          const glyphs = number.line.glyphs.map((g) => ({ x: number.x + g.x, advance: g.advance }));
          const outer = rtl ? d.x - d.radius - right(glyphs) : Math.min(...glyphs.map((g) => g.x)) - (d.x + (d.count - 1) * pitch + d.radius);
          expect(outer / size, `${doc}: gap before the page number of «${title.text}»`).toBeGreaterThanOrEqual(LEADER.gap - 1e-6);
        });
      }
    }
  }, 120_000);

  it('a row whose title wraps, either direction: its page number and its dots on the title\'s last baseline, the dots clear of the title\'s last line and of the number', () => {
    const wrapped = (source: string, meta: string) => {
      const { model } = modelFromText(source, 'doc.txt', { projectRoot, sidecar: { text: `date: 2024-01-01\n${meta}`, file: 'doc.meta.yaml' } });
      const page = layoutBooklet(model, templateFonts()).pages.find((p) => p.role === 'contents')!;
      const title = page.blocks.find((b): b is TextBlock => b.kind === 'text' && b.name === 'contents entry 1')!;
      const number = page.blocks.find((b): b is TextBlock => b.kind === 'text' && b.name === 'contents entry 1 (page number)')!;
      const last = title.lines.at(-1)!;
      // The row's dots: the ones on its last baseline.
      const dots = page.blocks.filter((b): b is DotsBlock => b.kind === 'dots').find((d) => Math.abs(d.y + d.radius - last.baseline) < 1e-6);
      return { model, page, title, number, last, dots, size: model.theme.body.size, rtl: model.dir === 'rtl' };
    };
    const ar = wrapped(SOURCE, 'points:\n  "1":\n    title: عنوان طويل جدًا للنقطة الأولى يمتد كلمات كثيرة متتالية حتى لا يتسع له سطر واحد في الفهرس\n');
    const en = wrapped(
      '## A short statement\n\n1. We call for justice for everyone.\n\n2. A second point.\n',
      'lang: en\ndir: ltr\ndigits: latn\npoints:\n  "1":\n    title: A very long title for the first point that runs on for many words so that one line of the contents cannot hold it\n',
    );
    for (const [name, r] of [['ar', ar], ['en', en]] as const) {
      expect(r.rtl, name).toBe(name === 'ar');
      expect(r.title.lines.length, `${name}: the title wraps`).toBeGreaterThan(1);
      expect(r.number.lines[0].baseline, name).toBeCloseTo(r.last.baseline, 6);
      expect(r.dots, `${name}: dots on the last line's baseline`).toBeDefined();
      const d = r.dots!;
      const dotsLeft = d.x - d.radius;
      const dotsRight = d.x + (d.count - 1) * d.pitch + d.radius;
      const ink = lineInk(r.last.line, r.last)!;
      const number = r.number.lines[0];
      const numberLeft = Math.min(...number.line.glyphs.map((g) => number.x + g.x));
      const numberRight = Math.max(...number.line.glyphs.map((g) => number.x + g.x + g.advance));
      // Title, dots, number from the start edge; a clear gap at each end of the dots.
      const afterTitle = r.rtl ? ink.left - dotsRight : dotsLeft - ink.right;
      const beforeNumber = r.rtl ? dotsLeft - numberRight : numberLeft - dotsRight;
      expect(afterTitle / r.size, `${name}: gap after the title`).toBeGreaterThanOrEqual(LEADER.gap - 1e-6);
      expect(beforeNumber / r.size, `${name}: gap before the number`).toBeGreaterThanOrEqual(LEADER.gap - 1e-6);
      // No other line of the title comes down to the dots' baseline.
      for (const l of r.title.lines.slice(0, -1)) expect(l.baseline, name).toBeLessThan(r.last.baseline - 1);
      // A hanging indent: the later lines start under the title's first word (after the number and its space), not under the number.
      const edge = (l: TextBlock['lines'][number], glyphs = l.line.glyphs.filter((g) => !g.space)) =>
        r.rtl ? Math.max(...glyphs.map((g) => l.x + g.x + g.advance)) : Math.min(...glyphs.map((g) => l.x + g.x));
      const first = r.title.lines[0];
      const titleStart = edge(first, first.line.glyphs.slice(first.line.glyphs.findIndex((g) => g.space) + 1).filter((g) => !g.space));
      for (const l of r.title.lines.slice(1)) expect(edge(l), `${name}: a later line starts where the title does`).toBeCloseTo(titleStart, 1);
      // The title's lines closer to one another than the rows are: the next row's first baseline is further below the last line.
      const within = r.title.lines[1].baseline - first.baseline;
      const next = r.page.blocks.find((b): b is TextBlock => b.kind === 'text' && b.name === 'contents entry 2')!;
      expect(within, name).toBeLessThan(next.lines[0].baseline - r.last.baseline - 0.3 * r.size);
    }
  });

  it('right to left, as left to right mirrored: the numbers end on one line (units over units, «٩-» over the «٠-» of «١٠-»), every title starts on one line the same space after its number, and the page numbers, at the left, are right-aligned («٩» over the «٠» of «١٠»)', async () => {
    const all = await rows('udhr-ar');
    expect(all.flatMap((r) => r.entries).length).toBe(30);
    // (Numbers of one digit and of two, page numbers too, on one contents page.)
    expect(all.some(({ entries }) => new Set(entries.map((gs) => gs.findIndex((g) => g.space))).size === 2)).toBe(true);
    expect(all.some(({ pages }) => new Set(pages.map((gs) => gs.length)).size === 2)).toBe(true);
    // (Glyphs in logical order: the number's are those before the first space, the title's those after it.)
    const number = (gs: Array<{ x: number; advance: number; space?: boolean }>) => gs.slice(0, gs.findIndex((g) => g.space));
    const title = (gs: Array<{ x: number; advance: number; space?: boolean }>) => gs.slice(gs.findIndex((g) => g.space) + 1);
    const left = (gs: Array<{ x: number }>) => Math.min(...gs.map((g) => g.x));
    for (const { entries, pages } of all) {
      expect(spread(entries.map((gs) => left(number(gs))))).toBeLessThan(0.01);
      expect(spread(entries.map((gs) => right(title(gs))))).toBeLessThan(0.01);
      expect(spread(entries.map((gs) => left(number(gs)) - right(title(gs))))).toBeLessThan(0.01);
      expect(spread(pages.map(right))).toBeLessThan(0.01);
    }
  }, 60_000);
});

describe('copyfitting (theme.copyfit)', () => {
  /** The seed, with `meta` added to its metadata. */
  async function seed(meta = '') {
    const { readFile } = await import('node:fs/promises');
    const read = (f: string) => readFile(`${projectRoot}/source/${f}`, 'utf8');
    const sidecar = { text: (await read('izmir-2023.meta.yaml')) + meta, file: 'source/izmir-2023.meta.yaml' };
    return modelFromText(await read('izmir-2023.txt'), 'source/izmir-2023.txt', { projectRoot, sidecar }).model;
  }
  const roles = (pages: LaidOutPage[]) => pages.map((p) => p.role);
  /** Sizes of the glyphs of the blocks named `name` (or of every text block of `role`). */
  const sizes = (pages: LaidOutPage[], pick: (b: TextBlock) => boolean) =>
    [...new Set(pages.flatMap((p) => p.blocks.filter((b): b is TextBlock => b.kind === 'text' && pick(b)).flatMap((b) => b.lines.flatMap((l) => l.line.glyphs.filter((g) => !g.space).map((g) => g.size)))))].sort();
  const words = (pages: LaidOutPage[]) =>
    pages.flatMap((p) => p.blocks.filter((b): b is TextBlock => b.kind === 'text' && b.frame !== undefined && (b.role === 'p' || b.role === 'heading' || b.role === 'title')).map((b) => b.lines.map((l) => b.text.slice(l.line.start, l.line.end)).join(''))).join('').replace(/\s+/gu, '');

  it('sets the seed at 11 pt in 8 pages, not 12 with three notes pages: every style scaled with the body, the covers as they were, no word lost', async () => {
    const model = await seed();
    const fit = layoutBooklet(model, templateFonts());
    expect(fit.copyfit).toEqual({ size: 11, from: 11.5, pages: 8, naturalPages: 12 });
    expect(roles(fit.pages)).toEqual(['cover', 'contents', 'preamble', 'body', 'body', 'body', 'colophon', 'back-cover']);
    const padded = layoutBooklet({ ...model, theme: { ...model.theme, copyfit: 'off' } }, templateFonts());
    expect(padded.copyfit).toBeUndefined();
    expect(roles(padded.pages).filter((r) => r === 'notes')).toHaveLength(3);
    // The styles of the template, as it scales them from the body size (styles()).
    expect(sizes(fit.pages, (b) => b.role === 'p' && b.frame !== undefined && b.item !== undefined)).toEqual([11]);
    expect(sizes(fit.pages, (b) => b.role === 'heading' && b.item !== undefined)).toEqual([11 * 1.3]);
    expect(sizes(fit.pages, (b) => b.role === 'toc')).toEqual([11]);
    expect(sizes(fit.pages, (b) => b.name === 'the page number')).toEqual([11 * 0.78]);
    expect(sizes(fit.pages.filter((p) => p.role === 'colophon'), (b) => b.name?.startsWith('the colophon entry') === true)).toContain(11 * 0.9);
    expect(fit.pages[0]).toEqual(padded.pages[0]);
    expect(fit.pages.at(-1)).toEqual(padded.pages.at(-1));
    // Every line of the title, preamble, headings and points, in order (the spaces at line ends aside).
    expect(words(fit.pages)).toBe(words(padded.pages));
    expect(findOverflows(fit.pages)).toEqual([]);
    // The contents point at the pages where the points now start.
    expect(fit.contents.map((c) => c.page)).toEqual([3, 3, 3, 4, 4, 4, 4, 4, 5, 5, 6, 6, 6, 6, 6]);
  });

  it("keeps the user's size: no copyfitting where the metadata sets the body's size or leading, unless it says copyfit: on", async () => {
    expect(layoutBooklet(await seed('theme:\n  body: {size: 11.5}\n'), templateFonts()).pages).toHaveLength(12);
    expect(layoutBooklet(await seed('theme:\n  body: {leading: 1.9}\n'), templateFonts()).pages).toHaveLength(12);
    expect(layoutBooklet(await seed('theme:\n  copyfit: off\n'), templateFonts()).pages).toHaveLength(12);
    expect(layoutBooklet(await seed('theme:\n  body: {size: 11.5}\n  copyfit: on\n'), templateFonts()).copyfit?.size).toBe(11);
    // Not under the smallest size: 11.25 pt saves no sheet.
    expect(layoutBooklet(await seed('theme:\n  body: {minSize: 11.25}\n'), templateFonts()).pages).toHaveLength(12);
  });

  it('counts a size\'s pages before making them, and makes them once: the count is the pages made', async () => {
    const model = await seed('theme:\n  copyfit: off\n');
    const variants: DocumentModel[] = [
      model,
      { ...model, theme: { ...model.theme, spare: 'blank' } },
      { ...model, theme: { ...model.theme, pages: 'any' } },
      { ...model, sections: { ...model.sections, colophon: false, backCover: false } },
      { ...model, sections: { ...model.sections, cover: false, contents: false } },
    ];
    for (const m of variants)
      for (const size of [11.5, 11.25, 11]) {
        const at = layoutAtBodySize({ ...m, theme: { ...m.theme, body: { ...m.theme.body, size } } }, templateFonts());
        const made = at.finish();
        expect(made.pages, `${size} pt`).toHaveLength(at.pageCount);
        expect(at.finish()).toBe(made);
      }
  });

  it("the estimate errs on the long side, within the slack: the seed's text at each size it may try", async () => {
    const model: DocumentModel = await seed('theme:\n  copyfit: off\n');
    const natural = layoutAtBodySize(model, templateFonts());
    for (const size of [11.25, 11, 10.75]) {
      const actual = layoutAtBodySize({ ...model, theme: { ...model.theme, body: { ...model.theme.body, size } } }, templateFonts()).filled;
      const predicted = predictedPages(natural, size / model.theme.body.size);
      expect(predicted, `${size} pt`).toBeGreaterThanOrEqual(actual - 1e-9);
      expect(predicted - actual, `${size} pt`).toBeLessThan(ESTIMATE_SLACK);
    }
    expect(predictedPages(natural, 1)).toBeCloseTo(natural.filled, 9);
  });
});
