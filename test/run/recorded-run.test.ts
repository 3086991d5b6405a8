/**
 * Runs of pipelines recorded from the real ClearML SDK and the seed's automation package
 * (test/import/fixtures/recorded-*.json), imported and adopted: the engine resolves every kind of
 * reference those tools wrote, on the simulated workers.
 */
import { importPipeline } from '../../lib/import/import';
import { executeRun } from '../../lib/run/engine';
import { loadFixture } from '../import/load-fixture';
import { FAST_POLL, RunFixture, startRunFixture } from './run-fixture';

let fx: RunFixture;
afterEach(async () => fx.close());

test("run --local of the recorded seed pipeline: step2 and step3 get step1's output model", async () => {
  fx = await startRunFixture();
  const ids = await loadFixture(fx.client, 'recorded-seed-pipeline');
  await importPipeline(fx.client, { name: 'my_pipeline', project: 'alexandre_debug', adopt: true });
  const runId = await fx.newRun(ids.get('controller') as string);
  expect((await executeRun(fx.client, runId, { poll: FAST_POLL })).status).toBe('completed');
  const steps = await fx.steps(runId);
  const model = steps.step1.models?.output?.[0]?.model;
  expect(model).toMatch(/^[0-9a-f]{32}$/);
  expect([steps.step2.hyperparams.Args.model_id.value, steps.step3.hyperparams.Args.model_id.value]).toEqual([model, model]);
});

test('run --local of the recorded PipelineController pipeline resolves ${prepare.id}, ${pipeline.lr}, ${train.parameters.Args/lr} and ${train.models.output.-1.id}', async () => {
  // The simulated worker makes an output model for compression scripts only; train.py makes one too.
  fx = await startRunFixture({ bySteps: { train: { outputModel: true } } }, ['services', 'cpu', 'gpu-a100']);
  const ids = await loadFixture(fx.client, 'recorded-sdk-pipeline-controller');
  await importPipeline(fx.client, { name: 'train_pipeline', project: 'vision_team', adopt: true });
  const runId = await fx.newRun(ids.get('controller') as string);
  expect((await executeRun(fx.client, runId, { poll: FAST_POLL })).status).toBe('completed');
  const steps = await fx.steps(runId);
  expect(steps.train.hyperparams.General.dataset_task.value).toBe(steps.prepare.id);
  expect(steps.train.hyperparams.Args.lr.value).toBe('0.001');
  expect(steps.evaluate.hyperparams.Args.lr_used.value).toBe('0.001');
  const model = steps.train.models?.output?.[0]?.model;
  expect(model).toMatch(/^[0-9a-f]{32}$/);
  expect(steps.evaluate.hyperparams.Args.model_id.value).toBe(model);
});
