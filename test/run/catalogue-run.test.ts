/**
 * The catalogue's step kinds run in a pipeline: each new example deployed to the sandbox and run
 * by the engine with the sandbox's simulated workers, every step completing and receiving the
 * run-time values (output model ids, task ids, parameters) its node overrides.
 */
import { App } from '../../lib/core/app';
import { buildManifests } from '../../lib/core/synthesizer';
import { PipelineManifest } from '../../lib/manifest/schema';
import { executeRun } from '../../lib/run/engine';
import { buildCompressBenchmarkApp } from '../../examples/compress-benchmark';
import { buildEvalMatrixApp } from '../../examples/eval-matrix';
import { buildHpoApp } from '../../examples/hpo-pipeline';
import { FAST_POLL, RunFixture, startRunFixture } from './run-fixture';

function manifestOf(build: (app: App) => App): PipelineManifest {
  return buildManifests(build(new App({ outdir: 'unused' })))[0];
}

describe('the catalogue step kinds run in a pipeline (simulated workers)', () => {
  let fx: RunFixture;
  beforeAll(async () => {
    fx = await startRunFixture();
  });
  afterAll(async () => fx.close());

  async function runToEnd(manifest: PipelineManifest): Promise<Awaited<ReturnType<RunFixture['steps']>>> {
    const runId = await fx.newRun(await fx.deploy(manifest));
    const outcome = await executeRun(fx.client, runId, { poll: FAST_POLL });
    expect(outcome.snapshot.nodes.map((n) => [n.name, n.status])).toEqual(Object.keys(manifest.steps).sort().map((n) => [n, 'completed']));
    expect(outcome.status).toBe('completed');
    return fx.steps(runId);
  }

  test('compress → GuideLLM: the benchmarks of the compressed model receive its id in Args/model', async () => {
    const steps = await runToEnd(manifestOf(buildCompressBenchmarkApp));
    const model = steps.quantize.models?.output?.[0]?.model;
    expect(model).toMatch(/^[0-9a-f]{32}$/);
    expect(steps.w4a16_chat.hyperparams.Args.model.value).toBe(model);
    expect(steps.baseline_chat.hyperparams.Args.model.value).toBe('meta-llama/Llama-3.2-1B-Instruct');
    expect(steps.quantize.hyperparams.Args.text_samples.value).toBe('512');
  });

  test('eval matrix: each LightEval step receives the model of its own compression', async () => {
    const steps = await runToEnd(manifestOf(buildEvalMatrixApp));
    for (const scheme of ['w4a16', 'fp8']) {
      const model = steps[`${scheme}_compress`].models?.output?.[0]?.model;
      expect(model).toMatch(/^[0-9a-f]{32}$/);
      for (const standard of ['aime2024', 'math500', 'gpqa_diamond']) {
        expect(steps[`${scheme}_${standard}`].hyperparams.Args.model_id.value).toBe(model);
      }
    }
  });

  test('HPO pipeline: the debug step, the fine-tune, then the HPO step on services with the fine-tune\'s task id and the trial queue', async () => {
    // The HPO step's optimizer runs on `services` (as clearml-agent --services-mode runs it): the
    // simulated services agent runs only controllers with the engine and simulates it like a worker.
    const manifest = manifestOf(buildHpoApp);
    expect(manifest.steps.tune.node.queue).toBe('services');
    const steps = await runToEnd(manifest);
    const log = await fx.client.call<{ events: Array<{ msg: string }> }>('events.get_task_log', { task: steps.tune.id });
    expect(log.events.map((e) => e.msg).join('\n')).toMatch(/\[simulated\] simulated-services-agent:\d running 'tune'/);
    expect(steps.queue_check.hyperparams.Args.time_in_sec.value).toBe('10');
    expect(steps.tune.hyperparams.Args.base_task_id.value).toBe(steps.finetune.id);
    expect(steps.tune.hyperparams.Args.execution_queue.value).toBe('oneshot-a100x1');
  });
});
