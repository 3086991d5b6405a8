import { executeRun } from '../../lib/run/engine';
import { seedManifest } from '../deploy/seed';
import { FAST_POLL, RunFixture, startRunFixture } from './run-fixture';

describe('the engine runs the seed pipeline against the sandbox with simulated workers', () => {
  let fx: RunFixture;
  afterEach(async () => fx.close());

  test('completes locally; step2 and step3 receive step1 output model id', async () => {
    fx = await startRunFixture();
    const controller = await fx.deploy(seedManifest());
    const runId = await fx.newRun(controller);
    const outcome = await executeRun(fx.client, runId, { poll: FAST_POLL });
    expect(outcome.status).toBe('completed');
    expect(outcome.snapshot.nodes.map((n) => [n.name, n.status])).toEqual([['step1', 'completed'], ['step2', 'completed'], ['step3', 'completed']]);
    const steps = await fx.steps(runId);
    const model = steps.step1.models?.output?.[0]?.model;
    expect(model).toMatch(/^[0-9a-f]{32}$/);
    expect(steps.step2.hyperparams.Args.model_id.value).toBe(model);
    expect(steps.step3.hyperparams.Args.model_id.value).toBe(model);
    const [run] = await fx.client.getAll<{ status: string; configuration: { Pipeline: { value: string } }; runtime: Record<string, string> }>('tasks.get_all', { id: [runId], only_fields: ['status', 'configuration', 'runtime'] }, 'tasks');
    expect(run.status).toBe('completed');
    expect(run.runtime).toEqual({ _pipeline_hash: expect.stringMatching(/^[0-9a-f]{32}:1\.0\.0$/), version: '1.0.0' });
    const dag = JSON.parse(run.configuration.Pipeline.value) as Record<string, { status: string; job_id: string; executed: string }>;
    expect(dag.step2.status).toBe('completed');
    expect(dag.step2.executed).toBe(steps.step2.id);
  });
});
