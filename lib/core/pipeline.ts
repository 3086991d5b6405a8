/**
 * A ClearML pipeline: a native pipeline controller and the steps it runs.
 */
import { Construct, IConstruct } from 'constructs';
import { Reference } from './reference';
import { PlainValue } from './values';

const PIPELINE_BRAND = Symbol.for('cdk-style.Pipeline');

/** Declared type of a pipeline parameter. */
export type ParameterType = 'str' | 'int' | 'float' | 'bool' | 'list' | 'dict';

/** A pipeline parameter (controller `Args/<name>`, referenced as `${pipeline.<name>}`). */
export interface ParameterProps {
  /**
   * Default value.
   * @default none (stored as `''`)
   */
  readonly default?: PlainValue;
  /**
   * Declared type.
   * @default inferred from the default value (`str` when none)
   */
  readonly type?: ParameterType;
  /**
   * Description shown to users.
   * @default ''
   */
  readonly description?: string;
}

/** Properties of a {@link Pipeline}. */
export interface PipelineProps {
  /** ClearML project the pipeline and its drafts belong to, e.g. `alexandre_debug`. */
  readonly project: string;
  /**
   * ClearML pipeline name.
   * @default the construct id
   */
  readonly name?: string;
  /**
   * Pipeline version (PEP 440 style, e.g. `1.0.0`).
   * @default '1.0.0'
   */
  readonly version?: string;
  /**
   * Queue of steps that do not name one.
   * @default none: every step must name its queue
   */
  readonly defaultQueue?: string;
  /**
   * Queue the controller runs on.
   * @default 'services'
   */
  readonly controllerQueue?: string;
  /**
   * Pipeline parameters by name.
   * @default none
   */
  readonly parameters?: Readonly<Record<string, ParameterProps>>;
  /**
   * Docker image of the controller.
   * @default '' (the agent's default)
   */
  readonly controllerImage?: string;
  /**
   * User tags of the controller.
   * @default none
   */
  readonly tags?: readonly string[];
  /**
   * `clearml` version pinned in the controller's requirements.
   * @default '1.17.0'
   */
  readonly clearmlVersion?: string;
}

/** A ClearML pipeline. Steps are constructs inside it. */
export class Pipeline extends Construct {
  /** Returns true when `x` is a {@link Pipeline}, whichever copy of the package made it. */
  public static isPipeline(x: unknown): x is Pipeline {
    return typeof x === 'object' && x !== null && (x as Record<symbol, unknown>)[PIPELINE_BRAND] === true;
  }

  /** The pipeline that contains `construct`; throws when there is none. */
  public static of(construct: IConstruct): Pipeline {
    for (let scope: IConstruct | undefined = construct; scope !== undefined; scope = scope.node.scope) {
      if (Pipeline.isPipeline(scope)) {
        return scope;
      }
    }
    throw new Error(`'${construct.node.path}' is not inside a Pipeline; create steps with a Pipeline (or a construct inside one) as scope.`);
  }

  /** ClearML project. */
  public readonly project: string;
  /** ClearML pipeline name. */
  public readonly pipelineName: string;
  /** Pipeline version. */
  public readonly version: string;
  /** Default step queue, if any. */
  public readonly defaultQueue?: string;
  /** Controller queue. */
  public readonly controllerQueue: string;
  /** Controller image (`''` for the agent's default). */
  public readonly controllerImage: string;
  /** Controller user tags. */
  public readonly tags: readonly string[];
  /** `clearml` version of the controller script. */
  public readonly clearmlVersion: string;
  private readonly declared = new Map<string, ParameterProps>();

  /**
   * @param scope the App (or any construct)
   * @param id construct id (also the default pipeline name)
   * @param props pipeline settings
   */
  public constructor(scope: Construct, id: string, props: PipelineProps) {
    super(scope, id);
    Object.defineProperty(this, PIPELINE_BRAND, { value: true });
    this.project = props.project;
    this.pipelineName = props.name ?? id;
    this.version = props.version ?? '1.0.0';
    this.defaultQueue = props.defaultQueue;
    this.controllerQueue = props.controllerQueue ?? 'services';
    this.controllerImage = props.controllerImage ?? '';
    this.tags = props.tags ?? [];
    this.clearmlVersion = props.clearmlVersion ?? '1.17.0';
    for (const [name, param] of Object.entries(props.parameters ?? {})) {
      this.addParameter(name, param);
    }
  }

  /** Declares a pipeline parameter and returns a reference to it. */
  public addParameter(name: string, props: ParameterProps = {}): Reference {
    if (this.node.locked) {
      throw new Error(`Cannot add parameter '${name}' to '${this.node.path}': the app was already synthesized.`);
    }
    this.declared.set(name, props);
    return this.parameter(name);
  }

  /** A reference to a declared pipeline parameter (`${pipeline.<name>}`). */
  public parameter(name: string): Reference {
    return new Reference(this, 'pipelineParameter', () => `pipeline.${name}`, name);
  }

  /** Declared parameters by name. */
  public get parameters(): ReadonlyMap<string, ParameterProps> {
    return this.declared;
  }
}
