/**
 * What `import` reads from a pipeline, whoever made it: the steps as DAG nodes (from the
 * `Pipeline` configuration PipelineController writes, or from the seed's `Steps` list of
 * `add_step` arguments), the pipeline parameters and version, and each step's draft task.
 */
import { CdkStyleError } from '../base/errors';
import { ObservedTask } from '../deploy/observe';
import { parsePythonLiteral, PythonValue } from './python-literal';

/** Who made the pipeline. */
export type PipelineOrigin = 'pipeline-controller' | 'seed';

/** One step as a DAG node. */
export interface ImportedNode {
  /** Step (node) name. */
  readonly name: string;
  /** Draft task the step clones (empty when the step names its base task by name, see `baseTask`). */
  readonly baseTaskId: string;
  /** Base task named by project and name instead of id (seed `add_step(base_task_project=…, base_task_name=…)`). */
  readonly baseTask?: { readonly project: string; readonly name: string };
  /** Parent step names. */
  readonly parents: string[];
  /** Execution queue ('' when none). */
  readonly queue: string;
  /** `Section/name` → value overrides. */
  readonly parameters: Record<string, string>;
  /** `[[title, series], [target title, target series]]` pairs. */
  readonly monitorMetrics: [[string, string], [string, string]][];
  /** `[source, target]` artifact names. */
  readonly monitorArtifacts: [string, string][];
  /** `[source, target]` model names. */
  readonly monitorModels: [string, string][];
  /** Time limit in seconds, or null. */
  readonly timeout: number | null;
  /** Keep going when this step fails. */
  readonly continueOnFail: boolean;
  /** Reuse a completed identical task. */
  readonly cacheExecutedStep: boolean;
}

/** A pipeline parameter. */
export interface ImportedParameter {
  /** Name (`Args/<name>` of the controller). */
  readonly name: string;
  /** Default value as stored. */
  readonly default: string;
  /** Declared type, when one is stored. */
  readonly type?: string;
  /** Description. */
  readonly description: string;
}

/** A pipeline read from the server. */
export interface ImportedPipeline {
  /** Who made it. */
  readonly origin: PipelineOrigin;
  /** The controller task. */
  readonly controller: ObservedTask;
  /** Pipeline name. */
  readonly name: string;
  /** The visible project of the pipeline and its drafts. */
  readonly project: string;
  /** Version. */
  readonly version: string;
  /** Parameters, by name order. */
  readonly parameters: ImportedParameter[];
  /** Steps, by name order. */
  readonly nodes: ImportedNode[];
  /** Draft tasks by id. */
  readonly drafts: Record<string, ObservedTask>;
  /** Project name of each draft, by draft id. */
  readonly draftProjects: Record<string, string>;
}

/** A controller that cannot be imported. */
export class ImportError extends CdkStyleError {
  /**
   * @param code stable code
   * @param message what is wrong and how to fix it
   */
  public constructor(code: string, message: string) {
    super(code, message);
  }
}

type Dict = Record<string, unknown>;

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

function pairs(value: unknown): [string, string][] {
  return Array.isArray(value) ? value.map((v) => (Array.isArray(v) ? [String(v[0]), String(v[1] ?? v[0])] : [String(v), String(v)])) : [];
}

function metricPairs(value: unknown): [[string, string], [string, string]][] {
  if (!Array.isArray(value)) {
    return [];
  }
  return value.map((entry) => {
    const [a, b] = entry as unknown[];
    if (Array.isArray(a)) {
      const target = Array.isArray(b) ? b : a;
      return [[String(a[0]), String(a[1])], [String(target[0]), String(target[1])]];
    }
    return [[String(a), String(b)], [String(a), String(b)]];
  });
}

function stringMap(value: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries((value ?? {}) as Dict)) {
    out[k] = typeof v === 'string' ? v : JSON.stringify(v);
  }
  return out;
}

/** The node fields named as `add_step` names its arguments. */
function nodeFields(k: Dict): Omit<ImportedNode, 'name' | 'baseTaskId' | 'baseTask'> {
  return {
    parents: strings(k.parents),
    queue: typeof k.execution_queue === 'string' ? k.execution_queue : '',
    parameters: stringMap(k.parameter_override),
    monitorMetrics: metricPairs(k.monitor_metrics),
    monitorArtifacts: pairs(k.monitor_artifacts),
    monitorModels: pairs(k.monitor_models),
    timeout: typeof k.time_limit === 'number' ? k.time_limit : null,
    continueOnFail: k.continue_on_fail === true,
    cacheExecutedStep: k.cache_executed_step === true,
  };
}

/** Nodes of PipelineController's `Pipeline` configuration (JSON: step name → node). */
export function nodesFromPipelineConfig(text: string): ImportedNode[] {
  let doc: Record<string, Dict>;
  try {
    doc = JSON.parse(text) as Record<string, Dict>;
  } catch (error) {
    throw new ImportError('BadPipelineConfiguration', `The controller's Pipeline configuration is not JSON: ${(error as Error).message}.`);
  }
  return Object.entries(doc).map(([name, node]) => ({
    name,
    baseTaskId: String(node.base_task_id ?? ''),
    ...nodeFields({ ...node, execution_queue: node.queue, parameter_override: node.parameters, time_limit: node.timeout }),
  }));
}

/** The positional parameters of PipelineController.add_step, in order. */
const ADD_STEP_POSITIONAL = ['name', 'base_task_id', 'parents', 'parameter_override'];

function nodeFromAddStep(call: PythonValue, index: number): ImportedNode {
  const [args, kwargs] = (Array.isArray(call) ? call : []) as [PythonValue[] | undefined, Dict | undefined];
  const k: Dict = { ...(kwargs ?? {}) };
  (Array.isArray(args) ? args : []).forEach((value, i) => {
    if (i < ADD_STEP_POSITIONAL.length) {
      k[ADD_STEP_POSITIONAL[i]] = value;
    }
  });
  if (typeof k.name !== 'string') {
    throw new ImportError('BadStepsConfiguration', `Steps entry ${index} has no step name: expected ((args), {'name': …, 'base_task_id': …}).`);
  }
  const baseTask = typeof k.base_task_name === 'string' ? { project: String(k.base_task_project ?? ''), name: k.base_task_name } : undefined;
  return { name: k.name, baseTaskId: typeof k.base_task_id === 'string' ? k.base_task_id : '', baseTask, ...nodeFields(k) };
}

/** Nodes of the seed's `Steps` configuration (a Python literal list of `(args, kwargs)`). */
export function nodesFromSeedSteps(text: string): ImportedNode[] {
  let doc: PythonValue;
  try {
    doc = parsePythonLiteral(text);
  } catch (error) {
    throw new ImportError('BadStepsConfiguration', `The controller's Steps configuration is not a Python literal: ${(error as Error).message}.`);
  }
  if (!Array.isArray(doc)) {
    throw new ImportError('BadStepsConfiguration', 'The controller\'s Steps configuration is not a list of add_step arguments.');
  }
  return doc.map(nodeFromAddStep);
}
