/**
 * A pipeline made by the seed's automation package, imported and adopted, then run: the engine
 * reads the seed controller's `Steps` (there is no `Pipeline` configuration until a controller
 * runs), launches the steps on the simulated workers and writes the `Pipeline` state back, as the
 * seed's controller script does through PipelineController.
 */
import { deploy } from '../../lib/deploy/deploy';
import { needsClonedRun, startClonedRun } from '../../lib/cli/start-cloned-run';
import { importPipeline } from '../../lib/import/import';
import { executeRun } from '../../lib/run/engine';
import { recentRuns } from '../../lib/run/status';
import { seedManifest } from '../deploy/seed';
import { loadFixture } from '../import/load-fixture';
import { FAST_POLL, RunFixture, startRunFixture, waitFor } from './run-fixture';

interface RunRow { id: string; name: string; status: string; system_tags: string[]; configuration: Record<string, { value: string }> }

let fx: RunFixture;
afterEach(async () => fx.close());

async function adoptedSeedPipeline(): Promise<{ ids: Map<string, string>; manifest: Awaited<ReturnType<typeof importPipeline>>['manifest'] }> {
  const ids = await loadFixture(fx.client, 'seed-pipeline');
  const { manifest } = await importPipeline(fx.client, { name: 'my_pipeline', project: 'alexandre_debug', adopt: true });
  return { ids, manifest };
}

async function runRow(runId: string): Promise<RunRow> {
  const [row] = await fx.client.getAll<RunRow>('tasks.get_all', { id: [runId], only_fields: ['id', 'name', 'status', 'system_tags', 'configuration'] }, 'tasks');
  return row;
}

test('run --local of an adopted seed pipeline: the steps run from Steps, step2 and step3 get step1 output model', async () => {
  fx = await startRunFixture();
  const { ids } = await adoptedSeedPipeline();
  const runId = await fx.newRun(ids.get('controller') as string);
  const outcome = await executeRun(fx.client, runId, { poll: FAST_POLL });
  expect(outcome.status).toBe('completed');
  const steps = await fx.steps(runId);
  const model = steps.step1.models?.output?.[0]?.model;
  expect(model).toMatch(/^[0-9a-f]{32}$/);
  expect([steps.step2.hyperparams.Args.model_id.value, steps.step3.hyperparams.Args.model_id.value]).toEqual([model, model]);
  const run = await runRow(runId);
  expect(run.name).toBe('my_pipeline #2');
  expect(run.system_tags).toContain('pipeline');
  const dag = JSON.parse(run.configuration.Pipeline.value) as Record<string, { status: string; base_task_id: string }>;
  expect([dag.step1.base_task_id, dag.step3.status]).toEqual([ids.get('step1_draft'), 'completed']);
});

test('run of an adopted seed pipeline: cloned as my_pipeline #N, enqueued on services, driven by the simulated services agent', async () => {
  fx = await startRunFixture();
  const { manifest } = await adoptedSeedPipeline();
  expect((await deploy(fx.client, [manifest])).noChanges).toBe(true);
  // The server's start_pipeline would name the run after the project ('alexandre_debug').
  expect(needsClonedRun(manifest)).toBe(true);
  const { runId } = await startClonedRun(fx.client, manifest, [], 'services');
  await waitFor(async () => ['completed', 'failed', 'stopped'].includes((await runRow(runId)).status), 'the run to end');
  const run = await runRow(runId);
  expect([run.status, run.name]).toEqual(['completed', 'my_pipeline #2']);
  expect(Object.keys(await fx.steps(runId)).sort()).toEqual(['step1', 'step2', 'step3']);
  const second = await startClonedRun(fx.client, manifest, [], 'services');
  await waitFor(async () => (await runRow(second.runId)).status === 'completed', 'the second run to end');
  expect((await runRow(second.runId)).name).toBe('my_pipeline #3');
  const runs = await recentRuns(fx.client, second.projectId as string, second.controllerId);
  expect(runs.map((r) => `${r.name} ${r.status}`)).toEqual(['my_pipeline #3 completed', 'my_pipeline #2 completed']);
});

test('a native controller still starts through pipelines.start_pipeline', () => {
  expect(needsClonedRun(seedManifest())).toBe(false);
});
