import { buildManifests } from '../../lib/core/synthesizer';
import { GuideLlmBenchmark } from '../../lib/steps/guidellm-benchmark';
import { GuideLlmStep } from '../../lib/steps/guidellm-step';
import { BENCHMARKING_PRESETS, BenchmarkingPresetName, GUIDELLM_SCENARIOS } from '../../lib/steps/presets/benchmarking';
import { compress, newPipeline } from '../core/fixtures';
import { problemsOf } from '../core/problems';
import { BENCHMARKING_STANDARDS, GUIDELLM_SCENARIO_FILES, GUIDELLM_TASK } from './fixtures/seed-tasks';
import { configurationOf, expectSeedDraft } from './seed-draft';

describe('GuideLlmStep', () => {
  test('every benchmarking preset renders the draft GuideLLMTask(config=<preset>) would, with its scenario file', () => {
    expect(Object.keys(BENCHMARKING_PRESETS).sort()).toEqual(Object.keys(BENCHMARKING_STANDARDS).sort());
    expect([...GUIDELLM_SCENARIOS].sort()).toEqual([...GUIDELLM_SCENARIO_FILES].sort());
    const { pipeline } = newPipeline();
    for (const name of Object.keys(BENCHMARKING_PRESETS) as BenchmarkingPresetName[]) {
      const task = new GuideLlmStep(pipeline, name, { model: 'meta-llama/Llama-3.2-1B-Instruct', benchmark: GuideLlmBenchmark.preset(name) }).renderTask();
      expectSeedDraft(task, { ...GUIDELLM_TASK, configurations: ['GuideLLM', 'environment'] }, { model: ['meta-llama/Llama-3.2-1B-Instruct', 'str'] });
      expect(configurationOf(task, 'GuideLLM')).toEqual({
        target: 'http://localhost:8000/v1', backend: 'aiohttp_server', scenario: name, data_type: 'emulated', data: BENCHMARKING_STANDARDS[name],
      });
      expect(configurationOf(task, 'environment')).toEqual({ GUIDELLM__REQUEST_TIMEOUT: 21600 });
    }
  });

  test('the seed\'s guidellm example: GUIDELLM__* settings in environment, vLLM settings, fed by a compression', () => {
    const { app, pipeline } = newPipeline();
    const q = compress(pipeline, 'q');
    new GuideLlmStep(pipeline, 'bench', {
      model: q.outputModel,
      benchmark: GuideLlmBenchmark.profile({ data: 'prompt_tokens=128,output_tokens=128', scenario: 'benchmarking_32k' }),
      guideLlmArgs: { rate_type: 'throughput', max_seconds: 30 },
      environment: { GUIDELLM__MAX_CONCURRENCY: 256, GUIDELLM__REQUEST_TIMEOUT: 21600 },
      vllmArgs: { 'enable-chunked-prefill': true },
    });
    const step = buildManifests(app)[0].steps.bench;
    expect(step.kind).toBe('GuideLlmStep');
    expect(step.node.parents).toEqual(['q']);
    expect(step.node.parameters).toEqual({ 'Args/model': '${q.models.output.-1.id}' });
    expect(step.task.hyperparams.Args.clearml_model.value).toBe('True');
    expect(configurationOf(step.task, 'GuideLLM')).toEqual({
      target: 'http://localhost:8000/v1', backend: 'aiohttp_server', scenario: 'benchmarking_32k', rate_type: 'throughput', max_seconds: 30,
      data_type: 'emulated', data: 'prompt_tokens=128,output_tokens=128',
    });
    expect(configurationOf(step.task, 'environment')).toEqual({ GUIDELLM__MAX_CONCURRENCY: 256, GUIDELLM__REQUEST_TIMEOUT: 21600 });
    expect(configurationOf(step.task, 'vLLM')).toEqual({ 'enable-chunked-prefill': true });
  });

  test('a benchmark without a scenario file, and settings in the wrong place, are validation errors', () => {
    const { app, pipeline } = newPipeline();
    new GuideLlmStep(pipeline, 'noscenario', { model: 'org/m', benchmark: GuideLlmBenchmark.profile({ data: 'prompt_tokens=1,output_tokens=1' }) });
    new GuideLlmStep(pipeline, 'mixed', {
      model: 'org/m', benchmark: GuideLlmBenchmark.preset('benchmarking_chat'),
      guideLlmArgs: { GUIDELLM__MAX_CONCURRENCY: 8, data: 'x' }, environment: { MAX_CONCURRENCY: 8, GUIDELLM__REQUEST_TIMEOUT: 60 },
    });
    expect(problemsOf(() => buildManifests(app))).toEqual([
      expect.stringMatching(/^\[demo\/noscenario\] no GuideLLM scenario: guidellm_script.py loads standards\/benchmarking\/<scenario>.json and fails without one; set scenario to one of benchmarking_chat, /),
      '[demo/mixed] guideLlmArgs.GUIDELLM__MAX_CONCURRENCY is an environment setting; move it to environment',
      '[demo/mixed] guideLlmArgs.data is already set by the benchmark; set it in one place only',
      '[demo/mixed] environment.MAX_CONCURRENCY does not start with GUIDELLM__; the seed passes only GuideLLM settings this way (other GuideLLM keys go in guideLlmArgs)',
      '[demo/mixed] environment.GUIDELLM__REQUEST_TIMEOUT is already set by the benchmark; set it in one place only',
    ]);
  });
});
