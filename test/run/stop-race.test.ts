/**
 * A step the engine stopped while it was queued, but that an agent had already popped, may still
 * be started by that agent afterwards (as on a real server: the pop and `tasks.started` are two
 * calls). The engine then asks it to stop again instead of waiting for it forever. The test plays
 * the agent itself, with the sandbox's simulated step, to put the calls in that order.
 */
import { executeRun } from '../../lib/run/engine';
import { simulateStep, PoppedTask } from '../../lib/sandbox/agents/simulated-step';
import { seedManifest } from '../deploy/seed';
import { FAST_POLL, RunFixture, startRunFixture, waitFor } from './run-fixture';

let fx: RunFixture;
afterEach(async () => fx.close());

test('a stopped step started late by its agent is asked to stop again, and the run ends', async () => {
  fx = await startRunFixture(false);
  const queue = (await fx.client.call<{ queues: { id: string }[] }>('queues.get_all', { name: '^oneshot-a100x1$' })).queues[0].id;
  const runId = await fx.newRun(await fx.deploy(seedManifest()));
  const outcome = executeRun(fx.client, runId, { poll: FAST_POLL });
  outcome.catch(() => undefined); // when the test fails first, the engine's end (its client closed) is not a crash
  const ctx = { client: fx.client, worker: 'test-agent', signal: new AbortController().signal, pollMs: 5, modelRoot: 'file:///tmp/models' };
  const pop = async (): Promise<PoppedTask> => {
    let entry: { task: string } | undefined;
    await waitFor(async () => {
      entry = (await fx.client.call<{ entry?: { task: string } }>('queues.get_next_task', { queue })).entry;
      return entry !== undefined;
    }, 'a queued step');
    const [task] = await fx.client.getAll<PoppedTask>('tasks.get_all', { id: [entry?.task], only_fields: ['id', 'name', 'project', 'status', 'script.entry_point', 'configuration'] }, 'tasks');
    return task;
  };
  const status = async (id: string): Promise<{ status: string; status_message?: string }> => (await fx.client.call<{ task: { status: string; status_message?: string } }>('tasks.get_by_id', { task: id })).task;

  await simulateStep(ctx, await pop(), {});
  const [first, second] = [await pop(), await pop()];
  const [failing, late] = first.name === 'step2' ? [first, second] : [second, first];
  // The engine's polls (tasks.get_all) now read the state 300 ms after they were sent: the late
  // start below lands between the engine's stop and its next look at the step.
  fx.sandbox.setFaults({ latencyMs: 300, endpoints: /^tasks\.get_all$/ });
  await simulateStep(ctx, failing, { failWith: 'eval crashed' });
  await waitFor(async () => (await status(late.id)).status === 'stopped', 'the engine to stop the popped step', 20_000);
  await fx.client.call('tasks.started', { task: late.id, status_reason: 'started late by test-agent' });
  // A task started without a worker is stopped at once (no agent to hand the request to).
  await waitFor(async () => (await status(late.id)).status === 'stopped', 'the engine to stop the late step again', 20_000);
  fx.sandbox.setFaults(undefined);
  const ended = await outcome;
  expect(ended.status).toBe('failed');
  expect(ended.snapshot.nodes.map((n) => [n.name, n.status])).toEqual([['step1', 'completed'], ['step2', 'failed'], ['step3', 'aborted']]);
});
