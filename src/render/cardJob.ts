/**
 * A card job (src/render/worker.ts): the card's image files and its alt text.
 */
import type { RenderJob } from '../jobs/planJobs.js';
import type { OutputFile } from '../output/writeOutputs.js';
import type { TemplateFonts } from '../layout/typeset.js';
import { renderCard } from './cards/renderCard.js';
import { assertInsideLiveArea } from '../layout/liveArea.js';
import { pointOf, type RenderTask, type TaskResult } from './worker.js';

export async function renderCardJob(task: RenderTask, job: Extract<RenderJob, { kind: 'card' }>, fonts: TemplateFonts): Promise<Omit<TaskResult, 'ms'>> {
  const { model } = task;
  const format = model.theme.cards.find((f) => f.name === job.format);
  if (!format) throw new Error(`no card format ${job.format} in the theme`);
  const point = job.point === undefined ? undefined : pointOf(model, job.point);
  const card = await renderCard({ model, point, format, fonts });
  assertInsideLiveArea([card.page], job.path, point?.place ?? model.titlePlace);
  const common = { kind: 'card' as const, format: format.name, point: job.point, width: card.width, height: card.height };
  const files: OutputFile[] = [{ ...common, path: `${job.path}.png`, bytes: card.png, alt: card.alt }];
  if (card.webp) files.push({ ...common, path: `${job.path}.webp`, bytes: card.webp });
  if (card.jpeg) files.push({ ...common, path: `${job.path}.jpg`, bytes: card.jpeg });
  files.push({ kind: 'alt-text', format: format.name, point: job.point, path: `${job.path}.txt`, bytes: new TextEncoder().encode(card.alt + '\n') });
  return { files, aux: {} };
}
