/**
 * The part of the ClearML client the run engine uses. `ClearmlClient` (lib/clearml/client.ts)
 * satisfies it.
 */

/** Options of one API call. */
export interface RunCallOptions {
  /**
   * True when repeating the call cannot change the outcome, so it may be retried after a transport failure.
   * @default the client's own rule for the endpoint
   */
  readonly idempotent?: boolean;
}

/** The ClearML API calls a run makes. */
export interface RunClient {
  /** Calls `endpoint` (e.g. `tasks.clone`) with `body` and returns the envelope's `data`. */
  call<T>(endpoint: string, body?: Record<string, unknown>, options?: RunCallOptions): Promise<T>;
  /** Calls a `*.get_all` endpoint page by page and returns every item under `key`. */
  getAll<T>(endpoint: string, body: Record<string, unknown>, key: string): Promise<T[]>;
}

/** True when `error` is the client's "outcome unknown" error (a create that may or may not have happened). */
export function outcomeUnknown(error: unknown): boolean {
  const e = error as { name?: unknown; code?: unknown } | null;
  return typeof e === 'object' && e !== null && (e.name === 'OutcomeUnknownError' || e.code === 'OutcomeUnknown');
}
