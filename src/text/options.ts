/** How a paragraph is composed: the options of src/text/compose.ts, shared with the line breaker. */

export type Align = 'justify' | 'start' | 'end' | 'center';
export type JustifyMode = 'off' | 'spaces' | 'kashida';

export interface ComposeOptions {
  dir: 'rtl' | 'ltr';
  lang?: string;
  /** Line width in pt. */
  measure: number;
  align: Align;
  /** How justified lines are stretched. Ignored unless align is 'justify'. */
  justify: JustifyMode;
  /** Space stretch/shrink bounds, as fractions of the natural space; `max` caps the final ratio (default 2). */
  space: { stretch: number; shrink: number; max?: number };
  /** Kashida width bounds, in multiples of the font's tatweel advance. */
  kashida?: { min: number; max: number };
  /** Divide words at line ends (left-to-right paragraphs in a language with patterns: src/text/hyphenate.ts). */
  hyphenate?: boolean;
  /** Most kashidas in one line (default 3). */
  kashidaPerLine?: number;
}
