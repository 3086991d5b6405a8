/**
 * Compression presets: the same settings as the seed's `standards/compression/quantization_*`.
 */
import { PlainValue } from '../../core/values';

/** A compression preset: a recipe (as data) and the values of its `$variables`. */
export interface CompressionPreset {
  /** Recipe variables substituted by the worker script. */
  readonly recipeArgs: Readonly<Record<string, PlainValue>>;
  /** The llm-compressor recipe as an object (dumped to YAML in key order). */
  readonly recipe: Readonly<Record<string, PlainValue>>;
}

const W4A16: CompressionPreset = {
  recipeArgs: { dampening_frac: 0.01, observer: 'mse', group_size: 128, actorder: 'weight', symmetric: true },
  recipe: {
    quant_stage: {
      quant_modifiers: {
        GPTQModifier: {
          ignore: ['lm_head'],
          dampening_frac: '$dampening_frac',
          config_groups: {
            group_0: {
              targets: ['Linear'],
              weights: {
                num_bits: 4, type: 'int', symmetric: '$symmetric', strategy: 'group',
                group_size: '$group_size', actorder: '$actorder', observer: '$observer',
              },
            },
          },
        },
      },
    },
  },
};

const W8A8: CompressionPreset = {
  recipeArgs: { dampening_frac: 0.01, observer: 'mse', smoothing_strength: 0.8, smoothquant_mappings: 'llama' },
  recipe: {
    quant_stage: {
      quant_modifiers: {
        SmoothQuantModifier: { smoothing_strength: '$smoothing_strength', mappings: '$smoothquant_mappings' },
        GPTQModifier: {
          ignore: ['lm_head'],
          dampening_frac: '$dampening_frac',
          config_groups: {
            group_0: {
              targets: ['Linear'],
              weights: { num_bits: 8, type: 'int', symmetric: true, strategy: 'channel', observer: '$observer' },
              input_activations: { num_bits: 8, type: 'int', symmetric: true, strategy: 'token', dynamic: true, observer: 'memoryless' },
            },
          },
        },
      },
    },
  },
};

const FP8_DYNAMIC: CompressionPreset = {
  recipeArgs: { observer: 'mse' },
  recipe: {
    quant_stage: {
      quant_modifiers: {
        QuantizationModifier: {
          ignore: ['lm_head'],
          config_groups: {
            group_0: {
              targets: ['Linear'],
              weights: { num_bits: 8, type: 'float', symmetric: true, strategy: 'channel', observer: '$observer' },
              input_activations: { num_bits: 8, type: 'float', symmetric: true, strategy: 'token', dynamic: true, observer: 'memoryless' },
            },
          },
        },
      },
    },
  },
};

/** Compression presets by name. */
export const COMPRESSION_PRESETS = {
  quantization_w4a16: W4A16,
  quantization_w8a8: W8A8,
  quantization_fp8_dynamic: FP8_DYNAMIC,
} as const;

/** Name of a compression preset. */
export type CompressionPresetName = keyof typeof COMPRESSION_PRESETS;

/** SmoothQuant layer mappings per model family (value of the `smoothquant_mappings` recipe arg). */
export const SMOOTHQUANT_MAPPINGS: Readonly<Record<string, readonly (readonly [readonly string[], string])[]>> = {
  llama: [
    [['re:.*q_proj', 're:.*k_proj', 're:.*v_proj'], 're:.*input_layernorm'],
    [['re:.*gate_proj', 're:.*up_proj'], 're:.*post_attention_layernorm'],
    [['re:.*down_proj'], 're:.*up_proj'],
  ],
  phi3: [
    [['re:.*qkv_proj'], 're:.*input_layernorm'],
    [['re:.*gate_up_proj'], 're:.*post_attention_layernorm'],
  ],
  apertus: [
    [['re:.*q_proj', 're:.*k_proj', 're:.*v_proj'], 're:.*attention_layernorm'],
    [['re:.*up_proj'], 're:.*feedforward_layernorm'],
  ],
};
