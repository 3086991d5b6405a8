/**
 * The part of the ClearML client the deploy engine uses. `ClearmlClient` (lib/clearml/client.ts)
 * satisfies it; keeping the engine on this narrow shape keeps it easy to reason about.
 */

/** Options of one API call. */
export interface DeployCallOptions {
  /**
   * True when repeating the call cannot change the outcome (reads, edits, archives), so the
   * client may retry it after a transport failure.
   * @default false
   */
  readonly idempotent?: boolean;
  /**
   * Aborts this call.
   * @default never aborted
   */
  readonly signal?: AbortSignal;
}

/** The ClearML API calls deploy makes. */
export interface DeployClient {
  /** Calls `endpoint` (e.g. `tasks.create`) with `body` and returns the envelope's `data`. */
  call<T>(endpoint: string, body?: Record<string, unknown>, options?: DeployCallOptions): Promise<T>;
  /** Calls a `*.get_all` endpoint page by page (500 per page) and returns every item under `key`. */
  getAll<T>(endpoint: string, body: Record<string, unknown>, key: string): Promise<T[]>;
}

/** True when `error` is the client's "outcome unknown" error (a non-idempotent call that may or may not have happened). */
export function isOutcomeUnknown(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) {
    return false;
  }
  const e = error as { name?: unknown; code?: unknown };
  return e.name === 'OutcomeUnknownError' || e.code === 'OutcomeUnknown';
}

/** The ClearML result code of an API error (`resultCode`/`resultSubcode`), or undefined for other errors. */
export function apiErrorCodes(error: unknown): { httpStatus?: number; subcode?: number } | undefined {
  if (typeof error !== 'object' || error === null) {
    return undefined;
  }
  const e = error as { httpStatus?: unknown; resultCode?: unknown; resultSubcode?: unknown };
  if (typeof e.resultSubcode !== 'number') {
    return undefined;
  }
  const status = typeof e.httpStatus === 'number' ? e.httpStatus : typeof e.resultCode === 'number' ? e.resultCode : undefined;
  return { httpStatus: status, subcode: e.resultSubcode };
}
