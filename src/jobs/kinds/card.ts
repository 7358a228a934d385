/**
 * Social cards: per format of the theme, a document card and, per point, a
 * card or a carousel (`NN-slug-1.png`, `-2`, …) when the point does not fit
 * one card (templates/cardLayout.ts → src/render/cards), each image as PNG
 * (+ WebP/JPEG as the format asks) with an alt-text file. Manifest entries
 * say the point and, for a carousel, the slide ({ index, count }).
 */
import type { OutputKind, VerifyTask } from '../kind.js';
import type { CardSlide } from '../../../templates/cardLayout.js';
import type { OutputFile } from '../../output/writeOutputs.js';
import { pointSlice, POINT_TEXT } from '../slice.js';
import { pointOf } from './pdf.js';
import { assertInsideLiveArea } from '../../layout/liveArea.js';
import { modules } from './modules.js';
import { looseLineNotes } from '../../layout/looseLines.js';
import { emptyStats } from '../../layout/stats.js';

export const card: OutputKind = {
  name: 'card',
  group: 'cards',
  writes: ['card', 'alt-text'],
  family: 'image',
  cost: 80,
  plan: (model) =>
    model.theme.cards.flatMap((f) => [
      { format: f.name, path: `cards/${f.name}/00-document` },
      ...model.points.map((p) => ({ format: f.name, point: p.number, path: `cards/${f.name}/${p.slug}` })),
    ]),
  slice: (model, job) => {
    const format = model.theme.cards.find((f) => f.name === job.format);
    // A landscape card (the link preview) of a point shows the URL beside its excerpt.
    const showsUrl = job.point !== undefined && format !== undefined && format.height < format.width * 0.8;
    const m = pointSlice(model, job, [
      'title',
      'lang',
      'dir',
      'digits',
      'numbering',
      'titlePlace',
      'imprint',
      ...POINT_TEXT,
      // The point's label as written («٢.»), for E-CARD-FIT's message.
      'points[].label',
      'theme.fonts',
      'theme.palette',
      'theme.body.leading',
      'theme.justify',
      'theme.hyphenate',
      'theme.space',
      'theme.kashidaPerLine',
      'theme.cardMinBodyPx',
      'theme.cardMargin',
      'theme.cardScale',
      ...(showsUrl ? ['url', 'points[].url'] : []),
    ]);
    // Its own format only.
    m.theme.cards = model.theme.cards.filter((f) => f.name === job.format);
    // The document card sets nothing justified (its title and imprint are centred): the mode cannot change it.
    if (job.point === undefined) m.theme.justify = 'off';
    return m;
  },
  // The card's layout (the template's, satori's boxes included) without the rasteriser and encoders: each slide checked as render checks it.
  async verify(task, fonts) {
    const { format, point } = cardOf(task);
    const { layoutCard } = await modules.cardLayout();
    const notes: string[] = [];
    for (const slide of await layoutCard({ model: task.model, point, format, fonts })) {
      assertInsideLiveArea([slide.page], slidePath(task.job.path, slide), point?.place ?? task.model.titlePlace);
      notes.push(...cardLooseNotes(task.model, slide, slidePath(task.job.path, slide)));
    }
    return notes.length ? { notes } : {};
  },
  prepare: () => modules.renderCard(),
  async render(task, fonts) {
    const { model, job } = task;
    const { format, point } = cardOf(task);
    const { renderCards } = await modules.renderCard();
    const files: OutputFile[] = [];
    const notes: string[] = [];
    for (const c of await renderCards({ model, point, format, fonts: await fonts() })) {
      const base = slidePath(job.path, c);
      notes.push(...cardLooseNotes(model, c.layout, base));
      assertInsideLiveArea([c.page], base, point?.place ?? model.titlePlace);
      const common = { kind: 'card' as const, format: format.name, point: job.point, slide: c.slide, width: c.width, height: c.height };
      files.push({ ...common, path: `${base}.png`, bytes: c.png, alt: c.alt });
      if (c.webp) files.push({ ...common, path: `${base}.webp`, bytes: c.webp });
      if (c.jpeg) files.push({ ...common, path: `${base}.jpg`, bytes: c.jpeg });
      files.push({ kind: 'alt-text', format: format.name, point: job.point, slide: c.slide, path: `${base}.txt`, bytes: new TextEncoder().encode(c.alt + '\n') });
    }
    return { files, aux: notes.length ? { notes } : {} };
  },
};

/** A carousel's slides are NN-slug-1, NN-slug-2, …; a single card keeps its name. */
const slidePath = (path: string, c: { slide?: { index: number } }) => (c.slide ? `${path}-${c.slide.index}` : path);

/** A slide's body lines justified past the theme's widest space, or set short: W-LINE-LOOSE, as on pages. */
const cardLooseNotes = (model: VerifyTask['model'], slide: CardSlide, base: string): string[] =>
  slide.loose.length ? looseLineNotes(model, { ...emptyStats(), loose: slide.loose }, `${base}.png`) : [];

/** A card job's format and point (none for the document card), from its slice. */
function cardOf({ model, job }: VerifyTask) {
  const format = model.theme.cards.find((f) => f.name === job.format);
  if (!format) throw new Error(`no card format ${job.format} in the theme`);
  return { format, point: job.point === undefined ? undefined : pointOf(model, job.point) };
}
