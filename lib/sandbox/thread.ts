/**
 * A sandbox (and its simulated agents) on a worker thread of this process, for `cdk-style
 * sandbox`: the main thread only prints and waits for signals, so it answers SIGINT or SIGTERM at
 * once however busy the server and the agents are. That matters under a wrapper such as the
 * `tsx` command, which kills its child outright (exit 143) when the child's main thread has not
 * taken a relayed signal within a few tens of milliseconds.
 */
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import { CdkStyleError } from '../base/errors';
import type { SandboxOptions, SimulatedAgentsOptions } from './start';

/** Options of {@link startSandboxThread} (plain data: they are copied to the thread). */
export interface SandboxThreadOptions {
  /** The sandbox's options, without agents and fault injection's regular expressions. */
  readonly sandbox: Omit<SandboxOptions, 'agents' | 'faults'>;
  /**
   * Simulated agents to run with it.
   * @default none
   */
  readonly agents?: SimulatedAgentsOptions;
}

/** What the thread tells the main thread. */
export type ThreadMessage =
  | { readonly type: 'ready'; readonly url: string; readonly accessKey: string; readonly secretKey: string; readonly workers: string[] }
  | { readonly type: 'stopped' }
  | { readonly type: 'failed'; readonly message: string; readonly code?: string; readonly exitCode?: number };

/** A sandbox running on a worker thread. */
export interface SandboxThread {
  /** Base URL. */
  readonly url: string;
  /** Access key it accepts. */
  readonly accessKey: string;
  /** Secret key it accepts. */
  readonly secretKey: string;
  /** The simulated agents' worker ids (empty without agents). */
  readonly workers: readonly string[];
  /** Stops the agents, then the server, then the thread. */
  stop(): Promise<void>;
}

/** The thread's entry point: compiled JavaScript next to this file, or TypeScript loaded through tsx. */
function entryScript(): string {
  const file = path.join(__dirname, `thread-entry${path.extname(__filename)}`);
  const loader = file.endsWith('.ts') ? `require(${JSON.stringify(require.resolve('tsx/cjs'))});\n` : '';
  return `${loader}require(${JSON.stringify(file)});\n`;
}

function asError(message: Extract<ThreadMessage, { type: 'failed' }>): Error {
  if (message.exitCode !== undefined) {
    return new CdkStyleError(message.code ?? 'SandboxFailed', message.message, message.exitCode);
  }
  return Object.assign(new Error(message.message), { code: message.code });
}

/** Resolves with the thread's next message (rejects when it failed or ended). */
function nextMessage(worker: Worker): Promise<Exclude<ThreadMessage, { type: 'failed' }>> {
  return new Promise((resolve, reject) => {
    const onExit = (code: number): void => reject(new Error(`the sandbox thread ended (exit code ${code})`));
    worker.once('exit', onExit);
    worker.once('error', reject);
    worker.once('message', (message: ThreadMessage) => {
      worker.off('exit', onExit);
      worker.off('error', reject);
      if (message.type === 'failed') {
        reject(asError(message));
      } else {
        resolve(message);
      }
    });
  });
}

/** Starts the sandbox on a worker thread; resolves once it listens (and its agents run). */
export async function startSandboxThread(options: SandboxThreadOptions): Promise<SandboxThread> {
  const worker = new Worker(entryScript(), { eval: true, workerData: options });
  let ready: Exclude<ThreadMessage, { type: 'failed' }>;
  try {
    ready = await nextMessage(worker);
  } catch (error) {
    await worker.terminate();
    throw error;
  }
  if (ready.type !== 'ready') {
    await worker.terminate();
    throw new Error(`the sandbox thread answered '${ready.type}' before it was ready`);
  }
  return {
    url: ready.url, accessKey: ready.accessKey, secretKey: ready.secretKey, workers: ready.workers,
    stop: async () => {
      const stopped = nextMessage(worker);
      worker.postMessage({ type: 'stop' });
      try {
        await stopped;
      } finally {
        await worker.terminate();
      }
    },
  };
}
