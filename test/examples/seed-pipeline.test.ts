import { App } from '../../lib/core/app';
import { Pipeline } from '../../lib/core/pipeline';
import { buildManifests } from '../../lib/core/synthesizer';
import { CompressStep } from '../../lib/steps/compress-step';
import { EvalStep } from '../../lib/steps/eval-step';
import { EvalSuite } from '../../lib/steps/eval-suite';
import { Recipe } from '../../lib/steps/recipe';
import { Match } from '../../lib/testing/match';
import { Template } from '../../lib/testing/template';
import { Testing } from '../../lib/testing/testing';
import { buildSeedApp } from '../../examples/seed-pipeline';

describe('examples/seed-pipeline', () => {
  const [manifest] = buildManifests(buildSeedApp(new App({ outdir: 'unused' })));

  test('matches the snapshot', () => {
    expect(manifest).toMatchSnapshot();
  });

  test('reproduces the seed document', () => {
    expect(manifest).toMatchObject({ id: 'my_pipeline', name: 'my_pipeline', project: 'alexandre_debug', queues: ['oneshot-a100x1', 'services'] });
    expect(Object.keys(manifest.steps)).toEqual(['step1', 'step2', 'step3']);
    expect(manifest.steps.step1.node).toMatchObject({ parents: [], queue: 'oneshot-a100x1', parameters: {} });
    for (const name of ['step2', 'step3']) {
      expect(manifest.steps[name].node).toMatchObject({ parents: ['step1'], queue: 'oneshot-a100x1', parameters: { 'Args/model_id': '${step1.models.output.-1.id}' } });
      expect(manifest.steps[name].task.hyperparams.Args.clearml_model.value).toBe('True');
    }
    expect(manifest.steps.step1.task.name).toBe('step1_draft');
    expect(manifest.steps.step2.task.name).toBe('step2_draft');
    expect(manifest.steps.step3.task.name).toBe('step3_draft');
    expect(manifest.steps.step1.task.hyperparams.Args['recipe_args/group_size'].value).toBe('128');
    expect(JSON.parse(manifest.steps.step2.task.configuration.lm_eval.value).tasks).toBe('openllm');
    expect(JSON.parse(manifest.steps.step3.task.configuration.lm_eval.value).tasks).toBe('leaderboard');
    expect(manifest.controller.queue).toBe('services');
  });

  test('declaring the evaluations in another order gives the same manifest', () => {
    const app = new App({ outdir: 'unused' });
    const pipeline = new Pipeline(app, 'my_pipeline', { project: 'alexandre_debug' });
    const quantize = new CompressStep(pipeline, 'step1', {
      model: 'meta-llama/Llama-3.2-1B-Instruct', recipe: Recipe.preset('quantization_w4a16'), queue: 'oneshot-a100x1',
    });
    new EvalStep(pipeline, 'step3', { model: quantize.outputModel, suite: EvalSuite.preset('leaderboard'), queue: 'oneshot-a100x1' });
    new EvalStep(pipeline, 'step2', { model: quantize.outputModel, suite: EvalSuite.preset('openllm'), queue: 'oneshot-a100x1' });
    expect(JSON.stringify(buildManifests(app))).toBe(JSON.stringify([manifest]));
  });

  test('reads as the seed document says, through the testing kit', () => {
    const pipeline = buildSeedApp(Testing.app()).node.findChild('my_pipeline') as Pipeline;
    const template = Template.fromPipeline(pipeline);
    template.stepCountIs('CompressStep', 1);
    template.stepCountIs('EvalStep', 2);
    template.hasStep('CompressStep', { task: { name: 'step1_draft', hyperparams: { Args: { model_id: { value: 'meta-llama/Llama-3.2-1B-Instruct' } } } } });
    template.hasStep('EvalStep', { node: { parents: ['step1'], queue: 'oneshot-a100x1', parameters: Match.exact({ 'Args/model_id': '${step1.models.output.-1.id}' }) } });
    template.hasDependency('step3', 'step1');
    template.hasController({ queue: 'services', task: { type: 'controller', system_tags: Match.arrayWith(['pipeline']) } });
  });
});
