import { ChildProcess, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { writeAssembly } from '../../lib/manifest/write';
import { executeRun } from '../../lib/run/engine';
import { sandboxEnvironment } from '../../lib/sandbox/start';
import { seedManifest } from '../deploy/seed';
import { CLI_BIN } from '../setup/dist';
import { FAST_POLL, RunFixture, startRunFixture, waitFor } from './run-fixture';

const ROOT = path.resolve(__dirname, '..', '..');

/** `node <args>` in the repository, pointed at the fixture's sandbox. */
function spawnNode(fx: RunFixture, args: string[]): ChildProcess {
  return spawn(process.execPath, args, {
    cwd: ROOT,
    env: { ...process.env, ...sandboxEnvironment(fx.sandbox), SANDBOX_URL: fx.sandbox.url, SANDBOX_ACCESS_KEY: fx.sandbox.accessKey, SANDBOX_SECRET_KEY: fx.sandbox.secretKey },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

function exited(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) {
      resolve(child.exitCode);
      return;
    }
    child.once('exit', (code) => resolve(code));
  });
}

/** Waits until the sandbox answered nothing new for a while (requests of a killed process still land). */
async function settle(fx: RunFixture): Promise<void> {
  let last = -1;
  while (fx.sandbox.requestCounts()['tasks.clone'] !== last) {
    last = fx.sandbox.requestCounts()['tasks.clone'] ?? 0;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function taskStatus(fx: RunFixture, id: string): Promise<{ status: string; status_reason?: string }> {
  const [task] = await fx.client.getAll<{ status: string; status_reason?: string }>('tasks.get_all', { id: [id], only_fields: ['status', 'status_reason'] }, 'tasks');
  return task;
}

describe('a --local controller killed or interrupted', () => {
  let fx: RunFixture;
  afterEach(async () => fx.close());

  test('SIGKILL at several points, then --resume: every step launched exactly once, the run completes', async () => {
    fx = await startRunFixture({ defaults: { durationMs: 40 } });
    const controller = await fx.deploy(seedManifest());
    for (const [endpoint, count] of [['tasks.clone', 1], ['tasks.enqueue', 1], ['tasks.enqueue', 3]] as const) {
      const runId = await fx.newRun(controller);
      fx.sandbox.resetCounts();
      const child = spawnNode(fx, ['--import', 'tsx', path.join(__dirname, 'run-child.ts'), runId]);
      const ended = exited(child);
      await waitFor(() => (fx.sandbox.requestCounts()[endpoint] ?? 0) >= count || child.exitCode !== null, `${count} ${endpoint}`);
      child.kill('SIGKILL');
      await ended;
      await settle(fx);
      const outcome = await executeRun(fx.client, runId, { poll: FAST_POLL, retryEnded: true });
      expect([endpoint, count, outcome.status]).toEqual([endpoint, count, 'completed']);
      const steps = await fx.client.getAll<{ name: string }>('tasks.get_all', { parent: [runId], only_fields: ['name'] }, 'tasks');
      expect(steps.map((s) => s.name).sort()).toEqual(['step1', 'step2', 'step3']);
    }
  });

  test('Ctrl-C of run --local stops the launched steps, marks the run stopped and prints how to resume', async () => {
    fx = await startRunFixture({ bySteps: { step1: { durationMs: 120_000 } } });
    const manifest = seedManifest();
    await fx.deploy(manifest);
    const assembly = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk-style-run-'));
    writeAssembly(assembly, [manifest]);
    const child = spawnNode(fx, [CLI_BIN, 'run', 'my_pipeline', '--local', '--app', assembly, '--poll-interval', '20']);
    let stdout = '';
    child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    const ended = exited(child);
    await waitFor(() => /step1: queued -> running/.test(stdout), 'step1 running', 60_000);
    child.kill('SIGINT');
    expect(await ended).toBe(1);
    const runId = /run ([0-9a-f]{32})/.exec(stdout)?.[1] as string;
    expect(stdout).toContain(`cdk-style run --resume ${runId} --local`);
    const run = await taskStatus(fx, runId);
    expect(run.status).toBe('stopped');
    expect(run.status_reason).toContain('Ctrl-C');
    const [step1] = Object.values(await fx.steps(runId));
    await waitFor(async () => (await taskStatus(fx, step1.id)).status === 'stopped', 'step1 stopped');
  });
});
