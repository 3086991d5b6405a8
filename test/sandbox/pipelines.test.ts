import { RunningSandbox } from '../../lib/sandbox/start';
import { Caller, codesOf, started } from './api';

let sandbox: RunningSandbox;
let api: Caller;

beforeAll(async () => {
  ({ sandbox, api } = await started({ queues: ['default', 'gpu-queue'] }, true));
});
afterAll(() => sandbox.close());

describe('pipelines.start_pipeline', () => {
  test('clones the controller, overrides Args, names the run #N and enqueues it', async () => {
    const { id: project } = await api.call('projects.create', { name: 'demo/.pipelines/flow', system_tags: ['hidden', 'pipeline'] });
    const { id: controller } = await api.call('tasks.create', {
      name: 'flow', type: 'controller', project, system_tags: ['pipeline'],
      hyperparams: { Args: { model: { value: 'a' }, steps: { value: '1' } } },
    });
    const queue = (await api.call('queues.get_all', { name: '^gpu-queue$' })).queues[0].id;
    const run = await api.call('pipelines.start_pipeline', { task: controller, queue, args: [{ name: 'model', value: 'b' }] });
    expect(run).toEqual({ pipeline: expect.stringMatching(/^[0-9a-f]{32}$/), enqueued: true });
    const { task } = await api.call('tasks.get_by_id', { task: run.pipeline });
    expect(task).toMatchObject({
      name: 'flow #2', status: 'queued', status_message: 'Starting pipeline', parent: controller, type: 'controller',
      hyperparams: { Args: { model: { value: 'b' }, steps: { value: '1' } } }, execution: { queue },
    });
    // As on a ClearML server, the count includes the controller and the new run (saved before it is
    // counted, with the controller's `pipeline` system tag): the first run is #2, the next #3.
    const next = await api.call('pipelines.start_pipeline', { task: controller, queue });
    expect((await api.call('tasks.get_by_id', { task: next.pipeline })).task.name).toBe('flow #3');
    expect(await codesOf(api.call('pipelines.start_pipeline', { task: controller }))).toEqual([400, 12]);
  });
});

describe('pipelines.delete_runs', () => {
  test('deletes controller runs with their steps, ignores other ids, keeps the last run', async () => {
    const { id: project } = await api.call('projects.create', { name: 'runs/.pipelines/p' });
    const controller = async (): Promise<string> => (await api.call('tasks.create', { name: 'ctl', type: 'controller', project })).id;
    const [a, b] = [await controller(), await controller()];
    const { id: step } = await api.call('tasks.create', { name: 'step', type: 'training', parent: a });
    const { id: other } = await api.call('tasks.create', { name: 'other', type: 'training', project });
    const result = await api.call('pipelines.delete_runs', { project, ids: [a, other] });
    expect(result.succeeded).toEqual([{ id: a, deleted: true, updated_children: 0, updated_models: 0, deleted_models: 0, urls: null }]);
    expect(await codesOf(api.call('tasks.get_by_id', { task: step }))).toEqual([400, 101]);
    expect((await api.call('tasks.get_by_id', { task: other })).task.id).toBe(other);
    expect(await codesOf(api.call('pipelines.delete_runs', { project, ids: [b] }))).toEqual([400, 160]);
  });
});
