import { buildManifests } from '../../lib/core/synthesizer';
import { EvalSuite } from '../../lib/steps/eval-suite';
import { LightEvalStep } from '../../lib/steps/lighteval-step';
import { LightEvalSuite } from '../../lib/steps/lighteval-suite';
import { LIGHTEVAL_PRESETS, LightEvalPresetName } from '../../lib/steps/presets/lighteval';
import { DebugStep } from '../../lib/steps/debug-step';
import { GuideLlmBenchmark } from '../../lib/steps/guidellm-benchmark';
import { GuideLlmStep } from '../../lib/steps/guidellm-step';
import { HpoStep } from '../../lib/steps/hpo-step';
import { PythonCallable } from '../../lib/steps/python-callable';
import { SearchParameter } from '../../lib/steps/search-space';
import { compress, newPipeline } from '../core/fixtures';
import { problemsOf } from '../core/problems';
import { LIGHTEVAL_LITELLM_TASK, LIGHTEVAL_STANDARDS, LIGHTEVAL_TASK } from './fixtures/seed-tasks';
import { configurationOf, expectSeedDraft } from './seed-draft';

describe('LightEvalStep', () => {
  test('every LightEval preset renders the draft LightEvalTask(config=<preset>) would', () => {
    expect(Object.keys(LIGHTEVAL_PRESETS).sort()).toEqual(Object.keys(LIGHTEVAL_STANDARDS).sort());
    const { pipeline } = newPipeline();
    for (const name of Object.keys(LIGHTEVAL_PRESETS) as LightEvalPresetName[]) {
      const task = new LightEvalStep(pipeline, name, { model: 'meta-llama/Llama-3.2-1B-Instruct', suite: LightEvalSuite.preset(name) }).renderTask();
      expectSeedDraft(task, LIGHTEVAL_TASK, { model_id: ['meta-llama/Llama-3.2-1B-Instruct', 'str'] });
      expect(configurationOf(task, 'lighteval_args')).toEqual({ model_args: {}, tasks: LIGHTEVAL_STANDARDS[name] });
    }
  });

  test('the litellm entry point: the seed\'s aime2024_litellm example', () => {
    const { pipeline } = newPipeline();
    const task = new LightEvalStep(pipeline, 'aime', {
      model: 'meta-llama/Llama-3.2-1B-Instruct',
      suite: LightEvalSuite.preset('aime2024'),
      entrypoint: 'litellm',
      modelArgs: { generation_parameters: { max_new_tokens: 32768, temperature: 0.6, top_k: 20, min_p: 0.0, top_p: 0.95 } },
      vllmArgs: { max_model_len: 40960, enable_chunked_prefill: true },
      serverWaitTime: 120,
    }).renderTask();
    expectSeedDraft(task, LIGHTEVAL_LITELLM_TASK, { model_id: ['meta-llama/Llama-3.2-1B-Instruct', 'str'], server_wait_time: ['120', 'int'] });
    expect(configurationOf(task, 'lighteval_args')).toEqual({
      model_args: { generation_parameters: { max_new_tokens: 32768, temperature: 0.6, top_k: 20, min_p: 0, top_p: 0.95 } },
      tasks: 'lighteval|aime24|0',
    });
    expect(configurationOf(task, 'vLLM')).toEqual({ max_model_len: 40960, enable_chunked_prefill: true });
  });

  test('fed by a compression step: the model id is a ClearML model set at run time', () => {
    const { app, pipeline } = newPipeline({ parameters: { wait: { type: 'int', default: 300 } } });
    const q = compress(pipeline, 'q');
    new LightEvalStep(pipeline, 'math', {
      model: q.outputModel, suite: LightEvalSuite.tasks('lighteval|math_500|0'), entrypoint: 'litellm', serverWaitTime: pipeline.parameter('wait'),
      metricOptions: { math_pass_at_1: { k: 1 } }, lightEvalArgs: { max_samples: 10 },
      pretaskCallback: PythonCallable.fromSource('setup', 'def setup():\n    print("ready")\n'),
    });
    const step = buildManifests(app)[0].steps.math;
    expect(step.kind).toBe('LightEvalStep');
    expect(step.node.parents).toEqual(['q']);
    expect(step.node.parameters).toEqual({ 'Args/model_id': '${q.models.output.-1.id}', 'Args/server_wait_time': '${pipeline.wait}' });
    expect(step.task.hyperparams.Args.clearml_model.value).toBe('True');
    expect(step.task.hyperparams.Args.server_wait_time).toMatchObject({ value: '300', type: 'int' });
    expect(Object.keys(configurationOf(step.task, 'lighteval_args'))).toEqual(['max_samples', 'model_args', 'metric_options', 'tasks']);
    expect(configurationOf(step.task, 'pretask callback')).toEqual({ name: 'setup', code: 'def setup():\n    print("ready")\n' });
  });

  test('settings that would be ignored or overwritten by the script are validation errors', () => {
    const { app, pipeline } = newPipeline();
    new LightEvalStep(pipeline, 'bad', {
      model: 'org/m', suite: LightEvalSuite.preset('aime2025'), vllmArgs: { max_model_len: 4096 }, serverWaitTime: 60,
      modelArgs: { model_name: 'other', dtype: 'bfloat16' }, lightEvalArgs: { tasks: 'lighteval|aime24|0' },
    });
    // @ts-expect-error a LightEvalStep takes a LightEvalSuite only
    new LightEvalStep(pipeline, 'lmeval', { model: 'org/m', suite: EvalSuite.preset('openllm') });
    expect(problemsOf(() => buildManifests(app))).toEqual([
      "[demo/bad] vllmArgs is used only with entrypoint 'litellm' (the vllm entry point runs no server); remove it or set entrypoint: 'litellm'",
      "[demo/bad] serverWaitTime is used only with entrypoint 'litellm' (the vllm entry point runs no server); remove it or set entrypoint: 'litellm'",
      '[demo/bad] modelArgs.model_name is set by the LightEval script itself (vllm entry point); remove it',
      '[demo/bad] lightEvalArgs.tasks has its own prop (suite, modelArgs, metricOptions) or is set by the script; remove it from lightEvalArgs',
      expect.stringContaining('[demo/lmeval] suite is not a LightEvalSuite'),
    ]);
  });
});

describe('PythonCallable', () => {
  test('must define the function it names', () => {
    expect(PythonCallable.fromSource('collate', 'import torch\n\ndef collate(batch):\n    return batch\n').toConfiguration().name).toBe('collate');
    expect(() => PythonCallable.fromSource('collate', 'def other():\n    pass\n')).toThrow(/does not define 'collate' at its top level/);
    expect(() => PythonCallable.fromSource('not-python', 'x')).toThrow(/not a Python identifier/);
    expect(() => PythonCallable.fromFile('does/not/exist.py', 'f')).toThrow(/Cannot read Python callable file 'does\/not\/exist.py'/);
  });
});

describe('placeholders in the new steps\' Args strings', () => {
  test('a ${ in a LightEval base URL, an HPO trial queue or a compression dataset name is refused', () => {
    const { app, pipeline } = newPipeline();
    const q = compress(pipeline, 'q', { datasetName: '${x}' });
    new LightEvalStep(pipeline, 'le', { model: 'org/m', suite: LightEvalSuite.preset('math500'), entrypoint: 'litellm', baseUrl: 'http://${host}/v1' });
    new HpoStep(pipeline, 'h', { baseStep: q, searchSpace: [SearchParameter.discrete('Args/recipe_args/observer', ['mse'])], objective: { title: 't', series: 's', sign: 'max' }, budget: { totalMaxJobs: 1 }, executionQueue: 'q-${n}' });
    const problems = problemsOf(() => buildManifests(app));
    expect(problems).toEqual(expect.arrayContaining([
      expect.stringContaining("[demo/q] props.datasetName is the string '${x}', which contains '${'"),
      expect.stringContaining("[demo/le] props.baseUrl is the string 'http://${host}/v1', which contains '${'"),
      expect.stringContaining("[demo/h] props.executionQueue is the string 'q-${n}', which contains '${'"),
    ]));
  });
});

describe('steps that produce no model', () => {
  test('the outputModel of a LightEval, GuideLLM, Debug or HPO step is refused', () => {
    const { app, pipeline } = newPipeline();
    const le = new LightEvalStep(pipeline, 'le', { model: 'org/m', suite: LightEvalSuite.preset('math500') });
    new LightEvalStep(pipeline, 'fromEval', { model: le.outputModel, suite: LightEvalSuite.preset('aime2025') });
    expect(problemsOf(() => buildManifests(app))).toEqual([
      expect.stringContaining("[demo/fromEval] reference '${le.models.output.-1.id}' uses the output model of 'demo/le' (LightEvalStep), which produces no model"),
    ]);
    const others = [
      new GuideLlmStep(pipeline, 'g', { model: 'org/m', benchmark: GuideLlmBenchmark.preset('benchmarking_chat') }),
      new DebugStep(pipeline, 'd', { seconds: 1 }),
      new HpoStep(pipeline, 'h', { baseStep: le, searchSpace: [SearchParameter.discrete('Args/entrypoint', ['vllm'])], objective: { title: 't', series: 's', sign: 'max' }, budget: { totalMaxJobs: 1 } }),
    ];
    expect(others.map((s) => [s.kind, s.producesModel])).toEqual([['GuideLlmStep', false], ['DebugStep', false], ['HpoStep', false]]);
  });
});
