/**
 * Social cards: per format of the theme, a document card and a card per
 * point (templates/card.tsx → src/render/cards), each as PNG (+ WebP/JPEG
 * as the format asks) and an alt-text file.
 */
import type { OutputKind, VerifyTask } from '../kind.js';
import type { OutputFile } from '../../output/writeOutputs.js';
import { pointSlice, POINT_TEXT } from '../slice.js';
import { pointOf } from './pdf.js';
import { assertInsideLiveArea } from '../../layout/liveArea.js';

export const card: OutputKind = {
  name: 'card',
  group: 'cards',
  family: 'image',
  cost: 80,
  plan: (model) =>
    model.theme.cards.flatMap((f) => [
      { format: f.name, path: `cards/${f.name}/00-document` },
      ...model.points.map((p) => ({ format: f.name, point: p.number, path: `cards/${f.name}/${p.slug}` })),
    ]),
  slice: (model, job) => {
    const m = pointSlice(model, job, [
      'title',
      'lang',
      'dir',
      'digits',
      'numbering',
      'titlePlace',
      'imprint',
      ...POINT_TEXT,
      'theme.fonts',
      'theme.palette',
      'theme.body.leading',
      'theme.justify',
      'theme.space',
      'theme.kashidaPerLine',
      'theme.cardMinBodyPx',
    ]);
    // Its own format only.
    m.theme.cards = model.theme.cards.filter((f) => f.name === job.format);
    // The document card sets nothing justified (its title and imprint are centred): the mode cannot change it.
    if (job.point === undefined) m.theme.justify = 'off';
    return m;
  },
  // The card's layout without satori and the encoders: the template's half of renderCard.
  async verify(task, fonts) {
    const { format, point } = cardOf(task);
    const { layoutCard } = await import('../../../templates/card.js');
    assertInsideLiveArea([layoutCard({ model: task.model, point, format, fonts }).page], task.job.path, point?.place ?? task.model.titlePlace);
    return {};
  },
  async render(task, fonts) {
    const { model, job } = task;
    const { format, point } = cardOf(task);
    const { renderCard } = await import('../../render/cards/renderCard.js');
    const c = await renderCard({ model, point, format, fonts: await fonts() });
    assertInsideLiveArea([c.page], job.path, point?.place ?? model.titlePlace);
    const common = { kind: 'card' as const, format: format.name, point: job.point, width: c.width, height: c.height };
    const files: OutputFile[] = [{ ...common, path: `${job.path}.png`, bytes: c.png, alt: c.alt }];
    if (c.webp) files.push({ ...common, path: `${job.path}.webp`, bytes: c.webp });
    if (c.jpeg) files.push({ ...common, path: `${job.path}.jpg`, bytes: c.jpeg });
    files.push({ kind: 'alt-text', format: format.name, point: job.point, path: `${job.path}.txt`, bytes: new TextEncoder().encode(c.alt + '\n') });
    return { files, aux: {} };
  },
};

/** A card job's format and point (none for the document card), from its slice. */
function cardOf({ model, job }: VerifyTask) {
  const format = model.theme.cards.find((f) => f.name === job.format);
  if (!format) throw new Error(`no card format ${job.format} in the theme`);
  return { format, point: job.point === undefined ? undefined : pointOf(model, job.point) };
}
