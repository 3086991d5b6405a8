import { PythonCallable } from '../../lib/steps/python-callable';
import { ValidationError } from '../../lib/base/errors';
import { buildManifests } from '../../lib/core/synthesizer';
import { CompressStep } from '../../lib/steps/compress-step';
import { Recipe } from '../../lib/steps/recipe';
import { compress, newPipeline } from '../core/fixtures';

function argsOf(step: CompressStep): Record<string, { value: string; type?: string }> {
  return step.renderTask().hyperparams.Args;
}

describe('CompressStep', () => {
  test('writes the Args the seed worker script reads, with its defaults', () => {
    const { pipeline } = newPipeline();
    const args = argsOf(compress(pipeline, 'quantize'));
    expect(Object.keys(args).sort()).toEqual([
      'clearml_model', 'dataset_name', 'force_download', 'max_seq_len', 'model_class', 'model_id', 'recipe',
      'recipe_args/actorder', 'recipe_args/dampening_frac', 'recipe_args/group_size', 'recipe_args/observer', 'recipe_args/symmetric',
      'save_directory', 'skip_sparsity_compression_stats', 'tags', 'text_samples', 'trust_remote_code', 'vision_samples',
    ]);
    expect(args.model_id).toMatchObject({ value: 'org/model-1b', type: 'str' });
    expect(args['recipe_args/dampening_frac']).toMatchObject({ value: '0.01', type: 'float' });
    expect(args['recipe_args/symmetric']).toMatchObject({ value: 'True', type: 'bool' });
    expect(args.max_seq_len).toMatchObject({ value: '8192', type: 'int' });
    expect(args.model_class.value).toBe('AutoModelForCausalLM');
    expect(args.dataset_name.value).toBe('calibration');
    expect(args.save_directory.value).toBe('output');
    expect(args.skip_sparsity_compression_stats.value).toBe('True');
    expect(args.text_samples).toEqual({ section: 'Args', name: 'text_samples', value: '', description: '' });
  });

  test('merges recipe args over the preset and records tags', () => {
    const { pipeline } = newPipeline();
    const args = argsOf(compress(pipeline, 'quantize', { recipeArgs: { group_size: 64, extra: 'x' }, tags: ['b', 'a'], textSamples: 512 }));
    expect(args['recipe_args/group_size'].value).toBe('64');
    expect(args['recipe_args/extra'].value).toBe('x');
    expect(args['recipe_args/observer'].value).toBe('mse');
    expect(args.tags).toMatchObject({ value: '["a", "b"]', type: 'list' });
    expect(args.text_samples).toMatchObject({ value: '512', type: 'int' });
  });

  test('a YAML recipe has no recipe args', () => {
    const { pipeline } = newPipeline();
    const args = argsOf(compress(pipeline, 'quantize', { recipe: Recipe.fromYaml('stage: {}\n') }));
    expect(args.recipe.value).toBe('stage: {}\n');
    expect(args.recipe_args).toEqual({ section: 'Args', name: 'recipe_args', value: '', description: '' });
  });

  test('task layout: research script, Task.init patch, requirements, image, output', () => {
    const { pipeline } = newPipeline();
    const task = compress(pipeline, 'quantize', { packages: ['torchvision', 'accelerate'], commit: 'abc1234' }).renderTask();
    expect(task).toMatchObject({ name: 'quantize_draft', type: 'training', output_dest: 'gs://neuralmagic-clearml' });
    expect(task.container.image).toBe('quay.io/nmmlops/mlops/k8s-research-cuda12_8:latest');
    expect(task.script).toMatchObject({
      repository: 'https://github.com/neuralmagic/research.git', branch: '', version_num: 'abc1234',
      entry_point: 'src/automation/tasks/scripts/llmcompressor_script.py', working_dir: '.',
    });
    expect(task.script.diff).toContain('@@ -0,0 +1,4 @@');
    expect(task.script.requirements.pip.split('\n')).toEqual([
      'accelerate', 'git+https://github.com/vllm-project/llm-compressor.git', 'hf_xet', 'torchvision',
      'git+https://github.com/neuralmagic/research.git@abc1234', 'clearml',
    ]);
  });

  test('a reference model becomes an override, clearml_model True, and a parent', () => {
    const { app, pipeline } = newPipeline();
    const first = compress(pipeline, 'first');
    const second = compress(pipeline, 'second', { model: first.outputModel });
    expect(argsOf(second).clearml_model.value).toBe('True');
    expect(argsOf(second).model_id.value).toBe('');
    const [m] = buildManifests(app);
    expect(m.steps.second.node.parents).toEqual(['first']);
    expect(m.steps.second.node.parameters).toEqual({ 'Args/model_id': '${first.models.output.-1.id}' });
  });

  test('overrides of declared recipe args pass; undeclared fail', () => {
    const { app, pipeline } = newPipeline();
    compress(pipeline, 'quantize').addParameterOverride('Args/recipe_args/group_size', 32).addParameterOverride('Args/trust_remote_code', true);
    const [m] = buildManifests(app);
    expect(m.steps.quantize.node.parameters).toEqual({ 'Args/recipe_args/group_size': '32', 'Args/trust_remote_code': 'True' });
    compress(pipeline, 'typo').addParameterOverride('Args/recipe_args/groupsize', 32);
    expect(() => buildManifests(app)).toThrow(ValidationError);
  });
});

describe('CompressStep callables', () => {
  test('dataset loader and data collator are stored as {name, code} configurations, as the seed serializes callables', () => {
    const { pipeline } = newPipeline();
    const task = compress(pipeline, 'mm', {
      datasetLoader: PythonCallable.fromSource('load', 'def load(name):\n    return name\n'),
      dataCollator: PythonCallable.fromSource('collate', 'def collate(batch):\n    return batch[0]\n'),
    }).renderTask();
    expect(Object.keys(task.configuration)).toEqual(['data collator', 'dataset loader']);
    expect(JSON.parse(task.configuration['dataset loader'].value)).toEqual({ name: 'load', code: 'def load(name):\n    return name\n' });
    expect(task.configuration['data collator'].type).toBe('dictionary');
  });
});
