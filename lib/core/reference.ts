/**
 * Typed references: values that only exist when the pipeline runs (a step's output model, its
 * task id, a pipeline parameter). They render to ClearML placeholders such as
 * `${step1.models.output.-1.id}` and add the dependency edge by themselves.
 *
 * A plain string that contains `${` is never treated as a reference: validation rejects it with
 * an error that points at the typed reference to use instead (there is no escape hatch, because
 * ClearML resolves every `${...}` in a parameter override and has no way to escape one).
 */
import { IConstruct } from 'constructs';

const REFERENCE_BRAND = Symbol.for('cdk-style.Reference');

/** What a reference points at. */
export type ReferenceKind = 'model' | 'taskId' | 'parameter' | 'artifact' | 'pipelineParameter';

/** A value resolved by the pipeline controller at run time. */
export class Reference {
  /** Returns true when `x` is a {@link Reference}, whichever copy of the package made it. */
  public static isReference(x: unknown): x is Reference {
    return typeof x === 'object' && x !== null && (x as Record<symbol, unknown>)[REFERENCE_BRAND] === true;
  }

  /** The step or pipeline the value comes from. */
  public readonly producer: IConstruct;
  /** What the reference points at. */
  public readonly kind: ReferenceKind;
  /** The parameter key (`Section/name`) or pipeline parameter name, for parameter references. */
  public readonly key?: string;
  private readonly inner: () => string;

  /**
   * @param producer the step (or pipeline, for parameters) the value comes from
   * @param kind what the reference points at
   * @param inner renders the text between `${` and `}`; called at synth time, when names are final
   * @param key the parameter key or name, for parameter references
   */
  public constructor(producer: IConstruct, kind: ReferenceKind, inner: () => string, key?: string) {
    this.producer = producer;
    this.kind = kind;
    this.inner = inner;
    this.key = key;
    Object.defineProperty(this, REFERENCE_BRAND, { value: true });
  }

  /** The ClearML placeholder, e.g. `${step1.models.output.-1.id}`. */
  public render(): string {
    return `\${${this.inner()}}`;
  }

  /** Refuses implicit string conversion, which would lose the dependency edge. */
  public toString(): string {
    throw new Error('A Reference cannot be used inside a string; pass the Reference itself as the value.');
  }
}

/** A reference to a step's last output model: its id, and `.url` for the model file's URL. */
export class ModelReference extends Reference {
  private readonly nodeName: () => string;

  /**
   * @param producer the step that outputs the model
   * @param nodeName returns the producer's ClearML node name
   */
  public constructor(producer: IConstruct, nodeName: () => string) {
    super(producer, 'model', () => `${nodeName()}.models.output.-1.id`);
    this.nodeName = nodeName;
  }

  /** The model's URL (`${<node>.models.output.-1.url}`). */
  public get url(): Reference {
    const nodeName = this.nodeName;
    return new Reference(this.producer, 'model', () => `${nodeName()}.models.output.-1.url`);
  }
}
