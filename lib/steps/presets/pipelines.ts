/**
 * Compress-then-evaluate pipeline presets: the seed's `pipeline_w4a16` and `pipeline_w8a8`.
 */
import { CompressionPresetName } from './compression';
import { EvaluationPresetName } from './evaluations';

/** A tunable pipeline parameter mapped onto the compression step. */
export interface TunableParameter {
  /** Default value (`null` for none). */
  readonly default: string | number | boolean | null;
  /** Declared type. */
  readonly type: 'str' | 'int' | 'float' | 'bool';
  /** True: overrides `Args/recipe_args/<name>`; false: overrides `Args/<name>`. */
  readonly recipeArg: boolean;
}

/** One evaluation of a pipeline preset. */
export interface PresetEvaluation {
  /** Evaluation suite. */
  readonly suite: EvaluationPresetName;
  /** `[title, series]` metrics monitored on the pipeline. */
  readonly monitorMetrics: readonly (readonly [string, string])[];
}

/** A compress-then-evaluate pipeline preset. */
export interface PipelinePreset {
  /** Pipeline parameters by name, in the seed's order. */
  readonly parameters: Readonly<Record<string, TunableParameter>>;
  /** Suffix of the compression step name and its recipe preset. */
  readonly compression: { readonly name: string; readonly preset: CompressionPresetName };
  /** Evaluations by step-name suffix. */
  readonly evaluations: Readonly<Record<string, PresetEvaluation>>;
}

const samples = {
  text_samples: { default: 1024, type: 'int', recipeArg: false },
  vision_samples: { default: null, type: 'int', recipeArg: false },
} as const;

const openllmEvaluation = { evaluation: { suite: 'openllm', monitorMetrics: [['openllm', 'average']] } } as const;

/** Pipeline presets by name. */
export const PIPELINE_PRESETS: Readonly<Record<'pipeline_w4a16' | 'pipeline_w8a8', PipelinePreset>> = {
  pipeline_w4a16: {
    parameters: {
      dampening_frac: { default: 0.01, type: 'float', recipeArg: true },
      observer: { default: 'mse', type: 'str', recipeArg: true },
      group_size: { default: 128, type: 'int', recipeArg: true },
      actorder: { default: 'weight', type: 'str', recipeArg: true },
      symmetric: { default: true, type: 'bool', recipeArg: true },
      ...samples,
    },
    compression: { name: 'quantization', preset: 'quantization_w4a16' },
    evaluations: openllmEvaluation,
  },
  pipeline_w8a8: {
    parameters: {
      dampening_frac: { default: 0.01, type: 'float', recipeArg: true },
      observer: { default: 'mse', type: 'str', recipeArg: true },
      smoothing_strength: { default: 0.8, type: 'float', recipeArg: true },
      ...samples,
    },
    compression: { name: 'quantization', preset: 'quantization_w8a8' },
    evaluations: openllmEvaluation,
  },
};
