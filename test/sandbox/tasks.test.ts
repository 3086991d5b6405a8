import { RunningSandbox } from '../../lib/sandbox/start';
import { Caller, codesOf, started } from './api';

let sandbox: RunningSandbox;
let api: Caller;
let project: string;

beforeAll(async () => {
  ({ sandbox, api } = await started());
  project = (await api.call('projects.create', { name: 'tasks-test' })).id;
});
afterAll(() => sandbox.close());

function createTask(body: Record<string, unknown> = {}): Promise<string> {
  return api.createTask({ project, ...body });
}

describe('tasks.create', () => {
  test('fills server fields and defaults, ignores unknown fields and status', async () => {
    const id = await createTask({
      name: '  nightly  ', status: 'completed', unknown_field: 1, tags: ['b', 'a'], output_dest: 's3://b',
      hyperparams: { Args: { lr: { value: 0.1 } } }, configuration: { General: { value: '{}' } }, script: { repository: 'r' },
    });
    const task = await api.getTask(id);
    expect(task).toMatchObject({
      id, name: 'nightly', status: 'created', type: 'training', project, tags: ['a', 'b'], last_iteration: 0,
      output: { destination: 's3://b' }, script: { binary: 'python', repository: 'r' }, execution: { test_split: 0 },
      hyperparams: { Args: { lr: { section: 'Args', name: 'lr', value: '0.1' } } }, configuration: { General: { name: 'General', value: '{}' } },
    });
    expect(task.unknown_field).toBeUndefined();
    expect(task.last_update).toBe(task.created);
  });

  test('name shorter than 3 is 400/800; missing name 400/12; bad project or parent 400/16', async () => {
    expect(await codesOf(api.call('tasks.create', { name: 'ab', type: 'training' }))).toEqual([400, 800]);
    expect(await codesOf(api.call('tasks.create', { type: 'training' }))).toEqual([400, 12]);
    expect(await codesOf(createTask({ project: 'f'.repeat(32) }))).toEqual([400, 16]);
    expect(await codesOf(createTask({ parent: 'f'.repeat(32) }))).toEqual([400, 16]);
  });

  test('unknown task id is 400/101', async () => {
    expect(await codesOf(api.call('tasks.get_by_id', { task: 'nope' }))).toEqual([400, 101]);
  });
});

describe('tasks.get_all', () => {
  let ids: Record<string, string>;
  beforeAll(async () => {
    const p = (await api.call('projects.create', { name: 'filter-test' })).id;
    const parent = await createTask({ name: 'root-task', project: p });
    ids = {
      parent,
      a: await createTask({ name: 'alpha', project: p, tags: ['x'], parent }),
      b: await createTask({ name: 'beta', project: p, tags: ['x', 'y'], type: 'testing' }),
      h: await createTask({ name: 'hidden-one', project: p, system_tags: ['hidden'] }),
      z: await createTask({ name: 'archived-one', project: p, system_tags: ['archived'] }),
    };
    ids.p = p;
  });

  async function found(body: Record<string, unknown>): Promise<string[]> {
    const { tasks } = await api.call('tasks.get_all', { project: [ids.p], only_fields: ['name'], order_by: ['name'], ...body });
    return tasks.map((t: { name: string }) => t.name);
  }

  test('hidden tasks need search_hidden or an id filter; archived ones are returned', async () => {
    expect(await found({})).toEqual(['alpha', 'archived-one', 'beta', 'root-task']);
    expect(await found({ search_hidden: true })).toContain('hidden-one');
    expect(await found({ id: [ids.h] })).toEqual(['hidden-one']);
    expect(await found({ system_tags: ['-archived'] })).toEqual(['alpha', 'beta', 'root-task']);
  });

  test('list filters with -, __$all, __$any, __$not and null parent', async () => {
    expect(await found({ tags: ['__$all', 'x', 'y'] })).toEqual(['beta']);
    expect(await found({ tags: ['__$any', 'y', 'nothing'] })).toEqual(['beta']);
    expect(await found({ tags: ['x', '-y'] })).toEqual(['alpha']);
    expect(await found({ tags: ['__$not', 'x'] })).toEqual(['archived-one', 'root-task']);
    expect(await found({ type: 'testing' })).toEqual(['beta']);
    expect(await found({ parent: [ids.parent] })).toEqual(['alpha']);
    expect(await found({ parent: [null] })).toEqual(['archived-one', 'beta', 'root-task']);
    // any non-empty id filter lifts the hidden rule, even an exclusion
    expect(await found({ id: [`-${ids.a}`], status: ['created'] })).toEqual(['archived-one', 'beta', 'hidden-one', 'root-task']);
    expect(await found({ name: '^(alpha|beta)$' })).toEqual(['alpha', 'beta']);
    expect(await found({ filters: { tags: { all: { include: ['x'], exclude: ['y'] } } } })).toEqual(['alpha']);
    expect(await found({ search_text: 'ETA' })).toEqual(['beta']);
  });

  test('only_fields with dotted paths and -field exclusion; order_by -last_update', async () => {
    const { tasks: [row] } = await api.call('tasks.get_all', { id: [ids.a], only_fields: ['script.binary', 'name'] });
    expect(row).toEqual({ id: ids.a, name: 'alpha', script: { binary: 'python' } });
    const { tasks: [full] } = await api.call('tasks.get_all', { id: [ids.a], only_fields: ['-script'] });
    expect(full.script).toBeUndefined();
    expect(full.name).toBe('alpha');
    await api.call('tasks.edit', { task: ids.b, comment: 'touch', script: { branch: 'x' } });
    expect((await found({ order_by: ['-last_update'] }))[0]).toBe('beta');
  });

  test('paging caps page_size at 500, and scroll walks everything', async () => {
    const p = (await api.call('projects.create', { name: 'paging-test' })).id;
    for (let i = 0; i < 502; i += 1) {
      await createTask({ project: p });
    }
    expect((await api.call('tasks.get_all', { project: [p], page_size: 10_000, only_fields: ['id'] })).tasks).toHaveLength(500);
    expect((await api.call('tasks.get_all', { project: [p], page: 1, page_size: 500, only_fields: ['id'] })).tasks).toHaveLength(2);
    const first = await api.call('tasks.get_all', { project: [p], scroll_id: null, size: 300, only_fields: ['id'] });
    const second = await api.call('tasks.get_all', { project: [p], scroll_id: first.scroll_id, size: 300, only_fields: ['id'] });
    const third = await api.call('tasks.get_all', { project: [p], scroll_id: second.scroll_id, size: 300, only_fields: ['id'] });
    expect([first.tasks.length, second.tasks.length, third.tasks.length]).toEqual([300, 202, 0]);
  });
});

describe('tasks.edit and tasks.update', () => {
  test('merges script/execution one level deep and replaces hyperparams/container/tags whole', async () => {
    const id = await createTask({
      script: { repository: 'repo', branch: 'main' }, container: { image: 'a', arguments: '-x' },
      hyperparams: { Args: { a: { value: '1' } }, General: { b: { value: '2' } } },
    });
    const result = await api.call('tasks.edit', {
      task: id, script: { branch: 'dev' }, container: { image: 'b' }, hyperparams: { Args: { c: { value: '3' } } }, tags: ['t'],
    });
    expect(result.updated).toBe(1);
    const task = await api.getTask(id);
    expect(task.script).toMatchObject({ repository: 'repo', branch: 'dev' });
    expect(task.container).toEqual({ image: 'b' });
    expect(task.hyperparams).toEqual({ Args: { c: { section: 'Args', name: 'c', value: '3' } } });
    expect(task.tags).toEqual(['t']);
  });

  test('only created tasks can be edited unless force (400/110); update has no status check', async () => {
    const id = await createTask();
    await api.call('tasks.started', { task: id });
    expect(await codesOf(api.call('tasks.edit', { task: id, comment: 'x' }))).toEqual([400, 110]);
    await api.call('tasks.edit', { task: id, comment: 'forced', force: true });
    await api.call('tasks.update', { task: id, name: 'renamed', script: { branch: 'ignored' } });
    const task = await api.getTask(id);
    expect([task.comment, task.name, task.script.branch]).toEqual(['forced', 'renamed', undefined]);
  });

  test('light edits (name, comment, tags) set last_change but not last_update', async () => {
    const id = await createTask();
    const before = await api.getTask(id);
    await api.call('tasks.edit', { task: id, name: 'light-edit', tags: ['q'] });
    const after = await api.getTask(id);
    expect(after.last_update).toBe(before.last_update);
    expect(after.last_change > before.last_change).toBe(true);
    await api.call('tasks.edit', { task: id, script: { branch: 'b' } });
    expect((await api.getTask(id)).last_update > before.last_update).toBe(true);
  });
});

describe('tasks.clone', () => {
  test('copies the definition, cleans system tags, defaults the parent, and starts created', async () => {
    const source = await createTask({
      system_tags: ['development', 'archived', 'keep'], runtime: { r: 1 }, hyperparams: { Args: { a: { value: '1' } } },
    });
    await api.call('tasks.started', { task: source });
    const { id } = await api.call('tasks.clone', { task: source, new_task_name: 'the-clone', new_task_comment: '' });
    const clone = await api.getTask(id);
    expect(clone).toMatchObject({
      name: 'the-clone', status: 'created', parent: source, project, system_tags: ['keep'], runtime: {},
      hyperparams: { Args: { a: { value: '1' } } }, models: { output: [] },
    });
    expect(clone.started).toBeUndefined();
  });

  test('new_project_name finds or creates the project', async () => {
    const source = await createTask();
    const result = await api.call('tasks.clone', { task: source, new_project_name: 'clones/here' });
    expect(result.new_project.name).toBe('clones/here');
    expect((await api.getTask(result.id)).project).toBe(result.new_project.id);
    expect(await codesOf(api.call('tasks.clone', { task: source, new_task_project: 'f'.repeat(32) }))).toEqual([400, 401]);
  });
});
