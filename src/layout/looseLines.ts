/**
 * Lines that could not be justified within the theme's widest word space
 * (compose.ts justifies them with wider spaces, a line stopping short inside
 * a justified paragraph reading as a mistake, up to JUSTIFY_ANYWAY_MAX; past
 * it, a hole would read worse, and the line is set flush at its start edge,
 * stopping short of the margin at its end):
 * reported as warnings, saying which was done, with the
 * place in the source where the line starts (W-LINE-LOOSE), never silently
 * stretched. Build notes carry them to the summary.
 */
import { formatDiagnostic, type Diagnostic, type SourcePlace } from '../diagnostics.js';
import { placeInText } from '../parse/places.js';
import type { DocumentModel, SourceSpan } from '../model/types.js';
import type { SetStats } from './typeset.js';
import { DEFAULT_MAX_SPACE, JUSTIFY_ANYWAY_MAX } from '../text/options.js';

interface Located {
  text: string;
  place: SourcePlace;
  spans?: readonly SourceSpan[];
}

/** The source paragraphs of the model, to find where a set paragraph's text comes from. */
function sourceParagraphs(model: DocumentModel): Located[] {
  const out: Located[] = [...(model.preamble ?? [])];
  for (const p of model.points) {
    out.push({ text: p.text, place: p.place, spans: p.spans });
    out.push(...p.paragraphs);
  }
  return out;
}

export function looseLineWarnings(model: DocumentModel, stats: SetStats, output: string): Diagnostic[] {
  const paragraphs = sourceParagraphs(model);
  const max = model.theme.space.max ?? DEFAULT_MAX_SPACE;
  const seen = new Set<string>();
  const out: Diagnostic[] = [];
  for (const l of stats.loose) {
    const src = paragraphs.find((p) => p.text === l.text) ?? paragraphs.find((p) => l.text.includes(p.text));
    const shift = src ? l.text.indexOf(src.text) : 0;
    const place = src ? placeInText(src.text, Math.max(0, l.offset - shift), src.place, src.spans) : model.titlePlace;
    const key = `${place.line}:${place.col}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const words = l.text.slice(l.offset).split(/\s+/).slice(0, 6).join(' ');
    out.push({
      ...place,
      code: 'W-LINE-LOOSE',
      severity: 'warning',
      message: `${output}: a line could not be justified within ×${max} word spaces and ${looseHow(l, model.dir)}`,
      found: `the line starting «${words}…»`,
      hint: 'a long word, URL or number group leaves too little to share the space; rephrase, or allow wider spaces (theme.space.max)',
    });
  }
  return out;
}

/**
 * What was done with a loose line: justified with wider spaces, or (past
 * JUSTIFY_ANYWAY_MAX) set short. A short line is flush at its start and falls
 * short at its end: named by the margin it misses (the left one of a
 * right-to-left line), as a reader of the page sees it; «short at its start
 * edge» read as the opposite.
 */
const looseHow = (l: SetStats['loose'][number], dir: DocumentModel['dir']): string =>
  l.short
    ? `stops short of the ${dir === 'rtl' ? 'left' : 'right'} margin (flush ${dir === 'rtl' ? 'right' : 'left'}, not justified): it would need spaces wider than ×${JUSTIFY_ANYWAY_MAX}`
    : `is justified with wider spaces (×${+l.spaceRatio.toFixed(2)})`;

/** The warnings as build notes (one line each). */
export const looseLineNotes = (model: DocumentModel, stats: SetStats, output: string): string[] =>
  looseLineWarnings(model, stats, output).map((d) => formatDiagnostic(d).split('\n')[0]);
