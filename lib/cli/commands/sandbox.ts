/**
 * `cdk-style sandbox`: run the ClearML-compatible sandbox server in the foreground and print
 * the environment that points the CLI or the ClearML SDK at it.
 */
import { randomBytes } from 'node:crypto';
import type { Argv, CommandModule } from 'yargs';
import { UsageError } from '../../base/errors';
import { startSimulatedAgents } from '../../sandbox/agents/simulated-agents';
import { sandboxEnvironment, startSandbox } from '../../sandbox/start';
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

/** Starts the sandbox and resolves when it is stopped (SIGINT or SIGTERM). */
export async function runSandbox(args: SandboxArgs): Promise<number> {
  if ((args.accessKey === undefined) !== (args.secretKey === undefined)) {
    throw new UsageError('Give both --access-key and --secret-key, or neither (then both are generated).');
  }
  const accessKey = args.accessKey ?? `SANDBOX${randomBytes(8).toString('hex').toUpperCase()}`;
  const secretKey = args.secretKey ?? randomBytes(24).toString('hex');
  const agentsOptions = simulatedAgents(args);
  const sandbox = await startSandbox({ port: args.port, host: args.host, dataFile: args.data, queues: args.queue, accessKey, secretKey });
  const storage = args.data !== undefined ? `persisted to ${args.data}` : 'in memory';
  // The keys are printed before the agents start: their clients register the keys as secrets to redact.
  process.stdout.write(`ClearML sandbox listening on ${sandbox.url} (${storage}), queues: ${(args.queue ?? []).join(', ')}.\n`
    + `Point the cdk-style CLI or the ClearML SDK at it with:\n\n${exportLines(sandboxEnvironment(sandbox))}\n\n`);
  const agents = agentsOptions === undefined ? undefined : await startSimulatedAgents(sandbox, agentsOptions);
  process.stdout.write(`${agents === undefined ? 'No agents: nothing runs (add --agents).' : `Simulated agents: ${agents.workers.join(', ')}.`}\nPress Ctrl+C to stop.\n`);
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await agents?.stop();
  await sandbox.close();
  return 0;
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
