/**
 * Retries against the sandbox with injected faults, over real HTTP on loopback: reads are retried
 * and succeed, creates are never repeated blindly, and the retry budget is bounded.
 */
import * as net from 'node:net';
import { ClearmlClient, ClientOptions, RetryEvent } from '../../lib/clearml/client';
import { retryPolicy } from '../../lib/clearml/backoff';
import { OutcomeUnknownError } from '../../lib/clearml/errors';
import { runWithRetries } from '../../lib/clearml/retry';
import { AttemptOutcome } from '../../lib/clearml/transport';
import { FaultKind } from '../../lib/sandbox/start';
import { useSandboxClients } from './sandbox-clients';

const fixture = useSandboxClients({}, { requestTimeoutMs: 2000 });
const { clientFor } = fixture;
const FAST = { baseDelayMs: 1, maxDelayMs: 5 };

/** A client that has already logged in (so faults on `endpoints` do not hit `auth.login`). */
async function loggedIn(options: Partial<ClientOptions> = {}): Promise<ClearmlClient> {
  const client = clientFor(options);
  await client.call('projects.get_all', { page_size: 1 });
  fixture.sandbox.resetCounts();
  return client;
}

function faults(kinds: FaultKind[], errorRate: number, endpoints: RegExp, seed = 7): void {
  fixture.sandbox.setFaults({ errorRate, kinds, endpoints, seed });
}

/** A loopback port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

test('reads succeed under 502, 503, 429 and connection resets', async () => {
  const client = await loggedIn({ retry: { ...FAST, maxAttempts: 10 } });
  faults(['502', '503', '429', 'reset'], 0.4, /^projects\.get_all$/);
  for (let i = 0; i < 40; i++) {
    await client.call('projects.get_all', {});
  }
  const counts = fixture.sandbox.requestCounts();
  expect(counts['projects.get_all']).toBeGreaterThan(40);
});

test.each<FaultKind>(['502', '503', '429', 'reset'])('a create hit by %s is not repeated and reports an unknown outcome', async (kind) => {
  const client = await loggedIn({ retry: FAST });
  faults([kind], 1, /^projects\.create$/);
  const error = await client.call('projects.create', { name: `unknown-outcome/${kind}` }).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(OutcomeUnknownError);
  expect(error).toMatchObject({ name: 'OutcomeUnknownError', code: 'OutcomeUnknown', endpoint: 'projects.create' });
  expect(fixture.sandbox.requestCounts()['projects.create']).toBe(1);
});

test('a create that times out reports an unknown outcome after one request', async () => {
  const client = await loggedIn({ retry: FAST, requestTimeoutMs: 100 });
  faults(['hang'], 1, /^tasks\.create$/);
  await expect(client.call('tasks.create', { name: 'hung task', type: 'training' })).rejects.toMatchObject({ code: 'OutcomeUnknown', endpoint: 'tasks.create' });
  expect(fixture.sandbox.requestCounts()['tasks.create']).toBe(1);
});

test('idempotent: true lets the caller opt a write into retries', async () => {
  const client = await loggedIn({ retry: { ...FAST, maxAttempts: 3 } });
  faults(['503'], 1, /^queues\.create$/);
  await expect(client.call('queues.create', { name: 'opted-in queue' }, { idempotent: true })).rejects.toMatchObject({ name: 'TransportError', attempts: 3, causeMessage: 'HTTP 503 without a ClearML answer' });
  expect(fixture.sandbox.requestCounts()['queues.create']).toBe(3);
});

test('a refused connection is retried (here: the login that precedes a create)', async () => {
  const events: RetryEvent[] = [];
  const client = clientFor({ retry: { ...FAST, maxAttempts: 3, onRetry: (e) => events.push(e) } }, { url: `http://127.0.0.1:${await closedPort()}`, accessKey: 'k', secretKey: 's' });
  const error = await client.call('tasks.create', { name: 'never sent' }).catch((e: unknown) => e);
  expect(error).toMatchObject({ name: 'TransportError', code: 'ClearmlUnreachable', exitCode: 3, attempts: 3, endpoint: 'auth.login' });
  expect(events.map((e) => e.reason)).toEqual([expect.stringContaining('ECONNREFUSED'), expect.stringContaining('ECONNREFUSED')]);
});

test('retries stop at maxAttempts, with every wait under the cap', async () => {
  const events: RetryEvent[] = [];
  const client = await loggedIn({ retry: { maxAttempts: 4, baseDelayMs: 2, maxDelayMs: 4, onRetry: (e) => events.push(e) } });
  faults(['502'], 1, /^tasks\.get_all$/);
  await expect(client.call('tasks.get_all', {})).rejects.toMatchObject({ name: 'TransportError', attempts: 4 });
  expect(fixture.sandbox.requestCounts()['tasks.get_all']).toBe(4);
  expect(events.map((e) => e.attempt)).toEqual([1, 2, 3]);
  expect(events.every((e) => e.delayMs >= 0 && e.delayMs <= 4)).toBe(true);
});

test('retries stop when the total budget would be exceeded', async () => {
  const client = await loggedIn({ retry: { maxAttempts: 50, baseDelayMs: 1000, maxDelayMs: 1000, maxTotalMs: 0 } });
  faults(['502'], 1, /^tasks\.get_all$/);
  await expect(client.call('tasks.get_all', {})).rejects.toMatchObject({ name: 'TransportError', attempts: 1 });
  expect(fixture.sandbox.requestCounts()['tasks.get_all']).toBe(1);
});

test('a read answered 429 every time is retried up to the default 5 attempts', async () => {
  const events: RetryEvent[] = [];
  const client = await loggedIn({ retry: { ...FAST, onRetry: (e) => events.push(e) } });
  faults(['429'], 1, /^tasks\.get_all$/);
  await expect(client.call('tasks.get_all', {})).rejects.toMatchObject({ name: 'TransportError', attempts: 5, causeMessage: 'HTTP 429 without a ClearML answer' });
  expect(events).toHaveLength(4);
  expect(fixture.sandbox.requestCounts()['tasks.get_all']).toBe(5);
});

test('4xx answers are final', async () => {
  const client = await loggedIn({ retry: FAST });
  faults(['502'], 0, /^tasks\.get_by_id$/);
  await expect(client.call('tasks.get_by_id', { task: 'missing' })).rejects.toMatchObject({ httpStatus: 400, resultSubcode: 101 });
  expect(fixture.sandbox.requestCounts()['tasks.get_by_id']).toBe(1);
});

describe('decisions on synthetic outcomes', () => {
  const policy = retryPolicy({ baseDelayMs: 0, maxDelayMs: 0 });

  function scripted(outcomes: AttemptOutcome[]): { attempt: () => Promise<AttemptOutcome>; calls: () => number } {
    let n = 0;
    return { attempt: async () => outcomes[Math.min(n++, outcomes.length - 1)], calls: () => n };
  }

  const notSent: AttemptOutcome = { kind: 'failed', reason: 'ECONNREFUSED: connect ECONNREFUSED', sent: false, retryable: true };
  const sent: AttemptOutcome = { kind: 'failed', reason: 'ECONNRESET: socket hang up', sent: true, retryable: true };
  const data: AttemptOutcome = { kind: 'data', data: { id: 'x' } };
  const serverError = (status: number): AttemptOutcome => ({ kind: 'error', error: { endpoint: 'tasks.create', httpStatus: status, resultCode: status, resultSubcode: 0, resultMessage: 'boom' } });

  test('a failure before sending is retried even when the call is not idempotent', async () => {
    const run = scripted([notSent, notSent, data]);
    await expect(runWithRetries({ endpoint: 'tasks.create', idempotent: false, attempt: run.attempt }, policy)).resolves.toEqual({ id: 'x' });
    expect(run.calls()).toBe(3);
  });

  test('a failure after sending ends a non-idempotent call at once, and is retried for an idempotent one', async () => {
    const once = scripted([sent, data]);
    await expect(runWithRetries({ endpoint: 'tasks.create', idempotent: false, attempt: once.attempt }, policy)).rejects.toBeInstanceOf(OutcomeUnknownError);
    expect(once.calls()).toBe(1);
    const twice = scripted([sent, data]);
    await expect(runWithRetries({ endpoint: 'tasks.get_all', idempotent: true, attempt: twice.attempt }, policy)).resolves.toEqual({ id: 'x' });
  });

  test('a ClearML 500 answer to a create is final, a 502/503/504 is an unknown outcome', async () => {
    await expect(runWithRetries({ endpoint: 'tasks.create', idempotent: false, attempt: scripted([serverError(500)]).attempt }, policy))
      .rejects.toMatchObject({ name: 'ClearmlApiError', httpStatus: 500 });
    for (const status of [502, 503, 504]) {
      await expect(runWithRetries({ endpoint: 'tasks.create', idempotent: false, attempt: scripted([serverError(status)]).attempt }, policy))
        .rejects.toMatchObject({ code: 'OutcomeUnknown' });
    }
  });

  test('a TLS failure is final', async () => {
    const run = scripted([{ kind: 'failed', reason: 'TLS verification failed', sent: false, retryable: false }, data]);
    await expect(runWithRetries({ endpoint: 'tasks.get_all', idempotent: true, attempt: run.attempt }, policy)).rejects.toMatchObject({ name: 'TransportError', attempts: 1 });
    expect(run.calls()).toBe(1);
  });

  test('a Retry-After beyond the total budget stops the retries', async () => {
    const limited = retryPolicy({ maxTotalMs: 1000 });
    const run = scripted([{ kind: 'failed', reason: 'HTTP 429 without a ClearML answer', sent: true, retryable: true, retryAfterMs: 5000 }, data]);
    await expect(runWithRetries({ endpoint: 'tasks.get_all', idempotent: true, attempt: run.attempt }, limited)).rejects.toMatchObject({ name: 'TransportError', attempts: 1 });
    expect(run.calls()).toBe(1);
  });
});
