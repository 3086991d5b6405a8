/**
 * Hyperparameter search spaces for {@link HpoStep}, serialized the way ClearML's
 * `Parameter.to_dict()` does (the seed's BaseHPO stores that list as configuration `Parameters`,
 * which `Parameter.from_dict` reads back): a `type` naming the ClearML class, then its fields.
 */
import { PlainValue } from '../core/values';

/** Options of a continuous range. */
export interface RangeOptions {
  /**
   * Quantization step of sampled values.
   * @default none (continuous)
   */
  readonly step?: number;
  /**
   * Whether `max` itself may be sampled.
   * @default true
   */
  readonly includeMax?: boolean;
}

/** Options of a log-uniform range. */
export interface LogRangeOptions extends RangeOptions {
  /**
   * Base raised to the sampled exponent.
   * @default 10
   */
  readonly base?: number;
}

/** One searched hyperparameter: its `Section/name` on the base task and how it is sampled. */
export class SearchParameter {
  /** Uniform over `[min, max]` (ClearML `UniformParameterRange`). */
  public static uniform(name: string, min: number, max: number, options: RangeOptions = {}): SearchParameter {
    checkRange(name, min, max, options.step);
    return new SearchParameter(name, { type: 'UniformParameterRange', name, min_value: min, max_value: max, step_size: options.step ?? null, include_max: options.includeMax ?? true });
  }

  /** `base ** x` with `x` uniform over `[minExponent, maxExponent]` (ClearML `LogUniformParameterRange`). */
  public static logUniform(name: string, minExponent: number, maxExponent: number, options: LogRangeOptions = {}): SearchParameter {
    checkRange(name, minExponent, maxExponent, options.step);
    return new SearchParameter(name, {
      type: 'LogUniformParameterRange', name, min_value: minExponent, max_value: maxExponent,
      step_size: options.step ?? null, include_max: options.includeMax ?? true, base: options.base ?? 10,
    });
  }

  /** Integers from `min` to `max` by `step` (ClearML `UniformIntegerParameterRange`). */
  public static integer(name: string, min: number, max: number, step = 1): SearchParameter {
    if (![min, max, step].every(Number.isInteger) || step <= 0) {
      throw new Error(`Search parameter '${name}': integer range needs whole numbers and a positive step (got ${min}..${max} by ${step})`);
    }
    checkRange(name, min, max, step);
    return new SearchParameter(name, { type: 'UniformIntegerParameterRange', name, min_value: min, max_value: max, step_size: step, include_max: true });
  }

  /** One of `values` (ClearML `DiscreteParameterRange`). */
  public static discrete(name: string, values: readonly (string | number | boolean)[]): SearchParameter {
    if (values.length === 0) {
      throw new Error(`Search parameter '${name}': a discrete range needs at least one value`);
    }
    return new SearchParameter(name, { type: 'DiscreteParameterRange', name, values: [...values] });
  }

  /** The hyperparameter searched, `Section/name` (e.g. `Args/recipe_args/dampening_frac`). */
  public readonly name: string;
  /** The serialized range (`Parameter.to_dict()`). */
  public readonly definition: Readonly<Record<string, PlainValue>>;

  private constructor(name: string, definition: Record<string, PlainValue>) {
    if (!/^[^/\s]+\/\S+$/.test(name)) {
      throw new Error(`Search parameter '${name}' must be a hyperparameter key 'Section/name', e.g. 'Args/text_samples'`);
    }
    this.name = name;
    this.definition = definition;
  }
}

function checkRange(name: string, min: number, max: number, step: number | undefined): void {
  if (![min, max].every(Number.isFinite) || min > max) {
    throw new Error(`Search parameter '${name}': range ${min}..${max} is empty or not finite; give min <= max`);
  }
  if (step !== undefined && !(Number.isFinite(step) && step > 0)) {
    throw new Error(`Search parameter '${name}': step ${step} must be a positive number`);
  }
}
