/**
 * Several `cdk-style deploy` processes of the same app at once, against one server: after all of
 * them return, the server holds one live task per identity and every command printed the same
 * ids, also with injected faults and with the lock holder killed with SIGKILL.
 */
import { ChildProcess, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { App } from '../../lib/core/app';
import { buildSeedApp } from '../../examples/seed-pipeline';
import { cliArgv } from '../setup/dist';
import { Harness, startHarness } from './harness';
import { liveByIdentity, SEED_IDENTITIES } from './seed';

interface Finished {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

interface Deployed {
  readonly controllerId: string;
  readonly draftIds: Record<string, string>;
}

function assemblyDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk-style-concurrent-'));
  buildSeedApp(new App({ outdir: path.join(dir, 'cdk.out') })).synth();
  return dir;
}

function startDeploy(harness: Harness, cwd: string, extraEnv: Record<string, string> = {}): { child: ChildProcess; done: Promise<Finished> } {
  const env = {
    ...process.env, CLEARML_API_HOST: harness.url, CLEARML_API_ACCESS_KEY: harness.accessKey, CLEARML_API_SECRET_KEY: harness.secretKey, ...extraEnv,
  };
  const [program, ...argv] = cliArgv(['deploy', '--app', 'cdk.out', '--json']);
  const child = spawn(program, argv, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    stdout += chunk.toString('utf8');
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString('utf8');
  });
  const done = new Promise<Finished>((resolve) => child.once('close', (code) => resolve({ code, stdout, stderr })));
  return { child, done };
}

function printedIds(run: Finished): Deployed {
  const [pipeline] = (JSON.parse(run.stdout) as { result: { pipelines: Deployed[] } }).result.pipelines;
  return { controllerId: pipeline.controllerId, draftIds: pipeline.draftIds };
}

/** Polls until `condition` holds; fails when `deadlineMs` passes first. */
async function until(condition: () => Promise<boolean> | boolean, deadlineMs = 60_000): Promise<void> {
  const start = Date.now();
  while (!(await condition())) {
    if (Date.now() - start > deadlineMs) {
      throw new Error('condition not reached');
    }
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

describe('concurrent deploy processes of one app', () => {
  let harness: Harness;
  let cwd: string;

  beforeAll(() => {
    cwd = assemblyDir();
  });

  beforeEach(async () => {
    harness = await startHarness();
  });

  afterEach(async () => {
    await harness.close();
  });

  test.each([2, 4])('%i deploys at once: one live task per identity, the same ids printed by every one', async (n) => {
    const runs = await Promise.all(Array.from({ length: n }, () => startDeploy(harness, cwd).done));
    expect(runs.map((r) => r.code)).toEqual(runs.map(() => 0));
    expect(await liveByIdentity(harness.client())).toEqual(SEED_IDENTITIES);
    const ids = runs.map(printedIds);
    expect(new Set(ids.map((i) => JSON.stringify(i))).size).toBe(1);
    expect(Object.keys(ids[0].draftIds).sort()).toEqual(['step1', 'step2', 'step3']);
  });

  test('4 deploys at once with 20% of requests failing: every one that succeeds printed the same ids, nothing is duplicated', async () => {
    harness.setFaults({ errorRate: 0.2, seed: 11, kinds: ['502', '503', '429', 'reset'], endpoints: /^(tasks|projects|queues)\./ });
    const runs = await Promise.all(Array.from({ length: 4 }, () => startDeploy(harness, cwd).done));
    harness.setFaults(undefined);
    const succeeded = runs.filter((r) => r.code === 0);
    expect(succeeded.length).toBeGreaterThan(0);
    const final = await startDeploy(harness, cwd).done;
    expect(final.code).toBe(0);
    expect(await liveByIdentity(harness.client())).toEqual(SEED_IDENTITIES);
    const ids = [...succeeded, final].map(printedIds);
    expect(new Set(ids.map((i) => JSON.stringify(i))).size).toBe(1);
  });

  test('the lock holder killed with SIGKILL mid-deploy: the others take its lock over once it expires and converge', async () => {
    // Creates take longer than the lock's time to live: the killed holder's create lands after
    // the lock was taken over, and the new holder archives the duplicate it makes.
    harness.setFaults({ latencyMs: 1_500, endpoints: /^tasks\.create$/ });
    const env = { CDK_STYLE_LOCK_TTL_MS: '1000' };
    const deploys = Array.from({ length: 3 }, () => startDeploy(harness, cwd, env));
    await until(() => (harness.counts()['tasks.create'] ?? 0) >= 1);
    const [lock] = (await harness.client().getAll<{ description: string }>('projects.get_all', {
      name: '^\\.cdk-style-lock\\.', search_hidden: true, only_fields: ['description'],
    }, 'projects'));
    const holderPid = (JSON.parse(lock.description) as { pid: number }).pid;
    const holder = deploys.find((d) => d.child.pid === holderPid);
    expect(holder).toBeDefined();
    holder?.child.kill('SIGKILL');
    const others = await Promise.all(deploys.filter((d) => d !== holder).map((d) => d.done));
    harness.setFaults(undefined);
    expect(others.map((r) => r.code)).toEqual([0, 0]);
    expect(others.map((r) => r.stderr).join('\n')).toContain('stopped renewing it');
    expect(await liveByIdentity(harness.client())).toEqual(SEED_IDENTITIES);
    expect(new Set(others.map((r) => JSON.stringify(printedIds(r)))).size).toBe(1);
  });
});
