/**
 * The ClearML REST client: keep-alive transport, `auth.login` session with refresh and one
 * re-login on an expired token, bounded retries for calls that are safe to repeat, "outcome
 * unknown" for those that are not, timeouts, cancellation and a `*.get_all` paging helper.
 */
import { CdkStyleError } from '../base/errors';
import { registerSecret, registerUrlSecrets } from '../base/redact';
import { RetryOptions, RetryPolicy, retryPolicy } from './backoff';
import { loadCredentials } from './credentials';
import { ClearmlApiError } from './errors';
import { isIdempotentEndpoint } from './idempotency';
import { readAllPages } from './paging';
import { runWithRetries } from './retry';
import { TokenSession } from './token-session';
import { HttpTransport } from './transport';

export type { RetryOptions, RetryEvent } from './backoff';

/** Settings of a {@link ClearmlClient}. */
export interface ClientOptions {
  /** Base URL of the ClearML API server, e.g. `https://api.clear.ml` or `http://localhost:8008`. */
  apiHost: string;
  /** Access key of the ClearML credentials. */
  accessKey: string;
  /** Secret key of the ClearML credentials. */
  secretKey: string;
  /**
   * Verify the server's TLS certificate.
   * @default true
   */
  verifyTls?: boolean;
  /**
   * Certificates (PEM) to trust besides the system's, e.g. the self-signed one of a server you
   * run yourself; verification stays on. (The CLI's way is `NODE_EXTRA_CA_CERTS`.)
   * @default the system's trusted certificates only
   */
  extraCa?: string | Buffer;
  /**
   * Connect timeout, in milliseconds.
   * @default 10000
   */
  connectTimeoutMs?: number;
  /**
   * Time allowed for an answer's headers, and between chunks of its body, in milliseconds.
   * @default 60000
   */
  requestTimeoutMs?: number;
  /**
   * Retry settings.
   * @default 5 attempts, 200 ms base, 5 s cap, 30 s total
   */
  retry?: RetryOptions;
  /**
   * Connections kept open to the server.
   * @default 16
   */
  connections?: number;
  /**
   * Aborts every call of this client.
   * @default never aborted
   */
  signal?: AbortSignal;
  /**
   * Extra headers sent with every call, e.g. `X-ClearML-Worker` for an agent.
   * @default none
   */
  headers?: Record<string, string>;
}

/** Options of one {@link ClearmlClient.call}. */
export interface ClearmlCallOptions {
  /**
   * Whether repeating the call is harmless, so it may be retried after it may have reached the server.
   * @default true for reads and known idempotent writes, false otherwise (see idempotency.ts)
   */
  idempotent?: boolean;
  /**
   * Aborts this call.
   * @default never aborted
   */
  signal?: AbortSignal;
}

const INVALID_TOKEN_SUBCODE = 30;

function combineSignals(a?: AbortSignal, b?: AbortSignal): AbortSignal | undefined {
  return a !== undefined && b !== undefined ? AbortSignal.any([a, b]) : a ?? b;
}

/** Resolves like `promise`, or rejects with the signal's reason as soon as `signal` aborts. */
function abortable<T>(promise: Promise<T>, signal?: AbortSignal): Promise<T> {
  if (signal === undefined) {
    return promise;
  }
  return new Promise<T>((resolve, reject) => {
    if (signal.aborted) {
      reject(signal.reason);
      return;
    }
    const onAbort = (): void => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

function isInvalidToken(error: unknown): boolean {
  return error instanceof ClearmlApiError && error.httpStatus === 401 && error.resultSubcode === INVALID_TOKEN_SUBCODE;
}

/** A client of one ClearML API server. */
export class ClearmlClient {
  /** Base URL of the API server. */
  public readonly apiHost: string;
  private readonly transport: HttpTransport;
  private readonly policy: RetryPolicy;
  private readonly session: TokenSession;
  private readonly signal?: AbortSignal;
  private readonly headers: Record<string, string>;
  private closed = false;

  /** @param options server, credentials and transport settings */
  public constructor(options: ClientOptions) {
    this.apiHost = options.apiHost;
    this.transport = new HttpTransport({
      apiHost: options.apiHost,
      verifyTls: options.verifyTls ?? true,
      extraCa: options.extraCa,
      connectTimeoutMs: options.connectTimeoutMs ?? 10_000,
      requestTimeoutMs: options.requestTimeoutMs ?? 60_000,
      connections: options.connections ?? 16,
    });
    this.policy = retryPolicy(options.retry);
    this.signal = options.signal;
    this.headers = { ...(options.headers ?? {}) };
    const basic = `Basic ${Buffer.from(`${options.accessKey}:${options.secretKey}`).toString('base64')}`;
    [options.accessKey, options.secretKey, basic.slice('Basic '.length)].forEach(registerSecret);
    registerUrlSecrets(options.apiHost);
    this.session = new TokenSession(() => this.login(basic));
  }

  /**
   * Calls `endpoint` (`service.action`, e.g. `tasks.create`) with `body` and returns the
   * envelope's `data`. A list body is sent as JSON lines (a batch, as `events.add_batch` takes it). Throws {@link ClearmlApiError}, `OutcomeUnknownError` or `TransportError`.
   */
  public async call<T>(endpoint: string, body: Record<string, unknown> | readonly Record<string, unknown>[] = {}, options: ClearmlCallOptions = {}): Promise<T> {
    const idempotent = options.idempotent ?? isIdempotentEndpoint(endpoint);
    const signal = combineSignals(this.signal, options.signal);
    signal?.throwIfAborted();
    if (this.closed) {
      throw new CdkStyleError('ClientClosed', `${endpoint} was called on a ClearML client that was already closed; create a new client.`);
    }
    const token = await abortable(this.session.token(), signal);
    try {
      return await this.authorizedCall<T>(endpoint, body, idempotent, token, signal);
    } catch (error) {
      if (!isInvalidToken(error)) {
        throw error;
      }
      this.session.invalidate(token);
      return this.authorizedCall<T>(endpoint, body, idempotent, await abortable(this.session.token(), signal), signal);
    }
  }

  /** Reads every row of a `*.get_all` endpoint (pages of 500) found under `data[key]`. */
  public async getAll<T>(endpoint: string, body: Record<string, unknown>, key: string): Promise<T[]> {
    return readAllPages<T>((e, b) => this.call(e, b), endpoint, body, key);
  }

  /** Closes the pooled connections; calls still in flight fail (a write among them with an unknown outcome). */
  public async close(): Promise<void> {
    this.closed = true;
    await this.transport.close();
  }

  private async authorizedCall<T>(endpoint: string, body: unknown, idempotent: boolean, token: string, signal?: AbortSignal): Promise<T> {
    const headers = { ...this.headers, authorization: `Bearer ${token}` };
    const attempt = () => this.transport.attempt(endpoint, body, headers, signal);
    return await runWithRetries({ endpoint, idempotent, signal, attempt }, this.policy) as T;
  }

  private async login(basic: string): Promise<string> {
    const headers = { authorization: basic };
    const attempt = () => this.transport.attempt('auth.login', {}, headers, this.signal);
    const data = await runWithRetries({ endpoint: 'auth.login', idempotent: true, signal: this.signal, attempt }, this.policy) as { token?: unknown };
    if (typeof data?.token !== 'string') {
      throw new ClearmlApiError({ endpoint: 'auth.login', httpStatus: 200, resultCode: 200, resultSubcode: 0, resultMessage: 'the answer holds no token' });
    }
    return data.token;
  }
}

/**
 * A client for the server configured in the environment: `CLEARML_*` / `TRAINS_*` variables,
 * then clearml.conf (see {@link loadCredentials}). Throws the `NoCredentials` environment error
 * when nothing is configured.
 */
export async function clientFromEnvironment(env: NodeJS.ProcessEnv = process.env, overrides: Partial<ClientOptions> = {}): Promise<ClearmlClient> {
  const credentials = await loadCredentials(env);
  return new ClearmlClient({
    apiHost: credentials.apiHost,
    accessKey: credentials.accessKey,
    secretKey: credentials.secretKey,
    verifyTls: credentials.verifyTls,
    ...overrides,
  });
}
