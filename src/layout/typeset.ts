/**
 * The templates' door into the text layer: set a paragraph in a theme's
 * style, and keep count of what justification did (lines, kashidas, the
 * widest space) for the build summary and docs/typography.md.
 */
import { composeCached } from '../text/composeCache.js';
import { composeParagraph, runts, type Align, type ComposedParagraph, type JustifyMode } from '../text/compose.js';
import { DEFAULT_MAX_SPACE, RUNT_SPACE, type ComposeOptions } from '../text/options.js';
import type { StyledSpan, TextStyle } from '../text/itemize.js';
import type { LoadedFont } from '../text/fonts.js';
import type { DocumentModel } from '../model/types.js';
import { emptyStats, type SetStats } from './stats.js';
import { endsWeak, leaningSpaces } from './balance.js';

export interface TemplateFonts {
  body: LoadedFont[];
  heading: LoadedFont[];
}

export { addStats, emptyStats, type SetStats } from './stats.js';

export interface Typesetter {
  /**
   * `follows`: the text follows another paragraph of the same text (not a
   * heading), so its first line takes the paragraph indent too (Tuning.paragraphIndent).
   */
  set(text: string | StyledSpan[], style: TextStyle, measure: number, align: Align, follows?: boolean, how?: SetHow): ComposedParagraph;
  /** Counts in `stats` a paragraph set by another typesetter of the same document (a trial setting kept): as if `set` had set it. */
  count(para: ComposedParagraph): ComposedParagraph;
  stats: SetStats;
  model: DocumentModel;
}

/** How one paragraph is set, beyond its style: a heading's lines end at spaces only (ComposeOptions.wholeWords). */
interface SetHow {
  wholeWords?: boolean;
  /** Word spaces a line should not end at where a setting as good exists (ComposeOptions.softTies). */
  softTies?: number[];
  /** Lines the paragraph may take beyond its first setting to keep them (ComposeOptions.softTieLines). */
  softTieLines?: number;
}

/** A display text's setting (headings, titles, event names): its lines end at spaces, no word divided or broken after its own hyphen. */
export const WHOLE_WORDS: SetHow = { wholeWords: true };

/** Per-output tuning on top of the theme (cards stretch spaces further, use fewer, longer kashidas). */
export interface Tuning {
  space?: { stretch: number; shrink: number; max?: number };
  kashida?: { min: number; max: number };
  /** No one-word last line where a break set as good exists (ComposeOptions.avoidRunts). */
  avoidRunts?: ComposeOptions['avoidRunts'];
  /**
   * The widest space a page's paragraph justified with kashidas may take to
   * keep clear of a one-word last line, × the natural one (default the text
   * layer's RUNT_SPACE): a leaflet's statement sizes ask for less
   * (STATEMENT_RUNT_SPACE, templates/leaflet.ts).
   */
  runtSpace?: number;
  /** The space ratio a justified line reaches before a kashida (ComposeOptions.spacesBeforeKashida): a leaflet's statement sizes. */
  spacesBeforeKashida?: number;
  /** Indent of each paragraph after the first in a justified text, × the size (ComposeOptions.paragraphIndent; PARAGRAPH_INDENT, src/layout/paragraphs.ts). */
  paragraphIndent?: number;
  /** Addresses on lines of their own displayed, in justified text (ComposeOptions.displayAddresses). */
  displayAddresses?: boolean;
  /** An address no wider than the measure never divided (ComposeOptions.wholeAddresses). */
  wholeAddresses?: boolean;
  /**
   * A justified paragraph's lines kept off a word that leans on the next
   * (a preposition, a conjunction, a Persian ezafe: `leaningSpaces`,
   * src/layout/balance.ts) where a setting as good exists (ComposeOptions.softTies,
   * then `asGood` on the lines as drawn): the cards' rule, which leaflets
   * and the booklet ask for (stress-fa leaflet 22's «…تا» / «۱ اسفند ۱۴۰۲»).
   * A paragraph with no line ending so is set once. A caller's own
   * `SetHow.softTies` come first.
   */
  leaningTies?: boolean;
}

/** A typesetter for one document: its direction, language, and justification mode. */
export function typesetter(model: DocumentModel, justify: JustifyMode = model.theme.justify, tuning: Tuning = {}): Typesetter {
  const stats = emptyStats();
  const count = (para: ComposedParagraph): ComposedParagraph => {
    stats.paragraphs++;
    for (const l of para.lines) {
      stats.lines++;
      if (l.justified) {
        stats.justifiedLines++;
        stats.worstSpaceRatio = Math.max(stats.worstSpaceRatio, l.spaceRatio);
      }
      stats.kashidas += l.kashidas;
      if (l.loose) stats.loose.push({ text: para.text, offset: l.start, spaceRatio: l.spaceRatio, ...(l.short ? { short: true } : {}) });
    }
    return para;
  };
  // Body text on pages (justified, or ragged when justification is off) keeps
  // clear of one-word last lines as cards do, two-line paragraphs included,
  // where the setting without one is no looser than the text layer's
  // RUNT_SPACE (kashidas counted) or, justified with spaces only (Persian),
  // than the theme's widest space, which its lines reach anyway
  // (docs/typography.md, "No runts"); `tuning.runtSpace` may ask for less.
  const space = tuning.space ?? model.theme.space;
  const pageRunts = { maxSpace: justify === 'spaces' ? space.max ?? DEFAULT_MAX_SPACE : tuning.runtSpace ?? RUNT_SPACE, minLines: 2 };
  const avoidRunts = (align: Align) => tuning.avoidRunts ?? (align === 'justify' ? pageRunts : undefined);
  return {
    stats,
    model,
    count,
    set(text, style, measure, align, follows, how) {
      const spans = typeof text === 'string' ? [{ text, style }] : text;
      // The same paragraph composed before (this build or the last) is taken as it was: src/text/composeCache.ts.
      const compose = (softTies: number[] | undefined, softTieLines?: number) =>
        composeCached(spans, {
          dir: model.dir,
          lang: model.lang,
          measure,
          align,
          justify,
          ...(model.theme.hyphenate ? { hyphenate: true } : {}),
          ...(how?.wholeWords ? { wholeWords: true } : {}),
          ...(softTies?.length ? { softTies } : {}),
          ...(softTies?.length && softTieLines ? { softTieLines } : {}),
          space,
          kashida: tuning.kashida,
          kashidaPerLine: model.theme.kashidaPerLine,
          ...(tuning.spacesBeforeKashida && justify === 'kashida' ? { spacesBeforeKashida: tuning.spacesBeforeKashida } : {}),
          ...(avoidRunts(align) ? { avoidRunts: avoidRunts(align) } : {}),
          ...(tuning.paragraphIndent && align === 'justify' ? { paragraphIndent: tuning.paragraphIndent * style.size } : {}),
          ...(follows && tuning.paragraphIndent && align === 'justify' ? { indentFirst: true } : {}),
          ...(tuning.displayAddresses && align === 'justify' ? { displayAddresses: true } : {}),
          ...(tuning.wholeAddresses ? { wholeAddresses: true } : {}),
        }, composeParagraph);
      if (how?.softTies || !tuning.leaningTies || align !== 'justify' || justify === 'off') return count(compose(how?.softTies, how?.softTieLines));
      const free = compose(undefined);
      if (!endsWeak(free, model.lang)) return count(free);
      const tied = compose(leaningSpaces(spans.map((sp) => sp.text).join(''), model.lang));
      return count(asGood(tied, free, space.max ?? DEFAULT_MAX_SPACE) ? tied : free);
    },
  };
}

/**
 * Whether a paragraph set with its leaning words tied (Tuning.leaningTies)
 * is as good as the one set freely, on its lines as drawn: no more lines,
 * none short or loose where the free one has none so, no more runts, and no
 * line's spaces wider than the theme's widest or the free setting's widest.
 * The breaker weighs its ties so already (withTies, src/text/lineBreaks.ts),
 * but leaves out the lines that end inside an address: tied there, addresses-ar's
 * and stress-fa's booklets took a line justified at ×2.84 and ×2.58 before a URL.
 */
function asGood(tied: ComposedParagraph, free: ComposedParagraph, maxSpace: number): boolean {
  const widest = (p: ComposedParagraph) => Math.max(0, ...p.lines.filter((l) => l.justified).map((l) => l.spaceRatio));
  const loose = (p: ComposedParagraph) => p.lines.filter((l) => l.loose || l.short).length;
  return tied.lines.length <= free.lines.length && loose(tied) <= loose(free) && runts(tied) <= runts(free) && widest(tied) <= Math.max(maxSpace, widest(free)) + 1e-9;
}
