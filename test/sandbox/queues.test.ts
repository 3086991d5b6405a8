import { RunningSandbox, startSandbox } from '../../lib/sandbox/start';
import { Caller, codesOf, login, started } from './api';

let sandbox: RunningSandbox;
let api: Caller;

beforeAll(async () => {
  ({ sandbox, api } = await started({ queues: ['default', 'gpu-queue'] }));
});
afterAll(() => sandbox.close());

describe('queues', () => {
  test('start-up queues exist; default carries the default tag', async () => {
    const { queues } = await api.call('queues.get_all', { only_fields: ['name', 'system_tags'], order_by: ['name'] });
    expect(queues.map((q: { name: string }) => q.name)).toEqual(['default', 'gpu-queue']);
    expect(await api.call('queues.get_default')).toEqual({ id: queues[0].id, name: 'default' });
  });

  test('a sandbox started without queues creates the default queue', async () => {
    const bare = await startSandbox();
    try {
      const caller = await login(bare);
      expect((await caller.call('queues.get_default')).name).toBe('default');
    } finally {
      await bare.close();
    }
  });

  test('get_by_id of an unknown id (the SDK name lookup) is 400/701 with data {}', async () => {
    const r = await api.reply('queues.get_by_id', { queue: 'gpu-queue' });
    expect([r.status, r.json.meta.result_subcode, r.json.data]).toEqual([400, 701, {}]);
    const { queues: [byName] } = await api.call('queues.get_all', { name: '^gpu\\-queue$', only_fields: ['id'] });
    expect((await api.call('queues.get_by_id', { queue: byName.id })).queue.name).toBe('gpu-queue');
  });

  test('names are unique (400/801) and at least 3 characters (400/800)', async () => {
    expect(await codesOf(api.call('queues.create', { name: 'gpu-queue' }))).toEqual([400, 801]);
    expect(await codesOf(api.call('queues.create', { name: 'ab' }))).toEqual([400, 800]);
  });

  test('delete of a non-empty queue needs force (400/702); get_next_task pops the head', async () => {
    const { id: queue } = await api.call('queues.create', { name: 'work-queue' });
    const { id: task } = await api.call('tasks.create', { name: 'queued-task', type: 'training' });
    await api.call('tasks.enqueue', { task, queue });
    expect(await codesOf(api.call('queues.delete', { queue }))).toEqual([400, 702]);
    expect(await api.call('queues.get_next_task', { queue })).toMatchObject({ entry: { task } });
    expect(await api.call('queues.get_next_task', { queue })).toEqual({});
    expect(await api.call('queues.delete', { queue })).toEqual({ deleted: 1 });
  });
});
