/**
 * Reading the ClearML response envelope: `{meta: {trx, result_code, result_subcode, result_msg},
 * data}`, the same shape for success and error.
 */

/** The parts of an envelope the client uses. */
export interface Envelope {
  /** `meta.result_code` (the HTTP status on ClearML servers). */
  readonly resultCode: number;
  /** `meta.result_subcode`. */
  readonly resultSubcode: number;
  /** `meta.result_msg`. */
  readonly resultMessage: string;
  /** `meta.trx`, when present. */
  readonly trx?: string;
  /** `data` (an object; `{}` on errors). */
  readonly data: unknown;
}

function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

/**
 * Parses `text` as an envelope; undefined when it is not JSON or has no `meta` object (e.g. an
 * HTML page from a proxy). A missing `result_code` falls back to `httpStatus`.
 */
export function parseEnvelope(text: string, httpStatus: number): Envelope | undefined {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!isRecord(json) || !isRecord(json.meta)) {
    return undefined;
  }
  const meta = json.meta;
  return {
    resultCode: typeof meta.result_code === 'number' ? meta.result_code : httpStatus,
    resultSubcode: typeof meta.result_subcode === 'number' ? meta.result_subcode : 0,
    resultMessage: typeof meta.result_msg === 'string' ? meta.result_msg : '',
    trx: typeof meta.trx === 'string' ? meta.trx : undefined,
    data: json.data ?? {},
  };
}
