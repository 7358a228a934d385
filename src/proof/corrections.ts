/**
 * Editorial corrections (metadata `corrections:`) applied to the model, never
 * to the source file: every occurrence of `from` (as whole words, on `line`
 * when given) is printed as `to` in every output. Derived point titles are
 * derived again from the corrected text; source places (spans) follow the
 * shifted text, so later diagnostics still point into the source.
 */
import { deriveTitle } from '../model/buildModel.js';
import type { DocumentModel, Point, SourceSpan } from '../model/types.js';
import type { ProofSettings } from '../model/proofSchema.js';
import { placeOf, type TextUnit } from './units.js';

interface Match {
  /** Index of the correction in the metadata. */
  correction: number;
  unit: number;
  start: number;
  end: number;
  to: string;
}

const LETTER = /[\p{L}\p{M}\p{Nd}]/u;

/** Every place a correction applies (whole words, non-overlapping, first correction first). */
export function findMatches(units: readonly TextUnit[], corrections: ProofSettings['corrections']): Match[] {
  const out: Match[] = [];
  units.forEach((u, unit) => {
    const taken: Match[] = [];
    corrections.forEach((c, correction) => {
      const from = c.from.normalize('NFC');
      for (let at = u.text.indexOf(from); at >= 0; at = u.text.indexOf(from, at + 1)) {
        const end = at + from.length;
        if (LETTER.test(from[0]) && LETTER.test(u.text[at - 1] ?? '')) continue;
        if (LETTER.test(from[from.length - 1]) && LETTER.test(u.text[end] ?? '')) continue;
        if (c.line !== undefined && placeOf(u, at).line !== c.line) continue;
        if (taken.some((m) => m.start < end && at < m.end)) continue;
        taken.push({ correction, unit, start: at, end, to: c.to.normalize('NFC') });
      }
    });
    out.push(...taken.sort((a, b) => a.start - b.start));
  });
  return out;
}

/** `text` with the matches replaced, and its spans shifted. */
function replaceAll(text: string, spans: readonly SourceSpan[] | undefined, matches: readonly Match[]): { text: string; spans?: SourceSpan[] } {
  let out = '';
  let last = 0;
  for (const m of matches) {
    out += text.slice(last, m.start) + m.to;
    last = m.end;
  }
  out += text.slice(last);
  const shift = (at: number) => {
    let d = 0;
    for (const m of matches) if (m.end <= at) d += m.to.length - (m.end - m.start);
    return at + d;
  };
  return spans ? { text: out, spans: spans.map((s) => ({ at: shift(s.at), place: s.place })) } : { text: out };
}

/**
 * The model with the corrections applied to the texts that `units` were made
 * from (textUnits order: title, preamble, points, imprint lines). Imprint
 * lines are corrected run by run.
 */
export function applyMatches(model: DocumentModel, units: readonly TextUnit[], matches: readonly Match[]): DocumentModel {
  const byUnit = new Map<number, Match[]>();
  for (const m of matches) if (m.to !== units[m.unit].text.slice(m.start, m.end)) (byUnit.get(m.unit) ?? byUnit.set(m.unit, []).get(m.unit)!).push(m);
  if (byUnit.size === 0) return model;
  let k = 0;
  const next = () => byUnit.get(k++) ?? [];
  const out: DocumentModel = { ...model };
  if (model.title && model.titlePlace.file === model.source.file) {
    const ms = next();
    if (ms.length) out.title = replaceAll(model.title, undefined, ms).text;
  }
  out.preamble = model.preamble.map((p) => {
    const ms = next();
    if (!ms.length) return p;
    const r = replaceAll(p.text, p.spans, ms);
    return { ...p, text: r.text, ...(r.spans ? { spans: r.spans } : {}) };
  });
  out.points = model.points.map((p) => {
    const ms = next();
    if (!ms.length) return p;
    const r = replaceAll(p.text, p.spans, ms);
    const paragraphs = correctParagraphs(p.paragraphs, ms);
    const q = { ...p, text: r.text, paragraphs, ...(r.spans ? { spans: r.spans } : {}) };
    if (p.titleSource === 'derived') q.title = deriveTitle(paragraphs[0]?.text ?? r.text, paragraphs.length > 1) || p.title;
    return q;
  });
  out.imprint = {
    lines: model.imprint.lines.map((l) => {
      if (l.place.file !== model.source.file) return l;
      const ms = next();
      if (!ms.length) return l;
      let offset = 0;
      const runs = l.runs.map((run) => {
        const from = offset;
        offset += run.text.length;
        const inRun = ms.filter((m) => m.start >= from && m.end <= offset).map((m) => ({ ...m, start: m.start - from, end: m.end - from }));
        return inRun.length ? { ...run, text: replaceAll(run.text, undefined, inRun).text } : run;
      });
      return { ...l, runs };
    }),
  };
  return out;
}

/**
 * A point's paragraphs with the matches (offsets into the point's text: the
 * paragraphs joined by a line break, a sub-item's label and a space before
 * its text) applied to the paragraph each falls in. What the templates draw
 * is the paragraphs, so they must carry the corrections too.
 */
function correctParagraphs(paragraphs: Point['paragraphs'], matches: readonly Match[]): Point['paragraphs'] {
  let at = 0;
  return paragraphs.map((para) => {
    const start = at + (para.item ? para.item.length + 1 : 0);
    const end = start + para.text.length;
    at = end + 1;
    const inside = matches.filter((m) => m.start >= start && m.end <= end).map((m) => ({ ...m, start: m.start - start, end: m.end - start }));
    if (!inside.length) return para;
    const r = replaceAll(para.text, para.spans, inside);
    return { ...para, text: r.text, ...(r.spans ? { spans: r.spans } : {}) };
  });
}

/** How many places the corrections change (a correction to itself changes nothing). */
export function changedCount(units: readonly TextUnit[], matches: readonly Match[]): number {
  return matches.filter((m) => m.to !== units[m.unit].text.slice(m.start, m.end)).length;
}

