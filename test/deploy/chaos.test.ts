import { ChildProcess, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { deploy } from '../../lib/deploy/deploy';
import { Harness, startHarness } from './harness';
import { liveByIdentity, SEED_IDENTITIES, seedManifest } from './seed';

const TSX = path.resolve(__dirname, '..', '..', 'node_modules', '.bin', 'tsx');

function startChild(harness: Harness, manifestFile: string): ChildProcess {
  return spawn(TSX, [path.join(__dirname, 'deploy-child.ts'), manifestFile], {
    env: { ...process.env, SANDBOX_URL: harness.url, SANDBOX_ACCESS_KEY: harness.accessKey, SANDBOX_SECRET_KEY: harness.secretKey },
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

/**
 * Waits until the sandbox has answered nothing new for a while: requests the killed process had
 * already sent are still handled by the server, as a real server would, and must land before the
 * rerun observes (a create landing after it would be cleaned up by the deploy after, not this one).
 */
async function settle(harness: Harness): Promise<void> {
  let last = -1;
  while (harness.counts().total !== last) {
    last = harness.counts().total ?? 0;
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
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
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'cdk-style-kill-')), 'my_pipeline.json');
    fs.writeFileSync(file, JSON.stringify(manifest));
    for (const writes of [1, 2, 3, 4, 5, 6, 7]) {
      harness.resetCounts();
      await killAfterWrites(harness, startChild(harness, file), writes);
      await settle(harness);
      await deploy(harness.client(), [manifest]);
      expect(await liveByIdentity(harness.client())).toEqual(SEED_IDENTITIES);
      expect((await deploy(harness.client(), [manifest])).noChanges).toBe(true);
      // Start again from an empty pipeline for the next kill point.
      const { destroy } = await import('../../lib/deploy/destroy');
      await destroy(harness.client(), [manifest.id]);
      await settle(harness);
    }
  });

  test('two deploys at once converge to one object per identity', async () => {
    const manifest = seedManifest();
    await Promise.allSettled([deploy(harness.client(), [manifest]), deploy(harness.client(), [manifest])]);
    await deploy(harness.client(), [manifest]);
    expect(await liveByIdentity(harness.client())).toEqual(SEED_IDENTITIES);
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
