/**
 * Retry policy of the ClearML client: exponential backoff with full jitter, bounded both in
 * attempts and in total elapsed time, and honouring a server's `Retry-After`.
 */

/** Information passed to {@link RetryOptions.onRetry} before each retry. */
export interface RetryEvent {
  /** `service.action` being retried. */
  readonly endpoint: string;
  /** The attempt that just failed (1 for the first). */
  readonly attempt: number;
  /** How long the client waits before the next attempt, in milliseconds. */
  readonly delayMs: number;
  /** Why the attempt failed (no credentials). */
  readonly reason: string;
}

/** Retry settings of the ClearML client. */
export interface RetryOptions {
  /**
   * Maximum attempts per call, the first included.
   * @default 5
   */
  readonly maxAttempts?: number;
  /**
   * Base of the exponential backoff, in milliseconds.
   * @default 200
   */
  readonly baseDelayMs?: number;
  /**
   * Largest single wait between attempts, in milliseconds.
   * @default 5000
   */
  readonly maxDelayMs?: number;
  /**
   * Largest total time spent on one call including waits, in milliseconds; no retry starts after it.
   * @default 30000
   */
  readonly maxTotalMs?: number;
  /**
   * Called before every retry (for logging or tests).
   * @default no callback
   */
  readonly onRetry?: (event: RetryEvent) => void;
  /**
   * Source of randomness in [0, 1) for the jitter.
   * @default Math.random
   */
  readonly random?: () => number;
}

/** {@link RetryOptions} with every default filled in. */
export type RetryPolicy = Required<Omit<RetryOptions, 'onRetry'>> & Pick<RetryOptions, 'onRetry'>;

/** Fills the defaults of {@link RetryOptions}. */
export function retryPolicy(options: RetryOptions = {}): RetryPolicy {
  return {
    maxAttempts: Math.max(1, options.maxAttempts ?? 5),
    baseDelayMs: options.baseDelayMs ?? 200,
    maxDelayMs: options.maxDelayMs ?? 5000,
    maxTotalMs: options.maxTotalMs ?? 30000,
    random: options.random ?? Math.random,
    onRetry: options.onRetry,
  };
}

/**
 * Delay before the attempt after `attempt` (1-based): a uniform draw in
 * [0, min(maxDelayMs, baseDelayMs * 2^(attempt-1))], raised to `retryAfterMs` when the server asked.
 */
export function backoffDelay(policy: RetryPolicy, attempt: number, retryAfterMs?: number): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
  const jittered = Math.floor(policy.random() * ceiling);
  return retryAfterMs !== undefined ? Math.max(jittered, retryAfterMs) : jittered;
}

/** True when another attempt is allowed after `attempt` failed and `elapsedMs` passed, waiting `delayMs`. */
export function mayRetry(policy: RetryPolicy, attempt: number, elapsedMs: number, delayMs: number): boolean {
  return attempt < policy.maxAttempts && elapsedMs + delayMs <= policy.maxTotalMs;
}

/** Parses a `Retry-After` header given in seconds (HTTP dates are ignored); milliseconds or undefined. */
export function parseRetryAfter(header: string | string[] | undefined): number | undefined {
  const value = Array.isArray(header) ? header[0] : header;
  if (value === undefined || !/^\s*\d+(\.\d+)?\s*$/.test(value)) {
    return undefined;
  }
  return Math.round(Number(value) * 1000);
}

/** Waits `ms` milliseconds, or rejects with the signal's reason when it aborts first. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
