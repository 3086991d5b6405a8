/**
 * A step whose draft task is given field by field, exactly as it is stored on the server. This
 * is what `cdk-style import` writes for a draft that no typed step reproduces byte for byte
 * (a draft made by the seed's Python says `binary: python` and lists its requirements in set
 * order, for instance): deploying it changes nothing on the server. Prefer a typed step
 * (`CompressStep`, `EvalStep`, `TaskStep`) in new code.
 */
import { Construct } from 'constructs';
import { Configuration, ContainerSpec, HyperParams, ScriptSpec, TaskSpec } from '../manifest/schema';
import { codeUnitOrder } from '../manifest/serialize';
import { Step, StepProps } from '../core/step';

/** Properties of a {@link DraftStep}. */
export interface DraftStepProps extends StepProps {
  /** Name of the draft task. */
  readonly taskName: string;
  /**
   * Task type.
   * @default 'training'
   */
  readonly taskType?: string;
  /** The `script` block (repository, branch, entry point, diff, requirements, binary, ...). */
  readonly script: ScriptSpec;
  /**
   * The `container` block.
   * @default no image, no arguments, no setup script
   */
  readonly container?: ContainerSpec;
  /**
   * Hyperparameters by section, then by name, as the server stores them.
   * @default none
   */
  readonly hyperparams?: HyperParams;
  /**
   * Configuration objects by name, as the server stores them.
   * @default none
   */
  readonly configuration?: Configuration;
  /**
   * User tags.
   * @default none
   */
  readonly tags?: readonly string[];
  /**
   * Comment (description) of the task.
   * @default ''
   */
  readonly comment?: string;
  /**
   * Default output URI (`output.destination`).
   * @default not set
   */
  readonly outputDest?: string;
  /**
   * The task registers an output model, so other steps may use its `outputModel`.
   * @default true
   */
  readonly producesModel?: boolean;
}

function sortedKeys<T>(record: Readonly<Record<string, T>>): Record<string, T> {
  const out: Record<string, T> = {};
  for (const key of Object.keys(record).sort(codeUnitOrder)) {
    out[key] = record[key];
  }
  return out;
}

/** A draft task given as it is stored (what `cdk-style import` writes when no typed step matches). */
export class DraftStep extends Step {
  /** Construct kind. */
  public readonly kind = 'DraftStep';
  /** The props given. */
  public readonly props: DraftStepProps;
  /** From the `producesModel` prop. */
  public override readonly producesModel: boolean;

  /**
   * @param scope the pipeline, or a construct inside it
   * @param id construct id (also the default node name)
   * @param props the draft's fields
   */
  public constructor(scope: Construct, id: string, props: DraftStepProps) {
    super(scope, id, props);
    this.props = props;
    this.producesModel = props.producesModel ?? true;
  }

  /** Plain data given in props, checked for values that cannot be serialized. */
  public override userData(): Record<string, unknown> {
    const p = this.props;
    return { script: p.script, container: p.container, hyperparams: p.hyperparams, configuration: p.configuration, tags: p.tags };
  }

  /** Renders the draft task: the given fields, keys sorted. */
  public renderTask(): TaskSpec {
    const p = this.props;
    const hyperparams: Record<string, HyperParams[string]> = {};
    for (const [section, items] of Object.entries(sortedKeys(p.hyperparams ?? {}))) {
      hyperparams[section] = sortedKeys(items);
    }
    return {
      comment: p.comment ?? '',
      configuration: sortedKeys(p.configuration ?? {}),
      container: p.container ?? { arguments: '', image: '', setup_shell_script: '' },
      hyperparams,
      name: p.taskName,
      ...(p.outputDest === undefined ? {} : { output_dest: p.outputDest }),
      project: '',
      script: { ...p.script, requirements: { pip: p.script.requirements?.pip ?? '' } },
      system_tags: [],
      tags: [...new Set(p.tags ?? [])].sort(codeUnitOrder),
      type: p.taskType ?? 'training',
    };
  }
}
