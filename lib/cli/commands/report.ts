/**
 * `cdk-style report <pipeline> [--run ID] [--baseline RUN_ID|STEP] [--format F] [--out FILE]
 * [--min-recovery PCT] [--chart FILE.svg]`: the recovery table of a run.
 */
import * as fs from 'node:fs';
import type { Argv, CommandModule } from 'yargs';
import { resolvePipelines } from '../../assembly/resolve';
import { UsageError } from '../../base/errors';
import { withTarget } from '../../deploy/target';
import { recoveryChart } from '../../report/chart';
import { formatReport, REPORT_FORMATS, ReportFormat } from '../../report/format';
import { formatGate, gateFailures } from '../../report/gate';
import { reportRun } from '../../report/report';
import { ROW_SELECTIONS, RowSelection, selectRows } from '../../report/select';
import { AppArgs, appOptions, sandboxOption, TargetArgs } from '../shared-options';

/** Arguments of `report`. */
export interface ReportArgs extends AppArgs, TargetArgs {
  /** Pipeline id or name. */
  readonly pipeline: string;
  /** Run id. @default the latest completed run */
  readonly run?: string;
  /** `RUN_ID` or `STEP`. @default the run's own baseline */
  readonly baseline?: string;
  /** Output format. @default 'table' */
  readonly format?: ReportFormat;
  /** File to write the report to. @default standard output */
  readonly out?: string;
  /** Gate: exit 1 when a recovery is below this percentage. @default no gate */
  readonly minRecovery?: number;
  /** SVG bar chart of the recoveries. @default none */
  readonly chart?: string;
  /** Rows shown and gated. @default 'all' */
  readonly rows?: RowSelection;
}

function builder(yargs: Argv): Argv<ReportArgs> {
  return sandboxOption(appOptions(yargs))
    .positional('pipeline', { type: 'string', demandOption: true, describe: 'Pipeline id or name' })
    .option('run', { type: 'string', describe: 'Run (controller task) id (default: the latest completed run)' })
    .option('baseline', { type: 'string', describe: 'Baseline: another run\'s id, or a step of this run (default: the run\'s baseline evaluations)' })
    .option('format', { choices: REPORT_FORMATS, default: 'table' as ReportFormat, describe: 'Output format' })
    .option('out', { type: 'string', describe: 'Write the report to this file instead of standard output' })
    .option('min-recovery', { type: 'number', describe: 'Exit 1 and list the scores whose recovery is below PCT (or unknown)' })
    .option('chart', { type: 'string', describe: 'Also write the recoveries as an SVG bar chart to this file' })
    .option('rows', { choices: ROW_SELECTIONS, default: 'all' as RowSelection, describe: 'Rows shown and gated: every task metric, the suite averages and their members (groups), or the averages only' }) as unknown as Argv<ReportArgs>;
}

function checkArgs(args: ReportArgs): void {
  if (args.minRecovery !== undefined && (!Number.isFinite(args.minRecovery) || args.minRecovery < 0)) {
    throw new UsageError(`--min-recovery must be a percentage such as 99 (got '${String(args.minRecovery)}').`);
  }
}

/** Runs `report` and returns the exit code. */
export async function runReport(args: ReportArgs): Promise<number> {
  checkArgs(args);
  const [pipeline] = await resolvePipelines({ app: args.app, output: args.output, pipelines: [args.pipeline] });
  const full = await withTarget({ sandbox: args.sandbox }, (target) => reportRun(target.client, pipeline, { runId: args.run, baseline: args.baseline }));
  const report = selectRows(full, args.rows ?? 'all');
  const text = formatReport(report, args.format ?? 'table');
  if (args.out !== undefined) {
    fs.writeFileSync(args.out, text);
    process.stdout.write(`Wrote the ${args.format ?? 'table'} report of run ${report.run.id} to ${args.out}.\n`);
  } else {
    process.stdout.write(text);
  }
  if (args.chart !== undefined) {
    fs.writeFileSync(args.chart, recoveryChart(report, { threshold: args.minRecovery }));
    process.stdout.write(`Wrote the recovery chart to ${args.chart}.\n`);
  }
  if (args.minRecovery === undefined) {
    return 0;
  }
  const failures = gateFailures(report, args.minRecovery);
  (failures.length > 0 ? process.stderr : process.stdout).write(formatGate(failures, args.minRecovery));
  return failures.length > 0 ? 1 : 0;
}

/** The `report` command. */
export const reportCommand: CommandModule<object, ReportArgs> = {
  command: 'report <pipeline>',
  describe: 'Recovery of each compressed model against the baseline, from a run\'s evaluation metrics',
  builder,
  handler: async (args) => {
    process.exitCode = await runReport(args);
  },
};
