/**
 * Matchers for the testing kit: partial ("object-like") matching by default, with `Match.*`
 * to ask for exact values, array contents, absence or any value. A match returns every
 * difference with its path, which the templates use to show the closest candidate.
 */
import { isPlainObject } from '../core/values';

/** One place where a value differs from the pattern. */
export interface MatchFailure {
  /** JSON-pointer-like path inside the value, e.g. `/node/queue`. */
  readonly path: string;
  /** What was expected and what was found there. */
  readonly message: string;
}

/** Base class of every matcher. */
export abstract class Matcher {
  /** Returns true when `x` is a {@link Matcher}, whichever copy of the package made it. */
  public static isMatcher(x: unknown): x is Matcher {
    return typeof x === 'object' && x !== null && (x as Record<symbol, unknown>)[MATCHER_BRAND] === true;
  }

  /** Short description used in messages. */
  public abstract readonly name: string;

  /** Creates the brand. */
  protected constructor() {
    Object.defineProperty(this, MATCHER_BRAND, { value: true });
  }

  /** Compares `actual` with this matcher; `path` prefixes the reported failures. */
  public abstract test(actual: unknown, path: string): MatchFailure[];
}

const MATCHER_BRAND = Symbol.for('cdk-style.Matcher');

/** Renders a value for a failure message, shortened. */
export function show(value: unknown): string {
  if (value === undefined) {
    return 'undefined';
  }
  const text = JSON.stringify(value);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

/** Compares `actual` with `pattern`: matchers decide themselves, objects partially, the rest exactly. */
export function matchPattern(pattern: unknown, actual: unknown, path: string, deep: 'partial' | 'exact' = 'partial'): MatchFailure[] {
  if (Matcher.isMatcher(pattern)) {
    return pattern.test(actual, path);
  }
  if (Array.isArray(pattern)) {
    if (!Array.isArray(actual)) {
      return [{ path, message: `expected an array ${show(pattern)}, got ${show(actual)}` }];
    }
    if (actual.length !== pattern.length) {
      return [{ path, message: `expected ${pattern.length} item(s) ${show(pattern)}, got ${actual.length}: ${show(actual)}` }];
    }
    return pattern.flatMap((item, i) => matchPattern(item, actual[i], `${path}/${i}`, deep));
  }
  if (isPlainObject(pattern)) {
    return matchObject(pattern, actual, path, deep);
  }
  return Object.is(pattern, actual) ? [] : [{ path, message: `expected ${show(pattern)}, got ${show(actual)}` }];
}

function matchObject(pattern: Record<string, unknown>, actual: unknown, path: string, deep: 'partial' | 'exact'): MatchFailure[] {
  if (!isPlainObject(actual)) {
    return [{ path, message: `expected an object, got ${show(actual)}` }];
  }
  const failures = Object.keys(pattern).sort().flatMap((key) => {
    const expected = pattern[key];
    if (!(key in actual) && !(Matcher.isMatcher(expected) && expected.name === 'absent')) {
      return [{ path: `${path}/${key}`, message: `missing; expected ${show(expected)}` }];
    }
    return matchPattern(expected, actual[key], `${path}/${key}`, deep);
  });
  if (deep === 'exact') {
    const extra = Object.keys(actual).filter((k) => !(k in pattern)).sort();
    failures.push(...extra.map((k) => ({ path: `${path}/${k}`, message: `unexpected key (exact match) with value ${show(actual[k])}` })));
  }
  return failures;
}

class ObjectLikeMatcher extends Matcher {
  public readonly name = 'objectLike';
  public constructor(private readonly pattern: Record<string, unknown>) {
    super();
  }
  public test(actual: unknown, path: string): MatchFailure[] {
    return matchObject(this.pattern, actual, path, 'partial');
  }
}

class ExactMatcher extends Matcher {
  public readonly name = 'exact';
  public constructor(private readonly pattern: unknown) {
    super();
  }
  public test(actual: unknown, path: string): MatchFailure[] {
    return matchPattern(this.pattern, actual, path, 'exact');
  }
}

class ArrayWithMatcher extends Matcher {
  public readonly name = 'arrayWith';
  public constructor(private readonly items: readonly unknown[]) {
    super();
  }
  public test(actual: unknown, path: string): MatchFailure[] {
    if (!Array.isArray(actual)) {
      return [{ path, message: `expected an array containing ${show(this.items)}, got ${show(actual)}` }];
    }
    const missing = this.items.filter((item) => !actual.some((candidate) => matchPattern(item, candidate, path).length === 0));
    return missing.map((item) => ({ path, message: `no item matches ${show(item)} in ${show(actual)}` }));
  }
}

class AbsentMatcher extends Matcher {
  public readonly name = 'absent';
  public constructor() {
    super();
  }
  public test(actual: unknown, path: string): MatchFailure[] {
    return actual === undefined ? [] : [{ path, message: `expected no value, got ${show(actual)}` }];
  }
}

class AnyValueMatcher extends Matcher {
  public readonly name = 'anyValue';
  public constructor() {
    super();
  }
  public test(actual: unknown, path: string): MatchFailure[] {
    return actual === undefined || actual === null ? [{ path, message: 'expected a value, got none' }] : [];
  }
}

/** The matcher vocabulary. Plain objects in a pattern already match partially. */
export class Match {
  /** Every key of `pattern` must match; other keys of the value are ignored (the default). */
  public static objectLike(pattern: Record<string, unknown>): Matcher {
    return new ObjectLikeMatcher(pattern);
  }

  /** The value must equal `pattern` exactly, with no extra keys at any depth. */
  public static exact(pattern: unknown): Matcher {
    return new ExactMatcher(pattern);
  }

  /** The array must contain an item matching each of `items`, in any order. */
  public static arrayWith(items: readonly unknown[]): Matcher {
    return new ArrayWithMatcher(items);
  }

  /** The key must be missing (or undefined). */
  public static absent(): Matcher {
    return new AbsentMatcher();
  }

  /** Any value but undefined or null. */
  public static anyValue(): Matcher {
    return new AnyValueMatcher();
  }

  private constructor() {}
}
