/**
 * Range filters of `get_all`: `[min, max]` on numbers and datetimes (null = open end; a null min
 * also matches missing values), and datetime conditions with `>`, `>=`, `<`, `<=` prefixes.
 */
import { fieldsValueError } from './errors';
import { FieldMatcher } from './filters';

function comparable(value: unknown): number | undefined {
  if (typeof value === 'number') {
    return value;
  }
  if (typeof value === 'string') {
    const asNumber = Number(value);
    if (value.trim() !== '' && !Number.isNaN(asNumber)) {
      return asNumber;
    }
    const time = Date.parse(value);
    return Number.isNaN(time) ? undefined : time;
  }
  return undefined;
}

/** A matcher for `[min, max]` (400/16 unless a list of two values). */
export function rangeMatcher(raw: unknown, field: string): FieldMatcher {
  if (!Array.isArray(raw) || raw.length !== 2) {
    throw fieldsValueError('a range must be a [min, max] list', { field });
  }
  const [min, max] = raw.map((v) => (v === null ? undefined : comparable(v)));
  return (value) => {
    const v = comparable(value);
    if (v === undefined) {
      return raw[0] === null;
    }
    return (min === undefined || v >= min) && (max === undefined || v <= max);
  };
}

const OPERATORS: Record<string, (a: number, b: number) => boolean> = {
  '>=': (a, b) => a >= b, '<=': (a, b) => a <= b, '>': (a, b) => a > b, '<': (a, b) => a < b,
};

function condition(text: string, field: string): FieldMatcher {
  const op = ['>=', '<=', '>', '<'].find((o) => text.startsWith(o));
  const bound = comparable(op === undefined ? text : text.slice(op.length).trim());
  if (bound === undefined) {
    throw fieldsValueError('invalid datetime', { field, value: text });
  }
  const test = OPERATORS[op ?? '>='];
  return (value) => {
    const v = comparable(value);
    return v !== undefined && (op === undefined ? v === bound : test(v, bound));
  };
}

/** A matcher for a datetime filter: conditions with operator prefixes, or a bare 2-element range. */
export function datetimeMatcher(raw: unknown, field: string): FieldMatcher {
  const values = Array.isArray(raw) ? raw : [raw];
  const hasOperators = values.some((v) => typeof v === 'string' && /^[<>]/.test(v));
  if (!hasOperators && values.length === 2) {
    return rangeMatcher(values, field);
  }
  const tests = values.filter((v): v is string => typeof v === 'string').map((v) => condition(v, field));
  return (value) => tests.every((t) => t(value));
}
