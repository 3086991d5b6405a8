import { RunningSandbox } from '../../lib/sandbox/start';
import { Caller, basic, codesOf, rawCall, started } from './api';

let sandbox: RunningSandbox;
let api: Caller;

beforeAll(async () => {
  ({ sandbox, api } = await started({}, true));
});
afterAll(() => sandbox.close());

describe('artifacts and model links', () => {
  test('artifacts are upserted by (key, mode) and returned sorted by key', async () => {
    const id = await api.createTask();
    await api.call('tasks.add_or_update_artifacts', { task: id, artifacts: [{ key: 'z', type: 'json', uri: '1' }, { key: 'a', type: 'json', mode: 'input' }] });
    await api.call('tasks.add_or_update_artifacts', { task: id, artifacts: [{ key: 'z', type: 'json', uri: '2' }] });
    const { execution } = await api.getTask(id);
    expect(execution.artifacts.map((a: { key: string; uri?: string }) => `${a.key}:${a.uri ?? ''}`)).toEqual(['a:', 'z:2']);
    expect(await api.call('tasks.delete_artifacts', { task: id, artifacts: [{ key: 'z' }] })).toEqual({ deleted: 1 });
  });

  test('the output model is the last of models.output; completed tasks refuse output writes even with force', async () => {
    const id = await api.createTask();
    await api.call('tasks.add_or_update_model', { task: id, name: 'first', model: 'm1', type: 'output', iteration: 5 });
    await api.call('tasks.add_or_update_model', { task: id, name: 'second', model: 'm2', type: 'output', iteration: 2 });
    const task = await api.getTask(id);
    expect(task.models.output.map((m: { model: string }) => m.model)).toEqual(['m1', 'm2']);
    expect(task.last_iteration).toBe(5);
    await api.call('tasks.completed', { task: id, force: true });
    expect(await codesOf(api.call('tasks.add_or_update_model', { task: id, name: 'x', model: 'm3', type: 'output', force: true }))).toEqual([400, 110]);
  });
});

describe('move, update_tags and batch forms', () => {
  test('move by project_name creates the project; update_tags adds and removes', async () => {
    const id = await api.createTask({ tags: ['old'] });
    const { project_id: projectId } = await api.call('tasks.move', { ids: [id], project_name: 'moved/here' });
    expect((await api.getTask(id)).project).toBe(projectId);
    await api.call('tasks.update_tags', { ids: [id], add_tags: ['new'], remove_tags: ['old'] });
    expect((await api.getTask(id)).tags).toEqual(['new']);
  });

  test('enqueue_many and stop_many report per item', async () => {
    const [a, b] = [await api.createTask(), await api.createTask()];
    await api.call('tasks.completed', { task: b, force: true });
    const result = await api.call('tasks.enqueue_many', { ids: [a, b], queue_name: 'services' });
    expect(result.succeeded.map((s: { id: string; queued: number }) => [s.id, s.queued])).toEqual([[a, 1]]);
    expect(result.failed[0]).toMatchObject({ id: b, error: { codes: [400, 110] } });
    const stopped = await api.call('tasks.stop_many', { ids: [a] });
    expect(stopped.succeeded[0]).toMatchObject({ id: a, fields: { status: 'stopped' } });
  });

  test('stop of a running task with a worker only asks it to stop; without one it stops at once', async () => {
    const id = await api.createTask();
    const startedReply = await rawCall(sandbox.url, 'tasks.started', { task: id }, { authorization: basic(sandbox), headers: { 'x-clearml-worker': 'gpu-box:0' } });
    expect(startedReply.status).toBe(200);
    expect((await api.getTask(id)).last_worker).toBe('gpu-box:0');
    expect(await api.call('tasks.stop', { task: id })).toEqual({ updated: 1, fields: { status_message: 'stopping' } });
    expect((await api.getTask(id)).status).toBe('in_progress');
    const local = await api.createTask();
    await api.call('tasks.started', { task: local });
    expect((await api.call('tasks.stop', { task: local })).fields).toMatchObject({ status: 'stopped', status_message: expect.stringMatching(/^Stopped by /) });
    expect(await codesOf(api.call('tasks.stop', { task: await api.createTask() }))).toEqual([400, 110]);
  });

  test('time filters on get_all', async () => {
    const before = (await api.getTask(await api.createTask())).last_update;
    const after = await api.createTask({ name: 'after-mark' });
    const { tasks } = await api.call('tasks.get_all', { last_update: [`>${before}`], only_fields: ['name'] });
    expect(tasks).toEqual([{ id: after, name: 'after-mark' }]);
  });
});
