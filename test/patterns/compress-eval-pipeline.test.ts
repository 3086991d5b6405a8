import { App } from '../../lib/core/app';
import { buildManifests } from '../../lib/core/synthesizer';
import { ValidationError } from '../../lib/base/errors';
import { CompressEvalPipeline, CompressEvalPipelineProps } from '../../lib/patterns/compress-eval-pipeline';
import { PIPELINE_PRESETS } from '../../lib/steps/presets/pipelines';
import { buildEvaluationMatrixApp } from '../../examples/compress-eval-matrix';
import { MATRIX_PROPS } from '../report/fixtures';

const MATRIX = MATRIX_PROPS;

function synth(props: CompressEvalPipelineProps, id = 'matrix') {
  const app = new App({ outdir: 'unused' });
  new CompressEvalPipeline(app, id, props);
  return buildManifests(app)[0];
}

function validationMessages(props: CompressEvalPipelineProps): string[] {
  try {
    synth(props);
  } catch (error) {
    if (error instanceof ValidationError) {
      return error.problems.map((p) => `[${p.path}] ${p.message}`);
    }
    throw error;
  }
  throw new Error('expected synth to fail');
}

describe('CompressEvalPipeline as an evaluation matrix', () => {
  test('the example matrix with a baseline synthesizes and matches the snapshot', () => {
    const [manifest] = buildManifests(buildEvaluationMatrixApp(new App({ outdir: 'unused' })));
    expect(manifest).toMatchSnapshot();
  });

  test('compressions x suites, plus the baseline evaluated with the same suites', () => {
    const m = synth(MATRIX);
    expect(Object.keys(m.steps)).toEqual([
      'matrix_baseline_evaluation', 'matrix_baseline_gsm8k', 'matrix_w4a16', 'matrix_w4a16_evaluation', 'matrix_w4a16_gsm8k',
      'matrix_w8a8', 'matrix_w8a8_evaluation', 'matrix_w8a8_gsm8k',
    ]);
    expect(m.steps.matrix_w8a8_gsm8k.node.parents).toEqual(['matrix_w8a8']);
    expect(m.steps.matrix_w8a8_gsm8k.node.parameters['Args/model_id']).toBe('${matrix_w8a8.models.output.-1.id}');
    expect(m.steps.matrix_baseline_gsm8k.node.parents).toEqual([]);
    expect(m.steps.matrix_baseline_gsm8k.task.hyperparams.Args.model_id.value).toBe('org/model-8b');
    expect(m.steps.matrix_baseline_gsm8k.node.queue).toBe('gpu-a100x2');
    const settings = (step: string) => JSON.parse(m.steps[step].task.configuration.lm_eval.value);
    expect(settings('matrix_baseline_gsm8k')).toEqual(settings('matrix_w4a16_gsm8k'));
  });

  test('each variant keeps its preset tunable parameters, prefixed by the variant', () => {
    const m = synth(MATRIX);
    expect(m.controller.parameters.map((p) => p.name)).toEqual(expect.arrayContaining(['w4a16_group_size', 'w4a16_dampening_frac', 'w8a8_smoothing_strength', 'w8a8_dampening_frac']));
    expect(m.steps.matrix_w4a16.node.parameters['Args/recipe_args/group_size']).toBe('${pipeline.w4a16_group_size}');
    expect(m.steps.matrix_w8a8.node.parameters['Args/recipe_args/smoothing_strength']).toBe('${pipeline.w8a8_smoothing_strength}');
    expect(m.steps.matrix_w8a8.node.parameters['Args/text_samples']).toBe('${pipeline.w8a8_text_samples}');
  });

  test('the baseline may run on its own queue and with its own batch size', () => {
    const m = synth({ ...MATRIX, baseline: { queue: 'gpu-h100x4', evaluations: { gsm8k: { batchSize: 64 } } } });
    expect(m.steps.matrix_baseline_gsm8k.node.queue).toBe('gpu-h100x4');
    expect(JSON.parse(m.steps.matrix_baseline_gsm8k.task.configuration.lm_eval.value).batch_size).toBe(64);
  });

  test('a baseline setting that differs from a counterpart fails synth naming the setting, both values and the path', () => {
    const messages = validationMessages({ ...MATRIX, baseline: { evaluations: { gsm8k: { numFewshot: 8, modelArgs: 'max_model_len=8192' } } } });
    expect(messages).toEqual(expect.arrayContaining([
      expect.stringContaining("[matrix/matrix_baseline_gsm8k] baseline evaluation and its compressed counterpart 'matrix/matrix_w4a16_gsm8k' differ in 'num_fewshot': 8 here, 5 there"),
      expect.stringContaining("[matrix/matrix_baseline_gsm8k] baseline evaluation and its compressed counterpart 'matrix/matrix_w8a8_gsm8k' differ in 'num_fewshot': 8 here, 5 there"),
      expect.stringContaining("differ in 'model_args.max_model_len': \"8192\" here, (not set) there"),
    ]));
    expect(messages).toHaveLength(4);
  });

  test('a single preset keeps the seed names and parameters, and can have a baseline', () => {
    const m = synth({ project: 'team_project', model: 'org/m', preset: PIPELINE_PRESETS.pipeline_w8a8, compressionQueue: 'gpu-q', evaluations: { evaluation: { queue: 'gpu-q' } }, baseline: true }, 'w8a8');
    expect(Object.keys(m.steps)).toEqual(['w8a8_baseline_evaluation', 'w8a8_evaluation', 'w8a8_quantization']);
    expect(m.controller.parameters.map((p) => p.name)).toContain('smoothing_strength');
  });

  test('neither or both of preset and compressions is an error', () => {
    expect(() => synth({ ...MATRIX, compressions: undefined })).toThrow(/give either preset .* not neither/);
    expect(() => synth({ ...MATRIX, preset: PIPELINE_PRESETS.pipeline_w4a16 })).toThrow(/not both/);
    expect(() => synth({ ...MATRIX, evaluations: { gsm8k: { queue: 'q', suite: 'openllm' } } })).toThrow(/no settings for evaluation 'evaluation'/);
    expect(() => synth({ ...MATRIX, evaluations: { ...MATRIX.evaluations, extra: { queue: 'q' } } })).toThrow(/evaluation 'extra' names no suite/);
  });
});
