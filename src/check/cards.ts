/**
 * Card fit, for `npm run check` (and the build, which checks first): every
 * point on every card format shows at least its first word at the minimum
 * card size, or the card renderer would stop with E-CARD-FIT. Checked by the
 * card template itself (`cardFitErrors`), without laying the cards out.
 */
import type { Diagnostic } from '../diagnostics.js';
import type { TemplateFonts } from '../layout/typeset.js';
import type { DocumentModel } from '../model/types.js';
import { cardFitErrors } from '../../templates/card.js';

export function checkCardFit(model: DocumentModel, fonts: TemplateFonts): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const format of model.theme.cards) for (const e of cardFitErrors({ model, format, fonts }, model.points)) out.push(...e.diagnostics);
  return out;
}
