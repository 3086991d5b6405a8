/**
 * The ClearML response envelope: `{meta: {...}, data: {...}}`, the same shape for success and
 * error, with `data: {}` on errors.
 */
import { ApiError } from './errors';
import { newId } from './values';

/** API level the sandbox reports (ClearML server 1.17). */
export const API_VERSION = '2.31';

/** What the envelope needs to know about the request. */
export interface EnvelopeContext {
  /** `service.action`. */
  readonly endpoint: string;
  /** Version from the path, or undefined when the path had none. */
  readonly requestedVersion?: string;
  /** `X-ClearML-Trx` header, when sent. */
  readonly trx?: string;
  /** False for an unknown endpoint (then `actual_version` is null). */
  readonly known: boolean;
}

/** A complete response: HTTP status and JSON body. */
export interface Envelope {
  /** HTTP status (= `meta.result_code`). */
  readonly status: number;
  /** The JSON body. */
  readonly body: { meta: Record<string, unknown>; data: unknown };
}

function meta(ctx: EnvelopeContext, code: number, subcode: number, msg: string, errorData: Record<string, unknown>): Record<string, unknown> {
  const id = newId();
  return {
    id,
    trx: ctx.trx ?? id,
    endpoint: { name: ctx.endpoint, requested_version: ctx.requestedVersion ?? API_VERSION, actual_version: ctx.known ? '1.0' : null },
    result_code: code,
    result_subcode: subcode,
    result_msg: msg,
    error_stack: null,
    error_data: errorData,
  };
}

/** A success envelope carrying `data`. */
export function successEnvelope(ctx: EnvelopeContext, data: unknown): Envelope {
  return { status: 200, body: { meta: meta(ctx, 200, 0, 'OK', {}), data: data ?? {} } };
}

/** An error envelope for `error` (an unexpected error becomes 500/0, never 501-599). */
export function errorEnvelope(ctx: EnvelopeContext, error: unknown): Envelope {
  if (error instanceof ApiError) {
    return { status: error.status, body: { meta: meta(ctx, error.status, error.subcode, error.message, error.data), data: {} } };
  }
  const message = error instanceof Error ? error.message : String(error);
  const body = { meta: { ...meta(ctx, 500, 0, `General data error (${message})`, {}), error_stack: error instanceof Error ? (error.stack ?? null) : null }, data: {} };
  return { status: 500, body };
}
