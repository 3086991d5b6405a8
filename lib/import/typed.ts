/**
 * Typed steps for drafts of the seed's task kinds: a compression draft becomes a `CompressStep`
 * with a recipe preset, an lm-eval draft an `EvalStep` with a suite preset, when that step
 * renders exactly the draft on the server (checked field by field, as `diff` compares).
 * Otherwise the step stays a `DraftStep` and a comment says what the typed step would change.
 */
import { Pipeline } from '../core/pipeline';
import { PlainValue } from '../core/values';
import { OverrideValue, Step } from '../core/step';
import { compareTask } from '../deploy/compare';
import { ObservedTask } from '../deploy/observe';
import { CompressStep } from '../steps/compress-step';
import { EvalStep } from '../steps/eval-step';
import { EvalSuite } from '../steps/eval-suite';
import { COMPRESSION_PRESETS, CompressionPresetName } from '../steps/presets/compression';
import { Recipe } from '../steps/recipe';
import { OverrideModel, StepModel } from './step-model';

/** A typed step that reproduces a draft, with the task overrides (by path) it needs for that. */
export type TypedStep =
  | { readonly kind: 'CompressStep'; readonly preset: CompressionPresetName; readonly model: ModelSource; readonly taskOverrides?: Readonly<Record<string, PlainValue>> }
  | { readonly kind: 'EvalStep'; readonly suite: 'openllm' | 'leaderboard'; readonly model: ModelSource; readonly taskOverrides?: Readonly<Record<string, PlainValue>> };

/** Where a typed step's `model` comes from: a literal id, or another step's output model. */
export type ModelSource = { readonly literal: string } | { readonly step: string };

const MODEL_KEY = 'Args/model_id';

function modelSource(model: StepModel, live: ObservedTask): ModelSource {
  const override = model.overrides[MODEL_KEY];
  if (override !== undefined && 'ref' in override && override.ref === 'outputModel') {
    return { step: override.step };
  }
  return { literal: live.hyperparams?.Args?.model_id?.value ?? '' };
}

/** The typed steps worth trying for `model`'s draft (by its script). */
export function typedCandidates(model: StepModel, live: ObservedTask): TypedStep[] {
  const script = (live.script?.entry_point ?? '').split('/').pop();
  const source = modelSource(model, live);
  if (script === 'llmcompressor_script.py') {
    return (Object.keys(COMPRESSION_PRESETS) as CompressionPresetName[]).map((preset) => ({ kind: 'CompressStep', preset, model: source }));
  }
  if (script === 'lmeval_script.py') {
    return (['openllm', 'leaderboard'] as const).map((suite) => ({ kind: 'EvalStep', suite, model: source }));
  }
  return [];
}

/** The overrides a typed step still needs (its model reference adds its own). */
export function typedOverrides(model: StepModel, typed: TypedStep): Record<string, OverrideModel> {
  const rest = { ...model.overrides };
  if ('step' in typed.model) {
    delete rest[MODEL_KEY];
  }
  return rest;
}

/** Declares `typed` for `model` in `pipeline` under construct id `id`. */
export function instantiateTyped(
  pipeline: Pipeline, id: string, model: StepModel, typed: TypedStep, steps: ReadonlyMap<string, Step>, overrides: Record<string, OverrideValue>,
): Step {
  const modelInput = 'step' in typed.model ? (steps.get(typed.model.step) as Step).outputModel : typed.model.literal;
  const common = { ...model.node, stepName: model.name, taskName: model.draft.taskName, model: modelInput, parameterOverrides: overrides };
  const step = typed.kind === 'CompressStep'
    ? new CompressStep(pipeline, id, { ...common, recipe: Recipe.preset(typed.preset) })
    : new EvalStep(pipeline, id, { ...common, suite: EvalSuite.preset(typed.suite) });
  for (const [path, value] of Object.entries(typed.taskOverrides ?? {})) {
    step.addTaskOverride(path, value);
  }
  return step;
}

/** What `candidate` would change in `live` (project and ownership tags aside); an error message when it cannot be declared. */
export function candidateChanges(step: Step, live: ObservedTask): string[] {
  try {
    const task = step.renderDraftTask();
    return compareTask({ ...task, system_tags: live.system_tags ?? [] }, live, live.project)
      .map((c) => c.path).filter((p) => p !== 'project');
  } catch (error) {
    return [`cannot be declared (${(error as Error).message})`];
  }
}

/** A label for a typed step, as code. */
export function typedLabel(typed: TypedStep): string {
  return typed.kind === 'CompressStep' ? `CompressStep with Recipe.preset('${typed.preset}')` : `EvalStep with EvalSuite.preset('${typed.suite}')`;
}
