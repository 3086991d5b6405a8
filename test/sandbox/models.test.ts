import { RunningSandbox } from '../../lib/sandbox/start';
import { Caller, codesOf, started } from './api';

let sandbox: RunningSandbox;
let api: Caller;

beforeAll(async () => {
  ({ sandbox, api } = await started({ queues: ['default', 'gpu-queue'] }));
});
afterAll(() => sandbox.close());

describe('models', () => {
  test('get_all by task and ready, get_by_id, unknown id 400/201', async () => {
    const { id: task } = await api.call('tasks.create', { name: 'model-task', type: 'training' });
    const { id } = await api.call('models.create', { name: 'my-model', task, uri: 's3://m', ready: true });
    await api.call('models.create', { name: 'draft-model', task });
    const { models } = await api.call('models.get_all', { task: [task], ready: true, only_fields: ['name'] });
    expect(models).toEqual([{ id, name: 'my-model' }]);
    expect((await api.call('models.get_by_id', { model: id })).model.uri).toBe('s3://m');
    expect(await codesOf(api.call('models.get_by_id', { model: 'x' }))).toEqual([400, 201]);
  });
});

describe('models and task lifecycles', () => {
  test('input model ids are checked on create (400/201)', async () => {
    expect(await codesOf(api.call('tasks.create', { name: 'bad-input', type: 'training', models: { input: [{ name: 'm', model: 'nope' }] } }))).toEqual([400, 201]);
  });

  test('publish marks the last output model ready; delete removes unused draft output models', async () => {
    const { id: task } = await api.call('tasks.create', { name: 'producer', type: 'training' });
    const { id: draft } = await api.call('models.create', { name: 'draft-out', task });
    const { id: last } = await api.call('models.create', { name: 'final-out', task });
    await api.call('tasks.add_or_update_model', { task, name: 'a', model: draft, type: 'output' });
    await api.call('tasks.add_or_update_model', { task, name: 'b', model: last, type: 'output' });
    await api.call('tasks.completed', { task, force: true });
    await api.call('tasks.publish', { task });
    expect((await api.call('models.get_by_id', { model: last })).model.ready).toBe(true);
    expect((await api.call('models.get_by_id', { model: draft })).model.ready).toBe(false);
    expect(await api.call('tasks.delete', { task, force: true })).toMatchObject({ deleted: true, updated_models: 1, deleted_models: 1 });
    expect(await codesOf(api.call('models.get_by_id', { model: draft }))).toEqual([400, 201]);
    expect((await api.call('models.get_by_id', { model: last })).model.task).toBe(`__DELETED__${task}`);
  });
});
