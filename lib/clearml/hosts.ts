/**
 * Deriving the web UI and file server addresses from the API server address, following the
 * ClearML SDK's convention: the `api.` host prefix becomes `app.` / `files.`, and the API port
 * 8008 becomes 8080 / 8081.
 */

/** Which sibling server to derive. */
export type SiblingServer = 'web' | 'files';

const PREFIX: Record<SiblingServer, string> = { web: 'app.', files: 'files.' };
const PORT: Record<SiblingServer, string> = { web: '8080', files: '8081' };

/**
 * The web (`app.`, :8080) or files (`files.`, :8081) address of the server whose API is at
 * `apiHost`; `apiHost` itself when neither convention applies or it is not a URL.
 */
export function deriveHost(apiHost: string, server: SiblingServer): string {
  let url: URL;
  try {
    url = new URL(apiHost);
  } catch {
    return apiHost;
  }
  if (url.hostname.startsWith('api.')) {
    url.hostname = `${PREFIX[server]}${url.hostname.slice('api.'.length)}`;
  } else if (url.port === '8008') {
    url.port = PORT[server];
  } else {
    return apiHost;
  }
  const text = url.toString();
  return apiHost.endsWith('/') ? text : text.replace(/\/$/, '');
}
