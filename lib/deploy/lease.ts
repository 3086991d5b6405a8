/**
 * Deploy locks: a command that writes a pipeline's objects first takes that pipeline's lock (the
 * next generation of its chain, see lease-record.ts), renews it while it works, and marks it
 * released when done. A second deploy of the same pipeline waits; a lock whose holder died (not
 * renewed for its time to live, as this process's own monotonic clock measures it while it
 * watches: lease-watch.ts) is taken over; `forceUnlock` breaks a lock at once. Locks of
 * several pipelines are kept in sorted order, so two commands wanting overlapping sets never wait
 * on each other.
 */
import { DeployClient } from './client';
import { DeployError } from './errors';
import { deleteOlderGenerations, HeldLock, markReleased, readLocks, renewLock, tryTake } from './lease-calls';
import { HeldLease, Lease } from './lease-held';
import { describeHolder, holderOf, isReleased, LeaseHolder, newestLock, newHolder, ObservedLock } from './lease-record';
import { MonotonicClock, monotonicMs, RenewalWatch } from './lease-watch';

export type { Lease } from './lease-held';

/** Options of {@link acquireLease}. */
export interface LeaseOptions {
  /**
   * The command taking the lock, recorded for whoever has to wait.
   * @default 'deploy'
   */
  readonly command?: string;
  /**
   * How long after its last renewal a lock is abandoned (renewed every third of it).
   * @default 60000
   */
  readonly ttlMs?: number;
  /**
   * How long to wait for a lock held by another live command before failing.
   * @default 600000
   */
  readonly waitMs?: number;
  /**
   * Delete the pipelines' locks, whoever holds them, before taking them.
   * @default false
   */
  readonly forceUnlock?: boolean;
  /**
   * Told once per lock and holder that this command is waiting for (or broke) it.
   * @default no notice
   */
  readonly onNotice?: (message: string) => void;
  /**
   * The clock waits and lock expiry are measured on (tests inject one).
   * @default `performance.now()`
   */
  readonly clock?: MonotonicClock;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function seconds(ms: number): string {
  return `${Math.round(ms / 100) / 10} s`;
}

function lockTimeout(pipelineId: string, lock: ObservedLock, waitedMs: number, command: string): DeployError {
  return new DeployError('LockTimeout', `Gave up after ${Math.round(waitedMs / 1000)} s waiting for the deploy lock of pipeline '${pipelineId}', `
    + `held by ${describeHolder(lock)}, which kept renewing it. Wait for that command to finish and run this one again, or, if that process is gone, `
    + `run \`cdk-style ${command} --force-unlock\` to break the lock (writes it still had in flight may land afterwards; this deploy then archives any duplicate they made).`);
}

/** What one pipeline's newest lock lets this command do. */
type Verdict = { readonly take: number; readonly takeover?: string } | { readonly wait: ObservedLock };

function verdictFor(pipelineId: string, locks: readonly ObservedLock[], forceUnlock: boolean, watch: RenewalWatch): Verdict {
  const newest = newestLock(locks, pipelineId);
  if (newest === undefined || isReleased(newest.lock)) {
    return { take: (newest?.generation ?? 0) + 1 };
  }
  if (forceUnlock) {
    return { take: newest.generation + 1, takeover: `Breaking the deploy lock of pipeline '${pipelineId}' held by ${describeHolder(newest.lock)} (--force-unlock).` };
  }
  if (watch.isAbandoned(newest.lock)) {
    const ttl = holderOf(newest.lock)?.ttlMs ?? 0;
    return {
      take: newest.generation + 1,
      takeover: `Taking over the deploy lock of pipeline '${pipelineId}': its holder (${describeHolder(newest.lock)}) stopped renewing it `
        + `(unchanged for ${seconds(watch.unrenewedMs(newest.lock))} of this machine's clock; its time to live is ${seconds(ttl)}).`,
    };
  }
  return { wait: newest.lock };
}

interface Attempt {
  readonly wanted: readonly string[];
  readonly held: HeldLock[];
  readonly holder: LeaseHolder;
  readonly options: LeaseOptions;
  readonly watch: RenewalWatch;
  tookOver: boolean;
}

/**
 * Tries every lock not held yet at once (those a live holder has are not tried), then keeps the
 * held ones that come before the first pipeline it could not lock (in sorted order) and releases
 * the others, so waiting commands never hold what another waits for. Returns the first pipeline
 * it could not lock with the lock to wait for (undefined when it was only beaten to it), or
 * undefined when it holds everything.
 */
async function takeInOrder(client: DeployClient, attempt: Attempt, locks: readonly ObservedLock[]): Promise<{ pipelineId: string; live?: ObservedLock } | undefined> {
  const { wanted, held, holder, options, watch } = attempt;
  const verdicts = new Map(wanted.filter((p) => !held.some((h) => h.pipelineId === p)).map((p) => [p, verdictFor(p, locks, options.forceUnlock ?? false, watch)]));
  const tries = [...verdicts].flatMap(([p, v]) => ('take' in v ? [{ p, v }] : []));
  const sentAt = watch.readSent();
  const taken = await Promise.all(tries.map(({ p, v }) => tryTake(client, { pipelineId: p, generation: v.take, sentAt }, holder, locks)));
  tries.forEach(({ v }, i) => {
    if (taken[i] !== undefined && v.takeover !== undefined) {
      options.onNotice?.(v.takeover);
      attempt.tookOver = true;
    }
  });
  held.push(...taken.filter((t): t is HeldLock => t !== undefined));
  const blocked = wanted.find((p) => !held.some((h) => h.pipelineId === p));
  if (blocked === undefined) {
    return undefined;
  }
  const giveBack = held.filter((h) => h.pipelineId > blocked);
  await Promise.all(giveBack.map((h) => markReleased(client, h, holder)));
  held.splice(0, held.length, ...held.filter((h) => h.pipelineId < blocked));
  const verdict = verdicts.get(blocked);
  return { pipelineId: blocked, live: verdict !== undefined && 'wait' in verdict ? verdict.wait : undefined };
}

/**
 * Renews the locks this command already holds while it waits for the next one (a third of their
 * time to live after their last renewal), so nobody takes them over meanwhile. A lock found gone
 * (broken) is dropped and taken again later; a failed renewal is retried at the next wait.
 */
async function renewWhileWaiting(client: DeployClient, attempt: Attempt): Promise<void> {
  const due = attempt.held.filter((h) => attempt.watch.readSent() - h.renewedAt > attempt.holder.ttlMs / 3);
  await Promise.all(due.map(async (lock) => {
    const sentAt = attempt.watch.readSent();
    const renewed = await renewLock(client, lock, attempt.holder).catch(() => undefined);
    const index = attempt.held.indexOf(lock);
    if (renewed === false) {
      attempt.held.splice(index, 1);
    } else if (renewed === true) {
      attempt.held[index] = { ...lock, renewedAt: sentAt };
    }
  }));
}

/** Reads the locks again, recording their renewal markers in the attempt's watch. */
async function readWatched(client: DeployClient, attempt: Attempt): Promise<ObservedLock[]> {
  const sentAt = attempt.watch.readSent();
  const locks = await readLocks(client, attempt.wanted);
  attempt.watch.observe(locks, sentAt);
  return locks;
}

/**
 * Takes the locks of `pipelineIds`, waiting for live holders (see {@link LeaseOptions}). `seen`
 * are the locks as the caller read them before reading the state it planned from; when they let
 * every lock be taken at once, the lease is `fresh` and that state is still current.
 */
export async function acquireLease(client: DeployClient, pipelineIds: readonly string[], seen: readonly ObservedLock[] | undefined, options: LeaseOptions = {}): Promise<Lease> {
  const ttlMs = options.ttlMs ?? 60_000;
  const waitMs = options.waitMs ?? 600_000;
  const command = options.command ?? 'deploy';
  const clock = options.clock ?? monotonicMs;
  const attempt: Attempt = { wanted: [...new Set(pipelineIds)].sort(), held: [], holder: newHolder(command, ttlMs), options, watch: new RenewalWatch(clock), tookOver: false };
  const noticed = new Set<string>();
  const started = clock();
  attempt.watch.observe(seen ?? [], started);
  let locks = seen ?? await readWatched(client, attempt);
  let fresh = seen !== undefined;
  try {
    for (;;) {
      const blocked = await takeInOrder(client, attempt, locks);
      if (blocked === undefined) {
        let held: readonly HeldLock[] = attempt.held;
        if (attempt.tookOver) {
          await deleteOlderGenerations(client, held);
          held = held.map((h) => ({ ...h, olderIds: [] }));
        }
        return new HeldLease(client, held, attempt.holder, { fresh: fresh && !attempt.tookOver, tookOver: attempt.tookOver, clock });
      }
      fresh = false;
      if (blocked.live !== undefined) {
        const waited = clock() - started;
        if (waited >= waitMs) {
          throw lockTimeout(blocked.pipelineId, blocked.live, waited, command);
        }
        noticeWait(options.onNotice, noticed, blocked.pipelineId, blocked.live);
        await renewWhileWaiting(client, attempt);
        await sleep(Math.min(1_000, (holderOf(blocked.live)?.ttlMs ?? ttlMs) / 4) * (0.5 + Math.random()));
      }
      locks = await readWatched(client, attempt);
    }
  } catch (error) {
    await Promise.all(attempt.held.map((h) => markReleased(client, h, attempt.holder).catch(() => undefined)));
    throw error;
  }
}

function noticeWait(onNotice: LeaseOptions['onNotice'], noticed: Set<string>, pipelineId: string, lock: ObservedLock): void {
  const key = `${pipelineId}:${holderOf(lock)?.token ?? lock.id}`;
  if (!noticed.has(key)) {
    noticed.add(key);
    const ttl = seconds(holderOf(lock)?.ttlMs ?? 0);
    onNotice?.(`Waiting for the deploy lock of pipeline '${pipelineId}', held by ${describeHolder(lock)}; `
      + `it is taken over if it goes ${ttl} without renewal (timed on this machine's clock, never compared with the server's).`);
  }
}

/** A client that refuses every call once the lease is lost, so no write happens unlocked. */
export function fencedClient(client: DeployClient, lease: Lease): DeployClient {
  return {
    call: (endpoint, body, options) => {
      lease.assertHeld();
      return client.call(endpoint, body, options);
    },
    getAll: (endpoint, body, key) => {
      lease.assertHeld();
      return client.getAll(endpoint, body, key);
    },
  };
}

/** Runs `work` holding the locks of `pipelineIds`, with a fenced client; releases them afterwards. */
export async function withLease<T>(
  client: DeployClient, pipelineIds: readonly string[], seen: readonly ObservedLock[] | undefined, options: LeaseOptions,
  work: (fenced: DeployClient, lease: Lease) => Promise<T>,
): Promise<T> {
  const lease = await acquireLease(client, pipelineIds, seen, options);
  try {
    return await work(fencedClient(client, lease), lease);
  } finally {
    await lease.release();
  }
}
