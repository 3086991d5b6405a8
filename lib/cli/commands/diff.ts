/**
 * `cdk-style diff [pipelines..]`: what deploy would change, field by field.
 */
import type { Argv, CommandModule } from 'yargs';
import { resolvePipelines } from '../../assembly/resolve';
import { diff } from '../../deploy/deploy';
import { declaredQueues } from '../../deploy/observe';
import { planHasDifferences } from '../../deploy/plan-model';
import { withTarget } from '../../deploy/target';
import { interruptible } from '../interrupt';
import { interruptibleClient } from '../interruptible-client';
import { checkOutFiles, DIFF_FORMATS, DiffFormat, renderPlan, writeOutFiles } from '../review-output';
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
   * Format printed on stdout: text, markdown (the review bundle) or json.
   * @default 'text' ('json' with --json)
   */
  readonly format?: string;
  /**
   * Files to write the plan to: `.json` a saved plan for `deploy --plan`, `.md` the markdown review bundle.
   * @default none
   */
  readonly out?: string[];
  /**
   * Exit 1 when there are differences.
   * @default false
   */
  readonly fail?: boolean;
}

function builder(yargs: Argv): Argv<DiffArgs> {
  return sandboxOption(appOptions(yargs))
    .positional('pipelines', { type: 'string', array: true, describe: 'Pipelines (id or name) to compare; all by default' })
    .option('json', { type: 'boolean', default: false, describe: 'Print the plan as JSON (same as --format json)' })
    .option('format', { type: 'string', choices: [...DIFF_FORMATS], describe: 'What stdout gets: text (default), markdown (the pull-request review bundle) or json' })
    .option('out', { type: 'string', array: true, describe: 'Also write the plan to FILE: .json = a saved plan for deploy --plan, .md = the markdown review bundle (repeatable)' })
    .option('fail', { type: 'boolean', default: false, describe: 'Exit with code 1 when there are differences' }) as unknown as Argv<DiffArgs>;
}

/**
 * Runs `diff` and returns the exit code (0, or 1 with --fail when something differs). Ctrl-C
 * aborts the reads in flight and exits 130 before anything is printed or any --out file written.
 */
export async function runDiff(args: DiffArgs): Promise<number> {
  return interruptible('diff', () => [], (signal) => diffOn(args, signal));
}

async function diffOn(args: DiffArgs, signal: AbortSignal): Promise<number> {
  const format = (args.format ?? (args.json ? 'json' : 'text')) as DiffFormat;
  const out = args.out ?? [];
  checkOutFiles(out);
  const pipelines = await resolvePipelines({ app: args.app, output: args.output, pipelines: args.pipelines });
  // The sandbox gets the app's queues, as deploy --sandbox gives them, so a saved plan sees what deploy will.
  return withTarget({ sandbox: args.sandbox, queues: declaredQueues(pipelines) }, async (target) => {
    const { plan, observed } = await diff(interruptibleClient(target.client, signal), pipelines);
    signal.throwIfAborted();
    const output = { pipelines, observed, plan };
    process.stdout.write(renderPlan(output, format, false));
    for (const line of writeOutFiles(output, out, format)) {
      process.stderr.write(`${line}\n`);
    }
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
