/**
 * Typed pipeline parameters: `pipeline.parameter('x')` is a `ParameterReference<T>` whose `T`
 * is the TypeScript type of the parameter's declared ClearML type (`int` and `float` give
 * `number`), so a parameter can only be wired into a step prop of the same type. An `Arg<T>`
 * prop takes either a literal or such a reference.
 */
import { IConstruct } from 'constructs';
import { Reference } from './reference';
import { PlainValue } from './values';

/** Declared type of a pipeline parameter. */
export type ParameterType = 'str' | 'int' | 'float' | 'bool' | 'list' | 'dict';

/** The TypeScript type of values of a ClearML parameter type. */
export interface ParameterValueTypes {
  /** Text. */
  readonly str: string;
  /** Integers. */
  readonly int: number;
  /** Floating point numbers. */
  readonly float: number;
  /** Booleans. */
  readonly bool: boolean;
  /** Lists. */
  readonly list: readonly PlainValue[];
  /** Objects. */
  readonly dict: { readonly [key: string]: PlainValue };
}

/**
 * The value type of a parameter declaration: from its `type`, else from its `default`
 * (`str` when neither says, as ClearML stores it); `PlainValue` when the declaration is not
 * known at compile time.
 */
export type ParameterValueOf<D> = D extends { readonly type: infer T extends ParameterType } ? ParameterValueTypes[T]
  : D extends { readonly default: infer V } ? (V extends number ? number : V extends boolean ? boolean : V extends string ? string : PlainValue)
    : 'type' extends keyof D ? PlainValue : string;

/** A reference to a pipeline parameter (`${pipeline.<name>}`) carrying its value type. */
export class ParameterReference<T = PlainValue> extends Reference {
  /** Phantom member: makes `ParameterReference<number>` and `ParameterReference<string>` incompatible. */
  declare public readonly valueType?: T;

  /**
   * @param pipeline the pipeline that declares the parameter
   * @param name the parameter name
   */
  public constructor(pipeline: IConstruct, name: string) {
    super(pipeline, 'pipelineParameter', () => `pipeline.${name}`, name);
  }

  /** The parameter name. */
  public get parameterName(): string {
    return this.key as string;
  }
}

/** A step setting stored in an `Args` value: a literal, or a pipeline parameter of the same type. */
export type Arg<T> = T | ParameterReference<T>;

/** Returns true when `x` is a pipeline parameter reference. */
export function isParameterReference(x: unknown): x is ParameterReference {
  return Reference.isReference(x) && x.kind === 'pipelineParameter';
}
