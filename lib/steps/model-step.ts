/**
 * The common base of steps that work on one model (compression and evaluation): the model
 * input, and how it reaches the draft (`Args/model_id`, overridden by a reference at run time).
 */
import { Construct } from 'constructs';
import { Arg, isParameterReference } from '../core/parameter-reference';
import { Step } from '../core/step';
import { PlainValue } from '../core/values';
import { ModelArgs, modelArgs, ModelInput, WorkerStepProps } from './worker';

/** Properties shared by steps that take a model. */
export interface ModelStepProps extends WorkerStepProps {
  /**
   * `Args/model_id` (`Args/model` for GuideLLM): Hugging Face model id, or a reference (another step's `outputModel`, or a
   * `str` pipeline parameter).
   */
  readonly model: ModelInput;
  /**
   * `Args/clearml_model`: treat `model` as a ClearML model id.
   * @default true when `model` is a step's output model, false otherwise
   */
  readonly clearmlModel?: Arg<boolean>;
  /**
   * `Args/force_download`: download the model again even when cached.
   * @default false
   */
  readonly forceDownload?: Arg<boolean>;
  /**
   * Default output URI of the task.
   * @default 'gs://neuralmagic-clearml'
   */
  readonly outputUri?: string;
}

/** A step whose `model` may be another step's output: then `Args/model_id` is overridden with the reference. */
export abstract class ModelStep extends Step {
  private readonly modelProps: ModelStepProps;

  /**
   * @param scope the pipeline, or a construct inside it
   * @param id construct id (also the default node name)
   * @param props the step's settings
   * @param modelKey the hyperparameter the worker script reads the model from
   */
  protected constructor(scope: Construct, id: string, props: ModelStepProps, modelKey = 'Args/model_id') {
    super(scope, id, props);
    this.modelProps = props;
    if (isParameterReference(props.model)) {
      this.bindArg(modelKey, 'model', props.model, 'str');
    } else if (typeof props.model !== 'string') {
      this.addParameterOverride(modelKey, props.model);
    }
    this.bindArg('Args/clearml_model', 'clearmlModel', props.clearmlModel, 'bool');
    this.bindArg('Args/force_download', 'forceDownload', props.forceDownload, 'bool');
  }

  /** The draft values of `Args/model_id` and `Args/clearml_model`. */
  protected modelDraft(): ModelArgs {
    return modelArgs(this.modelProps.model, this.draftArg(this.modelProps.clearmlModel));
  }

  /** The draft value of `Args/force_download`. */
  protected forceDownloadDraft(): PlainValue {
    return this.draftArg(this.modelProps.forceDownload) ?? false;
  }

  /** The `model` prop when it is a plain string (checked for `${`). */
  public override parameterInputs(): Record<string, unknown> {
    return typeof this.modelProps.model === 'string' ? { model: this.modelProps.model } : {};
  }
}
