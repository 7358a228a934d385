/**
 * No tofu: every character that will be set must be drawable by the font
 * chain that sets it. Checked on the model before anything is rendered, so
 * the error can name the character and its place in the source.
 */
import type { Diagnostic, SourcePlace } from '../diagnostics.js';
import { makeDiagnostic } from '../parse/report.js';
import type { DocumentModel } from '../model/types.js';
import type { LoadedFont } from '../text/fonts.js';
import { findUncovered } from '../text/itemize.js';
import type { TemplateFonts } from '../layout/typeset.js';

/** The place of UTF-16 offset `offset` inside a text that starts at `start`. */
export function placeWithin(text: string, offset: number, start: SourcePlace): SourcePlace {
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

const hex = (cp: number) => `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`;

export function checkCoverage(model: DocumentModel, fonts: TemplateFonts): Diagnostic[] {
  const out: Diagnostic[] = [];
  const check = (text: string, place: SourcePlace, chain: LoadedFont[], what: string) => {
    for (const { offset, codePoint } of findUncovered(text, chain)) {
      out.push(
        makeDiagnostic('E-GLYPH-MISSING', 'error', placeWithin(text, offset, place), `no font can draw ${JSON.stringify(String.fromCodePoint(codePoint))} (${hex(codePoint)}) in ${what}`, {
          expected: `a character covered by ${chain.map((f) => f.key).join(', ')}`,
          found: `${String.fromCodePoint(codePoint)} ${hex(codePoint)}`,
          hint: 'add a font that covers it to theme.fonts (first font that covers a character wins), or correct the character',
        }),
      );
    }
  };
  const both = [...fonts.body, ...fonts.heading];
  check(model.title, model.titlePlace, fonts.heading, 'the title');
  for (const p of model.preamble) check(p.text, p.place, fonts.body, 'the preamble');
  for (const p of model.points) {
    check(p.text, p.place, fonts.body, `point ${p.number}`);
    check(p.title, p.place, fonts.heading, `the title of point ${p.number}`);
    check(p.title, p.place, fonts.body, `the title of point ${p.number} (contents)`);
    if (p.event) check([p.event.name, p.event.place ?? ''].join(' '), p.place, both, `the event of point ${p.number}`);
  }
  for (const line of model.imprint.lines) {
    const text = line.runs.map((r) => r.text).join('');
    check(text, line.place, line.runs.some((r) => r.bold) ? fonts.heading : fonts.body, 'the imprint');
  }
  return out;
}
