/**
 * Picks, for each step of an import, the typed step that renders its draft exactly (see
 * `typed`), and says in the step's notes what was recognized and why a DraftStep was kept.
 */
import * as os from 'node:os';
import * as path from 'node:path';
import { App } from '../core/app';
import { OverrideValue, Step } from '../core/step';
import { buildImported, reference } from './build';
import { ImportedPipeline } from './model';
import { ObservedTask } from '../deploy/observe';
import { StepModel } from './step-model';
import { isOverridableChange, overridesFor } from './typed-overrides';
import { candidateChanges, instantiateTyped, TypedStep, typedCandidates, typedLabel, typedOverrides } from './typed';

/** The first changes, those no task override carries first (they are why the step stays a DraftStep). */
function describeChanges(changes: readonly string[]): string {
  const paths = [...changes.filter((p) => !isOverridableChange(p)), ...changes.filter(isOverridableChange)];
  const shown = paths.slice(0, 4).join(', ');
  return paths.length > 4 ? `${shown} and ${paths.length - 4} more` : shown;
}

/** What declaring `typed` for `model` would change in its live draft. */
type ChangesOf = (typed: TypedStep, i: number) => string[];

/**
 * The candidate that reproduces the draft: exactly, or else with task overrides that carry the
 * rest (tried from the candidate with the fewest changes on: two presets may differ from a draft
 * in as many fields, and only the one with the draft's settings can carry them).
 */
export function reproducing(candidates: readonly TypedStep[], changesOf: ChangesOf, live: ObservedTask): { typed?: TypedStep; closest?: { label: string; changes: string[] } } {
  const tried = candidates.map((typed, i) => ({ typed, paths: changesOf(typed, i) }));
  const exact = tried.find((c) => c.paths.length === 0);
  if (exact !== undefined) {
    return { typed: exact.typed };
  }
  const byChanges = [...tried].sort((a, b) => a.paths.length - b.paths.length);
  for (const [k, candidate] of byChanges.entries()) {
    const taskOverrides = overridesFor(candidate.paths, live);
    const withOverrides = taskOverrides === undefined ? undefined : { ...candidate.typed, taskOverrides };
    // Each try is a construct of its own in the scratch pipeline: its id must not repeat.
    if (withOverrides !== undefined && changesOf(withOverrides, candidates.length + k).length === 0) {
      return { typed: withOverrides };
    }
  }
  const closest = byChanges[0];
  return { closest: closest === undefined ? undefined : { label: typedLabel(closest.typed), changes: closest.paths } };
}

/** The steps of `models` with a typed step wherever one reproduces the draft. */
export function chooseTypedSteps(pipeline: ImportedPipeline, models: readonly StepModel[]): StepModel[] {
  const app = new App({ outdir: path.join(os.tmpdir(), 'cdk-style-import-unused') });
  const scratch = buildImported(app, pipeline, models);
  const steps = new Map(models.map((m) => [m.name, scratch.node.findChild(m.name) as Step]));
  return models.map((model) => {
    const live = pipeline.drafts[model.draftId];
    const changesOf: ChangesOf = (typed, i) => {
      const overrides: Record<string, OverrideValue> = {};
      for (const [key, value] of Object.entries(typedOverrides(model, typed))) {
        overrides[key] = reference(value, scratch, steps);
      }
      return candidateChanges(instantiateTyped(scratch, `${model.name}__candidate${i}`, model, typed, steps, overrides), live);
    };
    const { typed, closest } = reproducing(typedCandidates(model, live), changesOf, live);
    if (typed !== undefined) {
      const how = typed.taskOverrides === undefined ? 'renders this draft exactly' : `renders this draft with the task overrides below (${Object.keys(typed.taskOverrides).join(', ')})`;
      return { ...model, typed, notes: [...model.notes, `${model.seedKind}: ${typedLabel(typed)} ${how}`] };
    }
    if (model.seedKind === undefined) {
      return model;
    }
    const why = closest === undefined ? '' : `: the closest typed step, ${closest.label}, would change ${describeChanges(closest.changes)}`;
    return { ...model, notes: [...model.notes, `${model.seedKind}, kept as a DraftStep so that deploying it changes nothing on the server${why}`] };
  });
}
