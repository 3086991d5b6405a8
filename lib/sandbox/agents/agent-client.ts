/**
 * The HTTP client a simulated agent uses: the project's ClearML client, over real HTTP to the
 * sandbox, sending `X-ClearML-Worker` like clearml-agent and the SDK under it.
 */
import { ClearmlClient } from '../../clearml/client';

/** Where the sandbox listens and its keys. */
export interface SandboxConnection {
  /** Base URL. */
  readonly url: string;
  /** Access key. */
  readonly accessKey: string;
  /** Secret key. */
  readonly secretKey: string;
  /**
   * The sandbox's own TLS certificate (PEM), trusted by its agents' clients (nothing else is).
   * @default none (plain HTTP, or a certificate the system trusts)
   */
  readonly certificate?: string | Buffer;
}

/** A client of `sandbox` that identifies as `worker`. */
export function agentClient(sandbox: SandboxConnection, worker: string): ClearmlClient {
  return new ClearmlClient({
    apiHost: sandbox.url, accessKey: sandbox.accessKey, secretKey: sandbox.secretKey, extraCa: sandbox.certificate,
    headers: { 'X-ClearML-Worker': worker }, retry: { maxAttempts: 3 },
  });
}

/** Resolves after `ms`, or at once when `signal` aborts. */
export function pause(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) {
      resolve();
      return;
    }
    const done = (): void => {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
  });
}
