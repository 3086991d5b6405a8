import { App } from '../../lib/core/app';
import { buildManifests } from '../../lib/core/synthesizer';
import { PIPELINE_PRESETS } from '../../lib/steps/presets/pipelines';
import { CompressEvalPipeline } from '../../lib/patterns/compress-eval-pipeline';
import { buildMatrixApp } from '../../examples/compress-eval-matrix';

describe('examples/compress-eval-matrix', () => {
  const [manifest] = buildManifests(buildMatrixApp(new App({ outdir: 'unused' })));

  test('matches the snapshot', () => {
    expect(manifest).toMatchSnapshot();
  });

  test('maps pipeline parameters onto the compression step', () => {
    const quantize = manifest.steps.pipeline_w4a16_example_quantization;
    expect(quantize.node.parameters).toEqual({
      'Args/recipe_args/actorder': '${pipeline.actorder}',
      'Args/recipe_args/dampening_frac': '${pipeline.dampening_frac}',
      'Args/recipe_args/group_size': '${pipeline.group_size}',
      'Args/recipe_args/observer': '${pipeline.observer}',
      'Args/recipe_args/symmetric': '${pipeline.symmetric}',
      'Args/text_samples': '${pipeline.text_samples}',
      'Args/vision_samples': '${pipeline.vision_samples}',
    });
    expect(manifest.controller.parameters.map((p) => p.name)).toEqual(['actorder', 'dampening_frac', 'group_size', 'observer', 'symmetric', 'text_samples', 'vision_samples']);
    expect(manifest.controller.task.hyperparams.Args.vision_samples).toEqual({ section: 'Args', name: 'vision_samples', value: '', description: '' });
  });

  test('evaluates with openllm, monitored, merged model args', () => {
    const evaluation = manifest.steps.pipeline_w4a16_example_evaluation;
    expect(evaluation.node).toMatchObject({ parents: ['pipeline_w4a16_example_quantization'], monitor_metrics: [[['openllm', 'average'], ['openllm', 'average']]] });
    expect(JSON.parse(evaluation.task.configuration.lm_eval.value).model_args)
      .toBe('gpu_memory_utilization=0.4,enable_chunked_prefill=True,max_model_len=4096,add_bos_token=True,enable_thinking=False,dtype=auto,enforce_eager=True');
  });

  test('N evaluations each on its own queue', () => {
    const app = new App({ outdir: 'unused' });
    const preset = {
      ...PIPELINE_PRESETS.pipeline_w8a8,
      evaluations: {
        openllm: { suite: 'openllm', monitorMetrics: [['openllm', 'average']] },
        leaderboard: { suite: 'leaderboard', monitorMetrics: [] },
      },
    } as const;
    new CompressEvalPipeline(app, 'w8a8', {
      project: 'team_project', model: 'org/model-8b', preset, compressionQueue: 'gpu-a100x1',
      evaluations: { openllm: { queue: 'gpu-a100x2' }, leaderboard: { queue: 'gpu-h100x1' } },
    });
    const [m] = buildManifests(app);
    expect(Object.keys(m.steps)).toEqual(['w8a8_leaderboard', 'w8a8_openllm', 'w8a8_quantization']);
    expect(m.queues).toEqual(['gpu-a100x1', 'gpu-a100x2', 'gpu-h100x1', 'services']);
    expect(m.steps.w8a8_quantization.node.parameters['Args/recipe_args/smoothing_strength']).toBe('${pipeline.smoothing_strength}');
  });
});
