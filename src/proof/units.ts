/**
 * The author's text as the proofing pass reads it: the title, preamble,
 * points and imprint of the model, each with where it starts in the source.
 * Editorial texts from the metadata (point titles, events) are not proofed.
 */
import type { SourcePlace } from '../diagnostics.js';
import { placeInText } from '../parse/places.js';
import type { DocumentModel, SourceSpan } from '../model/types.js';

export interface TextUnit {
  text: string;
  place: SourcePlace;
  spans?: readonly SourceSpan[];
  /** What it is, for messages: "point 3", "the preamble". */
  what: string;
  /** Offsets [start, end) of superscript runs: a footnote mark or an ordinal there is not a number glued to a word. */
  sup?: ReadonlyArray<readonly [number, number]>;
}

export function textUnits(model: DocumentModel): TextUnit[] {
  const units: TextUnit[] = [];
  if (model.title && model.titlePlace.file === model.source.file) units.push({ text: model.title, place: model.titlePlace, what: 'the title' });
  for (const p of model.preamble) units.push({ text: p.text, place: p.place, spans: p.spans, what: 'the preamble' });
  for (const p of model.points) units.push({ text: p.text, place: p.place, spans: p.spans, what: `point ${p.number}` });
  for (const l of model.imprint.lines) {
    if (l.place.file !== model.source.file) continue;
    const sup: Array<[number, number]> = [];
    let at = 0;
    for (const r of l.runs) {
      if (r.sup) sup.push([at, at + r.text.length]);
      at += r.text.length;
    }
    units.push({ text: l.runs.map((r) => r.text).join(''), place: l.place, spans: l.spans, what: 'the imprint', sup });
  }
  return units;
}

/** The source place of UTF-16 offset `offset` of a unit. */
export function placeOf(unit: TextUnit, offset: number): SourcePlace {
  return placeInText(unit.text, offset, unit.place, unit.spans);
}
