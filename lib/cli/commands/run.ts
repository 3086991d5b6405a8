/**
 * `cdk-style run <pipeline> [--param k=v ...] [--queue services]`: start a run of a deployed pipeline.
 */
import type { Argv, CommandModule } from 'yargs';
import { resolvePipelines } from '../../assembly/resolve';
import { pipelineLink } from '../../deploy/links';
import { startRun } from '../../deploy/run';
import { parseRunArguments } from '../../deploy/run-params';
import { declaredQueues } from '../../deploy/observe';
import { withTarget } from '../../deploy/target';
import { AppArgs, appOptions, sandboxOption, TargetArgs } from '../shared-options';

/** Arguments of `run`. */
export interface RunArgs extends AppArgs, TargetArgs {
  /** Pipeline id or name. */
  readonly pipeline: string;
  /**
   * `name=value` assignments.
   * @default [] (the declared defaults)
   */
  readonly param?: string[];
  /**
   * Queue for the controller run.
   * @default the pipeline's controller queue
   */
  readonly queue?: string;
}

function builder(yargs: Argv): Argv<RunArgs> {
  return sandboxOption(appOptions(yargs))
    .positional('pipeline', { type: 'string', demandOption: true, describe: 'Pipeline id or name' })
    .option('param', { type: 'string', array: true, alias: 'p', default: [], describe: 'Pipeline parameter as name=value (repeatable), checked against the declared parameters' })
    .option('queue', { type: 'string', describe: 'Queue the controller runs on (default: the pipeline\'s controller queue)' }) as unknown as Argv<RunArgs>;
}

/** Runs `run` and returns the exit code. */
export async function runRun(args: RunArgs): Promise<number> {
  const [pipeline] = await resolvePipelines({ app: args.app, output: args.output, pipelines: [args.pipeline] });
  const runArgs = parseRunArguments(args.param ?? [], pipeline.controller.parameters, pipeline.id);
  const queue = args.queue ?? pipeline.controller.queue;
  return withTarget({ sandbox: args.sandbox, queues: [...declaredQueues([pipeline]), queue] }, async (target) => {
    const run = await startRun(target.client, pipeline, runArgs, queue);
    const link = target.webHost !== undefined && run.projectId !== undefined ? pipelineLink(target.webHost, run.projectId, run.runId) : `run ${run.runId}`;
    const given = runArgs.map((a) => `${a.name}=${a.value}`).join(', ') || 'declared defaults';
    process.stdout.write(`Started a run of '${pipeline.name}' on queue '${queue}' (${run.enqueued ? 'enqueued' : 'not enqueued'}) with ${given}.\n  ${link}\n`);
    return 0;
  });
}

/** The `run` command. */
export const runCommand: CommandModule<object, RunArgs> = {
  command: 'run <pipeline>',
  describe: 'Start a run of a deployed pipeline (like "New run" in the web UI)',
  builder,
  handler: async (args) => {
    process.exitCode = await runRun(args);
  },
};
