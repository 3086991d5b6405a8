/**
 * The typed steps `import` tries for the seed's task kinds, one entry per kind: the worker script
 * that identifies its drafts, the hyperparameter that carries its model, its presets and how to
 * declare one (as a construct, and as code).
 */
import { Pipeline } from '../core/pipeline';
import { Step } from '../core/step';
import { CompressStep, CompressStepProps } from '../steps/compress-step';
import { EvalStep } from '../steps/eval-step';
import { EvalSuite } from '../steps/eval-suite';
import { GuideLlmBenchmark } from '../steps/guidellm-benchmark';
import { GuideLlmStep } from '../steps/guidellm-step';
import { LightEvalStep } from '../steps/lighteval-step';
import { LightEvalSuite } from '../steps/lighteval-suite';
import { BENCHMARKING_PRESETS, BenchmarkingPresetName } from '../steps/presets/benchmarking';
import { COMPRESSION_PRESETS, CompressionPresetName } from '../steps/presets/compression';
import { EVALUATION_PRESETS, EvaluationPresetName } from '../steps/presets/evaluations';
import { LIGHTEVAL_PRESETS, LightEvalPresetName } from '../steps/presets/lighteval';
import { Recipe } from '../steps/recipe';

/** The props every typed kind is declared with besides its preset. */
export type CommonTypedProps = Omit<CompressStepProps, 'recipe'>;

/** One typed step kind `import` recognizes. */
export interface TypedKind {
  /** Construct class name. */
  readonly kind: 'CompressStep' | 'EvalStep' | 'LightEvalStep' | 'GuideLlmStep';
  /** File name of the seed worker script its drafts run. */
  readonly script: string;
  /** The hyperparameter (`Section/name`) its model is written to. */
  readonly modelKey: string;
  /** The prop its preset is given in. */
  readonly presetProp: 'recipe' | 'suite' | 'benchmark';
  /** The class whose `preset(name)` makes the preset. */
  readonly presetClass: 'Recipe' | 'EvalSuite' | 'LightEvalSuite' | 'GuideLlmBenchmark';
  /** Preset names, in the order they are tried. */
  readonly presets: readonly string[];
  /** Declares the step with `preset`. */
  create(pipeline: Pipeline, id: string, props: CommonTypedProps, preset: string): Step;
}

/** Every kind, by worker script. */
export const TYPED_KINDS: readonly TypedKind[] = [
  {
    kind: 'CompressStep', script: 'llmcompressor_script.py', modelKey: 'Args/model_id', presetProp: 'recipe', presetClass: 'Recipe',
    presets: Object.keys(COMPRESSION_PRESETS),
    create: (pipeline, id, props, preset) => new CompressStep(pipeline, id, { ...props, recipe: Recipe.preset(preset as CompressionPresetName) }),
  },
  {
    kind: 'EvalStep', script: 'lmeval_script.py', modelKey: 'Args/model_id', presetProp: 'suite', presetClass: 'EvalSuite',
    presets: Object.keys(EVALUATION_PRESETS),
    create: (pipeline, id, props, preset) => new EvalStep(pipeline, id, { ...props, suite: EvalSuite.preset(preset as EvaluationPresetName) }),
  },
  {
    kind: 'LightEvalStep', script: 'lighteval_script.py', modelKey: 'Args/model_id', presetProp: 'suite', presetClass: 'LightEvalSuite',
    presets: Object.keys(LIGHTEVAL_PRESETS),
    create: (pipeline, id, props, preset) => new LightEvalStep(pipeline, id, { ...props, suite: LightEvalSuite.preset(preset as LightEvalPresetName) }),
  },
  {
    kind: 'GuideLlmStep', script: 'guidellm_script.py', modelKey: 'Args/model', presetProp: 'benchmark', presetClass: 'GuideLlmBenchmark',
    presets: Object.keys(BENCHMARKING_PRESETS),
    create: (pipeline, id, props, preset) => new GuideLlmStep(pipeline, id, { ...props, benchmark: GuideLlmBenchmark.preset(preset as BenchmarkingPresetName) }),
  },
];

/** The kind named `kind`. */
export function typedKind(kind: TypedKind['kind']): TypedKind {
  return TYPED_KINDS.find((k) => k.kind === kind) as TypedKind;
}
