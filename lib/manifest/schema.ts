/**
 * The cloud-assembly format written by `synth` and read by `diff`/`deploy` (manifest v1).
 *
 * This file is the contract between the construct model and the deploy engine. Everything a
 * deploy sends to ClearML is already in these objects, rendered with ClearML's own field names
 * (`entry_point`, `system_tags`, hyperparameter items with `section/name/value/type`), so a
 * reviewer who reads a pipeline file knows exactly what deploy will write. The only values that
 * are filled in at deploy time are server-side ids: project ids, and each DAG node's
 * `base_task_id` (the id of the step's draft task).
 *
 * Naming: types ending in `Spec` describe one ClearML object as it will be written.
 */

/** Version of the manifest format. Loading a file whose major differs is refused. */
export const MANIFEST_SCHEMA_VERSION = '1.0.0';

/** File name of the top-level manifest inside the output directory. */
export const MANIFEST_FILE = 'manifest.json';

/** Prefix of every system tag that cdk-style writes to mark what it owns. */
export const OWNERSHIP_TAG_PREFIX = 'cdk-style';

/** The system tag carried by every object deploy owns. */
export const MANAGED_TAG = 'cdk-style:managed';

/** The hidden project of a native pipeline controller: `<project>/.pipelines/<name>`, where the web UI lists pipelines. */
export function pipelineProjectPath(project: string, pipelineName: string): string {
  return `${project}/.pipelines/${pipelineName}`;
}

/** System tag naming the pipeline (its construct path) an owned object belongs to. */
export function pipelineTag(pipelineId: string): string {
  return `cdk-style:pipeline=${pipelineId}`;
}

/** System tag naming an owned object's logical id (its construct path). Deploy finds objects by it. */
export function identityTag(logicalId: string): string {
  return `cdk-style:id=${logicalId}`;
}

/** One hyperparameter as `tasks.create` takes it (ClearML stores every value as a string). */
export interface HyperParamItem {
  /** Section, e.g. `Args`. Repeated inside the item, as ClearML does. */
  readonly section: string;
  /** Name inside the section; nested settings are flattened with `/`, e.g. `recipe_args/group_size`. */
  readonly name: string;
  /** The value as ClearML stores it: `True`/`False` for booleans, JSON for lists and objects, `''` for none. */
  readonly value: string;
  /** ClearML's type hint (`str`, `int`, `float`, `bool`, `list`, `dict`); absent for a `None` value. */
  readonly type?: string;
  /** Free text shown in the web UI. */
  readonly description: string;
}

/** Hyperparameters by section, then by name. */
export type HyperParams = Record<string, Record<string, HyperParamItem>>;

/** One configuration object as `tasks.create` takes it. */
export interface ConfigurationItem {
  /** Name, repeated from the key, e.g. `lm_eval`. */
  readonly name: string;
  /** The text stored in ClearML (strict JSON for `dictionary` objects written by cdk-style). */
  readonly value: string;
  /** ClearML type hint: `dictionary`, `yaml`, `json` or `str`. */
  readonly type: string;
  /** Free text shown in the web UI. */
  readonly description: string;
}

/** Configuration objects by name. */
export type Configuration = Record<string, ConfigurationItem>;

/** The `script` block of a task: where the code is and how to install it. */
export interface ScriptSpec {
  /** Git URL, or `''` for a script stored whole in `diff`. */
  readonly repository: string;
  /** Branch; `''` when a commit is pinned. */
  readonly branch: string;
  /** Commit id; `''` when a branch is followed. */
  readonly version_num: string;
  /** Script path inside the repository. */
  readonly entry_point: string;
  /** Working directory inside the repository. */
  readonly working_dir: string;
  /** Interpreter, e.g. `python3`. */
  readonly binary: string;
  /** A patch applied on top of the checkout, or the whole script when `repository` is `''`. */
  readonly diff: string;
  /** Requirements; `pip` is newline-separated, in a fixed order. */
  readonly requirements: { readonly pip: string };
}

/** The `container` block of a task. */
export interface ContainerSpec {
  /** Docker image, `''` for the agent's default. */
  readonly image: string;
  /** Extra `docker run` arguments. */
  readonly arguments: string;
  /** Shell script run inside the container before the task. */
  readonly setup_shell_script: string;
}

/**
 * A task exactly as deploy writes it with `tasks.create` (or `tasks.edit` on update).
 *
 * `project` is the project's full path; deploy resolves it to an id. `system_tags` already hold
 * the ownership tags.
 */
export interface TaskSpec {
  /** Display name (not the identity: renaming it is an update). */
  readonly name: string;
  /** ClearML task type, e.g. `training` or `controller`. */
  readonly type: string;
  /** Full project path, e.g. `alexandre_debug` or `alexandre_debug/.pipelines/my_pipeline`. */
  readonly project: string;
  /** Task comment. */
  readonly comment: string;
  /** User tags, sorted. */
  readonly tags: string[];
  /** System tags, sorted; include {@link MANAGED_TAG}, {@link pipelineTag} and {@link identityTag}. */
  readonly system_tags: string[];
  /** Code location and requirements. */
  readonly script: ScriptSpec;
  /** Container settings. */
  readonly container: ContainerSpec;
  /** Hyperparameters (the `Args` section the worker scripts read, `properties`, ...). */
  readonly hyperparams: HyperParams;
  /** Configuration objects. The controller's `Pipeline` object is rendered at deploy time. */
  readonly configuration: Configuration;
  /** Default output URI, written as `output_dest`. Absent when the agent's default applies. */
  readonly output_dest?: string;
  /** Runtime properties (`tasks.edit {runtime}`), e.g. the controller's `version`. */
  readonly runtime?: Record<string, string>;
}

/**
 * One node of the pipeline DAG, in the terms of ClearML's `PipelineController` node format.
 *
 * Deploy turns it into the full node dict (adding `base_task_id` and the SDK's default keys).
 */
export interface NodeSpec {
  /** ClearML node (step) name: the key in the `Pipeline` configuration and in `${name.…}` references. */
  readonly name: string;
  /** Node names that must finish first, sorted. */
  readonly parents: string[];
  /** Execution queue name. */
  readonly queue: string;
  /** `parameter_override`: `Section/name` → value (may contain `${…}` references). */
  readonly parameters: Record<string, string>;
  /** `configuration_overrides`: name → text. */
  readonly configurations: Record<string, string>;
  /** `task_overrides`: dotted task field → value. */
  readonly task_overrides: Record<string, string>;
  /** Time limit in seconds, or null for none. */
  readonly timeout: number | null;
  /** `[[source title, source series], [target title, target series]]` pairs. */
  readonly monitor_metrics: [[string, string], [string, string]][];
  /** `[source artifact, target artifact]` pairs. */
  readonly monitor_artifacts: [string, string][];
  /** `[source model, target model]` pairs. */
  readonly monitor_models: [string, string][];
  /** Keep running the pipeline when this step fails. */
  readonly continue_on_fail: boolean;
  /** Reuse an identical completed task instead of running again. */
  readonly cache_executed_step: boolean;
}

/** A step: its DAG node and the draft task the node clones. */
export interface StepSpec {
  /** Logical id: the construct path. Identity on the server (see {@link identityTag}). */
  readonly id: string;
  /** Construct kind, e.g. `CompressStep`, `EvalStep`, `TaskStep`. */
  readonly kind: string;
  /** The DAG node. */
  readonly node: NodeSpec;
  /** The draft task. */
  readonly task: TaskSpec;
}

/** A declared pipeline parameter (controller `Args/<name>`, referenced as `${pipeline.<name>}`). */
export interface ParameterSpec {
  /** Parameter name. */
  readonly name: string;
  /** Default value as stored in ClearML (string form). */
  readonly default: string;
  /** Declared type: `str`, `int`, `float`, `bool`, `list` or `dict`. */
  readonly type: string;
  /** Description shown to users. */
  readonly description: string;
}

/** A project deploy makes sure exists, with the system tags it must carry. */
export interface ProjectSpec {
  /** Full path. */
  readonly name: string;
  /** System tags it must have (deploy adds missing ones, never removes others). */
  readonly system_tags: string[];
}

/**
 * How a controller task stores its DAG: `Pipeline`, PipelineController's JSON node format (the
 * native controller's), or `Steps`, the seed automation package's list of `add_step` arguments.
 */
export type DagFormat = 'Pipeline' | 'Steps';

/** The pipeline controller: cdk-style's native ClearML pipeline task, or an adopted one. */
export interface ControllerSpec {
  /** Logical id: the pipeline's construct path. */
  readonly id: string;
  /**
   * Set only for an adopted controller (`AdoptedController`): the format of the DAG configuration
   * deploy writes into it, `Steps` (seed) or `Pipeline` (PipelineController). Absent for the
   * native controller.
   */
  readonly dagFormat?: DagFormat;
  /** Queue the controller runs on (`services` by default). */
  readonly queue: string;
  /** Declared pipeline parameters, sorted by name. */
  readonly parameters: ParameterSpec[];
  /** The controller task; its DAG configuration is rendered at deploy time from the steps. */
  readonly task: TaskSpec;
}

/** One pipeline file (`<id>.pipeline.json`). */
export interface PipelineManifest {
  /** Format version, {@link MANIFEST_SCHEMA_VERSION}. */
  readonly schemaVersion: string;
  /** Logical id: the construct path of the `Pipeline`. */
  readonly id: string;
  /** ClearML pipeline name. */
  readonly name: string;
  /** ClearML project the pipeline belongs to. */
  readonly project: string;
  /** Pipeline version, e.g. `1.0.0`. */
  readonly version: string;
  /** Queues referenced by the controller and the steps, sorted (deploy checks they exist). */
  readonly queues: string[];
  /** Projects deploy ensures, parents before children. */
  readonly projects: ProjectSpec[];
  /** The controller. */
  readonly controller: ControllerSpec;
  /** The steps, keyed by node name. */
  readonly steps: Record<string, StepSpec>;
}

/** One entry of `manifest.json`. */
export interface PipelineEntry {
  /** Logical id (construct path). */
  readonly id: string;
  /** ClearML pipeline name. */
  readonly name: string;
  /** ClearML project. */
  readonly project: string;
  /** Pipeline file, relative to the output directory. */
  readonly file: string;
  /** Mermaid graph file, relative to the output directory. */
  readonly graph: string;
  /** sha256 (hex) of the pipeline file's bytes. */
  readonly sha256: string;
  /** Number of steps. */
  readonly steps: number;
}

/** `manifest.json`: the index of an output directory. */
export interface AssemblyManifest {
  /** Format version, {@link MANIFEST_SCHEMA_VERSION}. */
  readonly schemaVersion: string;
  /** The pipelines, sorted by id. */
  readonly pipelines: PipelineEntry[];
}
