import { App } from '../../lib/core/app';
import { buildManifests } from '../../lib/core/synthesizer';
import { buildPipelineExampleApp } from '../../examples/pipeline-example';

describe('examples/pipeline-example', () => {
  const [manifest] = buildManifests(buildPipelineExampleApp(new App({ outdir: 'unused' })));

  test('matches the snapshot', () => {
    expect(manifest).toMatchSnapshot();
  });

  test('ports pipeline_example.py', () => {
    const step1 = manifest.steps.pipeline_example_step1;
    expect(step1.task.name).toBe('pipeline_example_quantization');
    expect(step1.task.hyperparams.Args.recipe.value).toContain('scheme: W8A16');
    expect(step1.task.hyperparams.Args.text_samples.value).toBe('512');
    expect(step1.node).toMatchObject({ monitor_models: [['output', 'output']], monitor_artifacts: [['recipe', 'recipe']] });
    const gsm8k = manifest.steps.pipeline_example_step2;
    expect(gsm8k.node).toMatchObject({
      parents: ['pipeline_example_step1'],
      parameters: { 'Args/model_id': '${pipeline_example_step1.models.output.-1.id}' },
      monitor_metrics: [[['gsm8k', 'exact_match,strict-match'], ['gsm8k', 'exact_match,strict-match']]],
    });
    expect(JSON.parse(gsm8k.task.configuration.lm_eval.value)).toMatchObject({ tasks: 'gsm8k', num_fewshot: 5, limit: 10 });
    expect(manifest.steps.pipeline_example_step3.node.monitor_metrics).toEqual([[['winogrande', 'acc,none'], ['winogrande', 'acc,none']]]);
  });
});
