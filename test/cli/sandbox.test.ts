import { spawn } from 'node:child_process';
import { ClearmlClient } from '../../lib/clearml/client';
import { CLI_BIN } from '../setup/dist';
import { ROOT } from '../setup/fresh-dist';

/** Starts `cdk-style sandbox` and resolves with the variables it prints. */
function startSandboxCommand(args: string[]): Promise<{ env: Record<string, string>; stop: () => Promise<number | null> }> {
  const child = spawn(process.execPath, [CLI_BIN, 'sandbox', ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      out += chunk;
      if (out.includes('Press Ctrl+C to stop.')) {
        const env = Object.fromEntries([...out.matchAll(/^export (\w+)=(\S+)$/gm)].map((m) => [m[1], m[2]]));
        const stop = (): Promise<number | null> => new Promise((done) => {
          child.once('exit', (code) => done(code));
          child.kill('SIGTERM');
        });
        resolve({ env, stop });
      }
    });
  });
}

describe('cdk-style sandbox', () => {
  test('--agents registers simulated workers on the queues (and on queues created later) and a services agent', async () => {
    const { env, stop } = await startSandboxCommand(['--port', '0', '--queue', 'gpu-a100', '--queue', 'services', '--agents']);
    try {
      const client = new ClearmlClient({ apiHost: env.CLEARML_API_HOST, accessKey: env.CLEARML_API_ACCESS_KEY, secretKey: env.CLEARML_API_SECRET_KEY });
      const ids = async (): Promise<string[]> => (await client.call<{ workers: Array<{ id: string }> }>('workers.get_all', {})).workers.map((w) => w.id);
      expect(await ids()).toEqual(expect.arrayContaining(['simulated-worker:gpu-a100:0', 'simulated-services-agent:0']));
      await client.call('queues.create', { name: 'late-queue' });
      for (let i = 0; i < 400 && !(await ids()).includes('simulated-worker:late-queue:0'); i += 1) {
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
      expect(await ids()).toContain('simulated-worker:late-queue:0');
      await client.close();
    } finally {
      expect(await stop()).toBe(0);
    }
  });

  test('prints the variables that point a client at it, with generated credentials, and has the queues asked for', async () => {
    const { env, stop } = await startSandboxCommand(['--port', '0', '--queue', 'gpu-a100', '--queue', 'services']);
    try {
      expect(Object.keys(env).sort()).toEqual(['CLEARML_API_ACCESS_KEY', 'CLEARML_API_HOST', 'CLEARML_API_SECRET_KEY', 'CLEARML_FILES_HOST', 'CLEARML_WEB_HOST']);
      const client = new ClearmlClient({ apiHost: env.CLEARML_API_HOST, accessKey: env.CLEARML_API_ACCESS_KEY, secretKey: env.CLEARML_API_SECRET_KEY });
      const queues = await client.getAll<{ name: string }>('queues.get_all', { only_fields: ['name'] }, 'queues');
      expect(queues.map((q) => q.name).sort()).toEqual(expect.arrayContaining(['gpu-a100', 'services']));
      await client.close();
    } finally {
      expect(await stop()).toBe(0);
    }
  });

  test('refuses an access key without a secret key (usage error, exit 2)', async () => {
    const child = spawn(process.execPath, [CLI_BIN, 'sandbox', '--access-key', 'K'], { stdio: 'ignore' });
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    expect(code).toBe(2);
  });
});
