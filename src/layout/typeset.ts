/**
 * The templates' door into the text layer: set a paragraph in a theme's
 * style, and keep count of what justification did (lines, kashidas, the
 * widest space) for the build summary and docs/typography.md.
 */
import { composeParagraph, type Align, type ComposedParagraph, type JustifyMode } from '../text/compose.js';
import type { StyledSpan, TextStyle } from '../text/itemize.js';
import type { LoadedFont } from '../text/fonts.js';
import type { DocumentModel } from '../model/types.js';

export interface TemplateFonts {
  body: LoadedFont[];
  heading: LoadedFont[];
}

export interface SetStats {
  paragraphs: number;
  lines: number;
  justifiedLines: number;
  kashidas: number;
  /** Largest inter-word space as a multiple of the natural space. */
  worstSpaceRatio: number;
  /** Lines that could not be justified within the theme's widest space (set unjustified): where they start. */
  loose: Array<{ text: string; offset: number }>;
}

export const emptyStats = (): SetStats => ({ paragraphs: 0, lines: 0, justifiedLines: 0, kashidas: 0, worstSpaceRatio: 1, loose: [] });

export function addStats(into: SetStats, from: SetStats): SetStats {
  into.paragraphs += from.paragraphs;
  into.lines += from.lines;
  into.justifiedLines += from.justifiedLines;
  into.kashidas += from.kashidas;
  into.worstSpaceRatio = Math.max(into.worstSpaceRatio, from.worstSpaceRatio);
  into.loose.push(...(from.loose ?? []));
  return into;
}

export interface Typesetter {
  set(text: string | StyledSpan[], style: TextStyle, measure: number, align: Align): ComposedParagraph;
  stats: SetStats;
  model: DocumentModel;
}

/** Per-output tuning on top of the theme (cards stretch spaces further, use fewer, longer kashidas). */
export interface Tuning {
  space?: { stretch: number; shrink: number };
  kashida?: { min: number; max: number };
}

/** A typesetter for one document: its direction, language, and justification mode. */
export function typesetter(model: DocumentModel, justify: JustifyMode = model.theme.justify, tuning: Tuning = {}): Typesetter {
  const stats = emptyStats();
  return {
    stats,
    model,
    set(text, style, measure, align) {
      const spans = typeof text === 'string' ? [{ text, style }] : text;
      const para = composeParagraph(spans, {
        dir: model.dir,
        lang: model.lang,
        measure,
        align,
        justify,
        space: tuning.space ?? model.theme.space,
        kashida: tuning.kashida,
        kashidaPerLine: model.theme.kashidaPerLine,
      });
      stats.paragraphs++;
      for (const l of para.lines) {
        stats.lines++;
        if (l.justified) {
          stats.justifiedLines++;
          stats.worstSpaceRatio = Math.max(stats.worstSpaceRatio, l.spaceRatio);
        }
        stats.kashidas += l.kashidas;
        if (l.loose) stats.loose.push({ text: para.text, offset: l.start });
      }
      return para;
    },
  };
}
