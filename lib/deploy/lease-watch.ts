/**
 * Whether a deploy lock's holder is still alive, judged without comparing anybody's clocks: a
 * lock is abandoned only when its renewal marker (the description the holder rewrites at every
 * renewal, and the server's `last_update`) stayed the same for longer than the holder's time to
 * live, measured by this process's own monotonic clock. A holder whose clock is hours ahead or
 * behind, or a waiter whose clock is, changes nothing: only durations measured on one machine are
 * compared, never timestamps from two.
 */
import { performance } from 'node:perf_hooks';
import { holderOf, ObservedLock } from './lease-record';

/** Milliseconds on this process's monotonic clock (never steps with NTP or a changed wall clock). */
export type MonotonicClock = () => number;

/** The default {@link MonotonicClock}: `performance.now()`. */
export const monotonicMs: MonotonicClock = () => performance.now();

/** What changes at every renewal of a lock. */
function renewalMarker(lock: ObservedLock): string {
  return `${lock.last_update ?? ''}\n${lock.description ?? ''}`;
}

interface Sighting {
  readonly marker: string;
  /** When the read that first returned this marker was answered (the marker was already there). */
  readonly firstAnsweredAt: number;
  /** When the latest read that still returned it was sent (the marker was still there after). */
  lastSentAt: number;
}

/**
 * The renewal markers of the locks a waiting command has read, with when it saw each. Between the
 * answer of the first read that returned a marker and the sending of the last read that still
 * returned it, the server held that marker the whole time: that span is a lower bound of how long
 * the lock went without renewal, however slow the reads were.
 */
export class RenewalWatch {
  private readonly sightings = new Map<string, Sighting>();
  private readonly now: MonotonicClock;

  /** @param now the monotonic clock durations are measured on */
  public constructor(now: MonotonicClock = monotonicMs) {
    this.now = now;
  }

  /** Starts a read: returns its send time, to give {@link observe} with what it returned. */
  public readSent(): number {
    return this.now();
  }

  /** Records `locks`, returned by a read sent at `sentAt` (from {@link readSent}) and answered now. */
  public observe(locks: readonly ObservedLock[], sentAt: number): void {
    const answeredAt = this.now();
    for (const lock of locks) {
      const marker = renewalMarker(lock);
      const known = this.sightings.get(lock.id);
      if (known === undefined || known.marker !== marker) {
        this.sightings.set(lock.id, { marker, firstAnsweredAt: answeredAt, lastSentAt: answeredAt });
      } else {
        known.lastSentAt = Math.max(known.lastSentAt, sentAt);
      }
    }
  }

  /** How long `lock` is known to have gone without renewal (0 when first seen by the latest read, or changed). */
  public unrenewedMs(lock: ObservedLock): number {
    const known = this.sightings.get(lock.id);
    return known === undefined || known.marker !== renewalMarker(lock) ? 0 : Math.max(0, known.lastSentAt - known.firstAnsweredAt);
  }

  /** True when the lock is held but went without renewal for longer than its holder's time to live. */
  public isAbandoned(lock: ObservedLock): boolean {
    const holder = holderOf(lock);
    return holder !== undefined && holder.released === undefined && this.unrenewedMs(lock) > holder.ttlMs;
  }
}
