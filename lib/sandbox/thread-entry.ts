/**
 * The worker-thread side of {@link startSandboxThread}: starts the sandbox (and its simulated
 * agents) with the options it was given, tells the main thread where it listens, and stops
 * everything when asked. Loaded only as a worker thread's entry point. It runs at a lower
 * priority than the main thread, which only waits for signals.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import { parentPort, workerData } from 'node:worker_threads';
import { CdkStyleError } from '../base/errors';
import { startSandbox } from './start';
import type { RunningSandbox } from './start';
import type { SandboxThreadOptions, ThreadMessage } from './thread';

/** The server thread's niceness (0 is the process's, 19 the lowest). */
const SERVER_THREAD_NICE = 10;

function post(message: ThreadMessage): void {
  parentPort?.postMessage(message);
}

function failure(error: unknown): ThreadMessage {
  const e = error as { message?: unknown; code?: unknown };
  return {
    type: 'failed', message: typeof e?.message === 'string' ? e.message : String(error), code: typeof e?.code === 'string' ? e.code : undefined,
    exitCode: CdkStyleError.isCdkStyleError(error) ? error.exitCode : undefined,
  };
}

async function serve(options: SandboxThreadOptions): Promise<void> {
  let sandbox: RunningSandbox;
  try {
    sandbox = await startSandbox({ ...options.sandbox, agents: options.agents ?? false });
  } catch (error) {
    post(failure(error));
    return;
  }
  parentPort?.once('message', () => {
    void sandbox.close().then(() => post({ type: 'stopped' }), (error: unknown) => post(failure(error)));
  });
  post({ type: 'ready', url: sandbox.url, accessKey: sandbox.accessKey, secretKey: sandbox.secretKey, workers: [...(sandbox.agents?.workers ?? [])] });
}

/**
 * Lowers this thread's scheduling priority (nice 10; Linux, where a thread has its own): when the
 * machine is short of CPU, the main thread, idle but for signals, still gets a core at once.
 * Best effort: elsewhere, or when refused, the thread keeps the process's priority.
 */
function yieldToMainThread(): void {
  try {
    const threadId = Number(fs.readlinkSync('/proc/thread-self').split('/').pop());
    if (Number.isInteger(threadId) && threadId !== process.pid) {
      os.setPriority(threadId, SERVER_THREAD_NICE);
    }
  } catch {
    // not Linux, or not allowed: the priority stays as it is
  }
}

yieldToMainThread();
void serve(workerData as SandboxThreadOptions);
