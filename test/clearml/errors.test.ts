/**
 * Every error the client and the credentials loader throw, checked for leaked secrets: the
 * secret key, the access key, the Basic header and any Bearer token (JWT) must appear in none of
 * `String(err)`, `err.stack`, `JSON.stringify(err)` or `util.inspect(err)`.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as util from 'node:util';
import { loadCredentials } from '../../lib/clearml/credentials';
import { useSandboxClients } from './sandbox-clients';

const ACCESS_KEY = 'ACCESSKEYLEAKCHECK0001';
const SECRET_KEY = 'secret-LEAK-CHECK-7f3a9c2e5b1d';
const JWT = /eyJ[\w-]+\.[\w-]+\.[\w-]*/;

const fixture = useSandboxClients({ accessKey: ACCESS_KEY, secretKey: SECRET_KEY }, { retry: { baseDelayMs: 1, maxDelayMs: 2, maxAttempts: 2 } });
const { clientFor } = fixture;

async function failure(promise: Promise<unknown>): Promise<Error> {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(Error);
  return error as Error;
}

function expectNoSecret(error: Error, secrets: string[] = [SECRET_KEY, ACCESS_KEY]): void {
  const basic = Buffer.from(`${ACCESS_KEY}:${SECRET_KEY}`).toString('base64');
  const texts = [String(error), error.stack ?? '', JSON.stringify(error), util.inspect(error, { depth: 10, showHidden: true })];
  for (const text of texts) {
    for (const secret of [...secrets, basic]) {
      expect(text).not.toContain(secret);
    }
    expect(text).not.toMatch(JWT);
  }
}

test('ClearmlApiError of a refused login holds no secret', async () => {
  const error = await failure(clientFor({ secretKey: `${SECRET_KEY}-wrong` }).call('tasks.get_all', {}));
  expect(error.name).toBe('ClearmlApiError');
  expectNoSecret(error, [SECRET_KEY, `${SECRET_KEY}-wrong`, ACCESS_KEY]);
});

test('ClearmlApiError of a logged-in call holds no secret and no token', async () => {
  const error = await failure(clientFor().call('tasks.get_by_id', { task: 'missing' }));
  expect(error.name).toBe('ClearmlApiError');
  expectNoSecret(error);
});

test('OutcomeUnknownError holds no secret and no token', async () => {
  const client = clientFor();
  await client.call('tasks.get_all', { page_size: 1 });
  fixture.sandbox.setFaults({ errorRate: 1, kinds: ['reset'], endpoints: /^tasks\.create$/ });
  const error = await failure(client.call('tasks.create', { name: 'leak check', type: 'training' }));
  expect(error.name).toBe('OutcomeUnknownError');
  expectNoSecret(error);
});

test('TransportError of a timeout holds no secret and no token', async () => {
  const client = clientFor({ requestTimeoutMs: 100 });
  await client.call('tasks.get_all', { page_size: 1 });
  fixture.sandbox.setFaults({ errorRate: 1, kinds: ['hang'], endpoints: /^tasks\.get_all$/ });
  const error = await failure(client.call('tasks.get_all', {}));
  expect(error.name).toBe('TransportError');
  expectNoSecret(error);
});

test('TransportError of an unreachable server holds no secret', async () => {
  const client = clientFor({ retry: { maxAttempts: 1 } }, { url: 'http://127.0.0.1:1', accessKey: ACCESS_KEY, secretKey: SECRET_KEY });
  const error = await failure(client.call('tasks.get_all', {}));
  expect(error.name).toBe('TransportError');
  expectNoSecret(error);
});

test('inspecting or serialising a logged-in client shows no secret and no token', async () => {
  const client = clientFor();
  await client.call('tasks.get_all', { page_size: 1 });
  const texts = [util.inspect(client, { depth: 10, showHidden: true }), JSON.stringify(client, (_k, v: unknown) => (typeof v === 'bigint' ? String(v) : v))];
  for (const text of texts) {
    expect(text).not.toContain(SECRET_KEY);
    expect(text).not.toContain(Buffer.from(`${ACCESS_KEY}:${SECRET_KEY}`).toString('base64'));
    expect(text).not.toMatch(JWT);
  }
});

test('a HOCON syntax error next to the secret does not quote the file', async () => {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk-style-leak-'));
  fs.writeFileSync(path.join(home, 'clearml.conf'), `api {\n  credentials { access_key: "${ACCESS_KEY}", secret_key: ${SECRET_KEY}: }\n}\n`);
  const error = await failure(loadCredentials({}, { home }));
  expect(error).toMatchObject({ name: 'EnvironmentError', code: 'BadConfigFile' });
  expect(error.message).toContain(`${path.join(home, 'clearml.conf')}:2:`);
  expectNoSecret(error);
});

test('an unresolved substitution named like the secret is not quoted', async () => {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk-style-leak-'));
  fs.writeFileSync(path.join(home, 'clearml.conf'), `api.credentials.secret_key: \${${SECRET_KEY}}\n`);
  const error = await failure(loadCredentials({}, { home }));
  expect(error).toMatchObject({ code: 'BadConfigFile' });
  expect(error.message).toContain('Unable to resolve');
  expectNoSecret(error);
});

test('NoCredentials holds no secret when only the secret key is set', async () => {
  const error = await failure(loadCredentials({ CLEARML_API_SECRET_KEY: SECRET_KEY }, { home: fs.mkdtempSync(path.join(os.tmpdir(), 'cdk-style-empty-')) }));
  expect(error).toMatchObject({ code: 'NoCredentials' });
  expect(error.message).toContain('no access key found');
  expectNoSecret(error);
});
