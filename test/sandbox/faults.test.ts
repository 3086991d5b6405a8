import { Agent, request } from 'undici';
import { FaultInjector, mulberry32 } from '../../lib/sandbox/faults';
import { RunningSandbox } from '../../lib/sandbox/start';
import { basic, rawCall, started } from './api';

let sandbox: RunningSandbox;

beforeEach(async () => {
  ({ sandbox } = await started());
});
afterEach(() => sandbox.close());

async function statuses(n: number): Promise<number[]> {
  const result: number[] = [];
  for (let i = 0; i < n; i += 1) {
    result.push((await rawCall(sandbox.url, 'queues.get_all', {}, { authorization: basic(sandbox) })).status);
  }
  return result;
}

describe('fault decisions', () => {
  test('the PRNG and the injector are reproducible for a seed', () => {
    expect(Array.from({ length: 3 }, mulberry32(42))).toEqual(Array.from({ length: 3 }, mulberry32(42)));
    const draw = (): unknown[] => {
      const injector = new FaultInjector({ errorRate: 0.5, seed: 9 });
      return Array.from({ length: 30 }, () => injector.decide('tasks.get_all'));
    };
    const decisions = draw();
    expect(decisions).toEqual(draw());
    expect(new Set(decisions.map((d) => (d as { kind?: string }).kind)).size).toBeGreaterThan(2);
  });

  test('endpoints outside the filter are never affected', () => {
    const injector = new FaultInjector({ errorRate: 1, endpoints: /^tasks\./ });
    expect(injector.decide('queues.get_all')).toBeUndefined();
    expect(injector.decide('tasks.get_all')?.kind).toBeDefined();
  });
});

describe('faults over HTTP', () => {
  test('the same seed gives the same sequence of 502/503/429 answers; 429 carries Retry-After', async () => {
    const faults = { errorRate: 0.5, seed: 3, kinds: ['502', '503', '429'] as ('502' | '503' | '429')[] };
    sandbox.setFaults(faults);
    const first = await statuses(24);
    sandbox.setFaults(faults);
    expect(await statuses(24)).toEqual(first);
    expect(new Set(first)).toEqual(new Set([200, 502, 503, 429]));
    sandbox.setFaults({ errorRate: 1, kinds: ['429'] });
    const r = await rawCall(sandbox.url, 'queues.get_all', {}, { authorization: basic(sandbox) });
    expect([r.status, r.headers['retry-after']]).toEqual([429, '0']);
    sandbox.setFaults(undefined);
    expect(await statuses(3)).toEqual([200, 200, 200]);
  });

  test('a faulted write may or may not have happened (outcome unknown)', async () => {
    sandbox.setFaults({ errorRate: 1, kinds: ['502'], seed: 5, endpoints: /^projects\.create$/ });
    const answers = await Promise.all(Array.from({ length: 20 }, (_, i) => (
      rawCall(sandbox.url, 'projects.create', { name: `unknown-${i}` }, { authorization: basic(sandbox) }).then((r) => r.status))));
    expect(new Set(answers)).toEqual(new Set([502]));
    const { json } = await rawCall(sandbox.url, 'projects.get_all', { name: '^unknown-', only_fields: ['id'] }, { authorization: basic(sandbox) });
    expect(json.data.projects.length).toBeGreaterThan(0);
    expect(json.data.projects.length).toBeLessThan(20);
  });

  test('reset destroys the connection and hang never answers, yet close() ends it', async () => {
    sandbox.setFaults({ errorRate: 1, kinds: ['reset'] });
    await expect(rawCall(sandbox.url, 'queues.get_all', {}, { authorization: basic(sandbox) })).rejects.toThrow();
    sandbox.setFaults({ errorRate: 1, kinds: ['hang'] });
    const dispatcher = new Agent();
    const hung = request(`${sandbox.url}/queues.get_all`, { method: 'POST', body: '{}', dispatcher }).then(() => 'answered', () => 'failed');
    while ((sandbox.requestCounts()['queues.get_all'] ?? 0) < 2) {
      await new Promise((resolve) => setImmediate(resolve));
    }
    await sandbox.close();
    expect(await hung).toBe('failed');
    await dispatcher.close();
    ({ sandbox } = await started());
  });
});

describe('request counts and the admin endpoints', () => {
  test('counts by service.action plus total; admin calls are not counted; reset clears', async () => {
    sandbox.resetCounts();
    await rawCall(sandbox.url, 'queues.get_all', {}, { authorization: basic(sandbox) });
    await rawCall(sandbox.url, 'queues.get_all', {}, { authorization: basic(sandbox), prefix: '/v2.31' });
    await rawCall(sandbox.url, 'server.info', {}, { prefix: '' });
    const admin = await request(`${sandbox.url}/_sandbox/counts`);
    expect(await admin.body.json()).toEqual({ total: 3, 'queues.get_all': 2, 'server.info': 1 });
    expect(sandbox.requestCounts()).toEqual({ total: 3, 'queues.get_all': 2, 'server.info': 1 });
    await (await request(`${sandbox.url}/_sandbox/reset-counts`, { method: 'POST' })).body.text();
    expect(sandbox.requestCounts()).toEqual({ total: 0 });
  });

  test('faults can be set and cleared through the admin endpoint', async () => {
    const set = await request(`${sandbox.url}/_sandbox/faults`, { method: 'POST', body: JSON.stringify({ errorRate: 1, kinds: ['503'], endpoints: '^queues\\.' }) });
    await set.body.text();
    expect(await statuses(2)).toEqual([503, 503]);
    expect((await rawCall(sandbox.url, 'server.info', {}, { prefix: '' })).status).toBe(200);
    await (await request(`${sandbox.url}/_sandbox/faults`, { method: 'POST' })).body.text();
    expect(await statuses(1)).toEqual([200]);
  });
});
