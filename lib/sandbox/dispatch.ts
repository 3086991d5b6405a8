/**
 * Turns one parsed API request into a response envelope: authentication, the handler, and
 * persistence of the state after every write (before the response is sent).
 */
import { AuthConfig, SERVER_VERSION, authenticate, login } from './auth';
import { HandlerContext } from './context';
import { API_VERSION, Envelope, EnvelopeContext, errorEnvelope, successEnvelope } from './envelope';
import { ApiError } from './errors';
import { HANDLERS, isReadOnly } from './handlers';
import { ScrollRegistry } from './query';
import { StatusGate } from './status-gate';
import { PersistedState } from './persistence';
import { SandboxState } from './store';

/** Everything a request is dispatched against. */
export interface DispatchTarget {
  /** The state. */
  readonly state: SandboxState;
  /** Its persistence after writes, if persisted. */
  readonly persisted?: PersistedState;
  /** Open scrolls. */
  readonly scrolls: ScrollRegistry;
  /** Status change gate. */
  readonly statusGate: StatusGate;
}

/** One API request, already read. */
export interface ApiRequest {
  /** `service.action`. */
  readonly endpoint: string;
  /** Version from the path. */
  readonly version?: string;
  /** Body merged with query arguments. */
  readonly body: Record<string, unknown>;
  /** `Authorization` header. */
  readonly authorization?: string;
  /** `Cookie` header. */
  readonly cookie?: string;
  /** `X-ClearML-Trx` / `X-Trains-Trx` header. */
  readonly trx?: string;
  /** `X-ClearML-Worker` / `X-Trains-Worker` header. */
  readonly worker?: string;
}

/** Endpoints answered without credentials. */
const UNAUTHENTICATED = ['server.info', 'debug.ping'];

function authConfig(state: SandboxState): AuthConfig {
  return { accessKey: state.accessKey, secretKey: state.secretKey, tokenSecret: state.tokenSecret };
}

function serverInfo(): Record<string, unknown> {
  return { version: SERVER_VERSION, build: 'sandbox', commit: 'sandbox', uid: 'cdk-style-sandbox', api_version: API_VERSION };
}

async function run(target: DispatchTarget, request: ApiRequest): Promise<unknown> {
  if (request.endpoint === 'server.info') {
    return serverInfo();
  }
  if (request.endpoint === 'debug.ping') {
    return { msg: 'ClearML server' };
  }
  const known = request.endpoint.startsWith('auth.') || HANDLERS[request.endpoint] !== undefined;
  if (!known) {
    throw new ApiError(404, 0, `Unable to find endpoint for name ${request.endpoint} and version ${request.version ?? API_VERSION}`);
  }
  const identity = authenticate(request.authorization, request.cookie, authConfig(target.state));
  if (request.endpoint === 'auth.login') {
    return login(identity, request.body, authConfig(target.state));
  }
  if (request.endpoint === 'auth.logout') {
    return {};
  }
  const handler = HANDLERS[request.endpoint];
  if (handler === undefined) {
    throw new ApiError(404, 0, `Unable to find endpoint for name ${request.endpoint} and version ${request.version ?? API_VERSION}`);
  }
  const ctx: HandlerContext = { state: target.state, identity, scrolls: target.scrolls, statusGate: target.statusGate, worker: request.worker };
  return handler(request.body, ctx);
}

async function answer(target: DispatchTarget, request: ApiRequest, ctx: EnvelopeContext): Promise<Envelope> {
  try {
    return successEnvelope(ctx, await run(target, request));
  } catch (error) {
    return errorEnvelope(ctx, error);
  }
}

/**
 * Dispatches a request and returns its envelope. With a data file, the request sees the file's
 * latest state, and a write holds the file's lock and is persisted before returning.
 */
export async function dispatch(target: DispatchTarget, request: ApiRequest): Promise<Envelope> {
  const known = UNAUTHENTICATED.includes(request.endpoint) || ['auth.login', 'auth.logout'].includes(request.endpoint) || HANDLERS[request.endpoint] !== undefined;
  const ctx: EnvelopeContext = { endpoint: request.endpoint, requestedVersion: request.version, trx: request.trx, known };
  if (target.persisted === undefined) {
    return answer(target, request, ctx);
  }
  return target.persisted.transaction(known && !isReadOnly(request.endpoint), () => answer(target, request, ctx));
}
