/**
 * Pure rendering of manifest objects into ClearML request bodies: the controller's `Pipeline`
 * configuration (PipelineController's node format) and the `tasks.create` / `tasks.edit` bodies.
 *
 * Nothing here performs I/O; server ids (project ids, draft ids) are passed in.
 */
import { ConfigurationItem, NodeSpec, PipelineManifest, TaskSpec } from '../manifest/schema';
import { renderSeedSteps, SEED_STEPS_CONFIGURATION_NAME } from './seed-steps';

/**
 * Keys of one node of the `Pipeline` configuration, in the order ClearML SDK 1.14.4 serializes
 * them: the 24 attributes of its `PipelineController.Node` (minus `name`, `job`,
 * `task_factory_func`) followed by the presentation-only `job_id` that `_serialize()` appends.
 * Newer keys (`draft`, `continue_behaviour`, `continue_on_abort`, `skip_children_on_*`, `stage`)
 * are left out on purpose: an agent running an older SDK rebuilds nodes with `Node(**dict)` and
 * would crash on a key it does not know.
 */
export const PIPELINE_NODE_KEYS = [
  'base_task_id', 'queue', 'parents', 'timeout', 'parameters', 'configurations', 'task_overrides',
  'executed', 'status', 'clone_task', 'job_type', 'job_started', 'job_ended', 'job_code_section',
  'skip_job', 'continue_on_fail', 'cache_executed_step', 'return_artifacts', 'monitor_metrics',
  'monitor_artifacts', 'monitor_models', 'explicit_docker_image', 'recursively_parse_parameters',
  'output_uri', 'job_id',
] as const;

/** Name of the controller's configuration object that holds the DAG. */
export const PIPELINE_CONFIGURATION_NAME = 'Pipeline';

/** One node of the `Pipeline` configuration, exactly as PipelineController reads it. */
export type PipelineNode = { readonly [K in (typeof PIPELINE_NODE_KEYS)[number]]: unknown };

/** The whole DAG: node name → node. */
export type PipelineDag = Record<string, PipelineNode>;

/** Draft task id of each step, keyed by node name. */
export type DraftIds = Readonly<Record<string, string>>;

function sortedRecord<V>(record: Readonly<Record<string, V>>): Record<string, V> {
  const out: Record<string, V> = {};
  for (const key of Object.keys(record).sort()) {
    out[key] = record[key];
  }
  return out;
}

/** Renders one DAG node of `node` whose base task is the draft `baseTaskId`. */
export function renderPipelineNode(node: NodeSpec, baseTaskId: string): PipelineNode {
  return {
    base_task_id: baseTaskId,
    queue: node.queue,
    parents: [...node.parents].sort(),
    timeout: node.timeout,
    parameters: sortedRecord(node.parameters),
    configurations: sortedRecord(node.configurations),
    task_overrides: sortedRecord(node.task_overrides),
    executed: null,
    status: 'pending',
    clone_task: true,
    job_type: null,
    job_started: null,
    job_ended: null,
    job_code_section: null,
    skip_job: false,
    continue_on_fail: node.continue_on_fail,
    cache_executed_step: node.cache_executed_step,
    return_artifacts: [],
    monitor_metrics: node.monitor_metrics,
    monitor_artifacts: node.monitor_artifacts,
    monitor_models: node.monitor_models,
    explicit_docker_image: null,
    recursively_parse_parameters: false,
    output_uri: null,
    job_id: null,
  };
}

/**
 * Renders the DAG of `pipeline`, node names sorted, each node's `base_task_id` taken from
 * `draftIds` (a step without an id is a programming error and throws).
 */
export function renderPipelineDag(pipeline: PipelineManifest, draftIds: DraftIds): PipelineDag {
  const dag: PipelineDag = {};
  for (const name of Object.keys(pipeline.steps).sort()) {
    const id = draftIds[name];
    if (id === undefined) {
      throw new Error(`No draft id for step '${name}' of pipeline '${pipeline.id}'`);
    }
    dag[name] = renderPipelineNode(pipeline.steps[name].node, id);
  }
  return dag;
}

/** Renders the `Pipeline` configuration value: strict JSON, 2-space indent, fixed key order. */
export function renderPipelineConfiguration(pipeline: PipelineManifest, draftIds: DraftIds): string {
  return JSON.stringify(renderPipelineDag(pipeline, draftIds), null, 2);
}

/** Parses a `Pipeline` configuration value back into a DAG (throws on invalid JSON). */
export function parsePipelineConfiguration(value: string): PipelineDag {
  return JSON.parse(value) as PipelineDag;
}

/**
 * The controller task of `pipeline` as it is written: the manifest's controller task plus its DAG
 * configuration object pointing at `draftIds` (`Pipeline`, or `Steps` for an adopted seed controller).
 */
export function renderControllerTask(pipeline: PipelineManifest, draftIds: DraftIds): TaskSpec {
  const task = pipeline.controller.task;
  const seed = pipeline.controller.dagFormat === 'Steps';
  const name = seed ? SEED_STEPS_CONFIGURATION_NAME : PIPELINE_CONFIGURATION_NAME;
  const dagItem: ConfigurationItem = {
    name,
    type: 'dictionary',
    value: seed ? renderSeedSteps(pipeline, draftIds) : renderPipelineConfiguration(pipeline, draftIds),
    description: '',
  };
  return { ...task, configuration: { ...task.configuration, [name]: dagItem } };
}

/** Top-level task fields deploy writes; each maps to one key of a `tasks.create`/`tasks.edit` body. */
export const TASK_FIELDS = [
  'name', 'type', 'project', 'comment', 'tags', 'system_tags', 'script', 'container',
  'hyperparams', 'configuration', 'output_dest', 'runtime',
] as const;

/** One writable top-level task field. */
export type TaskField = (typeof TASK_FIELDS)[number];

/**
 * Renders the body value of one field of `spec` (the project as its resolved id). Returns
 * `undefined` for an optional field the spec leaves to the server's default.
 */
export function renderTaskField(spec: TaskSpec, field: TaskField, projectId: string): unknown {
  if (field === 'project') {
    return projectId;
  }
  return spec[field];
}

/**
 * Renders the `tasks.create` body of `spec` in project `projectId`: every field at once,
 * `runtime` included (the server stores it on create).
 */
export function renderCreateBody(spec: TaskSpec, projectId: string): Record<string, unknown> {
  return renderFieldsBody(spec, TASK_FIELDS, projectId);
}

/** Renders a body holding only `fields` of `spec`, whole values (for `tasks.edit`). */
export function renderFieldsBody(spec: TaskSpec, fields: readonly TaskField[], projectId: string): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  for (const field of fields) {
    const value = renderTaskField(spec, field, projectId);
    if (value !== undefined) {
      body[field] = value;
    }
  }
  return body;
}
