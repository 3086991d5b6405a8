/**
 * A command that needs the locks of several pipelines holds the first ones while it waits for the
 * next: it keeps renewing them meanwhile, so a third command does not take them over however long
 * the wait lasts (over HTTP to the sandbox).
 */
import { acquireLease, Lease } from '../../lib/deploy/lease';
import { waitFor } from '../cli/child-cli';
import { countingRenewals } from './counting-renewals';
import { Harness, startHarness } from './harness';

/** `promise` and whether it settled yet. */
function tracked<T>(promise: Promise<T>): { promise: Promise<T>; settled: () => boolean } {
  let settled = false;
  void promise.then(() => {
    settled = true;
  }, () => {
    settled = true;
  });
  return { promise, settled: () => settled };
}

describe('locks held while waiting for the next one', () => {
  let harness: Harness;

  beforeEach(async () => {
    harness = await startHarness();
  });

  afterEach(async () => {
    await harness.close();
  });

  test('are renewed during the wait, so nobody takes them over; everyone gets them in turn', async () => {
    const holderOfB = await acquireLease(harness.client(), ['b'], undefined, { ttlMs: 600 });
    const both = countingRenewals(harness.client());
    const wantsBoth = tracked(acquireLease(both.client, ['a', 'b'], undefined, { ttlMs: 600 }));
    await waitFor('the lock of a to be taken', async () => (await harness.client().getAll('projects.get_all', { name: '^\\.cdk-style-lock\\.a\\.', search_hidden: true }, 'projects')).length === 1);
    const wantsA = tracked(acquireLease(harness.client(), ['a'], undefined, { ttlMs: 600 }));
    // Six renewals of a, one every 200 ms: a third command watched it for two of its times to live.
    await waitFor('six renewals of a during the wait', () => wantsA.settled() || both.renewals() >= 6);
    expect(wantsA.settled()).toBe(false);
    expect(wantsBoth.settled()).toBe(false);
    await holderOfB.release();
    const lease: Lease = await wantsBoth.promise;
    expect([lease.tookOver, wantsA.settled()]).toEqual([false, false]);
    await lease.release();
    const third = await wantsA.promise;
    expect(third.tookOver).toBe(false);
    await third.release();
  });
});
