/**
 * When the engine polls next: fast right after a launch or a change (children should be
 * enqueued soon after their parent completes), then slower while steps keep running.
 */

/** Polling intervals of the engine. */
export interface PollOptions {
  /** Interval right after a launch or a state change, in ms. @default 100 */
  readonly minMs?: number;
  /** Longest interval while nothing changes, in ms. @default 800 */
  readonly maxMs?: number;
  /** Growth of the interval after each poll without change. @default 1.5 */
  readonly factor?: number;
}

/** The adaptive schedule. */
export class PollSchedule {
  private readonly minMs: number;
  private readonly maxMs: number;
  private readonly factor: number;
  private current: number;

  /** @param options intervals */
  public constructor(options: PollOptions = {}) {
    this.minMs = options.minMs ?? 100;
    this.maxMs = Math.max(this.minMs, options.maxMs ?? 800);
    this.factor = options.factor ?? 1.5;
    this.current = this.minMs;
  }

  /** A node changed state: poll fast again. */
  public changed(): void {
    this.current = this.minMs;
  }

  /** The interval to wait now (then grown for next time); `launched` resets it first. */
  public next(launched: boolean): number {
    if (launched) {
      this.current = this.minMs;
    }
    const interval = this.current;
    this.current = Math.min(this.maxMs, this.current * this.factor);
    return interval;
  }

  /** Waits for the next interval, or until `signal` aborts. */
  public wait(launched: boolean, signal?: AbortSignal): Promise<void> {
    const ms = this.next(launched);
    return new Promise((resolve) => {
      if (signal?.aborted) {
        resolve();
        return;
      }
      const done = (): void => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      signal?.addEventListener('abort', done, { once: true });
    });
  }
}
