/**
 * The ClearML server a command talks to: the one configured in the environment (credentials
 * from env vars or clearml.conf), or the embedded sandbox with `--sandbox`.
 */
import { ClearmlClient } from '../clearml/client';
import { loadCredentials } from '../clearml/credentials';
import { SimulatedAgentsOptions, startSandbox } from '../sandbox/start';
import { DeployClient } from './client';
import { sandboxHome } from './sandbox-home';

/** An open connection to a ClearML server. */
export interface DeployTarget {
  /** The API client. */
  readonly client: DeployClient;
  /** Web UI address for links, when known. */
  readonly webHost?: string;
  /** One line saying where this is (printed by the commands). */
  readonly description: string;
  /** Closes the client (and stops the sandbox). */
  close(): Promise<void>;
}

/** Options of {@link openTarget}. */
export interface TargetOptions {
  /**
   * Use the embedded sandbox persisted under `.cdk-style/` instead of a configured server.
   * @default false
   */
  readonly sandbox?: boolean;
  /**
   * Project root (where `.cdk-style/` lives).
   * @default process.cwd()
   */
  readonly cwd?: string;
  /**
   * Queues the sandbox must have (created in it when missing).
   * @default []
   */
  readonly queues?: string[];
  /**
   * Simulated agents in the embedded sandbox (workers on the step queues, a services agent).
   * @default none
   */
  readonly agents?: boolean | SimulatedAgentsOptions;
}

async function openSandbox(cwd: string, queues: string[], agents: TargetOptions['agents']): Promise<DeployTarget> {
  const home = sandboxHome(cwd);
  const sandbox = await startSandbox({ dataFile: home.dataFile, accessKey: home.accessKey, secretKey: home.secretKey, queues, agents });
  const client = new ClearmlClient({ apiHost: sandbox.url, accessKey: home.accessKey, secretKey: home.secretKey });
  return {
    client,
    description: `Embedded sandbox, data in ${home.dataFile} (settings ${home.settingsFile})`,
    close: async () => {
      await client.close();
      await sandbox.close();
    },
  };
}

/**
 * Opens the target. Without `sandbox`, credentials come from the environment; when there are
 * none this throws the `NoCredentials` environment error saying how to configure ClearML.
 */
export async function openTarget(options: TargetOptions = {}): Promise<DeployTarget> {
  if (options.sandbox) {
    return openSandbox(options.cwd ?? process.cwd(), options.queues ?? [], options.agents);
  }
  const credentials = await loadCredentials();
  const client = new ClearmlClient({
    apiHost: credentials.apiHost, accessKey: credentials.accessKey, secretKey: credentials.secretKey, verifyTls: credentials.verifyTls,
  });
  return { client, webHost: credentials.webHost, description: `ClearML server ${credentials.apiHost}`, close: async () => client.close() };
}

/** Opens the target, runs `use` with it, and closes it whatever happens. */
export async function withTarget<T>(options: TargetOptions, use: (target: DeployTarget) => Promise<T>): Promise<T> {
  const target = await openTarget(options);
  try {
    return await use(target);
  } finally {
    await target.close();
  }
}
