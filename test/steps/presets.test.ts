import YAML from 'yaml';
import { EvalSuite } from '../../lib/steps/eval-suite';
import { BENCHMARKING_PRESETS } from '../../lib/steps/presets/benchmarking';
import { COMPRESSION_PRESETS } from '../../lib/steps/presets/compression';
import { EVALUATION_PRESETS } from '../../lib/steps/presets/evaluations';
import { PIPELINE_PRESETS } from '../../lib/steps/presets/pipelines';
import { Recipe } from '../../lib/steps/recipe';

describe('presets', () => {
  test('quantization_w4a16 matches the seed standard', () => {
    const recipe = Recipe.preset('quantization_w4a16');
    expect(recipe.defaultArgs).toEqual({ dampening_frac: 0.01, observer: 'mse', group_size: 128, actorder: 'weight', symmetric: true });
    expect(recipe.yaml.split('\n').slice(0, 6)).toEqual(['quant_stage:', '  quant_modifiers:', '    GPTQModifier:', '      ignore:', '      - lm_head', '      dampening_frac: $dampening_frac']);
    expect(YAML.parse(recipe.yaml)).toEqual(COMPRESSION_PRESETS.quantization_w4a16.recipe);
  });

  test('w8a8 and fp8 presets carry their recipe args', () => {
    expect(Recipe.preset('quantization_w8a8').defaultArgs).toEqual({ dampening_frac: 0.01, observer: 'mse', smoothing_strength: 0.8, smoothquant_mappings: 'llama' });
    expect(Recipe.preset('quantization_fp8_dynamic').defaultArgs).toEqual({ observer: 'mse' });
    expect(() => Recipe.preset('nope' as never)).toThrow(/Unknown recipe preset 'nope'/);
  });

  test('fromObject keeps key order', () => {
    expect(Recipe.fromObject({ z: 1, a: ['x'] }).yaml).toBe('z: 1\na:\n- x\n');
  });

  test('evaluation presets', () => {
    const openllm = EVALUATION_PRESETS.openllm.settings;
    expect(openllm.tasks).toBe('openllm');
    expect(Object.keys((openllm.groups as Record<string, object>).openllm)).toEqual(['arc_challenge', 'gsm8k', 'hellaswag', 'mmlu', 'winogrande', 'truthfulqa_mc2']);
    const leaderboard = EVALUATION_PRESETS.leaderboard;
    expect(leaderboard.packages).toEqual(['langdetect', 'immutabledict', 'antlr4-python3-runtime==4.11', 'math-verify', 'sympy']);
    const groups = (leaderboard.settings.groups as Record<string, Record<string, Record<string, unknown>>>).leaderboard;
    expect(Object.keys(groups)).toEqual(['math_lvl5', 'musr', 'bbh', 'gpqa', 'leaderboard_mmlu_pro', 'ifeval']);
    expect(Object.keys(groups.bbh)).toHaveLength(24);
    expect(groups.musr.leaderboard_musr_team_allocation).toEqual({ series: 'acc_norm,none', normalize: true, random_score: 0.333333 });
    expect(Object.keys(EVALUATION_PRESETS)).toEqual(['openllm', 'leaderboard']);
    expect(EvalSuite.tasks('gsm8k', 'winogrande').settings).toEqual({ tasks: 'gsm8k,winogrande' });
    expect(() => EvalSuite.tasks()).toThrow(/at least one task/);
  });

  test('benchmarking and pipeline presets', () => {
    expect(Object.keys(BENCHMARKING_PRESETS)).toHaveLength(12);
    expect(BENCHMARKING_PRESETS.benchmarking_chat).toEqual({ data_type: 'emulated', data: 'prompt_tokens=512,generated_tokens=256', GUIDELLM__REQUEST_TIMEOUT: 21600 });
    expect(Object.keys(PIPELINE_PRESETS.pipeline_w4a16.parameters)).toEqual(['dampening_frac', 'observer', 'group_size', 'actorder', 'symmetric', 'text_samples', 'vision_samples']);
    expect(PIPELINE_PRESETS.pipeline_w4a16.parameters.vision_samples.default).toBeNull();
    expect(PIPELINE_PRESETS.pipeline_w8a8.evaluations.evaluation.suite).toBe('openllm');
  });
});
