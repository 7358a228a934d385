/**
 * Card fit, for `npm run check`: every point on every card format can be set
 * at the minimum card size, on one card or as a carousel (no word wider than
 * the card, room for a line below the title), or the card renderer would stop
 * with E-CARD-FIT. A point that needs a carousel is fine. Checked by the card
 * layout itself (`cardFitErrors`: the very planning the cards are laid out
 * by, without drawing them). The build's card jobs check as they render;
 * after a failed render the build runs this check, to report every point
 * that cannot be set (src/build.ts).
 */
import type { Diagnostic } from '../diagnostics.js';
import type { TemplateFonts } from '../layout/typeset.js';
import type { DocumentModel } from '../model/types.js';
import { cardFitErrors } from '../../templates/cardLayout.js';

/** Whether point `point`'s card of format `format` is already known to fit (src/build.ts: a build made that very card). */
export type KnownToFit = (point: number, format: string) => boolean;

export async function checkCardFit(model: DocumentModel, fonts: TemplateFonts, known?: KnownToFit): Promise<Diagnostic[]> {
  const out: Diagnostic[] = [];
  for (const format of model.theme.cards) {
    const points = known ? model.points.filter((p) => !known(p.number, format.name)) : model.points;
    if (points.length) for (const e of await cardFitErrors({ model, format, fonts }, points)) out.push(...e.diagnostics);
  }
  return out;
}
