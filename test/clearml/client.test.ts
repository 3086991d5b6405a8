/**
 * ClearmlClient against the sandbox over real HTTP on loopback: data, typed errors, the login
 * session, paging and cancellation.
 */
import { ClearmlApiError } from '../../lib/clearml/errors';
import { startSandbox } from '../../lib/sandbox/start';
import { useSandboxClients } from './sandbox-clients';

const fixture = useSandboxClients({ queues: ['default'] });
const { clientFor } = fixture;

describe('calls', () => {
  test('returns the envelope data of a write and of a read', async () => {
    const client = clientFor();
    const project = await client.call<{ id: string }>('projects.create', { name: 'client-tests/calls' });
    const created = await client.call<{ id: string }>('tasks.create', { name: 'first task', type: 'training', project: project.id });
    const read = await client.call<{ task: { id: string; name: string } }>('tasks.get_by_id', { task: created.id });
    expect(read.task).toMatchObject({ id: created.id, name: 'first task' });
  });

  test('an error answer becomes a ClearmlApiError with its codes, endpoint and trx', async () => {
    const client = clientFor();
    const error = await client.call('tasks.get_by_id', { task: 'no-such-task' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ClearmlApiError);
    expect(error).toMatchObject({ name: 'ClearmlApiError', code: 'ClearmlApiError', httpStatus: 400, resultCode: 400, resultSubcode: 101, endpoint: 'tasks.get_by_id' });
    expect((error as ClearmlApiError).trx).toMatch(/^[0-9a-f]{32}$/);
    expect((error as Error).message).toContain('tasks.get_by_id');
    expect((error as Error).message).toContain('Invalid task id');
    expect(fixture.sandbox.requestCounts()['tasks.get_by_id']).toBe(1);
  });

  test('an unknown endpoint is a final 404', async () => {
    const client = clientFor();
    await expect(client.call('tasks.no_such_action')).rejects.toMatchObject({ httpStatus: 404, resultSubcode: 0 });
    expect(fixture.sandbox.requestCounts()['tasks.no_such_action']).toBe(1);
  });
});

describe('authentication', () => {
  test('concurrent first calls share one login', async () => {
    const client = clientFor();
    await Promise.all(Array.from({ length: 20 }, () => client.call('projects.get_all', {})));
    expect(fixture.sandbox.requestCounts()['auth.login']).toBe(1);
    expect(fixture.sandbox.requestCounts()['projects.get_all']).toBe(20);
  });

  test('wrong credentials are a final 401/22 with a hint and environment exit code', async () => {
    const client = clientFor({ secretKey: 'wrong-secret' });
    const error = await client.call('projects.get_all', {}).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'ClearmlApiError', httpStatus: 401, resultSubcode: 22, endpoint: 'auth.login', exitCode: 3 });
    expect((error as Error).message).toContain('CLEARML_API_ACCESS_KEY');
    expect(fixture.sandbox.requestCounts()['auth.login']).toBe(1);
  });

  test('a token the server no longer accepts (401/30) leads to one new login and one retry', async () => {
    const first = await startSandbox();
    const port = new URL(first.url).port;
    const client = clientFor({}, first);
    await client.call('projects.get_all', {});
    await first.close();
    // Same address and keys, new signing secret: the client's token is now invalid.
    const second = await startSandbox({ port: Number(port), accessKey: first.accessKey, secretKey: first.secretKey });
    try {
      // server.info needs no token; it also replaces the pooled connection the first server closed.
      await client.call('server.info');
      const created = await client.call<{ id: string }>('projects.create', { name: 'relogin/project' });
      expect(created.id).toMatch(/^[0-9a-f]{32}$/);
      expect(second.requestCounts()).toMatchObject({ 'server.info': 1, 'auth.login': 1, 'projects.create': 2 });
    } finally {
      await second.close();
    }
  });
});

describe('getAll', () => {
  test('returns every row across pages of 500', async () => {
    const client = clientFor({ connections: 8 });
    const project = await client.call<{ id: string }>('projects.create', { name: 'client-tests/paging' });
    const creates = Array.from({ length: 1203 }, (_, i) => ({ name: `paged task ${String(i).padStart(4, '0')}`, type: 'training', project: project.id }));
    for (let i = 0; i < creates.length; i += 50) {
      await Promise.all(creates.slice(i, i + 50).map((body) => client.call('tasks.create', body)));
    }
    fixture.sandbox.resetCounts();
    const rows = await client.getAll<{ id: string; name: string }>('tasks.get_all', { project: [project.id], only_fields: ['id', 'name'], order_by: ['name'] }, 'tasks');
    expect(rows).toHaveLength(1203);
    expect(new Set(rows.map((r) => r.id)).size).toBe(1203);
    expect(fixture.sandbox.requestCounts()['tasks.get_all']).toBe(3);
  });

  test('a wrong key is reported, not an empty list', async () => {
    const client = clientFor();
    await expect(client.getAll('tasks.get_all', {}, 'task')).rejects.toMatchObject({ code: 'UnexpectedAnswer' });
  });
});

/** Resolves once the sandbox has received a request to `endpoint` (it counts requests as they arrive). */
async function receivedBySandbox(endpoint: string): Promise<void> {
  while ((fixture.sandbox.requestCounts()[endpoint] ?? 0) === 0) {
    await new Promise((resolve) => setImmediate(resolve));
  }
}

describe('cancellation and timeouts', () => {
  test('an aborted call signal cancels a hung request', async () => {
    fixture.sandbox.setFaults({ errorRate: 1, kinds: ['hang'], endpoints: /^tasks\.get_all$/ });
    const client = clientFor();
    await client.call('server.info');
    const controller = new AbortController();
    const pending = client.call('tasks.get_all', {}, { signal: controller.signal });
    await receivedBySandbox('tasks.get_all');
    controller.abort();
    await expect(pending).rejects.toMatchObject({ name: 'AbortError' });
  });

  test('the client-level signal cancels calls, including before they start', async () => {
    const controller = new AbortController();
    const client = clientFor({ signal: controller.signal });
    controller.abort();
    await expect(client.call('server.info')).rejects.toMatchObject({ name: 'AbortError' });
    expect(fixture.sandbox.requestCounts().total).toBe(0);
  });

  test('a call signal stops waiting for a login that hangs', async () => {
    fixture.sandbox.setFaults({ errorRate: 1, kinds: ['hang'], endpoints: /^auth\.login$/ });
    const client = clientFor();
    const controller = new AbortController();
    const pending = client.call('tasks.get_all', {}, { signal: controller.signal });
    await receivedBySandbox('auth.login');
    controller.abort();
    await expect(pending).rejects.toMatchObject({ name: 'AbortError' });
    expect(fixture.sandbox.requestCounts()['tasks.get_all']).toBeUndefined();
  });

  test('closing ends calls in flight, and later calls fail at once', async () => {
    const client = clientFor();
    await client.call('server.info');
    fixture.sandbox.setFaults({ errorRate: 1, kinds: ['hang'], endpoints: /^tasks\.(get_all|create)$/ });
    const read = client.call('tasks.get_all', {}).catch((e: unknown) => e);
    const write = client.call('tasks.create', { name: 'in flight' }).catch((e: unknown) => e);
    await receivedBySandbox('tasks.get_all');
    await receivedBySandbox('tasks.create');
    await client.close();
    expect(await read).toMatchObject({ name: 'TransportError', attempts: 1 });
    expect(await write).toMatchObject({ name: 'OutcomeUnknownError' });
    fixture.sandbox.resetCounts();
    await expect(client.call('tasks.create', { name: 'after close' })).rejects.toMatchObject({ code: 'ClientClosed' });
    expect(fixture.sandbox.requestCounts().total).toBe(0);
  });

  test('a request timeout ends a hung read, which is then retried', async () => {
    fixture.sandbox.setFaults({ errorRate: 1, kinds: ['hang'], endpoints: /^tasks\.get_all$/ });
    const client = clientFor({ requestTimeoutMs: 100, retry: { maxAttempts: 2, baseDelayMs: 1 } });
    const error = await client.call('tasks.get_all', {}).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'TransportError', code: 'ClearmlUnreachable', attempts: 2, endpoint: 'tasks.get_all' });
    expect((error as Error).message).toMatch(/Timeout/i);
    expect(fixture.sandbox.requestCounts()['tasks.get_all']).toBe(2);
  });
});
