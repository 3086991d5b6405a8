/**
 * The retry loop around single attempts: what is retried, what is final, and what is reported as
 * "outcome unknown" for calls that must not be repeated blindly.
 */
import { RetryPolicy, backoffDelay, mayRetry, sleep } from './backoff';
import { ClearmlApiError, OutcomeUnknownError, TransportError } from './errors';
import { AttemptOutcome } from './transport';

/** One call to run with retries. */
export interface RetryRun {
  /** `service.action`, for errors and retry events. */
  readonly endpoint: string;
  /** Whether repeating the call is safe after it may have reached the server. */
  readonly idempotent: boolean;
  /** Aborts waits (attempts are aborted by the transport). */
  readonly signal?: AbortSignal;
  /** Performs one attempt. */
  readonly attempt: () => Promise<AttemptOutcome>;
}

/** HTTP statuses after which the server (or a proxy) may or may not have run the request. */
const UNCERTAIN_STATUSES = new Set([429, 502, 503, 504]);

type Failure = Exclude<AttemptOutcome, { kind: 'data' }>;

/** Statuses worth retrying for a call that is safe to repeat. */
function isRetryableStatus(status: number): boolean {
  return status === 429 || status >= 500;
}

/** The error to throw now, or undefined when the failure may be retried. */
function finalError(run: RetryRun, outcome: Failure, attempt: number): Error | undefined {
  if (outcome.kind === 'foreign') {
    return outcome.error;
  }
  if (outcome.kind === 'error') {
    const status = outcome.error.httpStatus;
    if (!run.idempotent && UNCERTAIN_STATUSES.has(status)) {
      return new OutcomeUnknownError(run.endpoint, `HTTP ${status} ${outcome.error.resultMessage}`.trim());
    }
    return run.idempotent && isRetryableStatus(status) ? undefined : new ClearmlApiError(outcome.error);
  }
  if (outcome.sent && !run.idempotent) {
    return new OutcomeUnknownError(run.endpoint, outcome.reason);
  }
  return outcome.retryable ? undefined : new TransportError(run.endpoint, attempt, outcome.reason);
}

/** The error to throw when no retry is left. */
function exhaustedError(run: RetryRun, outcome: Failure, attempt: number): Error {
  return outcome.kind === 'error' ? new ClearmlApiError(outcome.error) : new TransportError(run.endpoint, attempt, outcome.reason);
}

/** Runs `run.attempt` until it returns data, a final error occurs, or the retry budget is spent. */
export async function runWithRetries(run: RetryRun, policy: RetryPolicy, now: () => number = Date.now): Promise<unknown> {
  const started = now();
  for (let attempt = 1; ; attempt++) {
    const outcome = await run.attempt();
    if (outcome.kind === 'data') {
      return outcome.data;
    }
    const error = finalError(run, outcome, attempt);
    if (error !== undefined) {
      throw error;
    }
    const delayMs = backoffDelay(policy, attempt, outcome.retryAfterMs);
    if (!mayRetry(policy, attempt, now() - started, delayMs)) {
      throw exhaustedError(run, outcome, attempt);
    }
    const reason = outcome.kind === 'error' ? `HTTP ${outcome.error.httpStatus}` : outcome.reason;
    policy.onRetry?.({ endpoint: run.endpoint, attempt, delayMs, reason });
    await sleep(delayMs, run.signal);
  }
}
