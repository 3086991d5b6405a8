/**
 * The client a deploy uses under Ctrl-C: once the interrupt signal aborts, the calls in flight are
 * aborted and no new call is sent, except those that release this command's deploy locks, so the
 * next deploy does not have to wait for them to expire.
 */
import { DeployCallOptions, DeployClient } from '../deploy/client';

/**
 * True for the lock bookkeeping calls a deploy makes when it releases its locks: marking a lock
 * released (a `projects.update` of its description only) and deleting old lock generations
 * (`projects.delete`; deploy never deletes anything else).
 */
export function releasesLock(endpoint: string, body: Record<string, unknown>): boolean {
  return endpoint === 'projects.delete' || (endpoint === 'projects.update' && Object.keys(body).sort().join(',') === 'description,project');
}

/** Resolves like `promise`, or rejects with the signal's reason as soon as it aborts. */
function untilAborted<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(signal.reason);
    if (signal.aborted) {
      onAbort();
      return;
    }
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

/** `client`, stopped by `signal` as described above. */
export function interruptibleClient(client: DeployClient, signal: AbortSignal): DeployClient {
  return {
    call: async <T>(endpoint: string, body: Record<string, unknown> = {}, options: DeployCallOptions = {}): Promise<T> => {
      if (releasesLock(endpoint, body)) {
        return client.call<T>(endpoint, body, options);
      }
      signal.throwIfAborted();
      return client.call<T>(endpoint, body, { ...options, signal });
    },
    getAll: async <T>(endpoint: string, body: Record<string, unknown>, key: string): Promise<T[]> => {
      signal.throwIfAborted();
      return untilAborted(client.getAll<T>(endpoint, body, key), signal); // reads: a page in flight may finish unseen
    },
  };
}
