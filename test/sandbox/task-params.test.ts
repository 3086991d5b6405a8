import { RunningSandbox } from '../../lib/sandbox/start';
import { Caller, codesOf, started } from './api';

let sandbox: RunningSandbox;
let api: Caller;

beforeAll(async () => {
  ({ sandbox, api } = await started({}, true));
});
afterAll(() => sandbox.close());

async function createTask(): Promise<string> {
  return (await api.call('tasks.create', {
    name: 'params-task', type: 'training',
    hyperparams: { Args: { a: { value: '1' }, b: { value: '2' } }, General: { g: { value: 'x' } } },
  })).id;
}

async function params(id: string): Promise<string[]> {
  const { params: [entry] } = await api.call('tasks.get_hyper_params', { tasks: [id] });
  expect(entry.task).toBe(id);
  return entry.hyperparams.map((p: { section: string; name: string; value: string }) => `${p.section}.${p.name}=${p.value}`);
}

describe('tasks.edit_hyper_params', () => {
  test('none upserts listed entries only', async () => {
    const id = await createTask();
    await api.call('tasks.edit_hyper_params', { task: id, hyperparams: [{ section: 'Args', name: ' a ', value: 9 }, { section: 'New', name: 'n', value: 'v' }] });
    expect(await params(id)).toEqual(['Args.a=9', 'Args.b=2', 'General.g=x', 'New.n=v']);
  });

  test('section replaces each listed section; all replaces everything', async () => {
    const id = await createTask();
    await api.call('tasks.edit_hyper_params', { task: id, replace_hyperparams: 'section', hyperparams: [{ section: 'Args', name: 'c', value: '3' }] });
    expect(await params(id)).toEqual(['Args.c=3', 'General.g=x']);
    await api.call('tasks.edit_hyper_params', { task: id, replace_hyperparams: 'all', hyperparams: [{ section: 'Only', name: 'o', value: '1' }] });
    expect(await params(id)).toEqual(['Only.o=1']);
  });

  test('non-created needs force (in_progress only); properties-only edits work in any status without touching last_update', async () => {
    const id = await createTask();
    await api.call('tasks.started', { task: id });
    const edit = { task: id, hyperparams: [{ section: 'Args', name: 'a', value: '5' }] };
    expect(await codesOf(api.call('tasks.edit_hyper_params', edit))).toEqual([400, 110]);
    await api.call('tasks.edit_hyper_params', { ...edit, force: true });
    await api.call('tasks.completed', { task: id });
    expect(await codesOf(api.call('tasks.edit_hyper_params', { ...edit, force: true }))).toEqual([400, 110]);
    const before = (await api.call('tasks.get_by_id', { task: id })).task.last_update;
    await api.call('tasks.edit_hyper_params', { task: id, hyperparams: [{ section: 'Properties', name: 'version', value: '2' }] });
    const task = (await api.call('tasks.get_by_id', { task: id })).task;
    expect(task.hyperparams.properties.version.value).toBe('2');
    expect(task.last_update).toBe(before);
  });

  test('an empty list is 400/12; delete_hyper_params with a section and one of its entries is 400/15', async () => {
    const id = await createTask();
    expect(await codesOf(api.call('tasks.edit_hyper_params', { task: id, hyperparams: [] }))).toEqual([400, 12]);
    expect(await codesOf(api.call('tasks.delete_hyper_params', { task: id, hyperparams: [{ section: 'Args' }, { section: 'Args', name: 'a' }] }))).toEqual([400, 15]);
    expect(await api.call('tasks.delete_hyper_params', { task: id, hyperparams: [{ section: 'General' }, { section: 'Args', name: 'a' }] })).toEqual({ deleted: 2 });
    expect(await params(id)).toEqual(['Args.b=2']);
  });
});

describe('configuration', () => {
  test('edit_configuration merges or replaces; get_configurations and names are sorted', async () => {
    const id = await createTask();
    await api.call('tasks.edit_configuration', { task: id, configuration: [{ name: 'Zeta', value: 'z' }, { name: 'Alpha', value: { a: 1 } }] });
    const { configurations: [all] } = await api.call('tasks.get_configurations', { tasks: [id] });
    expect(all.configuration.map((c: { name: string }) => c.name)).toEqual(['Alpha', 'Zeta']);
    expect(all.configuration[0].value).toBe('{"a":1}');
    const { configurations: [some] } = await api.call('tasks.get_configurations', { tasks: [id], names: ['Zeta'] });
    expect(some.configuration).toEqual([{ name: 'Zeta', value: 'z' }]);
    await api.call('tasks.edit_configuration', { task: id, replace_configuration: true, configuration: [{ name: 'Only', value: '1' }] });
    expect(await api.call('tasks.get_configuration_names', { tasks: [id] })).toEqual({ configurations: [{ task: id, names: ['Only'] }] });
  });
});
