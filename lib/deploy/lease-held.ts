/**
 * The locks a command holds: renewed every third of their time to live while it works, checked
 * before every call it makes (a lost lock stops the command before its next write), marked
 * released at the end.
 */
import { DeployClient, apiErrorCodes } from './client';
import { DeployError } from './errors';
import { deleteOlderGenerations, HeldLock, markReleased } from './lease-calls';
import { LeaseHolder } from './lease-record';

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
  private lastRenewed = Date.now();
  private readonly timer: NodeJS.Timeout;
  private readonly client: DeployClient;
  private readonly locks: readonly HeldLock[];
  private readonly holder: LeaseHolder;

  /**
   * @param client the client renewals and the release go through
   * @param locks the locks taken
   * @param holder this command's holder record
   * @param how how they were taken
   */
  public constructor(client: DeployClient, locks: readonly HeldLock[], holder: LeaseHolder, how: { fresh: boolean; tookOver: boolean }) {
    this.client = client;
    this.locks = [...locks];
    this.holder = holder;
    this.fresh = how.fresh;
    this.tookOver = how.tookOver;
    this.timer = setInterval(() => void this.renew(), Math.max(50, holder.ttlMs / 3));
    this.timer.unref();
  }

  public assertHeld(): void {
    if (this.lostReason === undefined && Date.now() - this.lastRenewed > this.holder.ttlMs) {
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
    const description = JSON.stringify({ ...this.holder, renewed: new Date().toISOString() });
    try {
      await Promise.all(this.locks.map((l) => this.client.call('projects.update', { project: l.id, description }, { idempotent: true })));
      this.lastRenewed = Date.now();
    } catch (error) {
      if (apiErrorCodes(error)?.subcode === 401) {
        this.lostReason = 'another command broke it with --force-unlock';
      }
    }
  }
}
