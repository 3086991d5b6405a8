/**
 * The locks a command holds: renewed every third of their time to live while it works, checked
 * before every call it makes (a lost lock stops the command before its next write), marked
 * released at the end. The holder counts its time to live from when it *sent* its last successful
 * renewal, on its own monotonic clock: a waiter starts counting only after it read that renewal,
 * so the holder always gives up before a waiter may take over, whatever their wall clocks say.
 */
import { DeployClient } from './client';
import { DeployError } from './errors';
import { deleteOlderGenerations, HeldLock, markReleased, renewLock } from './lease-calls';
import { LeaseHolder } from './lease-record';
import { MonotonicClock, monotonicMs } from './lease-watch';

/** Locks held by this process. */
export interface Lease {
  /**
   * True when every lock was taken at the first try right after a released (or no) generation
   * that the caller had already seen: nothing was written since the caller's read, which is then
   * still current. False means the caller must read the state again.
   */
  readonly fresh: boolean;
  /** True when a lock was taken from a holder that died or was broken: its late writes may follow. */
  readonly tookOver: boolean;
  /** Throws `LeaseLost` when a lock was lost (broken by another command, or not renewed in time). */
  assertHeld(): void;
  /** Stops renewing, marks the locks released and deletes their older generations (best effort). */
  release(): Promise<void>;
}

/** Locks held by this process (see {@link Lease}). */
export class HeldLease implements Lease {
  public readonly fresh: boolean;
  public readonly tookOver: boolean;
  private lostReason?: string;
  private lastRenewed: number;
  private readonly clock: MonotonicClock;
  private readonly timer: NodeJS.Timeout;
  private readonly client: DeployClient;
  private readonly locks: readonly HeldLock[];
  private readonly holder: LeaseHolder;

  /**
   * @param client the client renewals and the release go through
   * @param locks the locks taken
   * @param holder this command's holder record
   * @param how how they were taken, and the clock the time to live is measured on
   */
  public constructor(client: DeployClient, locks: readonly HeldLock[], holder: LeaseHolder, how: { fresh: boolean; tookOver: boolean; clock?: MonotonicClock }) {
    this.clock = how.clock ?? monotonicMs;
    this.lastRenewed = Math.min(this.clock(), ...locks.map((l) => l.renewedAt));
    this.client = client;
    this.locks = [...locks];
    this.holder = holder;
    this.fresh = how.fresh;
    this.tookOver = how.tookOver;
    this.timer = setInterval(() => void this.renew(), Math.max(50, holder.ttlMs / 3));
    this.timer.unref();
  }

  public assertHeld(): void {
    if (this.lostReason === undefined && this.clock() - this.lastRenewed > this.holder.ttlMs) {
      this.lostReason = `it was not renewed for ${Math.round(this.holder.ttlMs / 1000)} s, so another command may have taken it over`;
    }
    if (this.lostReason !== undefined) {
      const pipelines = this.locks.map((l) => `'${l.pipelineId}'`).join(', ');
      throw new DeployError('LeaseLost', `Stopped before writing more: the deploy lock of pipeline(s) ${pipelines} was lost (${this.lostReason}). `
        + 'Run the command again: it continues from what was written, without duplicates.');
    }
  }

  public async release(): Promise<void> {
    clearInterval(this.timer);
    await Promise.all(this.locks.map((lock) => markReleased(this.client, lock, this.holder).catch(() => undefined)));
    await deleteOlderGenerations(this.client, this.locks).catch(() => undefined);
  }

  private async renew(): Promise<void> {
    const sentAt = this.clock();
    try {
      const renewed = await Promise.all(this.locks.map((l) => renewLock(this.client, l, this.holder)));
      if (renewed.includes(false)) {
        this.lostReason = 'another command broke it with --force-unlock, or took it over';
        return;
      }
      this.lastRenewed = Math.max(this.lastRenewed, sentAt);
    } catch {
      // not renewed this time: assertHeld stops the command once the time to live has passed
    }
  }
}
