/**
 * Picks, for each step of an import, the typed step that reproduces its draft (see `typed`), and
 * says in the step's notes what was recognized and why a DraftStep was kept.
 *
 * Two bars: `exact` takes a typed step only when it renders the draft exactly (deploying changes
 * nothing); `equivalent` also takes one whose draft differs only in ways that leave the run the
 * same (see `equivalence`): what the seed's automation package writes through the ClearML SDK.
 */
import * as os from 'node:os';
import * as path from 'node:path';
import { App } from '../core/app';
import { Pipeline } from '../core/pipeline';
import { OverrideValue, Step } from '../core/step';
import { buildImported, reference } from './build';
import { sameRunReason } from './equivalence';
import { ImportedPipeline } from './model';
import { StepModel } from './step-model';
import { candidateChanges, instantiateTyped, TypedStep, typedCandidates, typedLabel, typedOverrides } from './typed';

/** How close a typed step must come to a draft to be declared instead of a DraftStep. */
export type TypedStepMatch = 'exact' | 'equivalent';

function describeChanges(paths: readonly string[]): string {
  const shown = paths.slice(0, 4).join(', ');
  return paths.length > 4 ? `${shown} and ${paths.length - 4} more` : shown;
}

/** Each parameter `name`'s node overrides with a placeholder, mapped to the placeholder. */
export function placeholderOverrides(pipeline: ImportedPipeline, name: string): Map<string, string> {
  const node = pipeline.nodes.find((n) => n.name === name);
  return new Map(Object.entries(node?.parameters ?? {}).filter(([, value]) => /^\$\{[^{}]+\}$/.test(value)));
}

interface Candidate {
  readonly typed: TypedStep;
  /** Changed paths. */
  readonly paths: string[];
  /** Why each change runs the same, when every one does (empty for an exact rendering). */
  readonly sameRun?: string[];
}

function candidates(pipeline: ImportedPipeline, model: StepModel, scratch: Pipeline, steps: ReadonlyMap<string, Step>): Candidate[] {
  const live = pipeline.drafts[model.draftId];
  const overridden = placeholderOverrides(pipeline, model.name);
  return typedCandidates(model, live).map((typed, i) => {
    const overrides: Record<string, OverrideValue> = {};
    for (const [key, value] of Object.entries(typedOverrides(model, typed))) {
      overrides[key] = reference(value, scratch, steps);
    }
    const { paths, task } = candidateChanges(instantiateTyped(scratch, `${model.name}__candidate${i}`, model, typed, steps, overrides), live);
    const reasons = task === undefined ? [undefined] : paths.map((p) => sameRunReason(p, live, task, overridden));
    return { typed, paths, sameRun: reasons.every((r) => r !== undefined) ? reasons as string[] : undefined };
  });
}

function chosen(model: StepModel, found: readonly Candidate[], match: TypedStepMatch): StepModel {
  const exact = found.find((c) => c.paths.length === 0);
  if (exact !== undefined) {
    return { ...model, typed: exact.typed, notes: [...model.notes, `${model.seedKind}: ${typedLabel(exact.typed)} renders this draft exactly`] };
  }
  const equivalent = found.find((c) => c.sameRun !== undefined);
  if (match === 'equivalent' && equivalent?.sameRun !== undefined) {
    const note = `${model.seedKind}: ${typedLabel(equivalent.typed)} runs this draft the same; the first deploy rewrites it: ${equivalent.sameRun.join('; ')}`;
    return { ...model, typed: equivalent.typed, normalizations: equivalent.sameRun, notes: [...model.notes, note] };
  }
  if (model.seedKind === undefined) {
    return model;
  }
  const best = equivalent ?? [...found].sort((a, b) => a.paths.length - b.paths.length)[0];
  const hint = best?.sameRun === undefined ? '' : ', all in ways that run the same (import with --typed-steps equivalent to declare it)';
  const why = best === undefined ? '' : `: the closest typed step, ${typedLabel(best.typed)}, would change ${describeChanges(best.paths)}${hint}`;
  return { ...model, notes: [...model.notes, `${model.seedKind}, kept as a DraftStep so that deploying it changes nothing on the server${why}`] };
}

/** The steps of `models` with a typed step wherever one reproduces the draft (to the `match` bar). */
export function chooseTypedSteps(pipeline: ImportedPipeline, models: readonly StepModel[], match: TypedStepMatch = 'exact'): StepModel[] {
  const app = new App({ outdir: path.join(os.tmpdir(), 'cdk-style-import-unused') });
  const scratch = buildImported(app, pipeline, models);
  const steps = new Map(models.map((m) => [m.name, scratch.node.findChild(m.name) as Step]));
  return models.map((model) => chosen(model, candidates(pipeline, model, scratch, steps), match));
}
