/**
 * An exclusive lock on a sandbox data file shared by every process on the machine (one
 * `deploy --sandbox`, one `diff --sandbox`, a foreground `cdk-style sandbox --data`, ...): a lock
 * directory next to the file (proper-lockfile). Inside one process the lock is shared: the first
 * write takes it, concurrent writes of the same process join it, and the last one out releases
 * it, so requests of one process interleave as they always did and never wait on each other.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { lock } from 'proper-lockfile';

/** A lock directory older than this (its holder stopped refreshing it) is taken over. */
const STALE_MS = 5_000;

/** How long a process waits for the lock before failing the request. */
const WAIT_MS = 60_000;

/** The lock on one data file, as seen from this process. */
export class DataFileLock {
  private holders = 0;
  private acquired: Promise<void> = Promise.resolve();
  private release?: () => Promise<void>;
  private readonly file: string;

  /** @param file the data file the lock protects (`<file>.lock` is the lock directory) */
  public constructor(file: string) {
    this.file = file;
  }

  /** True while a request of this process holds (or is taking) the lock. */
  public get held(): boolean {
    return this.holders > 0;
  }

  /**
   * Runs `work` holding the lock. `onAcquired` runs once each time this process takes the lock
   * from another (to reload what that process wrote), before any `work` that waited for it.
   */
  public async hold<T>(onAcquired: () => void, work: () => Promise<T>): Promise<T> {
    this.holders += 1;
    if (this.holders === 1) {
      this.acquired = this.take().then(onAcquired);
    }
    try {
      await this.acquired;
      return await work();
    } finally {
      this.holders -= 1;
      if (this.holders === 0) {
        const release = this.release;
        this.release = undefined;
        await release?.().catch(() => undefined);
      }
    }
  }

  private async take(): Promise<void> {
    fs.mkdirSync(path.dirname(this.file), { recursive: true });
    this.release = await lock(this.file, {
      realpath: false,
      stale: STALE_MS,
      retries: { retries: Math.ceil(WAIT_MS / 20), minTimeout: 2, maxTimeout: 20, factor: 1.2 },
      // A lock held for a few requests cannot be compromised in a way that matters more than
      // failing those requests; never crash the whole process for it.
      onCompromised: () => undefined,
    });
  }
}
