/**
 * `cdk-style deploy [pipelines..]`: make ClearML match the manifest.
 */
import type { Argv, CommandModule } from 'yargs';
import { UsageError } from '../../base/errors';
import { askApproval, requireTerminal } from '../../deploy/approval';
import { resolvePipelines } from '../../assembly/resolve';
import { DEFAULT_CONCURRENCY } from '../../deploy/apply';
import { deploy, DeployResult } from '../../deploy/deploy';
import { formatPlan } from '../../deploy/format';
import { planToJson } from '../../deploy/format-json';
import { declaredQueues } from '../../deploy/observe';
import { ApplyEvent } from '../../deploy/events';
import { formatDeployReport, formatEvent } from '../../deploy/report';
import { withTarget } from '../../deploy/target';
import { interruptible } from '../interrupt';
import { interruptibleClient } from '../interruptible-client';
import { AppArgs, appOptions, leaseOptions, LockArgs, lockOptions, sandboxOption, TargetArgs } from '../shared-options';

/** Arguments of `deploy`. */
export interface DeployArgs extends AppArgs, TargetArgs, LockArgs {
  /**
   * Pipelines (ids or names) to deploy; all when empty.
   * @default all pipelines of the app
   */
  readonly pipelines?: string[];
  /**
   * Plan only.
   * @default false
   */
  readonly dryRun?: boolean;
  /**
   * `never` or `any-change`.
   * @default 'never'
   */
  readonly requireApproval?: string;
  /**
   * Archive owned orphans.
   * @default false
   */
  readonly prune?: boolean;
  /**
   * Task writes in flight.
   * @default 16
   */
  readonly concurrency?: number;
  /**
   * Create missing queues.
   * @default false
   */
  readonly createQueues?: boolean;
  /**
   * JSON output.
   * @default false
   */
  readonly json?: boolean;
}

function builder(yargs: Argv): Argv<DeployArgs> {
  return lockOptions(sandboxOption(appOptions(yargs)))
    .positional('pipelines', { type: 'string', array: true, describe: 'Pipelines (id or name) to deploy; all by default' })
    .option('dry-run', { type: 'boolean', default: false, describe: 'Show the plan, write nothing' })
    .option('require-approval', { type: 'string', choices: ['never', 'any-change'], default: 'never', describe: 'Ask before writing (needs a terminal)' })
    .option('prune', { type: 'boolean', default: false, describe: 'Archive owned objects that are no longer declared' })
    .option('concurrency', { type: 'number', default: DEFAULT_CONCURRENCY, describe: 'Most task writes in flight at once' })
    .option('create-queues', { type: 'boolean', default: false, describe: 'Create referenced queues that do not exist' })
    .option('json', { type: 'boolean', default: false, describe: 'Print the plan and the outcome as JSON' }) as unknown as Argv<DeployArgs>;
}

function checkConcurrency(value: number | undefined): number {
  const n = value ?? DEFAULT_CONCURRENCY;
  if (!Number.isInteger(n) || n < 1) {
    throw new UsageError(`--concurrency must be a whole number of at least 1, got ${value}.`);
  }
  return n;
}

function printResult(args: DeployArgs, result: DeployResult, webHost?: string): void {
  const prune = args.prune ?? false;
  if (args.json) {
    const outcome = { noChanges: result.noChanges, dryRun: args.dryRun ?? false, events: result.applied?.events ?? [], pipelines: result.pipelines };
    process.stdout.write(`${JSON.stringify({ plan: planToJson(result.plan, prune), result: outcome }, null, 2)}\n`);
  } else if (args.dryRun && !result.noChanges) {
    process.stdout.write(`${formatPlan(result.plan, { prune })}\n(dry run: nothing was written)\n`);
  } else {
    process.stdout.write(`${formatDeployReport(result, webHost)}\n`);
  }
}

/** The objects written so far, with the web UI address their links use. */
type Written = { event: ApplyEvent; webHost?: string }[];

/** Runs `deploy` and returns the exit code; Ctrl-C stops it with the list of what was written (exit 130). */
export async function runDeploy(args: DeployArgs): Promise<number> {
  const written: Written = [];
  return interruptible('deploy', () => written.map((w) => formatEvent(w.event, w.webHost)), (signal) => deployTo(args, signal, written));
}

async function deployTo(args: DeployArgs, signal: AbortSignal, written: Written): Promise<number> {
  const concurrency = checkConcurrency(args.concurrency);
  leaseOptions('deploy', args);
  if (args.requireApproval === 'any-change') {
    requireTerminal();
  }
  const pipelines = await resolvePipelines({ app: args.app, output: args.output, pipelines: args.pipelines });
  return withTarget({ sandbox: args.sandbox, queues: declaredQueues(pipelines) }, async (target) => {
    if (!args.json) {
      process.stderr.write(`Deploying ${pipelines.length} pipeline(s) to ${target.description}\n`);
    }
    const prune = args.prune ?? false;
    const approve = args.requireApproval === 'any-change' ? (plan: Parameters<typeof askApproval>[0]) => askApproval(plan, prune, { signal }) : undefined;
    const result = await deploy(interruptibleClient(target.client, signal), pipelines, {
      dryRun: args.dryRun, prune, concurrency, createQueues: args.createQueues, approve, lease: leaseOptions('deploy', args),
      onEvent: (event) => written.push({ event, webHost: target.webHost }),
    });
    printResult(args, result, target.webHost);
    return 0;
  });
}

/** The `deploy` command. */
export const deployCommand: CommandModule<object, DeployArgs> = {
  command: 'deploy [pipelines..]',
  describe: 'Create or update the draft tasks and pipeline controllers on ClearML (a no-op when nothing changed)',
  builder,
  handler: async (args) => {
    process.exitCode = await runDeploy(args);
  },
};
