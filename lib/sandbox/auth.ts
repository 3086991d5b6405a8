/**
 * Authentication: Basic access_key:secret_key or a Bearer JWT on every endpoint, `auth.login`
 * issuing tokens, and the 401 codes of the ClearML server.
 */
import { createHash } from 'node:crypto';
import { ApiError, validationError } from './errors';
import { API_VERSION } from './envelope';
import { signJwt, verifyJwt } from './jwt';
import { newId } from './values';

/** Who is calling. */
export interface Identity {
  /** User id. */
  readonly user: string;
  /** Company id. */
  readonly company: string;
  /** Role, always `admin` in the sandbox. */
  readonly role: string;
  /** Display name of the user. */
  readonly user_name: string;
  /** Display name of the company. */
  readonly company_name: string;
}

/** The credentials and signing key the sandbox accepts. */
export interface AuthConfig {
  /** Access key. */
  readonly accessKey: string;
  /** Secret key. */
  readonly secretKey: string;
  /** HS256 signing secret of tokens. */
  readonly tokenSecret: string;
}

/** Server version reported in tokens and `server.info`. */
export const SERVER_VERSION = '1.17.0';
const DEFAULT_EXPIRATION_SEC = 2_592_000;
const MAX_EXPIRATION_SEC = 31_536_000;

/** The one identity of the sandbox, derived from its access key. */
export function identityFor(accessKey: string): Identity {
  const hash = createHash('sha256').update(accessKey).digest('hex');
  return { user: hash.slice(0, 32), company: hash.slice(32, 64), role: 'admin', user_name: 'sandbox', company_name: 'sandbox' };
}

function basicIdentity(encoded: string, config: AuthConfig): Identity {
  const decoded = Buffer.from(encoded, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) {
    throw new ApiError(401, 21, 'Invalid authentication header (could not decode basic auth)');
  }
  if (decoded.slice(0, colon) !== config.accessKey || decoded.slice(colon + 1) !== config.secretKey) {
    throw new ApiError(401, 22, 'Invalid user credentials (wrong key or secret)');
  }
  return identityFor(config.accessKey);
}

function bearerIdentity(token: string, config: AuthConfig): Identity {
  const claims = verifyJwt(token, config.tokenSecret, Date.now() / 1000);
  if (typeof claims === 'string') {
    throw new ApiError(401, 30, 'Invalid token', { reason: claims });
  }
  return claims.identity as Identity;
}

/** Authenticates a request from its `Authorization` header or `clearml_token_basic` cookie. */
export function authenticate(authorization: string | undefined, cookie: string | undefined, config: AuthConfig): Identity {
  const cookieToken = /(?:^|;\s*)clearml_token_basic=([^;]+)/.exec(cookie ?? '')?.[1];
  const header = authorization ?? (cookieToken !== undefined ? `Bearer ${cookieToken}` : undefined);
  if (header === undefined || header.trim() === '') {
    throw new ApiError(401, 20, 'Unauthorized (missing credentials)');
  }
  const [scheme, value = ''] = header.trim().split(/\s+/, 2);
  if (scheme.toLowerCase() === 'basic') {
    return basicIdentity(value, config);
  }
  if (scheme.toLowerCase() === 'bearer') {
    return bearerIdentity(value, config);
  }
  throw new ApiError(401, 10, 'Unauthorized (invalid authentication header)', { scheme });
}

/** `auth.login`: a fresh token for the caller. */
export function login(identity: Identity, body: Record<string, unknown>, config: AuthConfig): { token: string } {
  const requested = body.expiration_sec;
  if (requested !== undefined && (typeof requested !== 'number' || requested <= 0 || requested > MAX_EXPIRATION_SEC)) {
    throw validationError('expiration_sec must be between 1 and 31536000', { expiration_sec: requested });
  }
  const iat = Math.floor(Date.now() / 1000);
  const claims = {
    identity, iat, exp: iat + (typeof requested === 'number' ? requested : DEFAULT_EXPIRATION_SEC), session_id: newId(),
    auth_type: 'Bearer', env: '<unknown>', api_version: API_VERSION, server_version: SERVER_VERSION,
    server_build: 'sandbox', feature_set: 'basic',
  };
  return { token: signJwt(claims, config.tokenSecret) };
}
