/**
 * Test harness for deploy tests: a sandbox on loopback and one fresh client per "process run".
 */
import { ClearmlClient } from '../../lib/clearml/client';
import { FaultOptions, SandboxOptions, startSandbox } from '../../lib/sandbox/start';

/** Queues every test sandbox has. */
export const TEST_QUEUES = ['oneshot-a100x1', 'services'];

/** A running sandbox plus helpers. */
export interface Harness {
  /** Base URL. */
  readonly url: string;
  /** A new client (a new login), as a new `cdk-style` process would make. */
  client(): ClearmlClient;
  /** Requests per endpoint since the last reset, plus `total`. */
  counts(): Record<string, number>;
  /** Resets the counters. */
  resetCounts(): void;
  /** Number of write requests since the last reset (anything but logins and reads). */
  writes(): number;
  /** Number of writes to tasks since the last reset (the writes that are not deploy-lock bookkeeping). */
  taskWrites(): number;
  /** Access key of the sandbox (for child processes). */
  readonly accessKey: string;
  /** Secret key of the sandbox (for child processes). */
  readonly secretKey: string;
  /** Turns fault injection on (or off with undefined). */
  setFaults(faults: FaultOptions | undefined): void;
  /** Stops everything. */
  close(): Promise<void>;
}

const READ_ENDPOINT = /^(auth\.login|server\.info|[a-z_]+\.get_[a-z_]+)$/;

/** Starts a sandbox with {@link TEST_QUEUES}. */
export async function startHarness(options: SandboxOptions = {}): Promise<Harness> {
  const sandbox = await startSandbox({ queues: TEST_QUEUES, ...options });
  const clients: ClearmlClient[] = [];
  return {
    url: sandbox.url,
    accessKey: sandbox.accessKey,
    secretKey: sandbox.secretKey,
    setFaults: (faults) => sandbox.setFaults(faults),
    client: () => {
      const client = new ClearmlClient({ apiHost: sandbox.url, accessKey: sandbox.accessKey, secretKey: sandbox.secretKey });
      clients.push(client);
      return client;
    },
    counts: () => sandbox.requestCounts(),
    resetCounts: () => sandbox.resetCounts(),
    writes: () => Object.entries(sandbox.requestCounts())
      .filter(([endpoint]) => endpoint !== 'total' && !READ_ENDPOINT.test(endpoint))
      .reduce((sum, [, n]) => sum + Number(n), 0),
    taskWrites: () => Object.entries(sandbox.requestCounts())
      .filter(([endpoint]) => endpoint.startsWith('tasks.') && !READ_ENDPOINT.test(endpoint))
      .reduce((sum, [, n]) => sum + Number(n), 0),
    close: async () => {
      await Promise.all(clients.map((c) => c.close()));
      await sandbox.close();
    },
  };
}
