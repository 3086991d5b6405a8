/**
 * `--agents` and the simulation options shared by `sandbox` and `run --sandbox`.
 */
import type { Argv } from 'yargs';
import { UsageError } from '../base/errors';
import { SimulatedAgentsOptions } from '../sandbox/start';

/** Arguments that configure simulated agents. */
export interface AgentArgs {
  /**
   * Start simulated agents (workers on the step queues, a services agent).
   * @default false for `sandbox`, true for `run --sandbox`
   */
  readonly agents?: boolean;
  /**
   * How long each simulated step runs, in ms.
   * @default 0
   */
  readonly simulateDuration?: number;
  /**
   * `STEP=MESSAGE`: make that simulated step fail with the message (repeatable).
   * @default []
   */
  readonly simulateFailure?: string[];
}

/** Adds `--agents`, `--simulate-duration` and `--simulate-failure`. */
export function agentOptions<T>(yargs: Argv<T>, agentsByDefault: boolean): Argv<T & AgentArgs> {
  return yargs
    .option('agents', { type: 'boolean', default: agentsByDefault, describe: 'Run simulated agents in the sandbox: workers on the step queues and a services agent' })
    .option('simulate-duration', { type: 'number', default: 0, describe: 'How long each simulated step runs, in ms' })
    .option('simulate-failure', { type: 'string', array: true, default: [], describe: 'STEP=MESSAGE: that simulated step fails with MESSAGE (repeatable)' }) as unknown as Argv<T & AgentArgs>;
}

/** The agents option of the sandbox, or undefined when `--agents` is off. */
export function simulatedAgents(args: AgentArgs): SimulatedAgentsOptions | undefined {
  if (args.agents !== true) {
    return undefined;
  }
  const bySteps: Record<string, { failWith: string }> = {};
  for (const item of args.simulateFailure ?? []) {
    const at = item.indexOf('=');
    if (at <= 0) {
      throw new UsageError(`--simulate-failure '${item}' is not of the form STEP=MESSAGE.`);
    }
    bySteps[item.slice(0, at)] = { failWith: item.slice(at + 1) || 'simulated failure' };
  }
  return { defaults: { durationMs: args.simulateDuration ?? 0 }, bySteps };
}
