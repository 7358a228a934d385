/**
 * The model's texts against their limits (src/parse/limits.ts): a text or a
 * document too large is an error with its place, before any renderer sees it.
 */
import type { DocumentModel } from './types.js';
import type { SourcePlace } from '../diagnostics.js';
import { codePointsUpTo, LIMITS } from '../parse/limits.js';
import { excerpt, type Reporter } from '../parse/report.js';

const size = (n: number) => n.toLocaleString('en-US');

/** Reports every text of the model longer than its limit, and too many points. */
export function checkLimits(model: DocumentModel, r: Reporter): void {
  const text = (what: string, s: string, place: SourcePlace, limit: number, hint: string) => {
    const n = codePointsUpTo(s, limit);
    if (n <= limit) return;
    r.error('E-LIMIT-TEXT', place, `${what} is longer than ${size(limit)} characters`, {
      expected: `at most ${size(limit)} characters`,
      found: `${s.length > 10 * limit ? 'more than ' + size(10 * limit) : size([...s].length)} characters, starting ${JSON.stringify(excerpt(s, 20))}`,
      hint,
    });
  };
  const split = 'split it into several paragraphs or points';
  text('the title', model.title, model.titlePlace, LIMITS.titleChars, 'a title is one line; move the rest into the preamble');
  for (const p of model.preamble) text('a preamble paragraph', p.text, p.place, LIMITS.paragraphChars, split);
  for (const p of model.points.slice(0, LIMITS.points)) {
    text(`point ${p.label}`, p.text, p.place, LIMITS.paragraphChars, split);
    if (p.titleSource === 'meta') text(`the title of point ${p.label}`, p.title, p.metaPlaces?.title ?? p.place, LIMITS.titleChars, 'shorten the title in the metadata');
  }
  let imprint = 0;
  for (const line of model.imprint.lines) {
    imprint += line.runs.reduce((n, run) => n + run.text.length, 0);
    if (imprint <= LIMITS.imprintChars) continue;
    r.error('E-LIMIT-TEXT', line.place, `the imprint is longer than ${size(LIMITS.imprintChars)} characters`, {
      expected: `at most ${size(LIMITS.imprintChars)} characters in all its lines`,
      found: `${size(imprint)} characters up to this line`,
      hint: 'the imprint is a few lines of publisher, place and date; move the rest into the text',
    });
    break;
  }
  if (model.points.length > LIMITS.points) {
    const p = model.points[LIMITS.points];
    r.error('E-LIMIT-POINTS', p.place, `more than ${size(LIMITS.points)} numbered points`, {
      expected: `at most ${size(LIMITS.points)} points in one document`,
      found: `${size(model.points.length)} points`,
      hint: 'split the document into several sources',
    });
  }
}
