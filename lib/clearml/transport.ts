/**
 * One HTTP attempt against the ClearML API over a keep-alive undici connection pool:
 * `POST {apiHost}/v2.23/{service.action}` with a JSON body. It never throws for HTTP or network
 * failures; it classifies them so the client can decide whether a retry is safe.
 */
import * as tls from 'node:tls';
import { Agent } from 'undici';
import { EnvironmentError } from '../base/errors';
import { ApiErrorFields, NotClearmlServerError } from './errors';
import { parseEnvelope } from './envelope';
import { parseRetryAfter } from './backoff';

/** API version in every request path. */
export const API_VERSION = '2.23';

/** Settings of the HTTP transport. */
export interface TransportOptions {
  /** Base URL of the API server, e.g. `https://api.clear.ml` (a path prefix is kept). */
  readonly apiHost: string;
  /** Verify the server's TLS certificate. */
  readonly verifyTls: boolean;
  /** Certificates (PEM) to trust besides the system's. @default none */
  readonly extraCa?: string | Buffer;
  /** Connect timeout, in milliseconds. */
  readonly connectTimeoutMs: number;
  /** Time allowed for the answer's headers and between body chunks, in milliseconds. */
  readonly requestTimeoutMs: number;
  /** Connections kept per origin. */
  readonly connections: number;
}

/** Result of one attempt. */
export type AttemptOutcome =
  /** The server answered 200 with an envelope. */
  | { readonly kind: 'data'; readonly data: unknown }
  /** The server answered with an error envelope (or a final non-JSON answer). */
  | { readonly kind: 'error'; readonly error: ApiErrorFields; readonly retryAfterMs?: number }
  /** The answer is not a ClearML answer at all (an HTML page, cut-off JSON): final. */
  | { readonly kind: 'foreign'; readonly reason: string; readonly error: NotClearmlServerError; readonly retryAfterMs?: undefined }
  /** No usable answer: network error, timeout, or a 429/5xx without an envelope. */
  | { readonly kind: 'failed'; readonly reason: string; readonly sent: boolean; readonly retryable: boolean; readonly retryAfterMs?: number };

/** Origin and request path of `endpoint` on the server at `apiHost` (a path prefix of `apiHost` is kept). */
export function requestTarget(apiHost: string, endpoint: string): { origin: string; path: string } {
  let url: URL;
  try {
    url = new URL(apiHost);
  } catch {
    throw new EnvironmentError('BadApiHost', `'${apiHost}' is not a URL; set CLEARML_API_HOST (or api.api_server in clearml.conf) to e.g. https://api.clear.ml`);
  }
  return { origin: url.origin, path: `${url.pathname.replace(/\/+$/, '')}/v${API_VERSION}/${endpoint}` };
}

/** Error codes meaning the request never left this machine, so the server cannot have run it. */
const NOT_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'UND_ERR_CONNECT_TIMEOUT']);

/** Error codes of a TLS verification failure: retrying cannot help. */
const TLS_CODE = /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|ERR_TLS/;

/** Error codes of a pool closed by {@link HttpTransport.close}: the request may have been sent; retrying cannot help. */
const CLOSED_CODES = new Set(['UND_ERR_DESTROYED', 'UND_ERR_CLOSED']);

/** Describes a network error by its code and message only (never its request options). */
function describe(error: unknown): { code: string; text: string } {
  const e = error as { code?: unknown; message?: unknown; name?: unknown };
  const code = typeof e?.code === 'string' ? e.code : typeof e?.name === 'string' ? e.name : 'Error';
  const message = typeof e?.message === 'string' ? e.message : String(error);
  return { code, text: `${code}: ${message}` };
}

/** Classifies a thrown network error. */
function networkFailure(error: unknown): AttemptOutcome {
  const { code, text } = describe(error);
  if (TLS_CODE.test(code)) {
    return { kind: 'failed', reason: `TLS verification failed (${text}); fix the server certificate, or set CLEARML_API_HOST_VERIFY_CERT=0 only for a trusted server`, sent: false, retryable: false };
  }
  if (CLOSED_CODES.has(code)) {
    return { kind: 'failed', reason: `the client was closed (${text})`, sent: true, retryable: false };
  }
  return { kind: 'failed', reason: text, sent: !NOT_SENT_CODES.has(code), retryable: true };
}

/** What a body that is not a ClearML answer looks like (its kind, never its content). */
function describeBody(text: string, contentType: string): string {
  const start = text.trimStart().slice(0, 15).toLowerCase();
  if (contentType.includes('html') || start.startsWith('<!doctype') || start.startsWith('<html')) {
    return 'an HTML page';
  }
  if (text.trim() === '') {
    return 'an empty body';
  }
  return start.startsWith('{') || start.startsWith('[') ? 'JSON that is cut off or has no ClearML envelope' : `a body of type ${contentType || 'unknown'}`;
}

/** The parts of one HTTP answer. */
interface Answer {
  readonly endpoint: string;
  readonly apiHost: string;
  readonly status: number;
  readonly text: string;
  readonly contentType: string;
  readonly retryAfter: string | string[] | undefined;
}

/** Classifies an HTTP answer. */
function answerOutcome(answer: Answer): AttemptOutcome {
  const { endpoint, status, text } = answer;
  const envelope = parseEnvelope(text, status);
  const retryAfterMs = parseRetryAfter(answer.retryAfter);
  if (envelope === undefined) {
    if (status === 429 || status >= 500) {
      return { kind: 'failed', reason: `HTTP ${status} without a ClearML answer`, sent: true, retryable: true, retryAfterMs };
    }
    const error = new NotClearmlServerError(endpoint, status, describeBody(text, answer.contentType), answer.apiHost);
    return { kind: 'foreign', reason: error.message, error };
  }
  if (status === 200 && envelope.resultCode === 200) {
    return { kind: 'data', data: envelope.data };
  }
  const error: ApiErrorFields = {
    endpoint, httpStatus: status, resultCode: envelope.resultCode, resultSubcode: envelope.resultSubcode, resultMessage: envelope.resultMessage, trx: envelope.trx,
  };
  return { kind: 'error', error, retryAfterMs };
}

/** The `ca` connect option trusting `extra` on top of the system's certificates (none: Node's defaults). */
function trustedCa(extra: string | Buffer | undefined): { ca?: string[] } {
  return extra === undefined ? {} : { ca: [...tls.rootCertificates, extra.toString()] };
}

/** The HTTP side of the client: a keep-alive pool and one method per attempt. */
export class HttpTransport {
  private readonly agent: Agent;
  private readonly apiHost: string;
  private readonly requestTimeoutMs: number;

  /** @param options transport settings */
  public constructor(options: TransportOptions) {
    this.apiHost = options.apiHost;
    requestTarget(options.apiHost, 'server.info');
    this.requestTimeoutMs = options.requestTimeoutMs;
    this.agent = new Agent({
      connect: { timeout: options.connectTimeoutMs, rejectUnauthorized: options.verifyTls, ...trustedCa(options.extraCa) },
      connections: options.connections,
      headersTimeout: options.requestTimeoutMs,
      bodyTimeout: options.requestTimeoutMs,
    });
  }

  /**
   * Sends one request (a list body as JSON lines). Rejects only when `signal` aborts (with the signal's reason); every other
   * failure is returned as an {@link AttemptOutcome}.
   */
  public async attempt(endpoint: string, body: unknown, headers: Record<string, string>, signal?: AbortSignal): Promise<AttemptOutcome> {
    const target = requestTarget(this.apiHost, endpoint);
    try {
      const res = await this.agent.request({
        ...target,
        method: 'POST',
        headers: { 'content-type': Array.isArray(body) ? 'application/json-lines' : 'application/json', ...headers },
        body: Array.isArray(body) ? body.map((line) => JSON.stringify(line)).join('\n') : JSON.stringify(body),
        signal,
        headersTimeout: this.requestTimeoutMs,
        bodyTimeout: this.requestTimeoutMs,
      });
      const text = await res.body.text();
      const contentType = String(res.headers['content-type'] ?? '').toLowerCase();
      return answerOutcome({ endpoint, apiHost: this.apiHost, status: res.statusCode, text, contentType, retryAfter: res.headers['retry-after'] });
    } catch (error) {
      if (signal?.aborted) {
        throw signal.reason;
      }
      return networkFailure(error);
    }
  }

  /** Closes every pooled connection, ending requests still in flight. */
  public async close(): Promise<void> {
    await this.agent.destroy();
  }
}
