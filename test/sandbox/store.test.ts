import { ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { request } from 'undici';
import { startSandbox } from '../../lib/sandbox/start';
import { loadState } from '../../lib/sandbox/store';
import { basic, login, rawCall, startSandboxChild } from './api';

let dir: string;

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sandbox-store-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

function killed(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGKILL');
  });
}

async function createProject(url: string, name: string): Promise<number> {
  const res = await request(`${url}/projects.create`, {
    method: 'POST', body: JSON.stringify({ name }), headers: { authorization: `Basic ${Buffer.from('CHILDKEY:child-secret').toString('base64')}` },
  });
  await res.body.text();
  return res.statusCode;
}

describe('persistence', () => {
  test('a restarted sandbox reloads its data, credentials and tokens', async () => {
    const dataFile = path.join(dir, 'nested', 'data.json');
    const first = await startSandbox({ dataFile });
    const api = await login(first);
    const { id } = await api.call('projects.create', { name: 'kept-project' });
    const token = (await rawCall(first.url, 'auth.login', {}, { authorization: basic(first) })).json.data.token;
    await first.close();
    const second = await startSandbox({ dataFile });
    try {
      expect([second.accessKey, second.secretKey]).toEqual([first.accessKey, first.secretKey]);
      const reply = await rawCall(second.url, 'projects.get_by_id', { project: id }, { authorization: `Bearer ${token}` });
      expect(reply.json.data.project.name).toBe('kept-project');
      expect(fs.readdirSync(path.dirname(dataFile))).toEqual(['data.json']);
    } finally {
      await second.close();
    }
  });

  test('every kind of write is persisted (nested changes included)', async () => {
    const dataFile = path.join(dir, 'data.json');
    const first = await startSandbox({ dataFile, queues: ['work-queue'] });
    const api = await login(first);
    const { id: project } = await api.call('projects.create', { name: 'persist/deep' });
    const { id } = await api.call('tasks.create', { name: 'persisted', type: 'training', project, hyperparams: { Args: { a: { value: '1' } } } });
    await api.call('tasks.edit_hyper_params', { task: id, hyperparams: [{ section: 'Args', name: 'a', value: '2' }] });
    await api.call('tasks.add_or_update_artifacts', { task: id, artifacts: [{ key: 'k', type: 't' }] });
    await api.call('tasks.enqueue', { task: id, queue_name: 'work-queue' });
    const { id: other } = await api.call('tasks.clone', { task: id });
    await api.call('tasks.archive_many', { ids: [other] });
    const snapshot = async (caller: typeof api): Promise<unknown> => [
      await caller.call('tasks.get_all', { order_by: ['created'] }), await caller.call('projects.get_all', { order_by: ['name'] }),
      await caller.call('queues.get_all', { order_by: ['name'] }),
    ];
    const before = await snapshot(api);
    await first.close();
    const second = await startSandbox({ dataFile });
    try {
      expect(await snapshot(await login(second))).toEqual(before);
    } finally {
      await second.close();
    }
  });

  test('a write answered before kill -9 survives it, and the file is never torn', async () => {
    const dataFile = path.join(dir, 'data.json');
    const { child, url } = await startSandboxChild(dataFile);
    expect(await createProject(url, 'answered-project')).toBe(200);
    const inFlight = Array.from({ length: 20 }, (_, i) => createProject(url, `in-flight-${i}`).catch(() => 0));
    await killed(child);
    await Promise.all(inFlight);
    const state = loadState(dataFile);
    const names = Object.values(state?.projects ?? {}).map((p) => p.name);
    expect(names).toContain('answered-project');
    const restarted = await startSandbox({ dataFile });
    try {
      const { projects } = await (await login(restarted)).call('projects.get_all', { name: '^answered-project$' });
      expect(projects).toHaveLength(1);
    } finally {
      await restarted.close();
    }
  });
});
