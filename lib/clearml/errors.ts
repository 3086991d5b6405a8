/**
 * Typed errors of the ClearML client. None of them ever holds a credential, token or
 * Authorization header: they are built only from the endpoint, the server's envelope fields and
 * a scrubbed description of the transport failure (never the original error object).
 */
import { CdkStyleError, ExitCode } from '../base/errors';
import { withoutUserInfo } from '../base/redact';

/** Fields of an error answer of the ClearML API. */
export interface ApiErrorFields {
  /** `service.action` that was called. */
  readonly endpoint: string;
  /** HTTP status of the answer. */
  readonly httpStatus: number;
  /** `meta.result_code` (equals the HTTP status on ClearML servers). */
  readonly resultCode: number;
  /** `meta.result_subcode`, e.g. 101 for an unknown task id. */
  readonly resultSubcode: number;
  /** `meta.result_msg` as the server sent it. */
  readonly resultMessage: string;
  /** `meta.trx`, the server's transaction id, when known. */
  readonly trx?: string;
}

/** True for the 401 subcodes that mean "these credentials are wrong or missing" (not an expired token). */
function isCredentialProblem(httpStatus: number, subcode: number): boolean {
  return httpStatus === 401 && subcode !== 30;
}

/** The server answered with an error envelope (4xx, or a 5xx that was final). */
export class ClearmlApiError extends CdkStyleError {
  /** `service.action` that was called. */
  public readonly endpoint: string;
  /** HTTP status of the answer. */
  public readonly httpStatus: number;
  /** `meta.result_code`. */
  public readonly resultCode: number;
  /** `meta.result_subcode`; branch on (resultCode, resultSubcode), never on the message. */
  public readonly resultSubcode: number;
  /** `meta.trx` of the failed call, when the server sent one. */
  public readonly trx?: string;

  /** @param fields what the server answered */
  public constructor(fields: ApiErrorFields) {
    const where = `${fields.endpoint} failed with ${fields.resultCode}/${fields.resultSubcode}`;
    const hint = isCredentialProblem(fields.httpStatus, fields.resultSubcode)
      ? ' Check the ClearML credentials (CLEARML_API_ACCESS_KEY / CLEARML_API_SECRET_KEY or clearml.conf).'
      : '';
    super('ClearmlApiError', `${where}: ${fields.resultMessage || 'no message'}${hint}`,
      isCredentialProblem(fields.httpStatus, fields.resultSubcode) ? ExitCode.ENVIRONMENT : ExitCode.FAILURE);
    this.endpoint = fields.endpoint;
    this.httpStatus = fields.httpStatus;
    this.resultCode = fields.resultCode;
    this.resultSubcode = fields.resultSubcode;
    this.trx = fields.trx;
  }
}

/**
 * A call that must not be repeated blindly (e.g. `tasks.create`) failed in a way that leaves its
 * outcome unknown: the request may or may not have been executed. Resolve it by re-reading.
 */
export class OutcomeUnknownError extends CdkStyleError {
  /** `service.action` that was called. */
  public readonly endpoint: string;
  /** Description of the failure (no credentials). */
  public readonly causeMessage: string;

  /**
   * @param endpoint `service.action` that was called
   * @param causeMessage what went wrong at the transport level
   */
  public constructor(endpoint: string, causeMessage: string) {
    super('OutcomeUnknown', `${endpoint}: the outcome is unknown (${causeMessage}); `
      + 'it may or may not have been applied on the server. Re-read the server state before repeating it.');
    this.endpoint = endpoint;
    this.causeMessage = causeMessage;
  }
}

/** The server could not be reached, or kept failing, after every allowed retry. */
export class TransportError extends CdkStyleError {
  /** `service.action` that was called. */
  public readonly endpoint: string;
  /** Number of attempts made. */
  public readonly attempts: number;
  /** Description of the last failure (no credentials). */
  public readonly causeMessage: string;

  /**
   * @param endpoint `service.action` that was called
   * @param attempts number of attempts made
   * @param causeMessage description of the last failure
   */
  public constructor(endpoint: string, attempts: number, causeMessage: string) {
    super('ClearmlUnreachable', `${endpoint} failed after ${attempts} attempt(s): ${causeMessage}. `
      + 'Check that the ClearML API server is reachable (CLEARML_API_HOST or api.api_server in clearml.conf).',
    ExitCode.ENVIRONMENT);
    this.endpoint = endpoint;
    this.attempts = attempts;
    this.causeMessage = causeMessage;
  }
}

/** `apiHost` without user info (see base/redact.ts), query or fragment, for messages. */
export function displayedHost(apiHost: string): string {
  try {
    const url = new URL(withoutUserInfo(apiHost));
    url.search = '';
    url.hash = '';
    return url.toString().replace(/\/$/, '');
  } catch {
    return '(the configured API host)';
  }
}

/**
 * The server answered with something that is not a ClearML API answer (an HTML page from a proxy
 * or a web UI, JSON without the envelope, JSON cut off): the configured address is not a ClearML
 * API server. Exit code 3.
 */
export class NotClearmlServerError extends CdkStyleError {
  /** `service.action` that was called. */
  public readonly endpoint: string;
  /** HTTP status of the answer. */
  public readonly httpStatus: number;

  /**
   * @param endpoint `service.action` that was called
   * @param httpStatus HTTP status of the answer
   * @param body what the body was (e.g. `an HTML page`), never its content
   * @param apiHost the configured API host (shown without credentials)
   */
  public constructor(endpoint: string, httpStatus: number, body: string, apiHost: string) {
    super('NotClearmlServer', `${displayedHost(apiHost)} does not look like a ClearML API server: ${endpoint} answered HTTP ${httpStatus} with ${body}, `
      + 'not a ClearML JSON answer (a proxy login page, or a wrong host or port?). Set CLEARML_API_HOST (or api.api_server in clearml.conf) '
      + "to the API server's address, usually on port 8008 (e.g. http://localhost:8008), not the web UI (8080) or the file server (8081).",
    ExitCode.ENVIRONMENT);
    this.endpoint = endpoint;
    this.httpStatus = httpStatus;
  }
}
