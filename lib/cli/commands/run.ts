/**
 * `cdk-style run <pipeline>`: start a run of a deployed pipeline on `services` (like "New run" in
 * the web UI), follow it with `--wait`, or drive it in this process with `--local`;
 * `run --resume RUN_ID --local` continues a run whose controller died.
 */
import type { Argv, CommandModule } from 'yargs';
import { resolvePipelines } from '../../assembly/resolve';
import { PipelineManifest } from '../../manifest/schema';
import { UsageError } from '../../base/errors';
import { pipelineLink } from '../../deploy/links';
import { deployedController, startRun } from '../../deploy/run';
import { declaredQueues } from '../../deploy/observe';
import { parseRunArguments } from '../../deploy/run-params';
import { DeployTarget, withTarget } from '../../deploy/target';
import { createLocalRun } from '../../run/create-run';
import { needsClonedRun, startClonedRun } from '../start-cloned-run';
import { AgentArgs, agentOptions, simulatedAgents } from '../agent-options';
import { driveRun, followUntilEnded } from '../run-session';
import { AppArgs, appOptions, sandboxOption, TargetArgs } from '../shared-options';

/** Arguments of `run`. */
export interface RunArgs extends AppArgs, TargetArgs, AgentArgs {
  /** Pipeline id or name (not needed with `--resume`). @default none */
  readonly pipeline?: string;
  /** `name=value` assignments. @default [] (the declared defaults) */
  readonly param?: string[];
  /** Queue for the controller run. @default the pipeline's controller queue */
  readonly queue?: string;
  /** Drive the run in this process. @default false */
  readonly local?: boolean;
  /** Continue this run (with `--local`). @default none */
  readonly resume?: string;
  /** Follow a run started on the controller queue until it ends. @default false (true with --sandbox) */
  readonly wait?: boolean;
  /** On Ctrl-C, leave the launched steps running. @default false */
  readonly detach?: boolean;
  /** Longest interval between status reads, in ms. @default 800 */
  readonly pollInterval?: number;
}

function builder(yargs: Argv): Argv<RunArgs> {
  return agentOptions(sandboxOption(appOptions(yargs)), true)
    .positional('pipeline', { type: 'string', describe: 'Pipeline id or name' })
    .option('param', { type: 'string', array: true, alias: 'p', default: [], describe: 'Pipeline parameter as name=value (repeatable), checked against the declared parameters' })
    .option('queue', { type: 'string', describe: 'Queue the controller runs on (default: the pipeline\'s controller queue)' })
    .option('local', { type: 'boolean', default: false, describe: 'Drive the run in this process (the steps still run on their queues)' })
    .option('resume', { type: 'string', describe: 'RUN_ID: continue that run (with --local): launched steps are adopted, completed ones not rerun' })
    .option('wait', { type: 'boolean', default: false, describe: 'Follow the run until it ends (implied by --local and --sandbox); exit 0 completed, 1 failed or stopped' })
    .option('detach', { type: 'boolean', default: false, describe: 'On Ctrl-C, leave the launched steps running' })
    .option('poll-interval', { type: 'number', default: 800, describe: 'Longest interval between status reads, in ms' }) as unknown as Argv<RunArgs>;
}

function hintFlags(args: RunArgs): string {
  return args.sandbox ? ' --sandbox' : '';
}

async function startLocal(target: DeployTarget, args: RunArgs, pipeline: PipelineManifest | undefined): Promise<number> {
  const poll = { minMs: Math.min(100, args.pollInterval ?? 800), maxMs: args.pollInterval ?? 800 };
  if (args.resume !== undefined) {
    process.stdout.write(`Resuming run ${args.resume} here (${target.description}).\n`);
    return driveRun(target, args.resume, { detach: args.detach === true, poll, resume: true, hintFlags: hintFlags(args) });
  }
  if (pipeline === undefined) {
    throw new UsageError('Name the pipeline to run (cdk-style run <pipeline> --local).');
  }
  const runArgs = parseRunArguments(args.param ?? [], pipeline.controller.parameters, pipeline.id);
  const controller = await deployedController(target.client, pipeline);
  const runId = await createLocalRun(target.client, controller.id, runArgs);
  process.stdout.write(`Running '${pipeline.name}' here (run ${runId}, ${target.description}); steps run on their queues. Ctrl-C to stop.\n`);
  return driveRun(target, runId, { detach: args.detach === true, poll, hintFlags: hintFlags(args) });
}

async function startRemote(target: DeployTarget, args: RunArgs, pipeline: PipelineManifest): Promise<number> {
  const runArgs = parseRunArguments(args.param ?? [], pipeline.controller.parameters, pipeline.id);
  const queue = args.queue ?? pipeline.controller.queue;
  const start = needsClonedRun(pipeline) ? startClonedRun : startRun;
  const run = await start(target.client, pipeline, runArgs, queue);
  const link = target.webHost !== undefined && run.projectId !== undefined ? pipelineLink(target.webHost, run.projectId, run.runId) : `run ${run.runId}`;
  const given = runArgs.map((a) => `${a.name}=${a.value}`).join(', ') || 'declared defaults';
  process.stdout.write(`Started a run of '${pipeline.name}' on queue '${queue}' (${run.enqueued ? 'enqueued' : 'not enqueued'}) with ${given}.\n  ${link}\n`);
  return args.wait || args.sandbox ? followUntilEnded(target, run.runId, hintFlags(args)) : 0;
}

/** Runs `run` and returns the exit code. */
export async function runRun(args: RunArgs): Promise<number> {
  if (args.resume !== undefined && !args.local) {
    throw new UsageError('--resume continues a run in this process: add --local (cdk-style run --resume RUN_ID --local).');
  }
  if (args.resume === undefined && args.pipeline === undefined) {
    throw new UsageError('Name the pipeline to run (cdk-style run <pipeline>), or give --resume RUN_ID --local.');
  }
  const agents = args.sandbox ? simulatedAgents(args) : undefined;
  const [pipeline] = args.pipeline === undefined ? [] : await resolvePipelines({ app: args.app, output: args.output, pipelines: [args.pipeline] });
  const queues = pipeline === undefined ? [] : [...declaredQueues([pipeline]), args.queue ?? pipeline.controller.queue];
  return withTarget({ sandbox: args.sandbox, agents, queues }, (target) => (args.local ? startLocal(target, args, pipeline) : startRemote(target, args, pipeline as PipelineManifest)));
}

/** The `run` command. */
export const runCommand: CommandModule<object, RunArgs> = {
  command: 'run [pipeline]',
  describe: 'Start a run of a deployed pipeline (like "New run" in the web UI), follow it, or drive it here with --local',
  builder,
  handler: async (args) => {
    process.exitCode = await runRun(args);
  },
};
