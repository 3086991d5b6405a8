/**
 * A ClearML pipeline: a native pipeline controller and the steps it runs.
 */
import { Construct, IConstruct } from 'constructs';
import { AdoptedController } from './adopted-controller';
import { ParameterReference, ParameterType, ParameterValueOf } from './parameter-reference';
import { PlainValue } from './values';

// Re-exported: its home is './parameter-reference', but code imports it from here.
export type { ParameterType } from './parameter-reference';

const PIPELINE_BRAND = Symbol.for('cdk-style.Pipeline');

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

/** Parameter declarations by name. */
export type ParameterDeclarations = Readonly<Record<string, ParameterProps>>;

/** Properties of a {@link Pipeline}; `P` is the type of its parameter declarations. */
export interface PipelineProps<P extends ParameterDeclarations = ParameterDeclarations> {
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
   * Pipeline parameters by name. Their types flow into `pipeline.parameter(name)`: a parameter
   * declared `{ type: 'int' }` (or with a number default) fits only a number prop.
   * @default none
   */
  readonly parameters?: P;
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
  /**
   * A controller made by another tool (the seed's automation package, a PipelineController
   * script), kept as it is stored: deploy updates its DAG, parameters and version in its own
   * format instead of creating cdk-style's native controller. `cdk-style import` writes this.
   * `controllerImage` and `clearmlVersion` do not apply to it.
   * @default cdk-style's native controller in `<project>/.pipelines/<name>`
   */
  readonly controller?: AdoptedController;
}

/**
 * A ClearML pipeline. Steps are constructs inside it. `P` is inferred from the `parameters`
 * prop and types `parameter(name)`.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- `any` by default so every Pipeline<P> is a Pipeline
export class Pipeline<P extends ParameterDeclarations = any> extends Construct {
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
  /** The adopted controller, when the pipeline keeps one made by another tool. */
  public readonly adoptedController?: AdoptedController;
  private readonly declared = new Map<string, ParameterProps>();

  /**
   * @param scope the App (or any construct)
   * @param id construct id (also the default pipeline name)
   * @param props pipeline settings
   */
  public constructor(scope: Construct, id: string, props: PipelineProps<P>) {
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
    this.adoptedController = props.controller;
    for (const [name, param] of Object.entries(props.parameters ?? {})) {
      this.addParameter(name, param);
    }
  }

  /**
   * Declares a pipeline parameter and returns a reference to it, typed by the declaration
   * (`addParameter('n', { type: 'int' })` is a `ParameterReference<number>`).
   */
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- no declaration: the value type is `str`
  public addParameter<D extends ParameterProps = {}>(name: string, props: D = {} as D): ParameterReference<ParameterValueOf<D>> {
    if (this.node.locked) {
      throw new Error(`Cannot add parameter '${name}' to '${this.node.path}': the app was already synthesized.`);
    }
    this.declared.set(name, props);
    return new ParameterReference(this, name);
  }

  /**
   * A reference to a pipeline parameter (`${pipeline.<name>}`). For a parameter declared in the
   * `parameters` prop the value type is the declared one; for any other name (one added with
   * `addParameter`, whose return value is typed) it is `PlainValue`, which fits no typed prop
   * until given explicitly: `pipeline.parameter<number>('n')`. Validation checks the declared
   * type against the prop either way.
   */
  public parameter<K extends keyof P & string>(name: K): ParameterReference<ParameterValueOf<P[K]>>;
  public parameter<T = PlainValue>(name: string): ParameterReference<NoInfer<T>>;
  public parameter(name: string): ParameterReference<unknown> {
    return new ParameterReference(this, name);
  }

  /** Declared parameters by name. */
  public get parameters(): ReadonlyMap<string, ParameterProps> {
    return this.declared;
  }
}
