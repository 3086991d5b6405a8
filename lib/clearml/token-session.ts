/**
 * The Bearer token of a client session: obtained by `auth.login`, refreshed before it expires,
 * and shared by concurrent calls (one login at a time). The token is kept in an ECMAScript
 * private field so that inspecting or serialising the session never prints it.
 */
import { registerSecret } from '../base/redact';

/** Refresh the token when less than this remains before its `exp`. */
export const REFRESH_MARGIN_MS = 60_000;

/**
 * Expiry of a JWT in epoch milliseconds, read from its payload without verifying the signature
 * (as the ClearML SDK does); undefined when the token has no readable `exp` (never expires).
 */
export function tokenExpiry(token: string): number | undefined {
  const payload = token.split('.')[1];
  if (payload === undefined) {
    return undefined;
  }
  try {
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { exp?: unknown };
    return typeof claims.exp === 'number' ? claims.exp * 1000 : undefined;
  } catch {
    return undefined;
  }
}

/** Holds the current token and logs in when there is none, or when it is about to expire. */
export class TokenSession {
  #token: string | undefined;
  #expiresAt: number | undefined;
  #pending: Promise<string> | undefined;
  readonly #login: () => Promise<string>;
  readonly #now: () => number;

  /**
   * @param login performs `auth.login` and resolves to the new token
   * @param now clock in epoch milliseconds
   */
  public constructor(login: () => Promise<string>, now: () => number = Date.now) {
    this.#login = login;
    this.#now = now;
  }

  /** A valid token: the current one, or a fresh one from a single shared login. */
  public async token(): Promise<string> {
    if (this.#token !== undefined && !this.expiresSoon()) {
      return this.#token;
    }
    this.#pending ??= this.#login().then((token) => {
      registerSecret(token);
      this.#token = token;
      this.#expiresAt = tokenExpiry(token);
      return token;
    }).finally(() => {
      this.#pending = undefined;
    });
    return this.#pending;
  }

  /** Forgets `token` if it is still the current one (the server refused it). */
  public invalidate(token: string): void {
    if (this.#token === token) {
      this.#token = undefined;
      this.#expiresAt = undefined;
    }
  }

  private expiresSoon(): boolean {
    return this.#expiresAt !== undefined && this.#expiresAt - this.#now() < REFRESH_MARGIN_MS;
  }
}
