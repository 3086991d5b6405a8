import { sandboxEnvironment, startSandbox } from '../../lib/sandbox/start';
import { login, rawCall } from './api';

describe('startSandbox', () => {
  test('uses the given credentials, creates the queues, and applies start-up faults', async () => {
    const sandbox = await startSandbox({ accessKey: 'MYKEY', secretKey: 'my-secret', queues: ['q-one', 'q-two'], faults: { errorRate: 1, kinds: ['503'], endpoints: /^tasks\./ } });
    try {
      expect(sandbox.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect([sandbox.accessKey, sandbox.secretKey]).toEqual(['MYKEY', 'my-secret']);
      const api = await login(sandbox);
      const { queues } = await api.call('queues.get_all', { only_fields: ['name'], order_by: ['name'] });
      expect(queues.map((q: { name: string }) => q.name)).toEqual(['default', 'q-one', 'q-two']);
      expect((await api.reply('tasks.get_all')).status).toBe(503);
    } finally {
      await sandbox.close();
    }
  });

  test('generates credentials when none are given', async () => {
    const [a, b] = [await startSandbox(), await startSandbox()];
    try {
      expect(a.accessKey).not.toBe(b.accessKey);
      expect(a.secretKey.length).toBeGreaterThanOrEqual(32);
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });
});

describe('sandboxEnvironment', () => {
  test('points every ClearML host variable at the sandbox and carries the keys', async () => {
    const sandbox = await startSandbox({ accessKey: 'K1', secretKey: 'S1' });
    try {
      const env = sandboxEnvironment(sandbox);
      expect(env).toEqual({
        CLEARML_API_HOST: sandbox.url, CLEARML_WEB_HOST: sandbox.url, CLEARML_FILES_HOST: sandbox.url,
        CLEARML_API_ACCESS_KEY: 'K1', CLEARML_API_SECRET_KEY: 'S1',
      });
      const reply = await rawCall(env.CLEARML_API_HOST, 'auth.login', {}, {
        authorization: `Basic ${Buffer.from(`${env.CLEARML_API_ACCESS_KEY}:${env.CLEARML_API_SECRET_KEY}`).toString('base64')}`,
      });
      expect(reply.status).toBe(200);
    } finally {
      await sandbox.close();
    }
  });
});
