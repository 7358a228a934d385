/**
 * Source places of offsets inside texts the parser made: a paragraph joined
 * from soft-wrapped lines or an imprint line with its markup removed maps
 * back to file:line:col through its spans. Every stage that reports a place
 * inside a text (coverage, proofing, loose lines) asks here.
 */
import type { SourcePlace } from '../diagnostics.js';
import type { SourceSpan } from './types.js';

/** The place of UTF-16 offset `offset` inside a text that starts at `start`. */
function placeWithin(text: string, offset: number, start: SourcePlace): SourcePlace {
  let line = start.line;
  let col = start.col;
  for (const ch of text.slice(0, offset)) {
    if (ch === '\n') {
      line++;
      col = 1;
    } else col++;
  }
  return { file: start.file, line, col };
}

/**
 * The source place of UTF-16 offset `offset` of a text that starts at
 * `start`, with `spans` where it is not one verbatim stretch (soft-wrapped
 * paragraphs, imprint markup). Columns count code points.
 */
export function placeInText(text: string, offset: number, start: SourcePlace, spans?: readonly SourceSpan[]): SourcePlace {
  let from: SourceSpan = { at: 0, place: start };
  for (const s of spans ?? []) if (s.at <= offset) from = s;
  return placeWithin(text.slice(from.at), offset - from.at, from.place);
}

