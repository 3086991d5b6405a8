/**
 * Keeping secrets out of everything cdk-style prints: credentials embedded in URLs
 * (`user:password@`), `Authorization` values, and every secret registered by the code that
 * handles one (the access and secret keys as loaded, each token a login returns).
 */

const MASK = '***';

/** Secrets shorter than this are not registered: masking them would mangle ordinary text. */
const MIN_SECRET_LENGTH = 4;

const secrets = new Set<string>();

/** `scheme://user:password@` or `scheme://token@` in a URL. */
const URL_USERINFO = /\b([a-z][a-z0-9+.-]*:\/\/)[^\s/?#@"'<>]+@/gi;

/** An `Authorization`-style credential: the scheme and its value. */
const AUTH_VALUE = /\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]{8,}/g;

/** Registers `value` as a secret: {@link redact} masks it wherever it appears from now on. */
export function registerSecret(value: string | undefined): void {
  if (value !== undefined && value.length >= MIN_SECRET_LENGTH) {
    secrets.add(value);
    try {
      const decoded = decodeURIComponent(value);
      if (decoded !== value && decoded.length >= MIN_SECRET_LENGTH) {
        secrets.add(decoded);
      }
    } catch {
      // not URI-encoded: nothing more to register
    }
  }
}

/** Registers the password (or whole user info) embedded in `url`, if any. */
export function registerUrlSecrets(url: string | undefined): void {
  if (url === undefined) {
    return;
  }
  try {
    const parsed = new URL(url);
    registerSecret(parsed.password);
    if (parsed.password === '') {
      registerSecret(parsed.username);
    }
  } catch {
    // not a URL: the pattern in redact() still masks user info
  }
}

/** `url` without its user info (`https://user:pw@host` → `https://host`); unchanged when not a URL. */
export function withoutUserInfo(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.username === '' && parsed.password === '') {
      return url;
    }
    parsed.username = '';
    parsed.password = '';
    const text = parsed.toString();
    return url.endsWith('/') ? text : text.replace(/\/$/, '');
  } catch {
    return url.replace(URL_USERINFO, '$1');
  }
}

/** `text` with every registered secret, URL user info and Authorization value masked. */
export function redact(text: string): string {
  let out = text.replace(URL_USERINFO, `$1${MASK}@`).replace(AUTH_VALUE, `$1 ${MASK}`);
  for (const secret of secrets) {
    if (out.includes(secret)) {
      out = out.split(secret).join(MASK);
    }
  }
  return out;
}
