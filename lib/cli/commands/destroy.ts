/**
 * `cdk-style destroy [pipelines..]`: archive what deploy owns for those pipelines.
 */
import type { Argv, CommandModule } from 'yargs';
import { resolvePipelines } from '../../assembly/resolve';
import { askYesNo } from '../../deploy/approval';
import { destroy } from '../../deploy/destroy';
import { DeployError } from '../../deploy/errors';
import { ApplyEvent } from '../../deploy/events';
import { declaredQueues, ObservedTask } from '../../deploy/observe';
import { formatEvent } from '../../deploy/report';
import { withTarget } from '../../deploy/target';
import { interruptible } from '../interrupt';
import { interruptibleClient } from '../interruptible-client';
import { AppArgs, appOptions, leaseOptions, LockArgs, lockOptions, sandboxOption, TargetArgs } from '../shared-options';

/** Arguments of `destroy`. */
export interface DestroyArgs extends AppArgs, TargetArgs, LockArgs {
  /**
   * Pipelines (ids or names); all when empty.
   * @default all pipelines of the app
   */
  readonly pipelines?: string[];
  /**
   * Do not ask for confirmation.
   * @default false
   */
  readonly force?: boolean;
}

function builder(yargs: Argv): Argv<DestroyArgs> {
  return lockOptions(sandboxOption(appOptions(yargs)))
    .positional('pipelines', { type: 'string', array: true, describe: 'Pipelines (id or name) to destroy; all by default' })
    .option('force', { type: 'boolean', alias: 'f', default: false, describe: 'Do not ask for confirmation' }) as unknown as Argv<DestroyArgs>;
}

async function confirmOnTerminal(tasks: readonly ObservedTask[], signal: AbortSignal): Promise<boolean> {
  if (!process.stdin.isTTY) {
    throw new DeployError('ApprovalRequired', `destroy would archive ${tasks.length} task(s) and stdin is not a TTY to confirm; rerun with --force.`);
  }
  const names = tasks.map((t) => `  ${t.name} ${t.id}`).join('\n');
  const yes = await askYesNo(`These ${tasks.length} task(s) will be archived (never deleted):\n${names}\nAre you sure (y/n)? `, { signal });
  if (!yes) {
    throw new DeployError('ApprovalDenied', 'Destroy cancelled: the archive was not confirmed. Nothing was archived.');
  }
  return true;
}

/** The tasks archived (or released) so far, with the web UI address their links use. */
type Retired = { event: ApplyEvent; webHost?: string }[];

/** Runs `destroy` and returns the exit code; Ctrl-C stops it with the list of what was archived (exit 130). */
export async function runDestroy(args: DestroyArgs): Promise<number> {
  const retired: Retired = [];
  return interruptible('destroy', () => retired.map((r) => formatEvent(r.event, r.webHost)), (signal) => destroyOn(args, signal, retired));
}

async function destroyOn(args: DestroyArgs, signal: AbortSignal, retired: Retired): Promise<number> {
  const pipelines = await resolvePipelines({ app: args.app, output: args.output, pipelines: args.pipelines });
  return withTarget({ sandbox: args.sandbox, queues: declaredQueues(pipelines) }, async (target) => {
    const confirm = args.force ? undefined : (tasks: readonly ObservedTask[]) => confirmOnTerminal(tasks, signal);
    const events = await destroy(interruptibleClient(target.client, signal), pipelines.map((p) => p.id), {
      confirm, lease: leaseOptions('destroy', args), onEvent: (event) => retired.push({ event, webHost: target.webHost }),
    });
    const lines = events.map((e) => formatEvent(e, target.webHost));
    process.stdout.write(`${[...lines, events.length > 0 ? `Archived ${events.length} task(s).` : 'Nothing to destroy.'].join('\n')}\n`);
    return 0;
  });
}

/** The `destroy` command. */
export const destroyCommand: CommandModule<object, DestroyArgs> = {
  command: 'destroy [pipelines..]',
  describe: 'Archive (never delete) the tasks deploy owns for the given pipelines',
  builder,
  handler: async (args) => {
    process.exitCode = await runDestroy(args);
  },
};
