import { Reference } from '../../lib/core/reference';
import { buildManifests } from '../../lib/core/synthesizer';
import { TaskStep } from '../../lib/steps/task-step';
import { compress, newPipeline } from './fixtures';

describe('typed references', () => {
  test('render to ClearML placeholders with the final node name', () => {
    const { pipeline } = newPipeline();
    const step = compress(pipeline, 'quantize', { stepName: 'step1' });
    expect(step.outputModel.render()).toBe('${step1.models.output.-1.id}');
    expect(step.outputModel.url.render()).toBe('${step1.models.output.-1.url}');
    expect(step.taskId.render()).toBe('${step1.id}');
    expect(step.parameter('Args/model_id').render()).toBe('${step1.parameters.Args/model_id}');
    expect(step.artifactUrl('recipe.v1').render()).toBe('${step1.artifacts.recipe\\.v1.url}');
    expect(pipeline.parameter('observer').render()).toBe('${pipeline.observer}');
    expect(Reference.isReference(step.taskId)).toBe(true);
    expect(Reference.isReference('${step1.id}')).toBe(false);
  });

  test('refuse implicit string conversion', () => {
    const { pipeline } = newPipeline();
    const step = compress(pipeline, 'quantize');
    expect(() => `${step.outputModel}`).toThrow(/cannot be used inside a string/);
  });

  test('using a reference adds the dependency edge', () => {
    const { app, pipeline } = newPipeline();
    const first = compress(pipeline, 'first');
    new TaskStep(pipeline, 'report', {
      repository: 'https://github.com/acme/tools.git',
      entryPoint: 'report.py',
      args: { source_task: first.taskId, recipe_url: first.artifactUrl('recipe'), mode: 'full' },
    });
    const [manifest] = buildManifests(app);
    expect(manifest.steps.report.node.parents).toEqual(['first']);
    expect(manifest.steps.report.node.parameters).toEqual({
      'Args/recipe_url': '${first.artifacts.recipe.url}',
      'Args/source_task': '${first.id}',
    });
    expect(manifest.steps.report.task.hyperparams.Args.source_task.value).toBe('');
  });

  test('a pipeline parameter reference adds no parent', () => {
    const { app, pipeline } = newPipeline();
    const samples = pipeline.addParameter('samples', { default: 512, description: 'calibration samples' });
    compress(pipeline, 'quantize').addParameterOverride('Args/text_samples', samples);
    const [manifest] = buildManifests(app);
    expect(manifest.steps.quantize.node.parents).toEqual([]);
    expect(manifest.steps.quantize.node.parameters).toEqual({ 'Args/text_samples': '${pipeline.samples}' });
    expect(manifest.controller.parameters).toEqual([{ name: 'samples', default: '512', type: 'int', description: 'calibration samples' }]);
    expect(manifest.controller.task.hyperparams.Args.samples).toEqual({ section: 'Args', name: 'samples', value: '512', type: 'int', description: 'calibration samples' });
  });
});
