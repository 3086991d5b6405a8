/**
 * Run names: `run --local` names its run by the rule `pipelines.start_pipeline` applies on a
 * ClearML server (the deployed controller and the new run itself are counted, so the first run is
 * `#2`), so runs started either way number on without gaps or repeats.
 */
import { seedManifest } from '../deploy/seed';
import { RunFixture, startRunFixture } from './run-fixture';

describe('run names', () => {
  let fx: RunFixture;

  beforeEach(async () => {
    fx = await startRunFixture(false);
  });

  afterEach(async () => {
    await fx.close();
  });

  test('local runs and start_pipeline runs, alternately, are #2, #3, #4, #5', async () => {
    const controller = await fx.deploy(seedManifest());
    const { queue } = (await fx.client.call<{ queues: { id: string }[] }>('queues.get_all', { name: '^services$' })).queues.map((q) => ({ queue: q.id }))[0];
    const nameOf = async (id: string): Promise<string> => (await fx.client.call<{ task: { name: string } }>('tasks.get_by_id', { task: id })).task.name;
    const remote = async (): Promise<string> => (await fx.client.call<{ pipeline: string }>('pipelines.start_pipeline', { task: controller, queue })).pipeline;
    const names = [await nameOf(await fx.newRun(controller)), await nameOf(await remote()), await nameOf(await fx.newRun(controller)), await nameOf(await remote())];
    expect(names).toEqual(['my_pipeline #2', 'my_pipeline #3', 'my_pipeline #4', 'my_pipeline #5']);
  });

  test('a local run stays above every number used, even after runs were deleted', async () => {
    const controller = await fx.deploy(seedManifest());
    const runs = [await fx.newRun(controller), await fx.newRun(controller), await fx.newRun(controller)];
    const { task } = await fx.client.call<{ task: { project: string } }>('tasks.get_by_id', { task: runs[0] });
    await fx.client.call('pipelines.delete_runs', { project: task.project, ids: runs.slice(0, 2) });
    const next = await fx.newRun(controller);
    expect((await fx.client.call<{ task: { name: string } }>('tasks.get_by_id', { task: next })).task.name).toBe('my_pipeline #5');
  });
});
