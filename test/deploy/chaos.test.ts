import { ChildProcess, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { deploy } from '../../lib/deploy/deploy';
import { writeAssembly } from '../../lib/manifest/write';
import { cliArgv } from '../setup/dist';
import { Harness, startHarness } from './harness';
import { liveByIdentity, SEED_IDENTITIES, seedManifest } from './seed';

/**
 * The killed deploy's lock expires this long after its last renewal; only then does the rerun
 * take it over, so every request the killed process had sent has landed before the rerun reads.
 */
const CHILD_LEASE_TTL_MS = 800;

/** `cdk-style deploy` of the assembly in `assemblyDir` in a process of its own, one write at a time. */
function startChild(harness: Harness, assemblyDir: string): ChildProcess {
  const [program, ...argv] = cliArgv(['deploy', '--app', assemblyDir, '--concurrency', '1']);
  return spawn(program, argv, {
    env: {
      ...process.env, CLEARML_API_HOST: harness.url, CLEARML_API_ACCESS_KEY: harness.accessKey, CLEARML_API_SECRET_KEY: harness.secretKey,
      CDK_STYLE_LOCK_TTL_MS: String(CHILD_LEASE_TTL_MS),
    },
    stdio: 'ignore',
  });
}

/** Resolves once the sandbox has answered `writes` write requests, or the child ended. */
async function killAfterWrites(harness: Harness, child: ChildProcess, writes: number): Promise<void> {
  const ended = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let exited = false;
  void ended.then(() => {
    exited = true;
  });
  while (!exited && harness.writes() < writes) {
    await new Promise((resolve) => setTimeout(resolve, 1));
  }
  child.kill('SIGKILL');
  await ended;
}

describe('deploy under crashes, races and faults', () => {
  let harness: Harness;

  beforeEach(async () => {
    harness = await startHarness();
  });

  afterEach(async () => {
    await harness.close();
  });

  test('SIGKILL of the deploy process after each number of writes, then a rerun: converges with no duplicates', async () => {
    const manifest = seedManifest();
    const assembly = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk-style-kill-'));
    writeAssembly(assembly, [manifest]);
    for (const writes of [1, 2, 3, 4, 5, 6, 7, 8]) {
      harness.resetCounts();
      await killAfterWrites(harness, startChild(harness, assembly), writes);
      await deploy(harness.client(), [manifest]);
      expect(await liveByIdentity(harness.client())).toEqual(SEED_IDENTITIES);
      expect((await deploy(harness.client(), [manifest])).noChanges).toBe(true);
      // Start again from an empty pipeline for the next kill point.
      const { destroy } = await import('../../lib/deploy/destroy');
      await destroy(harness.client(), [manifest.id]);
    }
  });

  test('two deploys at once converge within the run: one object per identity, the same ids from both', async () => {
    const manifest = seedManifest();
    const [a, b] = await Promise.all([deploy(harness.client(), [manifest]), deploy(harness.client(), [manifest])]);
    expect(await liveByIdentity(harness.client())).toEqual(SEED_IDENTITIES);
    expect(a.pipelines).toEqual(b.pipelines);
    expect([a.noChanges, b.noChanges].sort()).toEqual([false, true]);
    expect((await deploy(harness.client(), [manifest])).noChanges).toBe(true);
  });

  test('with 20% of requests failing, repeated deploys converge and nothing is lost or duplicated', async () => {
    const manifest = seedManifest();
    harness.setFaults({ errorRate: 0.2, seed: 7, kinds: ['502', '503', '429', 'reset'] });
    let attempts = 0;
    let done = false;
    while (!done && attempts < 10) {
      attempts++;
      done = await deploy(harness.client(), [manifest]).then(() => true, () => false);
    }
    harness.setFaults(undefined);
    expect(done).toBe(true);
    expect(await liveByIdentity(harness.client())).toEqual(SEED_IDENTITIES);
    expect((await deploy(harness.client(), [manifest])).noChanges).toBe(true);
  });
});
