/**
 * The booklet's contents rows as a typographer sets them (templates/booklet.ts
 * lays the contents out with these): a row set short of the page numbers'
 * column kept at its start edge (startFlush), a wrapped title's later lines
 * hung under its first (hangTitle), and the rows shared out over the contents
 * pages so that the last is not left nearly empty (balancedPages), and the
 * words a row shows for a point without a title (openingWords). Pure: geometry
 * on composed rows and a choice of words; nothing here sets type of its own accord.
 */
import type { ComposedParagraph, ComposedLine } from '../src/text/compose.js';
import type { StyledSpan } from '../src/text/itemize.js';
import { advanceSpan } from '../src/text/advanceSpan.js';
import { leans } from '../src/layout/balance.js';

/** A line moved `dx` along itself (its glyphs' x): the one way a row's lines are moved here. */
function shiftLine(line: ComposedLine, dx: number): ComposedLine {
  return dx === 0 ? line : { ...line, glyphs: line.glyphs.map((g) => ({ ...g, x: g.x + dx })) };
}

/**
 * A right-to-left row set `by` narrower than its room, moved back to its
 * start edge (right by `by`) and given the room's measure: its lines end
 * `by` short of the page numbers' column, where the leaders go. Left to
 * right the row starts at its start edge already.
 */
export function startFlush(row: ComposedParagraph, by: number): ComposedParagraph {
  if (by === 0 || row.dir !== 'rtl') return { ...row, measure: row.measure + by };
  return { ...row, measure: row.measure + by, lines: row.lines.map((l) => shiftLine(l, by)) };
}

/**
 * A wrapped contents row with a hanging indent: the lines after the first
 * start under the title's first word, where the first line's first space
 * (the one after the number) ends, not under the number (page review
 * look16: «الخصخصة…», the second line of point 5's title, started under
 * «٥-» and read as an entry of its own). The first line stays as `row` set
 * it; the rest of the text, from its second line on, is set again in the
 * measure the title's first line has (`set`) and the two make one
 * paragraph, one block of text for the readers, as before. Every row has
 * its number (heads16); a row that does not wrap, or whose first line ends
 * in a divided word (its rest is carried on that line for the readers), is
 * returned as it is.
 */
export function hangTitle(row: ComposedParagraph, spans: StyledSpan[], set: (spans: StyledSpan[], measure: number) => ComposedParagraph): ComposedParagraph {
  const [first, second] = row.lines;
  const space = first?.glyphs.find((g) => g.space);
  if (!second || !space || first.hyphenated) return row;
  const rest = spansFrom(spans, second.start);
  if (!rest || spans.map((s) => s.text).join('') !== row.text) return row;
  const rtl = row.dir === 'rtl';
  // Where the title starts: the space's left edge right to left, its right edge left to right.
  const edge = rtl ? space.x : space.x + space.advance;
  const from = second.start;
  const words = Math.max(-1, ...first.glyphs.map((g) => g.word)) + 1;
  const lines = set(rest, rtl ? edge : row.measure - edge).lines.map((l) => {
    // Each line moved so that it starts at the title's edge, its glyphs measured from their pens (advanceSpan:
    // a «و» Amiri kerns before «يـ» is drawn 1.7 pt right of its pen at 14 pt, its advance as much wider).
    const drawn = l.glyphs.filter((g) => !g.space && !g.hidden);
    const start = rtl ? Math.max(...drawn.map((g) => advanceSpan(g).right)) : Math.min(...drawn.map((g) => advanceSpan(g).left));
    const moved = shiftLine(l, drawn.length ? edge - start : 0);
    return { ...moved, start: l.start + from, end: l.end + from, glyphs: moved.glyphs.map((g) => ({ ...g, offset: g.offset + from, word: g.word + words })) };
  });
  return { ...row, lines: [first, ...lines] };
}

/** The spans' text from offset `from` on, each span keeping its style (undefined past the end). */
function spansFrom(spans: StyledSpan[], from: number): StyledSpan[] | undefined {
  const out: StyledSpan[] = [];
  let at = 0;
  for (const s of spans) {
    const end = at + s.text.length;
    if (end > from) out.push(at >= from ? s : { ...s, text: s.text.slice(from - at) });
    at = end;
  }
  return out.length ? out : undefined;
}

/**
 * Which rows go on which contents page (their indices, page by page), the
 * rows `heights` tall, the first page's starting at `firstTop` (under the
 * contents heading), every other page's at `top`: as few pages as the rows
 * need when each takes what fits above `bottom`, and on those pages rows
 * shared so that the pages end as nearly level as the rows allow, the
 * lowest end as high as it can be. Filled to the foot one after the other,
 * 40 long titles left 17, 18 and 5 rows on three pages (look16); shared,
 * the last page is no longer nearly empty. The number of pages, which the
 * body's page numbers and the booklet's page count follow, is the filled
 * one's: sharing never adds a page.
 */
export function balancedPages(heights: number[], firstTop: number, top: number, bottom: number): number[][] {
  const filled = pagesOfRows(heights, firstTop, top, bottom);
  if (filled.length < 2) return filled;
  // The lowest foot at which the rows still take no more pages (fewer rows per page never take fewer pages):
  // halved down to a hundredth of a point.
  let lo = top;
  let hi = bottom;
  while (hi - lo > 0.01) {
    const mid = (lo + hi) / 2;
    if (pagesOfRows(heights, firstTop, top, mid).length <= filled.length) hi = mid;
    else lo = mid;
  }
  return pagesOfRows(heights, firstTop, top, hi);
}

/** The rows page by page, each page taking the rows that fit above `bottom` in order, and one at least (a row taller than the room has a page of its own). */
function pagesOfRows(heights: number[], firstTop: number, top: number, bottom: number): number[][] {
  const pages: number[][] = [[]];
  let y = firstTop;
  heights.forEach((h, i) => {
    if (y + h > bottom + 1e-6 && pages[pages.length - 1].length > 0) {
      pages.push([]);
      y = top;
    }
    pages[pages.length - 1].push(i);
    y += h;
  });
  return pages;
}

/** Words an opening stops after (their mark left out): a sentence's or a clause's end. */
const OPENING_STOP = /[.؟!?؛;:۔،,]+$/u;
/** The most words an opening takes: a contents row is a title's length, not a paragraph's. */
const OPENING_WORDS = 6;

/**
 * What a contents row shows for a point without a title of its own: the
 * point's first words as the source writes them, up to its first clause's
 * end or OPENING_WORDS words, then «…» when the point goes on («Paper is
 * the single largest cost…»). A row of its number alone (contents16) left
 * half of stress-en's and stress-fa's contents bare dots, and its label
 * («١٧- بند ١٧») read the number twice. No address is cut into (one
 * cannot be broken in a row, and a part of it is no address), nor a
 * bracket or quote left open, nor does a cut end on a word that leans on
 * the next, as a title's line does not («will move to…», «…و…»: look19).
 * Undefined when no word can open the row.
 */
export function openingWords(text: string, more: boolean, lang: string): string | undefined {
  const words = text.trim().split(/\s+/u).filter(Boolean);
  const taken: string[] = [];
  let stopped = false;
  for (const w of words) {
    if (taken.length === OPENING_WORDS || /:\/\/|^www\./iu.test(w)) break;
    taken.push(w);
    if (OPENING_STOP.test(w)) {
      stopped = true;
      break;
    }
  }
  // Nor does it end on a dash or another mark without a letter («…will be reviewed —…»).
  while (taken.length && (!closed(taken.join(' ')) || !/[\p{L}\p{N}]/u.test(taken[taken.length - 1]))) taken.pop();
  if (!taken.length) return undefined;
  const whole = !more && taken.length === words.length;
  if (whole) return taken.join(' ');
  if (!stopped) while (taken.length > 1 && leans(taken[taken.length - 1].toLowerCase(), lang)) taken.pop();
  const last = taken.length - 1;
  if (stopped || OPENING_STOP.test(taken[last])) taken[last] = taken[last].replace(OPENING_STOP, '');
  return taken[last] ? `${taken.join(' ')}…` : undefined;
}

/** Every bracket and quote opened in `s` closed in it. */
function closed(s: string): boolean {
  const count = (re: RegExp) => (s.match(re) ?? []).length;
  return count(/[([{]/gu) === count(/[)\]}]/gu) && count(/«/gu) === count(/»/gu) && count(/"/gu) % 2 === 0;
}

/**
 * Whether a line of a Persian row but the last ends inside a phrase: between
 * two words, the first not followed by punctuation and the next not one that
 * opens a phrase of its own (a preposition, a conjunction: `leans`). Persian
 * writes the ezafe that ties a noun to its adjective or complement only after
 * «ه» or the plural «ها» (balance.ts, EZAFE); after any other letter it is
 * read, not written, so the word lists cannot see it: stress-fa's row ۸ broke
 * «…مترجمان و ناشران» / «زندانی و…» (publishers imprisoned), balanced and
 * no weak word at a line's end. In a title two such words are nearly always
 * one phrase (a noun and its adjective, «ناشران زندانی»; «سراسر جهان»), so a
 * row's lines break where a phrase does, when its room allows
 * (booklet.ts, contentsRows). Other languages: never (their ties are written).
 */
export function endsInPhrase(row: ComposedParagraph, lang: string): boolean {
  if (lang.split('-')[0] !== 'fa') return false;
  return row.lines.slice(0, -1).some((l, i) => {
    const words = row.text.slice(l.start, l.end).trim().split(/\s+/u);
    const next = row.text.slice(row.lines[i + 1].start, row.lines[i + 1].end).trim().split(/\s+/u)[0];
    return !/[.,;:!?،؛)»]$/u.test(words[words.length - 1]) && !leans(next.toLowerCase(), lang);
  });
}
