/**
 * The `get_all` filter grammar of the ClearML server: list filters with `-x`, `__$any`, `__$all`,
 * `__$not`, `__$nop` and null, and regex pattern filters.
 */
import { ApiError, fieldsValueError } from './errors';

/** A predicate on one field value. */
export type FieldMatcher = (value: unknown) => boolean;

interface ListGroups {
  anyOf: unknown[];
  allOf: unknown[];
  noneOf: unknown[];
  combiner: 'and' | 'or';
}

function readOperator(token: string, state: { context: 'any' | 'all'; dash: boolean; negateNext: boolean; combiner?: 'and' | 'or' }): void {
  const op = token.slice(3);
  if (op === 'any' || op === 'or' || op === 'all' || op === 'and') {
    state.context = op === 'any' || op === 'or' ? 'any' : 'all';
    state.combiner ??= state.context === 'any' ? 'or' : 'and';
    state.dash = false;
  } else if (op === 'not') {
    state.negateNext = true;
    state.dash = false;
  } else if (op === 'nop') {
    state.context = 'any';
    state.dash = true;
  } else {
    throw fieldsValueError('unsupported operator', { operator: token });
  }
}

/** Reads a list filter left to right and groups its values by kind (§4.4 of the reference). */
export function parseListFilter(raw: unknown): ListGroups {
  const values = Array.isArray(raw) ? raw : [raw];
  const groups: ListGroups = { anyOf: [], allOf: [], noneOf: [], combiner: 'and' };
  const state: { context: 'any' | 'all'; dash: boolean; negateNext: boolean; combiner?: 'and' | 'or' } = { context: 'any', dash: true, negateNext: false };
  values.forEach((value, index) => {
    if (typeof value === 'string' && value.startsWith('__$')) {
      readOperator(value, state);
      if (index === 0 && state.combiner === undefined) {
        state.combiner = 'and';
      }
      return;
    }
    state.combiner ??= 'and';
    if (state.negateNext) {
      groups.noneOf.push(value);
      state.negateNext = false;
    } else if (state.dash && typeof value === 'string' && value.startsWith('-')) {
      groups.noneOf.push(value.slice(1));
    } else {
      (state.context === 'any' ? groups.anyOf : groups.allOf).push(value);
    }
  });
  groups.combiner = state.combiner ?? 'and';
  return groups;
}

function isEmpty(value: unknown): boolean {
  return value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0);
}

function contains(fieldValue: unknown, wanted: unknown): boolean {
  if (wanted === null) {
    return isEmpty(fieldValue);
  }
  if (Array.isArray(fieldValue)) {
    return fieldValue.includes(wanted);
  }
  return fieldValue === wanted;
}

/** A matcher for a list filter such as `["a", "-b"]` or `["__$all", "a", "b"]`. */
export function listMatcher(raw: unknown): FieldMatcher {
  const groups = parseListFilter(raw);
  const tests: FieldMatcher[] = [];
  if (groups.anyOf.length > 0) {
    tests.push((v) => groups.anyOf.some((w) => contains(v, w)));
  }
  if (groups.allOf.length > 0) {
    tests.push((v) => groups.allOf.every((w) => contains(v, w)));
  }
  if (groups.noneOf.length > 0) {
    tests.push((v) => !groups.noneOf.some((w) => contains(v, w)));
  }
  if (tests.length === 0) {
    return () => true;
  }
  return groups.combiner === 'or' ? (v) => tests.some((t) => t(v)) : (v) => tests.every((t) => t(v));
}

/** Compiles a Python-style regex (unanchored, case-sensitive) for JavaScript; bad ones give 400/21. */
export function compilePattern(pattern: unknown, caseInsensitive = false): RegExp {
  let source = String(pattern);
  let flags = caseInsensitive ? 'i' : '';
  if (source.startsWith('(?i)')) {
    source = source.slice(4);
    flags = 'i';
  }
  source = source.replace(/\(\?P<(\w+)>/g, '(?<$1>').replace(/\(\?P=(\w+)\)/g, '\\k<$1>');
  try {
    return new RegExp(source, flags);
  } catch {
    throw new ApiError(400, 21, 'Malformed regular expression', { pattern: String(pattern) });
  }
}

/** A matcher for a regex pattern field such as `name`. */
export function patternMatcher(pattern: unknown): FieldMatcher {
  const regex = compilePattern(pattern);
  return (value) => typeof value === 'string' && regex.test(value);
}

/**
 * A matcher for one entry of the structured `filters` argument:
 * `{any: {include, exclude}, all: {include, exclude}, op: 'and' | 'or'}`. `any.exclude` means
 * "not all of these"; `all.exclude` means "none of these".
 */
export function structuredMatcher(raw: unknown): FieldMatcher {
  const spec = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, Record<string, unknown[]> | string | undefined>;
  const list = (part: unknown, key: string): unknown[] => {
    const value = typeof part === 'object' && part !== null ? (part as Record<string, unknown>)[key] : undefined;
    return Array.isArray(value) ? value : [];
  };
  const parts: FieldMatcher[] = [];
  const anyInclude = list(spec.any, 'include');
  const anyExclude = list(spec.any, 'exclude');
  const allInclude = list(spec.all, 'include');
  const allExclude = list(spec.all, 'exclude');
  if (anyInclude.length > 0 || anyExclude.length > 0) {
    parts.push((v) => anyInclude.some((w) => contains(v, w)) || (anyExclude.length > 0 && !anyExclude.every((w) => contains(v, w))));
  }
  if (allInclude.length > 0 || allExclude.length > 0) {
    parts.push((v) => allInclude.every((w) => contains(v, w)) && !allExclude.some((w) => contains(v, w)));
  }
  if (parts.length === 0) {
    return () => true;
  }
  return spec.op === 'or' ? (v) => parts.some((p) => p(v)) : (v) => parts.every((p) => p(v));
}
