/**
 * A sandbox serving HTTPS with a self-signed certificate, with simulated agents: its agents trust
 * that certificate (and only their clients do: no process-wide switch), so a run started on
 * `services` is executed by the services agent and its steps by the workers, over verified TLS.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ClearmlClient } from '../../lib/clearml/client';
import { deploy } from '../../lib/deploy/deploy';
import { startRun } from '../../lib/deploy/run';
import { followRun } from '../../lib/run/follow';
import { RunningSandbox, startSandbox } from '../../lib/sandbox/start';
import { selfSignedCertificate } from '../clearml/self-signed';
import { seedManifest } from '../deploy/seed';

let dir: string;
let certificate: Buffer;
let sandbox: RunningSandbox;
const clients: ClearmlClient[] = [];

function client(extraCa?: Buffer): ClearmlClient {
  const made = new ClearmlClient({ apiHost: sandbox.url, accessKey: sandbox.accessKey, secretKey: sandbox.secretKey, extraCa, retry: { maxAttempts: 2, baseDelayMs: 1 } });
  clients.push(made);
  return made;
}

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk-style-tls-agents-'));
  const tls = selfSignedCertificate(dir);
  certificate = tls.cert;
  sandbox = await startSandbox({
    queues: ['oneshot-a100x1', 'services'], tls,
    agents: { idlePollMs: 10, engine: { poll: { minMs: 5, maxMs: 20 } } },
  });
});

afterAll(async () => {
  await Promise.all(clients.map((c) => c.close()));
  await sandbox.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

test('a run on services completes: the services agent and the workers reach the sandbox over verified TLS', async () => {
  expect(sandbox.url).toMatch(/^https:/);
  const trusting = client(certificate);
  const manifest = seedManifest();
  await deploy(trusting, [manifest]);
  const { runId } = await startRun(trusting, manifest, [], 'services');
  const report = await followRun(trusting, runId, { maxIntervalMs: 50, signal: AbortSignal.timeout(30_000) });
  expect(report.status).toBe('completed');
  expect(report.nodes.map((n) => [n.name, n.status])).toEqual([['step1', 'completed'], ['step2', 'completed'], ['step3', 'completed']]);
  const { workers } = await trusting.call<{ workers: Array<{ id: string }> }>('workers.get_all', {});
  expect(workers.map((w) => w.id)).toEqual(expect.arrayContaining(['simulated-services-agent:0', 'simulated-worker:oneshot-a100x1:0']));
});

test('verification is still on for every other client of the process', async () => {
  expect(process.env.NODE_TLS_REJECT_UNAUTHORIZED).toBeUndefined();
  const error = await client().call('tasks.get_all', {}).then(() => undefined, (e: unknown) => e as Error);
  expect(error?.message).toMatch(/TLS verification failed \((DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED_CERT_IN_CHAIN)/);
});
