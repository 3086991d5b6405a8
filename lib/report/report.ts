/**
 * A run's recovery report, from the server: read the run and its steps (three requests with the
 * login), then build the report. What `cdk-style report` calls.
 */
import { DeployClient } from '../deploy/client';
import { PipelineManifest } from '../manifest/schema';
import { BaselineChoice, buildReport } from './build';
import { evaluationSteps } from './layout';
import { RecoveryReport } from './model';
import { readRun } from './read-run';

/** Options of {@link reportRun}. */
export interface ReportOptions {
  /**
   * Id of the run to report.
   * @default the latest completed run of the pipeline
   */
  readonly runId?: string;
  /**
   * `RUN_ID` (a 32-hex task id: the baseline evaluations of that run) or `STEP` (a column of the
   * run: a model-producing step, an evaluation step, or `baseline`).
   * @default the run's own baseline evaluations
   */
  readonly baseline?: string;
}

const TASK_ID = /^[0-9a-f]{32}$/;

/** What `--baseline` names. */
export function parseBaseline(value: string | undefined): BaselineChoice {
  if (value === undefined || value === '') {
    return { kind: 'default' };
  }
  return TASK_ID.test(value) ? { kind: 'run', runId: value } : { kind: 'step', name: value };
}

/** Reads a run of `pipeline` and returns its recovery report. */
export async function reportRun(client: DeployClient, pipeline: PipelineManifest, options: ReportOptions = {}): Promise<RecoveryReport> {
  const choice = parseBaseline(options.baseline);
  const expectedSteps = evaluationSteps(pipeline).map((s) => s.node);
  const read = await readRun(client, pipeline, { runId: options.runId, baselineRunId: choice.kind === 'run' ? choice.runId : undefined, expectedSteps });
  return buildReport(pipeline, read, choice);
}
