/**
 * The reads a report makes, whatever the number of steps: one `tasks.get_all` for the run (the
 * latest completed run of the pipeline, or the one asked for) and one batched, projected
 * `tasks.get_all` of the steps of the run (and of the baseline run) with their `last_metrics`.
 * With the login, a report costs three requests when every step of the run is found on the first
 * page; each failed step adds one `events.get_task_log` for its last log lines (a status reason
 * alone is often just "Script failed").
 */
import { PAGE_SIZE } from '../clearml/paging';
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

/** Safety stop for a server that ignores `page`. */
const MAX_PAGES = 1000;

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

/**
 * The step tasks of `parents`, page by page (stable order by id). A page shorter than asked does
 * not prove the end (a server may cap pages lower); what does: every expected step of the run
 * found (one page for a run of fewer steps than a page), an empty page, or one shorter than a page
 * this server already returned in full.
 */
async function readSteps(client: DeployClient, runId: string, parents: string[], expected: ReadonlySet<string>): Promise<StepTask[]> {
  const all: StepTask[] = [];
  let longest = 0;
  for (let page = 0; page < MAX_PAGES; page++) {
    const { tasks } = await client.call<{ tasks: StepTask[] }>('tasks.get_all', {
      parent: parents, only_fields: STEP_FIELDS, search_hidden: true, order_by: ['id'], page, page_size: PAGE_SIZE,
    }, { idempotent: true });
    all.push(...tasks);
    const found = new Set(all.filter((t) => t.parent === runId).map((t) => t.name));
    const complete = parents.length === 1 && expected.size > 0 && [...expected].every((name) => found.has(name));
    if (complete || tasks.length === 0 || tasks.length < longest) {
      return all;
    }
    longest = Math.max(longest, tasks.length);
  }
  throw new ReportError('UnexpectedAnswer', `tasks.get_all returned more than ${MAX_PAGES} pages of steps of run ${runId}; the server seems to ignore 'page'`);
}

/** Options of {@link readRun}. */
export interface ReadRunOptions {
  /** The run. @default the latest completed run of the pipeline */
  readonly runId?: string;
  /** Another run whose steps are read too (a baseline run). @default none */
  readonly baselineRunId?: string;
  /** Node names the run's steps are expected to have (all found: no further page is read). @default none */
  readonly expectedSteps?: readonly string[];
}

/** Reads the run (`runId`, default the latest completed one) and the steps of it and of `baselineRunId`. */
export async function readRun(client: DeployClient, pipeline: PipelineManifest, options: ReadRunOptions = {}): Promise<RunRead> {
  const run = options.runId !== undefined ? await namedRun(client, pipeline, options.runId) : await latestRun(client, pipeline, ['completed']);
  if (run === undefined) {
    throw await noCompletedRun(client, pipeline);
  }
  const parents = options.baselineRunId !== undefined && options.baselineRunId !== run.id ? [run.id, options.baselineRunId] : [run.id];
  const steps = await readSteps(client, run.id, parents, new Set(options.expectedSteps ?? []));
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
