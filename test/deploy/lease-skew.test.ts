/**
 * Deploy-lock expiry does not depend on clocks agreeing: a waiter in its own process whose wall
 * clock is an hour ahead never takes over a lock that is being renewed, one whose clock is an
 * hour behind still takes over a dead lock after its time to live, and a lock the server's own
 * clock says was renewed a day ago is watched for one time to live before it is taken.
 */
import { ChildProcess, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { acquireLease } from '../../lib/deploy/lease';
import { tryTake } from '../../lib/deploy/lease-calls';
import { newHolder } from '../../lib/deploy/lease-record';
import { RenewalWatch } from '../../lib/deploy/lease-watch';
import { loadState } from '../../lib/sandbox/store';
import { waitFor } from '../cli/child-cli';
import { countingRenewals } from './counting-renewals';
import { Harness, startHarness } from './harness';

const TSX = path.resolve(__dirname, '..', '..', 'node_modules', '.bin', 'tsx');
const HOUR_MS = 3_600_000;

/** The takeover notice; group 1 is how long the lock went unchanged, in seconds. */
const TAKEOVER = /^Taking over the deploy lock of pipeline '\w+': its holder \(.*\) stopped renewing it \(unchanged for ([0-9.]+) s of this machine's clock; its time to live is 0\.[45] s\)\.$/;

function unchangedSeconds(notice: string): number {
  return Number(TAKEOVER.exec(notice)?.[1]);
}

type ChildLine = { notice?: string; taken?: boolean; tookOver?: boolean; wallClock?: string; error?: string };

interface LeaseChild {
  readonly process: ChildProcess;
  lines(): ChildLine[];
  readonly done: Promise<ChildLine[]>;
}

function startLeaseChild(harness: Harness, env: Record<string, string>): LeaseChild {
  const child = spawn(TSX, [path.join(__dirname, 'lease-child.ts')], {
    env: { ...process.env, SANDBOX_URL: harness.url, SANDBOX_ACCESS_KEY: harness.accessKey, SANDBOX_SECRET_KEY: harness.secretKey, PIPELINE: 'skewed', ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
    out += chunk;
  });
  const lines = (): ChildLine[] => out.split('\n').filter((l) => l !== '').map((l) => JSON.parse(l) as ChildLine);
  const done = new Promise<ChildLine[]>((resolve) => child.once('close', () => resolve(lines())));
  return { process: child, lines, done };
}

describe('deploy locks with clocks that disagree (over HTTP to the sandbox)', () => {
  let harness: Harness;

  beforeEach(async () => {
    harness = await startHarness();
  });

  afterEach(async () => {
    await harness.close();
  });

  test('a waiter whose clock is an hour ahead waits for a live holder and never takes its lock over', async () => {
    const holder = countingRenewals(harness.client());
    const lease = await acquireLease(holder.client, ['skewed'], undefined, { ttlMs: 600 });
    const waiter = startLeaseChild(harness, { CLOCK_OFFSET_MS: String(HOUR_MS) });
    let ended = false;
    void waiter.done.then(() => {
      ended = true;
    });
    await waitFor('the waiter to start waiting (or take the lock)', () => ended || waiter.lines().length > 0);
    // Six renewals, one every 200 ms: the waiter watches the live lock for two of its times to live.
    const renewalsAtStart = holder.renewals();
    await waitFor('six more renewals by the holder', () => ended || holder.renewals() >= renewalsAtStart + 6);
    expect(waiter.lines()).toEqual([{ notice: expect.stringMatching(/^Waiting for the deploy lock of pipeline 'skewed', held by .* \(deploy\), since .*; it is taken over if it goes 0\.6 s without renewal/) }]);
    expect(() => lease.assertHeld()).not.toThrow();
    await lease.release();
    const lines = await waiter.done;
    expect(lines.filter((l) => l.notice !== undefined && !l.notice.startsWith('Waiting'))).toEqual([]);
    expect(lines[lines.length - 1]).toEqual({ taken: true, tookOver: false, wallClock: expect.any(String) });
    // The child's clock was indeed an hour ahead.
    expect(Date.parse(lines[lines.length - 1].wallClock as string) - Date.now()).toBeGreaterThan(HOUR_MS - 60_000);
  });

  test('a waiter whose clock is an hour behind takes a dead lock over once it went its time to live without renewal', async () => {
    const dead = await tryTake(harness.client(), { pipelineId: 'skewed', generation: 1, sentAt: 0 }, newHolder('deploy', 500), []);
    expect(dead).toBeDefined();
    const lines = await startLeaseChild(harness, { CLOCK_OFFSET_MS: String(-HOUR_MS), LEASE_WAIT_MS: '8000' }).done;
    expect(lines).toEqual([
      { notice: expect.stringMatching(/^Waiting for the deploy lock of pipeline 'skewed', held by /) },
      { notice: expect.stringMatching(TAKEOVER) },
      { taken: true, tookOver: true, wallClock: expect.any(String) },
    ]);
    expect(unchangedSeconds(lines[1].notice as string)).toBeGreaterThanOrEqual(0.5);
  });
});

test('a lock the server last renewed a day ago is watched for one time to live, then taken over (never at once)', async () => {
  const dataFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'cdk-style-ancient-lock-')), 'data.json');
  const first = await startHarness({ dataFile });
  const dead = await tryTake(first.client(), { pipelineId: 'ancient', generation: 1, sentAt: 0 }, newHolder('deploy', 400), []);
  await first.close();
  const state = loadState(dataFile);
  const yesterday = new Date(Date.now() - 24 * HOUR_MS).toISOString();
  (state?.projects[dead?.id as string] as unknown as { last_update: string }).last_update = yesterday;
  fs.writeFileSync(dataFile, JSON.stringify(state));
  const harness = await startHarness({ dataFile });
  try {
    const notices: string[] = [];
    const lease = await acquireLease(harness.client(), ['ancient'], undefined, { onNotice: (n) => notices.push(n) });
    await lease.release();
    expect(lease.tookOver).toBe(true);
    expect(notices).toEqual([expect.stringMatching(/^Waiting for the deploy lock of pipeline 'ancient', held by /), expect.stringMatching(TAKEOVER)]);
    expect(unchangedSeconds(notices[1])).toBeGreaterThanOrEqual(0.4);
    expect(notices[0]).toContain(`last renewed ${yesterday.slice(0, 19)}`);
  } finally {
    await harness.close();
  }
});

describe('RenewalWatch (an injected monotonic clock)', () => {
  const lock = (description: string): { id: string; name: string; description: string; last_update: string } => ({
    id: 'l1', name: '.cdk-style-lock.p.1', last_update: '2026-01-01T00:00:00.000Z',
    description: JSON.stringify({ tool: 'cdk-style', token: 't', ttlMs: 1_000, renewal: description }),
  });

  test('counts from the answer of the first read that saw a marker to the sending of the last one that still did', () => {
    let now = 0;
    const watch = new RenewalWatch(() => now);
    watch.observe([lock('1')], watch.readSent());
    now = 50;
    const slowRead = watch.readSent();
    now = 5_000; // the read took ~5 s: the server may have sent its answer at 50 ms
    watch.observe([lock('1')], slowRead);
    expect(watch.unrenewedMs(lock('1'))).toBe(50);
    expect(watch.isAbandoned(lock('1'))).toBe(false);
    const quickRead = watch.readSent();
    watch.observe([lock('1')], quickRead);
    expect(watch.unrenewedMs(lock('1'))).toBe(5_000);
    expect(watch.isAbandoned(lock('1'))).toBe(true);
  });

  test('a changed marker starts the count again; a released lock is never abandoned', () => {
    let now = 0;
    const watch = new RenewalWatch(() => now);
    watch.observe([lock('1')], watch.readSent());
    now = 2_000;
    watch.observe([lock('2')], watch.readSent());
    expect(watch.unrenewedMs(lock('2'))).toBe(0);
    expect(watch.unrenewedMs(lock('1'))).toBe(0);
    const released = { ...lock('2'), description: JSON.stringify({ tool: 'cdk-style', token: 't', ttlMs: 1_000, released: 'x' }) };
    watch.observe([released], watch.readSent());
    now = 9_000;
    watch.observe([released], watch.readSent());
    expect(watch.unrenewedMs(released)).toBe(7_000);
    expect(watch.isAbandoned(released)).toBe(false);
  });
});
