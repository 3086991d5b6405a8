/**
 * A generic step: any script in any repository, with its own `Args` and configuration objects.
 */
import { Construct } from 'constructs';
import { TaskSpec } from '../manifest/schema';
import { Reference } from '../core/reference';
import { Step } from '../core/step';
import { flattenSection, PlainValue } from '../core/values';
import { renderConfigurations } from './configuration';
import { renderWorkerTask, workerScript, WorkerStepProps } from './worker';

/** A value of a {@link TaskStep} argument: plain data, or a reference filled in at run time. */
export type TaskArgValue = PlainValue | Reference;

/** Properties of a {@link TaskStep}. */
export interface TaskStepProps extends WorkerStepProps {
  /** Script path inside the repository, e.g. `src/train.py`. */
  readonly entryPoint: string;
  /** Git repository of the script. */
  readonly repository: string;
  /**
   * Hyperparameters of section `Args` (nested objects become `parent/child` names). A reference
   * value is stored as `''` in the draft and set by a parameter override on the node.
   * @default none
   */
  readonly args?: Readonly<Record<string, TaskArgValue>>;
  /**
   * Configuration objects by name, stored as JSON text of type `dictionary` (strings verbatim, type `str`).
   * @default none
   */
  readonly configurations?: Readonly<Record<string, PlainValue>>;
  /**
   * Insert a `Task.init()` call at the top of the script (for scripts that do not call it).
   * @default false
   */
  readonly addTaskInit?: boolean;
  /**
   * Default output URI of the task.
   * @default the agent's default
   */
  readonly outputUri?: string;
  /**
   * Whether the script outputs a model, so other steps may use `outputModel` (validation refuses
   * it otherwise).
   * @default true (a script may save a model; set false to have a stray `outputModel` refused)
   */
  readonly producesModel?: boolean;
}

/** Runs any script of any repository as a pipeline step. */
export class TaskStep extends Step {
  /** Construct kind. */
  public readonly kind = 'TaskStep';
  /** The props given. */
  public readonly props: TaskStepProps;
  /** From the `producesModel` prop. */
  public override readonly producesModel: boolean;

  /**
   * @param scope the pipeline, or a construct inside it
   * @param id construct id (also the default node name)
   * @param props script and arguments
   */
  public constructor(scope: Construct, id: string, props: TaskStepProps) {
    super(scope, id, props);
    this.props = props;
    this.producesModel = props.producesModel ?? true;
    for (const [name, value] of Object.entries(props.args ?? {})) {
      if (Reference.isReference(value)) {
        this.addParameterOverride(`Args/${name}`, value);
      }
    }
  }

  /** Plain data given in props, checked for values that cannot be serialized. */
  public override userData(): Record<string, unknown> {
    const args = Object.entries(this.props.args ?? {}).filter(([, v]) => !Reference.isReference(v));
    return { args: Object.fromEntries(args), configurations: this.props.configurations };
  }

  /** The plain (non-reference) `args` (checked for `${`). */
  public override parameterInputs(): Record<string, unknown> {
    return { args: this.userData().args };
  }

  /** Renders the draft task. */
  public renderTask(): TaskSpec {
    const p = this.props;
    const args: Record<string, PlainValue> = {};
    for (const [name, value] of Object.entries(p.args ?? {})) {
      args[name] = Reference.isReference(value) ? '' : value;
    }
    return renderWorkerTask(p, {
      defaultTaskName: `${this.stepName}_draft`,
      script: workerScript(p, { repository: p.repository, entryPoint: p.entryPoint, packages: p.packages ?? [], addTaskInit: p.addTaskInit ?? false }),
      image: p.image ?? '',
      hyperparams: Object.keys(args).length > 0 ? { Args: flattenSection('Args', args) } : {},
      configuration: renderConfigurations(p.configurations ?? {}),
      outputUri: p.outputUri,
    });
  }
}
