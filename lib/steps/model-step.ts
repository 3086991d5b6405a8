/**
 * The common base of steps that work on one model (compression and evaluation): the model
 * input, and how it reaches the draft (`Args/model_id`, overridden by a reference at run time).
 */
import { Construct } from 'constructs';
import { Step } from '../core/step';
import { ModelInput, WorkerStepProps } from './worker';

/** Properties shared by steps that take a model. */
export interface ModelStepProps extends WorkerStepProps {
  /** Hugging Face model id, or a reference (e.g. another step's `outputModel`). */
  readonly model: ModelInput;
  /**
   * Treat `model` as a ClearML model id.
   * @default true when `model` is a step's output model, false otherwise
   */
  readonly clearmlModel?: boolean;
  /**
   * Download the model again even when cached.
   * @default false
   */
  readonly forceDownload?: boolean;
  /**
   * Default output URI of the task.
   * @default 'gs://neuralmagic-clearml'
   */
  readonly outputUri?: string;
}

/** A step whose `model` may be another step's output: then `Args/model_id` is overridden with the reference. */
export abstract class ModelStep extends Step {
  private readonly modelInput: ModelStepProps['model'];

  /**
   * @param scope the pipeline, or a construct inside it
   * @param id construct id (also the default node name)
   * @param props the step's settings
   */
  protected constructor(scope: Construct, id: string, props: ModelStepProps) {
    super(scope, id, props);
    if (typeof props.model !== 'string') {
      this.addParameterOverride('Args/model_id', props.model);
    }
    this.modelInput = props.model;
  }

  /** The `model` prop when it is a plain string (checked for `${`). */
  public override parameterInputs(): Record<string, unknown> {
    return typeof this.modelInput === 'string' ? { model: this.modelInput } : {};
  }
}
