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
import { StepModel } from './step-model';
import { candidateChanges, instantiateTyped, typedCandidates, typedLabel, typedOverrides } from './typed';

function describeChanges(paths: readonly string[]): string {
  const shown = paths.slice(0, 4).join(', ');
  return paths.length > 4 ? `${shown} and ${paths.length - 4} more` : shown;
}

/** The steps of `models` with a typed step wherever one reproduces the draft. */
export function chooseTypedSteps(pipeline: ImportedPipeline, models: readonly StepModel[]): StepModel[] {
  const app = new App({ outdir: path.join(os.tmpdir(), 'cdk-style-import-unused') });
  const scratch = buildImported(app, pipeline, models);
  const steps = new Map(models.map((m) => [m.name, scratch.node.findChild(m.name) as Step]));
  return models.map((model) => {
    const live = pipeline.drafts[model.draftId];
    let best: { label: string; changes: string[] } | undefined;
    for (const [i, typed] of typedCandidates(model, live).entries()) {
      const overrides: Record<string, OverrideValue> = {};
      for (const [key, value] of Object.entries(typedOverrides(model, typed))) {
        overrides[key] = reference(value, scratch, steps);
      }
      const changes = candidateChanges(instantiateTyped(scratch, `${model.name}__candidate${i}`, model, typed, steps, overrides), live);
      if (changes.length === 0) {
        return { ...model, typed, notes: [...model.notes, `${model.seedKind}: ${typedLabel(typed)} renders this draft exactly`] };
      }
      if (best === undefined || changes.length < best.changes.length) {
        best = { label: typedLabel(typed), changes };
      }
    }
    if (model.seedKind === undefined) {
      return model;
    }
    const why = best === undefined ? '' : `: the closest typed step, ${best.label}, would change ${describeChanges(best.changes)}`;
    return { ...model, notes: [...model.notes, `${model.seedKind}, kept as a DraftStep so that deploying it changes nothing on the server${why}`] };
  });
}
