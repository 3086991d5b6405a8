/**
 * The reads a report makes, whatever the number of steps: one `tasks.get_all` for the run (the
 * latest completed run of the pipeline, or the one asked for) and one batched, projected
 * `tasks.get_all` of the steps of the run (and of the baseline run) with their `last_metrics`.
 * With the login, a report costs three requests; each failed step adds one `events.get_task_log`
 * for its last log lines (a status reason alone is often just "Script failed").
 */
import { DeployClient } from '../deploy/client';
import { PipelineManifest, pipelineTag } from '../manifest/schema';
import { ReportError } from './errors';

/** A run (controller task) as read. */
export interface RunTask {
  /** Task id. */
  readonly id: string;
  /** Run name (`<pipeline> #N`). */
  readonly name: string;
  /** Task status. */
  readonly status: string;
  /** System tags (the ownership tags say which pipeline it runs). */
  readonly system_tags?: string[];
  /** Why it is in its status. */
  readonly status_reason?: string;
  /** Status message. */
  readonly status_message?: string;
}

/** A step task of a run as read. */
export interface StepTask {
  /** Task id. */
  readonly id: string;
  /** Task name: the node name. */
  readonly name: string;
  /** The run it belongs to. */
  readonly parent: string;
  /** Task status. */
  readonly status: string;
  /** Why it is in its status (e.g. `Script failed`). */
  readonly status_reason?: string;
  /** Status message (e.g. the error). */
  readonly status_message?: string;
  /** ClearML's summary of its reported scalars. */
  readonly last_metrics?: unknown;
  /** Configuration objects (the `lm_eval` settings). */
  readonly configuration?: unknown;
  /** `Args/clearml_model`: whether it evaluated a ClearML model (a compressed one). */
  readonly hyperparams?: { readonly Args?: { readonly clearml_model?: { readonly value?: string } } };
}

/** What {@link readRun} returns. */
export interface RunRead {
  /** The run reported on. */
  readonly run: RunTask;
  /** Step tasks whose parent is the run or the baseline run. */
  readonly steps: readonly StepTask[];
  /** The last log lines of each failed step, by task id. */
  readonly logs: ReadonlyMap<string, readonly string[]>;
}

/** Log lines kept for a failed step. */
const LOG_LINES = 3;

const RUN_FIELDS = ['id', 'name', 'status', 'system_tags', 'status_reason', 'status_message'];
const STEP_FIELDS = ['id', 'name', 'parent', 'status', 'status_reason', 'status_message', 'last_metrics', 'configuration', 'hyperparams.Args.clearml_model'];

async function latestRun(client: DeployClient, pipeline: PipelineManifest, status?: string[]): Promise<RunTask | undefined> {
  const filter = status === undefined ? { status: ['-created'] } : { status };
  const { tasks } = await client.call<{ tasks: RunTask[] }>('tasks.get_all', {
    system_tags: [pipelineTag(pipeline.id)], type: ['controller'], ...filter,
    order_by: ['-last_update'], page: 0, page_size: 1, only_fields: RUN_FIELDS, search_hidden: true,
  }, { idempotent: true });
  return tasks[0];
}

async function noCompletedRun(client: DeployClient, pipeline: PipelineManifest): Promise<ReportError> {
  const latest = await latestRun(client, pipeline);
  const hint = latest === undefined
    ? `it has never run on this server; start one with 'cdk-style run ${pipeline.id}'`
    : `the latest run, ${latest.id} ('${latest.name}'), is ${latest.status}; wait for it, or pass --run ${latest.id} to report it as it is`;
  return new ReportError('NoCompletedRun', `No completed run of pipeline '${pipeline.id}': ${hint}.`);
}

async function namedRun(client: DeployClient, pipeline: PipelineManifest, runId: string): Promise<RunTask> {
  const { tasks } = await client.call<{ tasks: RunTask[] }>('tasks.get_all', { id: [runId], only_fields: RUN_FIELDS, search_hidden: true }, { idempotent: true });
  const run = tasks[0];
  if (run === undefined) {
    throw new ReportError('UnknownRun', `Run ${runId} does not exist on this server; 'cdk-style status ${pipeline.id}' lists the runs of the pipeline.`);
  }
  if (!(run.system_tags ?? []).includes(pipelineTag(pipeline.id))) {
    throw new ReportError('NotARunOf', `Task ${runId} ('${run.name}') is not a run of pipeline '${pipeline.id}'; pass the id of one of its runs.`);
  }
  return run;
}

/** Reads the run (`runId`, default the latest completed one) and the steps of it and of `baselineRunId`. */
export async function readRun(client: DeployClient, pipeline: PipelineManifest, options: { runId?: string; baselineRunId?: string } = {}): Promise<RunRead> {
  const run = options.runId !== undefined ? await namedRun(client, pipeline, options.runId) : await latestRun(client, pipeline, ['completed']);
  if (run === undefined) {
    throw await noCompletedRun(client, pipeline);
  }
  const parents = options.baselineRunId !== undefined && options.baselineRunId !== run.id ? [run.id, options.baselineRunId] : [run.id];
  const steps = await client.getAll<StepTask>('tasks.get_all', { parent: parents, only_fields: STEP_FIELDS, search_hidden: true }, 'tasks');
  const failed = steps.filter((s) => s.status === 'failed' && s.parent === run.id);
  const logs = new Map(await Promise.all(failed.map(async (s) => [s.id, await lastLogLines(client, s.id)] as const)));
  return { run, steps, logs };
}

/** The last lines of a task's log, oldest first (none when the log cannot be read). */
async function lastLogLines(client: DeployClient, taskId: string): Promise<string[]> {
  try {
    const { events } = await client.call<{ events: { msg?: unknown; timestamp?: unknown }[] }>('events.get_task_log',
      { task: taskId, batch_size: LOG_LINES, navigate_earlier: true }, { idempotent: true });
    return events
      .filter((e) => typeof e.msg === 'string' && e.msg.trim() !== '')
      .sort((a, b) => Number(a.timestamp ?? 0) - Number(b.timestamp ?? 0))
      .slice(-LOG_LINES)
      .map((e) => (e.msg as string).trim().replace(/\s+/g, ' ').slice(0, 200));
  } catch {
    return [];
  }
}
