/**
 * Test fixture for runs: a sandbox with simulated agents on loopback, the seed pipeline (or any
 * manifest) deployed to it, and helpers to start a local run and read its steps back.
 */
import { ClearmlClient } from '../../lib/clearml/client';
import { deploy } from '../../lib/deploy/deploy';
import { deployedController } from '../../lib/deploy/run';
import { PipelineManifest } from '../../lib/manifest/schema';
import { createLocalRun, RunParameter } from '../../lib/run/create-run';
import { RunningSandbox, SimulatedAgentsOptions, startSandbox } from '../../lib/sandbox/start';

/** Queues every run test sandbox has. */
export const RUN_QUEUES = ['oneshot-a100x1', 'services'];

/** Fast engine polling for tests. */
export const FAST_POLL = { minMs: 5, maxMs: 20 };

/** A sandbox with agents and a client. */
export interface RunFixture {
  readonly sandbox: RunningSandbox;
  readonly client: ClearmlClient;
  /** Deploys `manifest` and returns its controller id. */
  deploy(manifest: PipelineManifest): Promise<string>;
  /** Creates a local run of the controller (not executed). */
  newRun(controllerId: string, args?: RunParameter[]): Promise<string>;
  /** The step tasks of run `runId` by name. */
  steps(runId: string): Promise<Record<string, StepRow>>;
  close(): Promise<void>;
}

/** A step task as tests read it. */
export interface StepRow {
  readonly id: string;
  readonly name: string;
  readonly status: string;
  readonly hyperparams: Record<string, Record<string, { value: string }>>;
  readonly models?: { output?: Array<{ model: string }> };
}

/** Starts a sandbox with simulated agents (fast idle polling) and `agents` options. */
export async function startRunFixture(agents: SimulatedAgentsOptions | false = {}, queues: string[] = RUN_QUEUES): Promise<RunFixture> {
  const sandbox = await startSandbox({ queues, agents: agents === false ? false : { idlePollMs: 10, engine: { poll: FAST_POLL }, ...agents } });
  const client = new ClearmlClient({ apiHost: sandbox.url, accessKey: sandbox.accessKey, secretKey: sandbox.secretKey });
  return {
    sandbox,
    client,
    deploy: async (manifest) => {
      await deploy(client, [manifest]);
      return (await deployedController(client, manifest)).id;
    },
    newRun: (controllerId, args = []) => createLocalRun(client, controllerId, args),
    steps: async (runId) => {
      const rows = await client.getAll<StepRow>('tasks.get_all', { parent: [runId], search_hidden: true, only_fields: ['id', 'name', 'status', 'hyperparams', 'models'] }, 'tasks');
      return Object.fromEntries(rows.map((r) => [r.name, r]));
    },
    close: async () => {
      await client.close();
      await sandbox.close();
    },
  };
}

/** Resolves when `check` returns true (polled every 5 ms), or rejects after `timeoutMs`. */
export async function waitFor(check: () => Promise<boolean> | boolean, what: string, timeoutMs = 20_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) {
      throw new Error(`timed out waiting for ${what}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
