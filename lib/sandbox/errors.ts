/**
 * Errors the sandbox answers with: an HTTP status, a ClearML result subcode, a message built the
 * way the ClearML server builds it, and the keyword arguments echoed in `meta.error_data`.
 */

/** An error answered to the client as a ClearML error envelope. */
export class ApiError extends Error {
  /** HTTP status, also `meta.result_code`. */
  public readonly status: number;
  /** `meta.result_subcode`. */
  public readonly subcode: number;
  /** `meta.error_data`: the keyword arguments of the error. */
  public readonly data: Record<string, unknown>;

  /**
   * @param status HTTP status (never 501-599)
   * @param subcode ClearML result subcode
   * @param text default text of the error, e.g. `Invalid task id`
   * @param data keyword arguments appended as `: k=v, ...` and echoed in `error_data`
   */
  public constructor(status: number, subcode: number, text: string, data: Record<string, unknown> = {}) {
    super(formatMessage(text, data));
    this.name = 'ApiError';
    this.status = status;
    this.subcode = subcode;
    this.data = data;
  }
}

function formatValue(value: unknown): string {
  if (Array.isArray(value)) {
    return `(${value.map(formatValue).join(', ')})`;
  }
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** Builds a ClearML-style message: `Text: k=v, k2=(a, b)`. */
export function formatMessage(text: string, data: Record<string, unknown>): string {
  const pairs = Object.entries(data).map(([k, v]) => `${k}=${formatValue(v)}`);
  return pairs.length > 0 ? `${text}: ${pairs.join(', ')}` : text;
}

/** 400/12: the request is invalid (missing required field, wrong type). */
export function validationError(reason: string, data: Record<string, unknown> = {}): ApiError {
  return new ApiError(400, 12, `Validation error (${reason})`, data);
}

/** 400/16: a field has an invalid value (bad reference, bad filter operator). */
export function fieldsValueError(reason: string, data: Record<string, unknown> = {}): ApiError {
  return new ApiError(400, 16, `Invalid value for fields (${reason})`, data);
}

/** 400/101: unknown task id. */
export function invalidTaskId(id: unknown): ApiError {
  return new ApiError(400, 101, 'Invalid task id', { id });
}

/** 400/110: the task status forbids the operation. */
export function invalidTaskStatus(reason: string, data: Record<string, unknown>): ApiError {
  return new ApiError(400, 110, `Invalid task status (${reason})`, data);
}

/** 400/401: unknown project id. */
export function invalidProjectId(id: unknown): ApiError {
  return new ApiError(400, 401, 'Invalid project id', { id });
}

/** 400/701: unknown queue id. */
export function invalidQueueId(id: unknown): ApiError {
  return new ApiError(400, 701, 'Invalid queue id', { id });
}

/** 400/801: a name that must be unique is already taken. */
export function notUnique(kind: string, name: string): ApiError {
  return new ApiError(400, 801, `${kind} with the same name already exists`, { name });
}

/** 400/800: stored-document validation failed (e.g. a name shorter than 3 characters). */
export function dataValidationError(reason: string, data: Record<string, unknown> = {}): ApiError {
  return new ApiError(400, 800, `Data validation error (${reason})`, data);
}
