/**
 * Typed steps for drafts of the seed's task kinds (`typed-kinds.ts`): a compression draft becomes
 * a `CompressStep` with a recipe preset, an lm-eval, LightEval or GuideLLM draft the step of its
 * kind with a preset, when that step renders the draft on the server (checked field by field, as
 * `diff` compares, with the task overrides of `typed-overrides.ts`).
 * Otherwise the step stays a `DraftStep` and a comment says what the typed step would change.
 */
import { Pipeline } from '../core/pipeline';
import { PlainValue } from '../core/values';
import { OverrideValue, Step } from '../core/step';
import { compareTask } from '../deploy/compare';
import { ObservedTask } from '../deploy/observe';
import { OverrideModel, StepModel } from './step-model';
import { TYPED_KINDS, TypedKind, typedKind } from './typed-kinds';

/** A typed step that reproduces a draft: its kind and preset, its model, and the task overrides (by path) it needs. */
export interface TypedStep {
  /** The step kind. */
  readonly kind: TypedKind['kind'];
  /** The preset name (of the kind's preset class). */
  readonly preset: string;
  /** Where its model comes from. */
  readonly model: ModelSource;
  /** Task overrides that make it render the draft exactly. */
  readonly taskOverrides?: Readonly<Record<string, PlainValue>>;
}

/** Where a typed step's `model` comes from: a literal id, or another step's output model. */
export type ModelSource = { readonly literal: string } | { readonly step: string };

function modelSource(model: StepModel, live: ObservedTask, modelKey: string): ModelSource {
  const override = model.overrides[modelKey];
  if (override !== undefined && 'ref' in override && override.ref === 'outputModel') {
    return { step: override.step };
  }
  const [section, name] = modelKey.split('/');
  return { literal: live.hyperparams?.[section]?.[name]?.value ?? '' };
}

/** The typed steps worth trying for `model`'s draft (by its script): every preset of its kind. */
export function typedCandidates(model: StepModel, live: ObservedTask): TypedStep[] {
  const script = (live.script?.entry_point ?? '').split('/').pop();
  const kind = TYPED_KINDS.find((k) => k.script === script);
  if (kind === undefined) {
    return [];
  }
  const source = modelSource(model, live, kind.modelKey);
  return kind.presets.map((preset) => ({ kind: kind.kind, preset, model: source }));
}

/** The overrides a typed step still needs (its model reference adds its own). */
export function typedOverrides(model: StepModel, typed: TypedStep): Record<string, OverrideModel> {
  const rest = { ...model.overrides };
  if ('step' in typed.model) {
    delete rest[typedKind(typed.kind).modelKey];
  }
  return rest;
}

/** Declares `typed` for `model` in `pipeline` under construct id `id`. */
export function instantiateTyped(
  pipeline: Pipeline, id: string, model: StepModel, typed: TypedStep, steps: ReadonlyMap<string, Step>, overrides: Record<string, OverrideValue>,
): Step {
  const modelInput = 'step' in typed.model ? (steps.get(typed.model.step) as Step).outputModel : typed.model.literal;
  const common = { ...model.node, stepName: model.name, taskName: model.draft.taskName, model: modelInput, parameterOverrides: overrides };
  const step = typedKind(typed.kind).create(pipeline, id, common, typed.preset);
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

/** The preset of a typed step, as code. */
export function presetSource(typed: TypedStep): string {
  return `${typedKind(typed.kind).presetClass}.preset('${typed.preset}')`;
}

/** A label for a typed step, as code. */
export function typedLabel(typed: TypedStep): string {
  return `${typed.kind} with ${presetSource(typed)}`;
}
