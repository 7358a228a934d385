/**
 * Render jobs: what one build produces, as plain data, planned by the output
 * kinds (src/jobs/kinds.ts). Pure, so the plan can be tested without
 * rendering, and so each job can be keyed by a hash of what it depends on.
 *
 * A kind is planned when its group is published, or when a planned kind
 * takes it as input (`uses`): `--only print` plans the booklet and the
 * leaflets, unpublished, for the print files made from them.
 */
import type { DocumentModel } from '../model/types.js';
import { OUTPUT_GROUPS, type OutputGroup, type OutputKind, type PlanView, type RenderJob } from './kind.js';
import { KINDS, kindNamed, kindOf } from './kinds.js';

export { OUTPUT_GROUPS, type OutputGroup, type RenderJob };

export interface PlanOptions {
  only?: OutputGroup[];
}

/**
 * The groups a build publishes for `--only`: those given, and the groups of
 * the kinds that a kind of theirs links to (`linksInputs`: the gallery
 * shows every other output, so `--only gallery` publishes them all).
 */
export function widenOnly(only: readonly OutputGroup[] | undefined): OutputGroup[] | undefined {
  if (!only) return undefined;
  const groups = new Set(only);
  const add = (k: OutputKind) => {
    for (const u of k.uses ?? []) {
      const used = kindNamed(u);
      groups.add(used.group);
      if (used.linksInputs) add(used);
    }
  };
  for (const k of KINDS) if (groups.has(k.group) && k.linksInputs) add(k);
  return OUTPUT_GROUPS.filter((g) => groups.has(g));
}

/** Whether the build publishes the outputs of `kind` (its group is wanted). */
export const publishes = (kind: OutputKind, only?: readonly OutputGroup[]) => !only || only.includes(kind.group);

export function planJobs(model: DocumentModel, opts: PlanOptions = {}): RenderJob[] {
  const planned = new Set<string>();
  const add = (k: OutputKind) => {
    if (planned.has(k.name)) return;
    planned.add(k.name);
    for (const u of k.uses ?? []) add(kindNamed(u));
  };
  for (const k of KINDS) if (publishes(k, opts.only)) add(k);
  return KINDS.filter((k) => planned.has(k.name)).flatMap((k) => k.plan(model).map((j): RenderJob => ({ kind: k.name, ...j })));
}

/** The plan by kind, for `inputs`. */
function planView(jobs: readonly RenderJob[]): PlanView {
  const byKind = new Map<string, RenderJob[]>();
  for (const j of jobs) byKind.set(j.kind, [...(byKind.get(j.kind) ?? []), j]);
  return { ofKind: (kind) => byKind.get(kind) ?? [] };
}

/**
 * Paths of the jobs whose results `job` takes as input (they come earlier in
 * the plan): its kind's `inputs`, by default every planned job of the kinds it uses.
 */
export function inputsOf(job: RenderJob, jobs: readonly RenderJob[], model: DocumentModel, view: PlanView = planView(jobs)): string[] {
  const k = kindOf(job);
  if (k.inputs) return k.inputs(job, view, model);
  return (k.uses ?? []).flatMap((u) => view.ofKind(u).map((j) => j.path));
}

/** Every job's inputs, by job path (computed once per plan). */
export function planInputs(jobs: readonly RenderJob[], model: DocumentModel): Map<string, string[]> {
  const view = planView(jobs);
  return new Map(jobs.map((j) => [j.path, inputsOf(j, jobs, model, view)]));
}
