/**
 * `cdk-style diff [pipelines..]`: what deploy would change, field by field.
 */
import type { Argv, CommandModule } from 'yargs';
import { resolvePipelines } from '../../assembly/resolve';
import { diff } from '../../deploy/deploy';
import { formatPlan } from '../../deploy/format';
import { planToJson } from '../../deploy/format-json';
import { planHasDifferences } from '../../deploy/plan-model';
import { declaredQueues } from '../../deploy/observe';
import { withTarget } from '../../deploy/target';
import { AppArgs, appOptions, sandboxOption, TargetArgs } from '../shared-options';

/** Arguments of `diff`. */
export interface DiffArgs extends AppArgs, TargetArgs {
  /**
   * Pipelines (ids or names) to compare; all when empty.
   * @default all pipelines of the app
   */
  readonly pipelines?: string[];
  /**
   * Print the plan as JSON.
   * @default false
   */
  readonly json?: boolean;
  /**
   * Exit 1 when there are differences.
   * @default false
   */
  readonly fail?: boolean;
}

function builder(yargs: Argv): Argv<DiffArgs> {
  return sandboxOption(appOptions(yargs))
    .positional('pipelines', { type: 'string', array: true, describe: 'Pipelines (id or name) to compare; all by default' })
    .option('json', { type: 'boolean', default: false, describe: 'Print the plan as JSON' })
    .option('fail', { type: 'boolean', default: false, describe: 'Exit with code 1 when there are differences' }) as unknown as Argv<DiffArgs>;
}

/** Runs `diff` and returns the exit code (0, or 1 with --fail when something differs). */
export async function runDiff(args: DiffArgs): Promise<number> {
  const pipelines = await resolvePipelines({ app: args.app, output: args.output, pipelines: args.pipelines });
  return withTarget({ sandbox: args.sandbox, queues: declaredQueues(pipelines) }, async (target) => {
    const { plan } = await diff(target.client, pipelines);
    process.stdout.write(args.json ? `${JSON.stringify(planToJson(plan), null, 2)}\n` : `${formatPlan(plan)}\n`);
    return args.fail && planHasDifferences(plan) ? 1 : 0;
  });
}

/** The `diff` command. */
export const diffCommand: CommandModule<object, DiffArgs> = {
  command: 'diff [pipelines..]',
  describe: 'Show what deploy would change on the ClearML server, field by field',
  builder,
  handler: async (args) => {
    process.exitCode = await runDiff(args);
  },
};
