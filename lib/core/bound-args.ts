/**
 * Typed step props wired to pipeline parameters: each becomes a parameter override of its `Args`
 * key, its draft value is the parameter's default, and validation checks the parameter's declared
 * type against the type the worker script reads.
 */
import { Arg, isParameterReference, ParameterReference } from './parameter-reference';
import { Pipeline } from './pipeline';
import { PlainValue, renderValue } from './values';

/** The ClearML type a typed step prop stores in its `Args` value. */
export type ArgType = 'int' | 'float' | 'str' | 'bool';

/** A typed prop wired to a pipeline parameter. */
interface BoundArg {
  readonly key: string;
  readonly prop: string;
  readonly expected: ArgType;
  readonly reference: ParameterReference;
}

/** The typed props of one step that are wired to pipeline parameters. */
export class BoundArgs {
  private readonly bound: BoundArg[] = [];

  /** Records `prop` (stored in `key`, read as `expected`) wired to `reference`. */
  public add(key: string, prop: string, reference: ParameterReference, expected: ArgType): void {
    this.bound.push({ key, prop, expected, reference });
  }

  /** True when no prop is wired to a parameter. */
  public get empty(): boolean {
    return this.bound.length === 0;
  }

  /** One problem per prop whose parameter (declared in `pipeline`) has another type. */
  public problems(pipeline: Pipeline): string[] {
    const problems: string[] = [];
    for (const bound of this.bound) {
      const declared = bound.reference.producer === pipeline ? pipeline.parameters.get(bound.reference.parameterName) : undefined;
      if (declared === undefined) {
        continue; // an undeclared or foreign parameter is reported by the reference checks
      }
      const type = declared.type ?? renderValue(declared.default ?? null).type ?? 'str';
      if (!(type === bound.expected || (bound.expected === 'float' && type === 'int'))) {
        problems.push(`${bound.prop} (${bound.key}) takes a${bound.expected === 'int' ? 'n' : ''} ${bound.expected} value, but pipeline parameter '${bound.reference.parameterName}' is declared '${type}'; `
          + `declare the parameter with type '${bound.expected}' or wire another parameter`);
      }
    }
    return problems;
  }
}

/**
 * The value a typed prop puts in the draft: the literal, or (for a parameter of `pipeline`) the
 * parameter's declared default, so the draft alone runs with the pipeline's defaults.
 */
export function draftValue<T extends PlainValue>(value: Arg<T> | undefined, pipeline: Pipeline): PlainValue {
  if (!isParameterReference(value)) {
    return value;
  }
  return value.producer === pipeline ? pipeline.parameters.get(value.parameterName)?.default ?? null : null;
}
