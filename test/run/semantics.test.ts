import { startRun } from '../../lib/deploy/run';
import { executeRun } from '../../lib/run/engine';
import { seedManifest } from '../deploy/seed';
import { fanOut, parameterizedSeed } from './pipelines';
import { FAST_POLL, RunFixture, startRunFixture, waitFor } from './run-fixture';

describe('run semantics (sandbox, simulated workers, real HTTP)', () => {
  let fx: RunFixture;
  afterEach(async () => fx.close());

  test('a pipeline parameter given for the run reaches the step that references it', async () => {
    fx = await startRunFixture();
    const runId = await fx.newRun(await fx.deploy(parameterizedSeed()), [{ name: 'text_samples', value: '64' }]);
    expect((await executeRun(fx.client, runId, { poll: FAST_POLL })).status).toBe('completed');
    expect((await fx.steps(runId)).step1.hyperparams.Args.text_samples.value).toBe('64');
  });

  test('a failing step1 skips step2 and step3 and fails the run', async () => {
    fx = await startRunFixture({ bySteps: { step1: { failWith: 'CUDA out of memory' } } });
    const runId = await fx.newRun(await fx.deploy(seedManifest()));
    const outcome = await executeRun(fx.client, runId, { poll: FAST_POLL });
    expect(outcome.status).toBe('failed');
    expect(outcome.reason).toContain("step 'step1' failed");
    expect(outcome.snapshot.nodes.map((n) => n.status)).toEqual(['failed', 'skipped', 'skipped']);
    expect(outcome.snapshot.nodes[0].message).toBe('CUDA out of memory');
    expect(Object.keys(await fx.steps(runId))).toEqual(['step1']);
  });

  test('without continueOnFail a failed step stops its running sibling; with it the sibling finishes and the run completes', async () => {
    // step3 outlives the test unless it is stopped: only the stop can end it (no race with its own end, whatever the load).
    fx = await startRunFixture({ bySteps: { step2: { failWith: 'eval crashed' }, step3: { durationMs: 600_000 } } });
    const stopped = await executeRun(fx.client, await fx.newRun(await fx.deploy(parameterizedSeed())), { poll: FAST_POLL });
    expect(stopped.status).toBe('failed');
    expect(stopped.snapshot.nodes.map((n) => [n.name, n.status])).toEqual([['step1', 'completed'], ['step2', 'failed'], ['step3', 'aborted']]);
    await fx.close();
    fx = await startRunFixture({ bySteps: { step2: { failWith: 'eval crashed' }, step3: { durationMs: 400 } } });
    const kept = await executeRun(fx.client, await fx.newRun(await fx.deploy(parameterizedSeed({ continueOnFail: true }))), { poll: FAST_POLL });
    expect(kept.status).toBe('completed');
    expect(kept.snapshot.nodes.map((n) => [n.name, n.status])).toEqual([['step1', 'completed'], ['step2', 'failed'], ['step3', 'completed']]);
  });

  test('an unresolvable reference fails that step with a message naming it', async () => {
    fx = await startRunFixture({ bySteps: { step1: { outputModel: false } } });
    const outcome = await executeRun(fx.client, await fx.newRun(await fx.deploy(seedManifest())), { poll: FAST_POLL });
    expect(outcome.status).toBe('failed');
    expect(outcome.snapshot.nodes[1].message).toContain('${step1.models.output.-1.id}');
    expect(outcome.snapshot.nodes[1].message).toContain('no output model');
  });

  test('the services agent runs a run started like the web UI (pipelines.start_pipeline)', async () => {
    fx = await startRunFixture();
    const manifest = seedManifest();
    await fx.deploy(manifest);
    const run = await startRun(fx.client, manifest, [], 'services');
    await waitFor(async () => {
      const [task] = await fx.client.getAll<{ status: string }>('tasks.get_all', { id: [run.runId], only_fields: ['status'] }, 'tasks');
      return task.status === 'completed';
    }, 'the run to complete');
    const steps = await fx.steps(run.runId);
    expect(Object.values(steps).map((s) => s.status)).toEqual(['completed', 'completed', 'completed']);
    const { workers } = await fx.client.call<{ workers: Array<{ id: string }> }>('workers.get_all', {});
    expect(workers.map((w) => w.id)).toContain('simulated-services-agent:0');
  });

  test('a 100-step fan-out / fan-in pipeline completes, each step launched once', async () => {
    fx = await startRunFixture();
    const runId = await fx.newRun(await fx.deploy(fanOut(98)));
    const outcome = await executeRun(fx.client, runId, { poll: FAST_POLL });
    expect(outcome.status).toBe('completed');
    expect(outcome.snapshot.nodes).toHaveLength(100);
    expect(Object.keys(await fx.steps(runId))).toHaveLength(100);
  });
});
