/**
 * Kashida placement: which word of a line takes a kashida, where in the word,
 * and how wide. HarfBuzz says where a tatweel may go (SAFE_TO_INSERT_TATWEEL);
 * kashida.ts ranks those places; this module spends a line's deficit on them.
 */
import { makeRun, type ShapedRun, type Word } from './itemize.js';
import { isArabicLetter, kashidaPriority, type KashidaPriority } from './kashida.js';

export interface Candidate {
  word: number;
  run: number;
  /** Insert the tatweel before this UTF-16 index. */
  at: number;
  priority: KashidaPriority;
  tatweelWidth: number;
  /** Arabic letters in the word: among places of one priority, the longer word takes the kashida. */
  letters: number;
}

/** What chooseKashidas needs to know of the line being set. */
interface KashidaLine {
  dir: 'rtl' | 'ltr';
  measure: number;
  /** Kashidas of the line above, as [x, width] in the line's frame. */
  previousKashidas: Array<[number, number]>;
  /** Kashida width bounds in tatweel advances. */
  bounds: { min: number; max: number };
  /** Most kashidas in one line (the theme's; default 2): beyond it the spaces take the rest. */
  maxPerLine?: number;
}

/**
 * Kashidas in one line when the theme sets no maximum. A reader expects one,
 * at most two: three in a line («النـاس … متسـاوين … الكرامـة») read as a
 * pattern, not a stretch, and the spaces take the rest.
 */
export const DEFAULT_KASHIDAS_PER_LINE = 2;

/**
 * Fewest Arabic letters of a word that takes a kashida. In a word of two or
 * three letters (من، ضد، وقد، عن) a kashida reads as a mistake, not a stretch.
 */
const KASHIDA_MIN_LETTERS = 4;

/** The best kashida place in a word: one per word at most (alreq). */
export function bestCandidate(text: string, word: Word, index: number): Candidate | undefined {
  let best: Candidate | undefined;
  const wordText = text.slice(word.start, word.end);
  const letters = [...wordText].filter(isArabicLetter).length;
  if (letters < KASHIDA_MIN_LETTERS) return undefined;
  word.runs.forEach((run, r) => {
    if (!run.arabic) return;
    const tatweelGid = run.font.hb.nominalGlyph(0x0640);
    if (tatweelGid === undefined) return;
    const tatweelWidth = (run.font.hb.glyphHAdvance(tatweelGid) * run.style.size) / run.font.upem;
    // Logical order, so that among equal priorities the last join of the word wins,
    // which is where calligraphers prefer the stretch.
    for (const g of run.glyphs) {
      if (!g.safeToInsertTatweel || g.cluster <= run.start) continue;
      const priority = kashidaPriority(wordText, g.cluster - word.start);
      if (priority === undefined) continue;
      if (!best || priority < best.priority || (priority === best.priority && g.cluster > best.at)) {
        best = { word: index, run: r, at: g.cluster, priority, tatweelWidth, letters };
      }
    }
  });
  return best;
}

/**
 * Picks the kashida words for a line: best priority first, then words that do
 * not sit under a kashida of the previous line, then the longer word, then the
 * later word. Uses as
 * few kashidas as the deficit needs at about one tatweel each, within bounds.
 */
export function chooseKashidas(
  words: Word[],
  candidates: Array<Candidate | undefined>,
  deficit: number,
  o: KashidaLine,
): Array<[number, number]> {
  // Approximate x of each word in the line, to tell whether it stacks under a previous kashida.
  let x = 0;
  const spans = words.map((w) => {
    const s: [number, number] = [x, w.width];
    x += w.width + w.spaceWidth;
    return s;
  });
  const stacked = (wi: number) => {
    const [logicalX, w] = spans[wi];
    // Words advance leftwards in a right-to-left line; compare in the visual frame.
    const a = o.dir === 'rtl' ? o.measure - logicalX - w : logicalX;
    return o.previousKashidas.some(([px, pw]) => px < a + w && a < px + pw);
  };
  const pool = candidates
    .map((c, wi) => (c ? { c, wi, stacked: stacked(wi) } : undefined))
    .filter((v): v is { c: Candidate; wi: number; stacked: boolean } => v !== undefined)
    .sort((p, q) => p.c.priority - q.c.priority || Number(p.stacked) - Number(q.stacked) || q.c.letters - p.c.letters || q.wi - p.wi);
  if (!pool.length) return [];
  const unit = pool[0].c.tatweelWidth;
  const most = o.maxPerLine ?? DEFAULT_KASHIDAS_PER_LINE;
  if (most <= 0) return [];
  // Never in two adjacent words (it stutters): take the pool in order, skipping neighbours of a chosen word.
  const spaced: typeof pool = [];
  for (const p of pool) if (!spaced.some((q) => Math.abs(q.wi - p.wi) === 1)) spaced.push(p);
  let count = Math.min(spaced.length, most, Math.max(1, Math.round(deficit / unit)));
  // Too small to see? Use fewer, wider ones; at least the minimum width each.
  while (count > 1 && deficit / count < unit * o.bounds.min) count--;
  const chosen = spaced.slice(0, count);
  const out: Array<[number, number]> = [];
  let left = deficit;
  chosen.forEach((p, i) => {
    const share = left / (chosen.length - i);
    const width = Math.min(share, p.c.tatweelWidth * o.bounds.max);
    if (width < p.c.tatweelWidth * o.bounds.min * 0.5) return;
    out.push([p.wi, width]);
    left -= width;
  });
  return out;
}

/**
 * Reshapes a run with a tatweel inserted before `at` and scales that tatweel so
 * it is exactly `width` wide. HarfBuzz marked the place safe, so the other
 * glyphs keep their shapes; the reshaping is only to get the tatweel right.
 */
export function insertKashida(text: string, run: ShapedRun, at: number, width: number, lang?: string): ShapedRun {
  const withTatweel = text.slice(0, at) + '\u0640' + text.slice(at);
  const reshaped = makeRun(withTatweel, run.level, run.font, run.style, run.start, run.end + 1, lang);
  const glyphs = reshaped.glyphs.map((g) => {
    if (g.cluster === at && g.text.startsWith('\u0640')) {
      const scaleX = width / g.xAdvance;
      return { ...g, text: g.text, xAdvance: width, scaleX, kashida: true };
    }
    // Map clusters back to the paragraph without the inserted tatweel.
    return g.cluster > at ? { ...g, cluster: g.cluster - 1 } : g;
  });
  return { ...run, glyphs, width: glyphs.reduce((w, g) => w + g.xAdvance, 0) };
}
