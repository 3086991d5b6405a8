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
