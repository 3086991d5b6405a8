/**
 * Value formats of the ClearML API: 32-hex ids and ISO 8601 UTC datetimes with `+00:00`.
 */
import { randomBytes } from 'node:crypto';
import { unwrap } from './tracking';

/** A new id: 32 lowercase hex characters, like a uuid4 hex. */
export function newId(): string {
  return randomBytes(16).toString('hex');
}

let lastMicros = 0;

/**
 * The current time as `2025-01-01T10:00:00.123456+00:00`. Strictly increasing within a process,
 * so ordering by `last_update` or `created` never ties.
 */
export function nowIso(): string {
  const micros = Math.max(Date.now() * 1000, lastMicros + 1);
  lastMicros = micros;
  const base = new Date(Math.floor(micros / 1000)).toISOString().slice(0, 19);
  const fraction = String(micros % 1_000_000).padStart(6, '0');
  return `${base}.${fraction}+00:00`;
}

/** A deep copy of a JSON value. */
export function clone<T>(value: T): T {
  return value === undefined ? value : (JSON.parse(JSON.stringify(unwrap(value))) as T);
}

/** True for a plain JSON object. */
export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Sets `value` at the dotted path `a.b.c` of `target`, creating the objects on the way. */
export function setDottedPath(target: Record<string, unknown>, dotted: string, value: unknown): void {
  const keys = dotted.split('.');
  let current = target;
  keys.slice(0, -1).forEach((key) => {
    if (!isObject(current[key])) {
      current[key] = {};
    }
    current = current[key] as Record<string, unknown>;
  });
  current[keys[keys.length - 1]] = value;
}
