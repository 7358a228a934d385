/**
 * No tofu: every character that will be set must be drawable by the font
 * chain that sets it. Checked on the model before anything is rendered, so
 * the error can name the character and its place in the source.
 */
import type { Diagnostic, SourcePlace } from '../diagnostics.js';
import { makeDiagnostic } from '../parse/report.js';
import { placeInText } from '../parse/places.js';
import type { DocumentModel, SourceSpan } from '../model/types.js';
import type { LoadedFont } from '../text/fonts.js';
import { findUncovered } from '../text/itemize.js';
import type { TemplateFonts } from '../layout/typeset.js';

/**
 * The offset in `text` of UTF-16 offset `offset` of `title`, a title derived
 * from it (leading space dropped, runs of white space collapsed to one).
 */
function offsetInSource(title: string, text: string, offset: number): number | undefined {
  let j = text.length - text.trimStart().length;
  for (let i = 0; i < offset; i++) {
    if (/\s/.test(title[i])) {
      while (j < text.length && /\s/.test(text[j])) j++;
    } else if (title[i] === text[j]) j++;
    else return undefined;
  }
  return j <= text.length && text[j] === title[offset] ? j : undefined;
}

const hex = (cp: number) => `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`;

/**
 * Every character of the model checked against every font chain that sets
 * it (see templates/): the body text in the body fonts; the document title,
 * point titles, events and imprint in both (headings, running heads,
 * contents, cards); imprint bold in both, regular in the body fonts. One
 * diagnostic per character and place.
 */
export function checkCoverage(model: DocumentModel, fonts: TemplateFonts): Diagnostic[] {
  const out: Diagnostic[] = [];
  const seen = new Set<string>();
  const both = [fonts.body, fonts.heading];
  type Where = (offset: number) => SourcePlace;
  const check = (text: string, where: Where, chains: LoadedFont[][], what: string) => {
    for (const chain of chains) {
      for (const { offset, codePoint } of findUncovered(text, chain)) {
        const place = where(offset);
        const key = `${place.file}:${place.line}:${place.col}:${codePoint}`;
        if (seen.has(key)) continue;
        seen.add(key);
        out.push(
          makeDiagnostic('E-GLYPH-MISSING', 'error', place, `no font can draw ${JSON.stringify(String.fromCodePoint(codePoint))} (${hex(codePoint)}) in ${what}`, {
            expected: `a character covered by ${chain.map((f) => f.key).join(', ')}`,
            found: `${String.fromCodePoint(codePoint)} ${hex(codePoint)}`,
            hint: 'add a font that covers it to theme.fonts (first font that covers a character wins), or correct the character',
          }),
        );
      }
    }
  };
  const verbatim = (text: string, start: SourcePlace, spans?: readonly SourceSpan[]): Where => (offset) => placeInText(text, offset, start, spans);

  check(model.title, verbatim(model.title, model.titlePlace), both, 'the title');
  for (const p of model.preamble) check(p.text, verbatim(p.text, p.place, p.spans), [fonts.body], 'the preamble');
  for (const p of model.points) {
    const inText = verbatim(p.text, p.place, p.spans);
    check(p.text, inText, [fonts.body], `point ${p.number}`);
    const titleWhere: Where =
      p.titleSource === 'meta' && p.metaPlaces?.title
        ? verbatim(p.title, p.metaPlaces.title)
        : (offset) => {
            const o = offsetInSource(p.title, p.text, offset);
            return o === undefined ? p.metaPlaces?.title ?? p.place : inText(o);
          };
    check(p.title, titleWhere, both, `the title of point ${p.number}`);
    if (p.event) {
      const at = (place: SourcePlace | undefined, text: string): Where => (place ? verbatim(text, place) : () => p.place);
      check(p.event.name, at(p.metaPlaces?.eventName, p.event.name), both, `the event of point ${p.number}`);
      if (p.event.place) check(p.event.place, at(p.metaPlaces?.eventPlace, p.event.place), both, `the event place of point ${p.number}`);
    }
  }
  for (const line of model.imprint.lines) {
    const text = line.runs.map((r) => r.text).join('');
    const where = verbatim(text, line.place, line.spans);
    let offset = 0;
    for (const run of line.runs) {
      const from = offset;
      check(run.text, (o) => where(from + o), run.bold ? both : [fonts.body], 'the imprint');
      offset += run.text.length;
    }
  }
  return out;
}
