/**
 * Settings shared by steps that run a worker script from a git repository, and their rendering.
 */
import { Configuration, HyperParams, TaskSpec } from '../manifest/schema';
import { Reference } from '../core/reference';
import { codeUnitOrder } from '../manifest/serialize';
import { StepProps } from '../core/step';
import { PlainValue } from '../core/values';
import { DEFAULT_BRANCH, RepositoryScript, renderContainer, renderScript } from './script';

/** Properties of a step that runs a script from a git repository. */
export interface WorkerStepProps extends StepProps {
  /**
   * Name of the draft task.
   * @default `<step name>_draft`
   */
  readonly taskName?: string;
  /**
   * ClearML task type of the draft.
   * @default 'training'
   */
  readonly taskType?: string;
  /**
   * Docker image.
   * @default the seed's research CUDA image (tasks that run a research script), '' otherwise
   */
  readonly image?: string;
  /**
   * Extra pip packages (merged with the step's own, sorted, de-duplicated).
   * @default none
   */
  readonly packages?: readonly string[];
  /**
   * Git repository of the script.
   * @default the research repository
   */
  readonly repository?: string;
  /**
   * Branch of the script (ignored when `commit` is set).
   * @default 'main'
   */
  readonly branch?: string;
  /**
   * Pinned commit of the script.
   * @default none: the branch is followed
   */
  readonly commit?: string;
  /**
   * User tags of the draft.
   * @default none
   */
  readonly tags?: readonly string[];
  /**
   * Comment of the draft.
   * @default ''
   */
  readonly description?: string;
}

/** Where the model of a compression or evaluation step comes from. */
export type ModelInput = string | Reference;

/** The draft value of `Args/model_id` and whether it names a ClearML model. */
export interface ModelArgs {
  /** Value in the draft (`''` when a reference fills it at run time). */
  readonly modelId: string;
  /** True when the value is a ClearML model id (an output model of another step). */
  readonly clearmlModel: boolean;
}

/**
 * Resolves the `model` prop: references become `''` in the draft and an override on the node.
 * `clearmlModel` is the draft value of the prop (a parameter's default when it is wired to one).
 */
export function modelArgs(model: ModelInput, clearmlModel: PlainValue): ModelArgs {
  const explicit = typeof clearmlModel === 'boolean' ? clearmlModel : undefined;
  if (Reference.isReference(model)) {
    return { modelId: '', clearmlModel: explicit ?? model.kind === 'model' };
  }
  return { modelId: model, clearmlModel: explicit ?? false };
}

/** What a worker step adds to the shared task layout. */
export interface WorkerTaskParts {
  /** Draft task name default. */
  readonly defaultTaskName: string;
  /** Script entry point, requirements and repository. */
  readonly script: RepositoryScript;
  /** Docker image. */
  readonly image: string;
  /** Hyperparameters. */
  readonly hyperparams: HyperParams;
  /** Configuration objects. */
  readonly configuration: Configuration;
  /** Output URI, if any. */
  readonly outputUri?: string;
}

/**
 * Renders a worker draft task; `project` and `system_tags` are filled in by the synthesizer.
 * Keys are in sorted order, as the manifest writes them (so serializing copies nothing).
 */
export function renderWorkerTask(props: WorkerStepProps, parts: WorkerTaskParts): TaskSpec {
  return {
    comment: props.description ?? '',
    configuration: parts.configuration,
    container: renderContainer(parts.image),
    hyperparams: parts.hyperparams,
    name: props.taskName ?? parts.defaultTaskName,
    ...(parts.outputUri === undefined ? {} : { output_dest: parts.outputUri }),
    project: '',
    script: renderScript(parts.script),
    system_tags: [],
    tags: props.tags === undefined ? [] : [...new Set(props.tags)].sort(codeUnitOrder),
    type: props.taskType ?? 'training',
  };
}

/** What a step kind fixes about its script; the props may still name another repository. */
export type ScriptDefaults = Pick<RepositoryScript, 'repository' | 'entryPoint' | 'packages' | 'addTaskInit'>;

/** The script of a worker step: the step kind's defaults with the repository props applied. */
export function workerScript(props: WorkerStepProps, defaults: ScriptDefaults): RepositoryScript {
  // Written out, not spread: object spread is several times slower on Node 20 (bench/results.md).
  return {
    repository: props.repository ?? defaults.repository,
    branch: props.branch ?? DEFAULT_BRANCH,
    commit: props.commit,
    entryPoint: defaults.entryPoint,
    packages: defaults.packages,
    addTaskInit: defaults.addTaskInit,
  };
}
