/**
 * HTTPS over a real socket: the sandbox serves TLS with a self-signed certificate made for this
 * test (openssl). Verification is on by default and refuses it at once, with a fix and no retry;
 * `verifyTls: false` (CLEARML_API_HOST_VERIFY_CERT=false) reaches it; and a CLI process that trusts
 * the certificate (NODE_EXTRA_CA_CERTS) deploys to it with verification on.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ClearmlClient } from '../../lib/clearml/client';
import { RunningSandbox, startSandbox } from '../../lib/sandbox/start';
import { makeProject, SEED_APP_JS } from '../cli/cli-fixture';
import { selfSignedCertificate } from './self-signed';
import { runCliChild } from '../cli/child-cli';

let dir: string;
let sandbox: RunningSandbox;
const clients: ClearmlClient[] = [];

function client(verifyTls: boolean): ClearmlClient {
  const made = new ClearmlClient({ apiHost: sandbox.url, accessKey: sandbox.accessKey, secretKey: sandbox.secretKey, verifyTls, retry: { maxAttempts: 3, baseDelayMs: 1 } });
  clients.push(made);
  return made;
}

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk-style-tls-'));
  sandbox = await startSandbox({ queues: ['oneshot-a100x1', 'services'], tls: selfSignedCertificate(dir) });
});

afterAll(async () => {
  await Promise.all(clients.map((c) => c.close()));
  await sandbox.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

test('the sandbox serves HTTPS', () => {
  expect(sandbox.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
});

test('an untrusted certificate is refused at once (no retry), saying how to fix it', async () => {
  sandbox.resetCounts();
  type Failure = Error & { code: string; exitCode: number; attempts: number };
  const error = await client(true).call('tasks.get_all', {}).then(() => undefined, (e: unknown) => e as Failure) as Failure;
  expect(error).toMatchObject({ code: 'ClearmlUnreachable', exitCode: 3, attempts: 1 });
  expect(error.message).toMatch(/TLS verification failed \((DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED_CERT_IN_CHAIN)/);
  expect(error.message).toContain('CLEARML_API_HOST_VERIFY_CERT');
  expect(sandbox.requestCounts().total).toBe(0);
});

test('with verification turned off, the client talks to it over TLS', async () => {
  const { projects } = await client(false).call<{ projects: unknown[] }>('projects.get_all', {});
  expect(Array.isArray(projects)).toBe(true);
});

test('a CLI process that trusts the certificate deploys over HTTPS with verification on', async () => {
  const project = makeProject(SEED_APP_JS, 'app.js');
  const result = await runCliChild(project, ['deploy'], {
    CLEARML_API_HOST: sandbox.url, CLEARML_API_ACCESS_KEY: sandbox.accessKey, CLEARML_API_SECRET_KEY: sandbox.secretKey,
    NODE_EXTRA_CA_CERTS: path.join(dir, 'cert.pem'),
  });
  expect(result.stderr).not.toMatch(/TLS/);
  expect(result.code).toBe(0);
  expect(result.stdout).toContain('Deployed: 6 created.');
});
