import { RunningSandbox } from '../../lib/sandbox/start';
import { Caller, codesOf, started } from './api';

let sandbox: RunningSandbox;
let api: Caller;

beforeAll(async () => {
  ({ sandbox, api } = await started());
});
afterAll(() => sandbox.close());

async function names(body: Record<string, unknown>): Promise<string[]> {
  const { projects } = await api.call('projects.get_all', { ...body, only_fields: ['name'] });
  return projects.map((p: { name: string }) => p.name).sort();
}

describe('projects.create', () => {
  test('normalises the path, creates missing parents without tags, and links them', async () => {
    const { id } = await api.call('projects.create', { name: ' team // llm/ run1 ', system_tags: ['hidden'] });
    const { project } = await api.call('projects.get_by_id', { project: id });
    expect(project).toMatchObject({ name: 'team/llm/run1', basename: 'run1', system_tags: ['hidden'], description: '' });
    expect(project.created).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}\+00:00$/);
    const { project: parent } = await api.call('projects.get_by_id', { project: project.parent });
    expect(parent).toMatchObject({ name: 'team/llm', system_tags: [], tags: [] });
    expect(parent.parent).toEqual(expect.stringMatching(/^[0-9a-f]{32}$/));
  });

  test('full names are unique (400/801); short names 400/800; empty 400/407; deep 400/409; __$ tags 400/16', async () => {
    await api.call('projects.create', { name: 'unique-one' });
    expect(await codesOf(api.call('projects.create', { name: 'unique-one' }))).toEqual([400, 801]);
    expect(await codesOf(api.call('projects.create', { name: 'ab' }))).toEqual([400, 800]);
    expect(await codesOf(api.call('projects.create', { name: ' / ' }))).toEqual([400, 407]);
    expect(await codesOf(api.call('projects.create', { name: 'a/b/c/d/e/f/g/h/i/j/k' }))).toEqual([400, 409]);
    expect(await codesOf(api.call('projects.create', { name: 'tagged', tags: ['__$all'] }))).toEqual([400, 16]);
  });

  test('get_by_id of an unknown id is 400/401', async () => {
    expect(await codesOf(api.call('projects.get_by_id', { project: '0'.repeat(32) }))).toEqual([400, 401]);
  });
});

describe('projects.get_all', () => {
  beforeAll(async () => {
    await api.call('projects.create', { name: 'vis/.pipelines', system_tags: ['hidden'] });
    await api.call('projects.create', { name: 'vis/.pipelines/flow', system_tags: ['hidden', 'pipeline'], tags: ['x'] });
    await api.call('projects.create', { name: 'vis/plain', tags: ['x', 'y'] });
  });

  test('hides hidden projects unless search_hidden or an id filter', async () => {
    expect(await names({ name: '^vis' })).toEqual(['vis', 'vis/plain']);
    expect(await names({ name: '^vis', search_hidden: true })).toEqual(['vis', 'vis/.pipelines', 'vis/.pipelines/flow', 'vis/plain']);
    const { projects } = await api.call('projects.get_all', { name: 'flow', search_hidden: true });
    expect(await names({ id: [projects[0].id] })).toEqual(['vis/.pipelines/flow']);
  });

  test('name is an unanchored case-sensitive regex', async () => {
    expect(await names({ name: 'plain' })).toEqual(['vis/plain']);
    expect(await names({ name: 'PLAIN' })).toEqual([]);
  });

  test('tag filters, parent matching any ancestor, only_fields, order_by', async () => {
    expect(await names({ tags: ['__$all', 'x', 'y'], search_hidden: true })).toEqual(['vis/plain']);
    expect(await names({ tags: ['x', '-y'], search_hidden: true })).toEqual(['vis/.pipelines/flow']);
    const { projects: [root] } = await api.call('projects.get_all', { name: '^vis$' });
    expect(await names({ parent: [root.id], search_hidden: true })).toEqual(['vis/.pipelines', 'vis/.pipelines/flow', 'vis/plain']);
    expect(await names({ name: '^vis', shallow_search: true, search_hidden: true })).toEqual(['vis']);
    const { projects } = await api.call('projects.get_all', { name: '^vis', only_fields: ['name'], order_by: ['-name'] });
    expect(projects).toEqual([{ id: expect.any(String), name: 'vis/plain' }, { id: expect.any(String), name: 'vis' }]);
  });

  test('page_size is capped at 500', async () => {
    for (let i = 0; i < 501; i += 1) {
      await api.call('projects.create', { name: `bulk/p${String(i).padStart(3, '0')}` });
    }
    const all = await api.call('projects.get_all', { name: '^bulk/', page_size: 1000, only_fields: ['id'] });
    expect(all.projects).toHaveLength(500);
    const second = await api.call('projects.get_all', { name: '^bulk/', page: 1, page_size: 500, order_by: ['name'], only_fields: ['name'] });
    expect(second.projects.map((p: { name: string }) => p.name)).toEqual(['bulk/p500']);
  });
});

describe('projects.update and delete', () => {
  test('rename renames descendants; moving is 400/408; clashes 400/801; tags replaced', async () => {
    const { id } = await api.call('projects.create', { name: 'ren/old/child' });
    const { projects: [old] } = await api.call('projects.get_all', { name: '^ren/old$' });
    await api.call('projects.update', { project: old.id, name: 'ren/new', system_tags: ['a'] });
    expect((await api.call('projects.get_by_id', { project: id })).project.name).toBe('ren/new/child');
    expect((await api.call('projects.get_by_id', { project: old.id })).project.system_tags).toEqual(['a']);
    expect(await codesOf(api.call('projects.update', { project: old.id, name: 'elsewhere/new' }))).toEqual([400, 408]);
    await api.call('projects.create', { name: 'ren/taken' });
    expect(await codesOf(api.call('projects.update', { project: old.id, name: 'ren/taken' }))).toEqual([400, 801]);
  });

  test('delete refuses non-archived tasks without force (400/402), then deletes the subtree', async () => {
    const { id } = await api.call('projects.create', { name: 'del/sub' });
    const { projects: [root] } = await api.call('projects.get_all', { name: '^del$' });
    const { id: task } = await api.call('tasks.create', { name: 'in-sub', type: 'training', project: id });
    expect(await codesOf(api.call('projects.delete', { project: root.id }))).toEqual([400, 402]);
    const result = await api.call('projects.delete', { project: root.id, force: true });
    expect(result).toMatchObject({ deleted: 2, disassociated_tasks: 1, deleted_tasks: 0 });
    expect((await api.call('tasks.get_by_id', { task })).task.project).toBeUndefined();
    expect(await codesOf(api.call('projects.get_by_id', { project: id }))).toEqual([400, 401]);
  });
});
