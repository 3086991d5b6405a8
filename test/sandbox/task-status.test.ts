import { request } from 'undici';
import { ALLOWED_TRANSITIONS, checkTransition } from '../../lib/sandbox/task-status';
import { RunningSandbox } from '../../lib/sandbox/start';
import { Caller, codesOf, started } from './api';

let sandbox: RunningSandbox;
let api: Caller;

beforeAll(async () => {
  ({ sandbox, api } = await started({}, true));
});
afterAll(() => sandbox.close());

async function queueId(name: string): Promise<string> {
  const { queues } = await api.call('queues.get_all', { name: `^${name}$` });
  return queues[0].id;
}

async function gate(hold: boolean): Promise<number> {
  const res = await request(`${sandbox.url}/_sandbox/status-gate`, { method: 'POST', body: JSON.stringify({ hold }) });
  return ((await res.body.json()) as { waiting: number }).waiting;
}

describe('status machine', () => {
  test('the transition table matches the reference, with force and same-status overrides', () => {
    expect(ALLOWED_TRANSITIONS.published).toEqual([]);
    expect(() => checkTransition('completed', 'queued', false)).toThrow(expect.objectContaining({ subcode: 110 }));
    expect(() => checkTransition('completed', 'queued', true)).not.toThrow();
    expect(() => checkTransition('published', 'published', false)).not.toThrow();
  });

  test('started, completed and an illegal transition (400/110) over HTTP', async () => {
    const id = await api.createTask();
    const started1 = await api.call('tasks.started', { task: id, status_message: 'go' });
    expect(started1).toMatchObject({ updated: 1, fields: { status: 'in_progress', status_message: 'go' } });
    await api.call('tasks.completed', { task: id });
    const task = await api.getTask(id);
    expect(task).toMatchObject({ status: 'completed', started: expect.any(String), completed: expect.any(String) });
    expect(await codesOf(api.call('tasks.enqueue', { task: id, queue_name: 'services' }))).toEqual([400, 110]);
    expect(await codesOf(api.call('tasks.failed', { task: id }))).toEqual([400, 110]);
    await api.call('tasks.failed', { task: id, force: true });
    expect((await api.getTask(id)).status).toBe('failed');
  });

  test('status changes are compare-and-swap: the loser of a race gets 400/121', async () => {
    const id = await api.createTask();
    const waitFor = async (n: number): Promise<void> => {
      while ((await gate(true)) < n) {
        await new Promise((resolve) => setImmediate(resolve));
      }
    };
    await gate(true);
    const first = api.reply('tasks.started', { task: id });
    await waitFor(1);
    const second = api.reply('tasks.failed', { task: id, force: true });
    await waitFor(2);
    await gate(false);
    const [a, b] = await Promise.all([first, second]);
    expect(a.status).toBe(200);
    expect([b.status, b.json.meta.result_subcode, b.json.meta.error_data]).toEqual([400, 121, { task_id: id, current_status: 'in_progress', new_status: 'failed' }]);
  });
});

describe('queueing', () => {
  test('enqueue by queue_name strips development, records the queue, and dequeue restores the status', async () => {
    const id = await api.createTask({ system_tags: ['development', 'keep'] });
    const result = await api.call('tasks.enqueue', { task: id, queue_name: 'services' });
    const services = await queueId('services');
    expect(result).toMatchObject({ queued: 1, updated: 1, fields: { status: 'queued', enqueue_status: 'created', 'execution.queue': services } });
    const task = await api.getTask(id);
    expect(task).toMatchObject({ status: 'queued', system_tags: ['keep'], execution: { queue: services } });
    expect(task.enqueue_status).toBeUndefined();
    expect(await api.call('queues.get_num_entries', { queue: services })).toEqual({ num: 1 });
    expect(await codesOf(api.call('tasks.enqueue', { task: id, queue: services }))).toEqual([400, 706]);
    const { tasks: [row] } = await api.call('tasks.get_all', { id: [id], only_fields: ['enqueue_status'] });
    expect(row.enqueue_status).toBe('created');
    expect(await api.call('tasks.dequeue', { task: id })).toMatchObject({ dequeued: 1, updated: 1, fields: { status: 'created' } });
    expect(await api.call('queues.get_num_entries', { queue: services })).toEqual({ num: 0 });
  });

  test('queue_name creates a missing queue; no queue means the default one; unknown id is 400/701', async () => {
    await api.call('tasks.enqueue', { task: await api.createTask(), queue_name: 'brand-new' });
    expect(await queueId('brand-new')).toMatch(/^[0-9a-f]{32}$/);
    const { fields } = await api.call('tasks.enqueue', { task: await api.createTask() });
    expect(fields['execution.queue']).toBe((await api.call('queues.get_default')).id);
    expect(await codesOf(api.call('tasks.enqueue', { task: await api.createTask(), queue: 'f'.repeat(32) }))).toEqual([400, 701]);
    expect(await codesOf(api.call('tasks.enqueue', { task: await api.createTask(), queue: 'x', queue_name: 'y' }))).toEqual([400, 12]);
  });

  test('reset clears the run and dequeues; published needs force', async () => {
    const id = await api.createTask();
    await api.call('tasks.enqueue', { task: id, queue_name: 'services' });
    await api.call('tasks.started', { task: id });
    await api.call('tasks.edit', { task: id, force: true, runtime: { a: 1 } });
    await api.call('tasks.reset', { task: id });
    const task = await api.getTask(id);
    expect(task).toMatchObject({ status: 'created', runtime: {} });
    expect(task.started).toBeUndefined();
    expect(task.execution.queue).toBeUndefined();
    const published = await api.createTask();
    await api.call('tasks.completed', { task: published, force: true });
    await api.call('tasks.publish', { task: published });
    expect(await codesOf(api.call('tasks.reset', { task: published }))).toEqual([400, 110]);
    await api.call('tasks.reset', { task: published, force: true });
  });
});

describe('archive and delete', () => {
  test('archive_many and unarchive_many report per item; archiving a queued task dequeues it', async () => {
    const id = await api.createTask();
    await api.call('tasks.enqueue', { task: id, queue_name: 'services' });
    const result = await api.call('tasks.archive_many', { ids: [id, 'missing'] });
    expect(result.succeeded).toEqual([{ id, archived: true }]);
    expect(result.failed[0]).toMatchObject({ id: 'missing', error: { codes: [400, 101] } });
    expect(await api.getTask(id)).toMatchObject({ status: 'created', system_tags: ['archived'] });
    expect((await api.call('tasks.unarchive_many', { ids: [id] })).succeeded).toEqual([{ id, unarchived: true }]);
    expect(await codesOf(api.call('tasks.archive_many', { ids: [] }))).toEqual([400, 12]);
  });

  test('delete needs created or archived unless force (400/123) and orphans children', async () => {
    const parent = await api.createTask();
    const child = await api.createTask({ parent });
    await api.call('tasks.started', { task: parent });
    expect(await codesOf(api.call('tasks.delete', { task: parent }))).toEqual([400, 123]);
    await api.call('tasks.archive', { tasks: [parent] });
    expect((await api.getTask(parent)).status).toBe('stopped');
    expect(await api.call('tasks.delete', { task: parent })).toMatchObject({ deleted: true, updated_children: 1 });
    expect((await api.getTask(child)).parent).toBe(`__DELETED__${parent}`);
    expect(await codesOf(api.call('tasks.get_by_id', { task: parent }))).toEqual([400, 101]);
  });
});
