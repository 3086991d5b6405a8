/**
 * `cdk-style status [pipeline] [--run ID] [--json]`: the recent runs of a pipeline, or one run's
 * steps (state, queue, duration, task, and the last log lines of failed steps).
 */
import type { Argv, CommandModule } from 'yargs';
import { resolvePipelines } from '../../assembly/resolve';
import { taskLink } from '../../deploy/links';
import { deployedController } from '../../deploy/run';
import { DeployTarget, withTarget } from '../../deploy/target';
import { RunReport, readRunReport, recentRuns, RunSummary } from '../../run/status';
import { formatDuration, runTable } from '../../run/view';
import { AppArgs, appOptions, sandboxOption, TargetArgs } from '../shared-options';

/** Arguments of `status`. */
export interface StatusArgs extends AppArgs, TargetArgs {
  /** Pipeline id or name. @default every pipeline of the app */
  readonly pipeline?: string;
  /** Show this run. @default none (list the recent runs) */
  readonly run?: string;
  /** JSON output. @default false */
  readonly json?: boolean;
  /** How many recent runs to list. @default 10 */
  readonly limit?: number;
}

function builder(yargs: Argv): Argv<StatusArgs> {
  return sandboxOption(appOptions(yargs))
    .positional('pipeline', { type: 'string', describe: 'Pipeline id or name (default: every pipeline of the app)' })
    .option('run', { type: 'string', describe: 'RUN_ID: show that run\'s steps' })
    .option('json', { type: 'boolean', default: false, describe: 'Print JSON' })
    .option('limit', { type: 'number', default: 10, describe: 'How many recent runs to list' }) as unknown as Argv<StatusArgs>;
}

function reportText(target: DeployTarget, report: RunReport): string {
  const link = target.webHost !== undefined && report.project !== undefined ? (id: string) => taskLink(target.webHost as string, report.project as string, id) : undefined;
  const lines = runTable(report, Date.now() / 1000, link);
  if (report.reason !== undefined && report.status !== 'completed') {
    lines.push(`Reason: ${report.reason}`);
  }
  for (const [step, log] of Object.entries(report.logs)) {
    if (log.length > 0) {
      lines.push(`Last log lines of ${step}:`, ...log.map((l) => `  | ${l}`));
    }
  }
  return `${lines.join('\n')}\n`;
}

function runsText(name: string, runs: readonly RunSummary[]): string {
  if (runs.length === 0) {
    return `${name}: no runs yet (start one with 'cdk-style run ${name}').\n`;
  }
  const rows = runs.map((r) => {
    const time = r.started === undefined ? '' : formatDuration((r.ended ?? Date.now() / 1000) - r.started);
    return `  ${r.name.padEnd(24)} ${r.status.padEnd(12)} ${time.padEnd(9)} ${r.id}`;
  });
  return `${name}: ${runs.length} recent run(s), newest first\n${rows.join('\n')}\n`;
}

async function listRuns(target: DeployTarget, args: StatusArgs): Promise<Record<string, RunSummary[]>> {
  const pipelines = await resolvePipelines({ app: args.app, output: args.output, pipelines: args.pipeline === undefined ? [] : [args.pipeline] });
  const result: Record<string, RunSummary[]> = {};
  for (const pipeline of pipelines) {
    const controller = await deployedController(target.client, pipeline);
    result[pipeline.name] = controller.projectId === undefined ? [] : await recentRuns(target.client, controller.projectId, controller.id, args.limit ?? 10);
  }
  return result;
}

/** Runs `status` and returns the exit code. */
export async function runStatus(args: StatusArgs): Promise<number> {
  return withTarget({ sandbox: args.sandbox }, async (target) => {
    if (args.run !== undefined) {
      const report = await readRunReport(target.client, args.run);
      process.stdout.write(args.json ? `${JSON.stringify(report, null, 2)}\n` : reportText(target, report));
      return 0;
    }
    const runs = await listRuns(target, args);
    process.stdout.write(args.json ? `${JSON.stringify(runs, null, 2)}\n` : Object.entries(runs).map(([n, r]) => runsText(n, r)).join(''));
    return 0;
  });
}

/** The `status` command. */
export const statusCommand: CommandModule<object, StatusArgs> = {
  command: 'status [pipeline]',
  describe: 'The recent runs of a pipeline, or one run\'s steps with --run',
  builder,
  handler: async (args) => {
    process.exitCode = await runStatus(args);
  },
};
