import { RunningSandbox } from '../../lib/sandbox/start';
import { Caller, codesOf, started } from './api';

let sandbox: RunningSandbox;
let api: Caller;

beforeAll(async () => {
  ({ sandbox, api } = await started({ queues: ['default', 'gpu-queue'] }, true));
});
afterAll(() => sandbox.close());

async function runningTask(): Promise<string> {
  const { id } = await api.call('tasks.create', { name: 'train', type: 'training' });
  await api.call('tasks.started', { task: id });
  return id;
}

describe('models written while a task runs (what OutputModel.update_weights sends)', () => {
  test('models.create, tasks.add_or_update_model, models.edit: the task lists the model, the model has its URI', async () => {
    const task = await runningTask();
    const { id: model } = await api.call('models.create', { name: 'Anonymous model', uri: 'file:///tmp/uploading_file', labels: {} });
    await api.call('tasks.add_or_update_model', { task, name: 'output', type: 'output', model });
    const edited = await api.call('models.edit', { model, uri: 'file:///tmp/m/model.safetensors', name: 'quantized', task, framework: 'PyTorch', iteration: 3 });
    expect(edited.updated).toBe(1);
    const { model: stored } = await api.call('models.get_by_id', { model });
    expect(stored).toMatchObject({ uri: 'file:///tmp/m/model.safetensors', name: 'quantized', task, framework: 'PyTorch', last_iteration: 3, ready: false });
    expect((await api.call('tasks.get_by_id', { task })).task.models.output).toEqual([expect.objectContaining({ name: 'output', model })]);
  });

  test('models.update changes the light fields; set_ready publishes; a ready model refuses edits unless forced', async () => {
    const { id: model } = await api.call('models.create', { name: 'a model', uri: 'file:///x' });
    await api.call('models.update', { model, comment: 'hello', tags: ['b', 'a'] });
    expect((await api.call('models.set_ready', { model })).updated).toBe(1);
    const { model: stored } = await api.call('models.get_by_id', { model });
    expect(stored).toMatchObject({ comment: 'hello', tags: ['a', 'b'], ready: true });
    expect(await codesOf(api.call('models.edit', { model, uri: 'file:///y' }))).toEqual([400, 203]);
    expect((await api.call('models.edit', { model, uri: 'file:///y', force: true })).updated).toBe(1);
  });

  test('models.update_for_task creates the output model of a running task, then updates it', async () => {
    const task = await runningTask();
    const first = await api.call('models.update_for_task', { task, uri: 'file:///a', name: 'out' });
    expect(first).toMatchObject({ created: true, updated: 1 });
    const second = await api.call('models.update_for_task', { task, uri: 'file:///b', override_model_id: first.id });
    expect(second).toMatchObject({ id: first.id, created: false });
    expect((await api.call('models.get_by_id', { model: first.id })).model.uri).toBe('file:///b');
    expect((await api.call('tasks.get_by_id', { task })).task.models.output).toEqual([expect.objectContaining({ model: first.id })]);
  });
});

describe('workers', () => {
  test('register, status_report with a task, get_all, unregister', async () => {
    const queue = (await api.call('queues.get_all', { name: '^gpu-queue$' })).queues[0].id;
    const task = await runningTask();
    await api.call('workers.register', { worker: 'simulated-worker:test', queues: [queue], timeout: 60 });
    await api.call('workers.status_report', { worker: 'simulated-worker:test', task, timestamp: Date.now() });
    const { workers } = await api.call('workers.get_all', {});
    expect(workers).toEqual([expect.objectContaining({ id: 'simulated-worker:test', task: { id: task, name: 'train' }, queues: [{ id: queue, name: 'gpu-queue' }] })]);
    await api.call('workers.unregister', { worker: 'simulated-worker:test' });
    expect((await api.call('workers.get_all', {})).workers).toEqual([]);
    expect(await codesOf(api.call('workers.status_report', { worker: 'unknown' }))).toEqual([400, 1001]);
  });
});

describe('pipelines.start_pipeline replaces each overridden Args item whole, like the real server', () => {
  test('the type and description of an overridden item are gone; other items are untouched', async () => {
    const { id: project } = await api.call('projects.create', { name: 'fid/.pipelines/pipe', system_tags: ['hidden', 'pipeline'] });
    const { id: controller } = await api.call('tasks.create', {
      name: 'pipe', type: 'controller', project, system_tags: ['pipeline'],
      hyperparams: { Args: { n: { value: '1', type: 'int', description: 'count' }, m: { value: 'x', type: 'str' } } },
    });
    const queue = (await api.call('queues.get_all', { name: '^gpu-queue$' })).queues[0].id;
    const run = await api.call('pipelines.start_pipeline', { task: controller, queue, args: [{ name: 'n', value: '5' }] });
    const { task } = await api.call('tasks.get_by_id', { task: run.pipeline });
    expect(task.hyperparams.Args).toEqual({ n: { section: 'Args', name: 'n', value: '5' }, m: { section: 'Args', name: 'm', value: 'x', type: 'str' } });
  });
});

describe('events.scalar_metrics_iter_histogram', () => {
  test('is served (a controller with metric monitors calls it): no scalars aggregated yet is an empty answer, not a 404', async () => {
    const task = await runningTask();
    expect(await api.call('events.scalar_metrics_iter_histogram', { task })).toEqual({});
  });
});
