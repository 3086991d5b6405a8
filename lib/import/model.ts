/**
 * What `import` reads from a pipeline, whoever made it: the steps as DAG nodes (from the
 * `Pipeline` configuration PipelineController writes, or from the seed's `Steps` list of
 * `add_step` arguments), the pipeline parameters and version, and each step's draft task.
 */
import { CdkStyleError } from '../base/errors';
import { ObservedTask } from '../deploy/observe';
import { parseSeedSteps } from '../clearml/seed-steps';
import { parsePipelineSteps, StoredStep } from '../clearml/stored-dag';

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
  /** The project of the controller task (the visible one for the seed, `<project>/.pipelines/<name>` for PipelineController). */
  readonly controllerProject: string;
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

function importedNode(step: StoredStep): ImportedNode {
  const n = step.node;
  return {
    name: n.name, baseTaskId: step.baseTaskId, ...(step.baseTask ? { baseTask: step.baseTask } : {}),
    parents: n.parents, queue: n.queue, parameters: n.parameters,
    monitorMetrics: n.monitor_metrics, monitorArtifacts: n.monitor_artifacts, monitorModels: n.monitor_models,
    timeout: n.timeout, continueOnFail: n.continue_on_fail, cacheExecutedStep: n.cache_executed_step,
  };
}

/** Nodes of PipelineController's `Pipeline` configuration (JSON: step name → node). */
export function nodesFromPipelineConfig(text: string): ImportedNode[] {
  try {
    return parsePipelineSteps(text).map(importedNode);
  } catch (error) {
    throw new ImportError('BadPipelineConfiguration', `The controller's Pipeline configuration cannot be read: ${(error as Error).message}.`);
  }
}

/** Nodes of the seed's `Steps` configuration (a Python literal list of `(args, kwargs)`). */
export function nodesFromSeedSteps(text: string): ImportedNode[] {
  try {
    return parseSeedSteps(text).map(importedNode);
  } catch (error) {
    throw new ImportError('BadStepsConfiguration', `The controller's Steps configuration cannot be read: ${(error as Error).message}.`);
  }
}
