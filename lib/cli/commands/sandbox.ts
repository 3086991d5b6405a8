/**
 * `cdk-style sandbox`: run the ClearML-compatible sandbox server in the foreground and print
 * the environment that points the CLI or the ClearML SDK at it.
 */
import { randomBytes } from 'node:crypto';
import type { Argv, CommandModule } from 'yargs';
import { UsageError } from '../../base/errors';
import { sandboxEnvironment } from '../../sandbox/start';
import { startSandboxThread } from '../../sandbox/thread';
import { AgentArgs, agentOptions, simulatedAgents } from '../agent-options';

/** Arguments of `sandbox`. */
export interface SandboxArgs extends AgentArgs {
  /**
   * Port to listen on.
   * @default 8008
   */
  readonly port?: number;
  /**
   * Interface to bind.
   * @default '127.0.0.1'
   */
  readonly host?: string;
  /**
   * Persist to this file.
   * @default none (in memory)
   */
  readonly data?: string;
  /**
   * Queues to create.
   * @default ['default', 'services']
   */
  readonly queue?: string[];
  /**
   * Access key to accept.
   * @default generated
   */
  readonly accessKey?: string;
  /**
   * Secret key to accept.
   * @default generated
   */
  readonly secretKey?: string;
}

function builder(yargs: Argv): Argv<SandboxArgs> {
  return agentOptions(yargs, false)
    .option('port', { type: 'number', default: 8008, describe: 'Port to listen on (0 picks a free one)' })
    .option('host', { type: 'string', default: '127.0.0.1', describe: 'Interface to bind' })
    .option('data', { type: 'string', describe: 'Persist every write to this file (atomic) and reload it on start; in memory otherwise' })
    .option('queue', { type: 'string', array: true, default: ['default', 'services'], describe: 'Queues to create (repeatable)' })
    .option('access-key', { type: 'string', describe: 'Access key to accept (generated when absent)' })
    .option('secret-key', { type: 'string', describe: 'Secret key to accept (generated when absent)' }) as unknown as Argv<SandboxArgs>;
}

function exportLines(env: Record<string, string>): string {
  return Object.entries(env).map(([k, v]) => `export ${k}=${v}`).join('\n');
}

/**
 * Resolves at the first SIGINT or SIGTERM. The handler stays installed until `dispose`, so a
 * second signal during the shutdown does not kill the process half-way (nor make a wrapper such
 * as `tsx` report it killed).
 */
function stopSignal(): { received: Promise<string>; dispose: () => void } {
  let onSignal: (signal: string) => void = () => undefined;
  const received = new Promise<string>((resolve) => {
    let first = true;
    onSignal = (signal) => {
      if (first) {
        first = false;
        resolve(signal);
      }
    };
  });
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  return {
    received,
    dispose: () => {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
    },
  };
}

/**
 * Starts the sandbox (on a worker thread, so this thread answers signals at once whatever the
 * server and the agents are doing) and resolves with 0 once a SIGINT or SIGTERM stopped it.
 */
export async function runSandbox(args: SandboxArgs): Promise<number> {
  if ((args.accessKey === undefined) !== (args.secretKey === undefined)) {
    throw new UsageError('Give both --access-key and --secret-key, or neither (then both are generated).');
  }
  const accessKey = args.accessKey ?? `SANDBOX${randomBytes(8).toString('hex').toUpperCase()}`;
  const secretKey = args.secretKey ?? randomBytes(24).toString('hex');
  const agents = simulatedAgents(args);
  const signal = stopSignal();
  try {
    const sandbox = await startSandboxThread({ sandbox: { port: args.port, host: args.host, dataFile: args.data, queues: args.queue, accessKey, secretKey }, agents });
    const storage = args.data !== undefined ? `persisted to ${args.data}` : 'in memory';
    process.stdout.write(`ClearML sandbox listening on ${sandbox.url} (${storage}), queues: ${(args.queue ?? []).join(', ')}.\n`
      + `Point the cdk-style CLI or the ClearML SDK at it with:\n\n${exportLines(sandboxEnvironment(sandbox))}\n\n`
      + `${agents === undefined ? 'No agents: nothing runs (add --agents).' : `Simulated agents: ${sandbox.workers.join(', ')}.`}\nPress Ctrl+C to stop.\n`);
    const received = await signal.received;
    process.stdout.write(`${received}: stopping the sandbox...\n`);
    await sandbox.stop();
    process.stdout.write('Sandbox stopped.\n');
    return 0;
  } finally {
    signal.dispose();
  }
}

/** The `sandbox` command. */
export const sandboxCommand: CommandModule<object, SandboxArgs> = {
  command: 'sandbox',
  describe: 'Run a local ClearML-compatible API server (for tests, demos and offline work)',
  builder,
  handler: async (args) => {
    process.exitCode = await runSandbox(args);
  },
};
