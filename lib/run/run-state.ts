/**
 * What a run is, read back from the server: the run task, its DAG (the `Pipeline`
 * configuration, with each node's state), the step tasks it already launched (adopted on resume,
 * never launched twice), the base drafts and the queues. Nothing is kept only in memory.
 */
import { CdkStyleError } from '../base/errors';
import { PIPELINE_CONFIGURATION_NAME, renderPipelineNode } from '../clearml/render';
import { parseSeedSteps, SEED_STEPS_CONFIGURATION_NAME } from '../clearml/seed-steps';
import { RunClient } from './client';
import { NodeStatus, StepTask, STEP_TASK_FIELDS, isFinal, nodeStatusOf } from './task-view';

/** One node of the run and its state. */
export interface RunNode {
  /** Node (step) name. */
  readonly name: string;
  /** The node dict of the `Pipeline` configuration, updated in place and written back. */
  readonly dag: Record<string, unknown>;
  /** Parent node names. */
  readonly parents: readonly string[];
  /** Whether the run goes on when this step fails. */
  readonly continueOnFail: boolean;
  /** Current state. */
  status: NodeStatus;
  /** The launched step task, as last read. */
  task?: StepTask;
  /** Why the node failed or was skipped, when the engine decided it. */
  message?: string;
}

/** A run as loaded. */
export interface RunState {
  /** Run (controller clone) id. */
  readonly id: string;
  /** Run name, e.g. `my_pipeline #3`. */
  readonly name: string;
  /** Project of the run (steps are cloned into it). */
  readonly project?: string;
  /** Run status when loaded. */
  readonly status: string;
  /** The run's `Args` values by name. */
  readonly args: Readonly<Record<string, string>>;
  /** The run's runtime properties (`_pipeline_hash` once a controller started it). */
  readonly runtime: Readonly<Record<string, unknown>>;
  /** The run's system tags (a seed-made run has no `pipeline` tag until its controller starts). */
  readonly systemTags: readonly string[];
  /** The pipeline version (`properties/version`). */
  readonly version: string;
  /** The `Pipeline` configuration text as loaded. */
  readonly dagText: string;
  /** Description of the `Pipeline` configuration item (kept when writing back). */
  readonly dagDescription: string;
  /** Nodes by name, in the DAG's order. */
  readonly nodes: Map<string, RunNode>;
  /** Base draft tasks by id (hyperparams and configuration, to merge overrides into). */
  readonly drafts: Map<string, DraftTask>;
  /** Queue ids by name. */
  readonly queues: Map<string, string>;
}

/** The fields of a base draft a launch needs. */
export interface DraftTask {
  /** Id. */
  readonly id: string;
  /** Hyperparameters. */
  readonly hyperparams?: Record<string, Record<string, Record<string, unknown>>>;
  /** Configuration objects. */
  readonly configuration?: Record<string, Record<string, unknown>>;
}

/** The fields of a run task the engine reads. */
export interface RunTask {
  readonly id: string;
  readonly name: string;
  readonly project?: string;
  readonly status: string;
  readonly status_reason?: string;
  readonly started?: string;
  readonly completed?: string;
  readonly hyperparams?: {
    readonly Args?: Record<string, { readonly value?: string }>;
    readonly properties?: Record<string, { readonly value?: string }>;
    readonly pipeline?: Record<string, { readonly value?: string }>;
  };
  readonly configuration?: Record<string, { readonly value?: string; readonly description?: string }>;
  readonly runtime?: Record<string, unknown>;
  readonly system_tags?: string[];
}

/** Errors about a run itself (not one of its steps). */
export class RunError extends CdkStyleError {}

async function readRunTask(client: RunClient, runId: string): Promise<RunTask> {
  const [run] = await client.getAll<RunTask>('tasks.get_all', {
    id: [runId], search_hidden: true, only_fields: ['id', 'name', 'project', 'status', 'status_reason', 'started', 'completed', 'system_tags', 'hyperparams.Args', 'hyperparams.properties', 'hyperparams.pipeline', 'runtime',
      `configuration.${PIPELINE_CONFIGURATION_NAME}`, `configuration.${SEED_STEPS_CONFIGURATION_NAME}`],
  }, 'tasks');
  if (run === undefined) {
    throw new RunError('RunNotFound', `Run ${runId} does not exist on this server; list the runs with 'cdk-style status <pipeline>'.`);
  }
  return run;
}

/**
 * The DAG of a seed-made run (its `Steps` list of add_step arguments) as the `Pipeline` nodes the
 * seed's controller script would have PipelineController write. Steps that name their base task
 * instead of giving its id cannot be launched by cdk-style: an error names them.
 */
function dagFromSeedSteps(run: RunTask, text: string): Record<string, Record<string, unknown>> {
  let steps;
  try {
    steps = parseSeedSteps(text);
  } catch (error) {
    throw new RunError('BadPipeline', `The '${SEED_STEPS_CONFIGURATION_NAME}' configuration of run ${run.id} cannot be read (${(error as Error).message}).`);
  }
  const named = steps.filter((s) => s.baseTaskId === '').map((s) => s.node.name);
  if (named.length > 0) {
    throw new RunError('BadPipeline', `Run ${run.id}: step(s) ${named.join(', ')} name their base task by project and name; give add_step a base_task_id (cdk-style import resolves it) to run them with cdk-style.`);
  }
  return Object.fromEntries(steps.map((s) => [s.node.name, { ...renderPipelineNode(s.node, s.baseTaskId) }]));
}

/** The DAG text of a run: its `Pipeline` configuration, or the one a seed run's `Steps` define. */
function runDagText(run: RunTask): string {
  const text = run.configuration?.[PIPELINE_CONFIGURATION_NAME]?.value ?? '';
  const steps = run.configuration?.[SEED_STEPS_CONFIGURATION_NAME]?.value ?? '';
  return text.trim() === '' && steps.trim() !== '' ? JSON.stringify(dagFromSeedSteps(run, steps), null, 2) : text;
}

function parseDag(run: RunTask): Record<string, Record<string, unknown>> {
  const text = runDagText(run);
  if (text.trim() === '') {
    throw new RunError('NoPipeline', `Task ${run.id} ('${run.name}') has no '${PIPELINE_CONFIGURATION_NAME}' (or seed '${SEED_STEPS_CONFIGURATION_NAME}') configuration: it is not a pipeline run.`);
  }
  try {
    return JSON.parse(text) as Record<string, Record<string, unknown>>;
  } catch (error) {
    throw new RunError('BadPipeline', `The '${PIPELINE_CONFIGURATION_NAME}' configuration of run ${run.id} is not JSON (${(error as Error).message}).`);
  }
}

/** The step task each node adopts: its recorded `job_id` if it exists, else the newest child of that name. */
function adoptedTask(name: string, dag: Record<string, unknown>, children: readonly StepTask[]): StepTask | undefined {
  const recorded = typeof dag.job_id === 'string' ? children.find((c) => c.id === dag.job_id) : undefined;
  return recorded ?? children.filter((c) => c.name === name).pop();
}

function makeNode(name: string, dag: Record<string, unknown>, children: readonly StepTask[]): RunNode {
  const node: RunNode = {
    name, dag, parents: Array.isArray(dag.parents) ? dag.parents.map(String) : [], continueOnFail: dag.continue_on_fail === true, status: 'pending',
  };
  const task = adoptedTask(name, dag, children);
  if (task !== undefined) {
    node.task = task;
    node.status = nodeStatusOf(task.status);
  }
  return node;
}

/** The run task, its nodes (with their adopted step tasks) and its `Args`, in two requests. */
export async function readRunNodes(client: RunClient, runId: string): Promise<{ run: RunTask; nodes: Map<string, RunNode>; args: Record<string, string> }> {
  const [run, children] = await Promise.all([
    readRunTask(client, runId),
    client.getAll<StepTask>('tasks.get_all', { parent: [runId], search_hidden: true, order_by: ['created'], only_fields: STEP_TASK_FIELDS }, 'tasks'),
  ]);
  const nodes = new Map<string, RunNode>();
  for (const [name, item] of Object.entries(parseDag(run))) {
    nodes.set(name, makeNode(name, item, children));
  }
  const args = Object.fromEntries(Object.entries(run.hyperparams?.Args ?? {}).map(([k, v]) => [k, v.value ?? '']));
  return { run, nodes, args };
}

/**
 * Loads run `runId` for the engine. With `retryEnded`, steps that ended failed or stopped are
 * forgotten so they are launched again (a resumed run reruns them, as PipelineController does).
 */
export async function loadRun(client: RunClient, runId: string, retryEnded = false): Promise<RunState> {
  const [{ run, nodes, args }, queues] = await Promise.all([
    readRunNodes(client, runId),
    client.getAll<{ id: string; name: string }>('queues.get_all', { only_fields: ['id', 'name'] }, 'queues'),
  ]);
  for (const node of nodes.values()) {
    if (retryEnded && node.task !== undefined && (node.status === 'failed' || node.status === 'aborted')) {
      node.task = undefined;
      node.status = 'pending';
    }
  }
  const baseIds = [...new Set([...nodes.values()].map((n) => n.dag.base_task_id).filter((id): id is string => typeof id === 'string'))];
  const drafts = baseIds.length === 0 ? [] : await client.getAll<DraftTask>('tasks.get_all', {
    id: baseIds, search_hidden: true, only_fields: ['id', 'hyperparams', 'configuration'],
  }, 'tasks');
  return {
    id: run.id, name: run.name, project: run.project, status: run.status, args,
    runtime: run.runtime ?? {}, systemTags: run.system_tags ?? [], version: run.hyperparams?.properties?.version?.value ?? run.hyperparams?.pipeline?.version?.value ?? '',
    dagText: runDagText(run),
    dagDescription: run.configuration?.[PIPELINE_CONFIGURATION_NAME]?.description ?? '',
    nodes, drafts: new Map(drafts.map((d) => [d.id, d])), queues: new Map(queues.map((q) => [q.name, q.id])),
  };
}

/** True when every node ended. */
export function allEnded(state: RunState): boolean {
  return [...state.nodes.values()].every((n) => isFinal(n.status));
}
