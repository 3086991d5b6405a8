/**
 * Byte-stable serialization of manifest documents: keys sorted at every depth, two-space
 * indentation, `\n` line endings and a final newline, whatever the declaration order or machine.
 */
import { createHash } from 'node:crypto';

/** Locale-independent string order (UTF-16 code units), the same on every machine. */
export function codeUnitOrder(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * A copy of `value` whose objects have their keys inserted in sorted order, at every depth.
 * `undefined` members are dropped, as JSON does.
 */
export function withSortedKeys(value: unknown): unknown {
  if (Array.isArray(value)) {
    return value.map(withSortedKeys);
  }
  if (typeof value !== 'object' || value === null) {
    return value;
  }
  const source = value as Record<string, unknown>;
  const sorted: Record<string, unknown> = {};
  for (const key of Object.keys(source).sort(codeUnitOrder)) {
    if (source[key] !== undefined) {
      sorted[key] = withSortedKeys(source[key]);
    }
  }
  return sorted;
}

/**
 * Serializes `value` as canonical JSON text: keys sorted (code-unit order), 2-space indent,
 * trailing newline. Keys are sorted first, then the engine's own `JSON.stringify` writes the
 * text, which is several times faster than a JavaScript serializer on large manifests
 * (bench/results.md). One rule comes from JavaScript itself: keys that are array indices
 * (`"0"`, `"42"`) are always written first, in numeric order; that order is fixed too.
 */
export function canonicalJson(value: unknown): string {
  const text = JSON.stringify(withSortedKeys(value), null, 2) as string | undefined;
  if (text === undefined) {
    throw new TypeError('cannot serialize an undefined manifest document');
  }
  return `${text}\n`;
}

/** Lowercase hex SHA-256 of `content` (a string is hashed as its UTF-8 bytes). */
export function sha256Hex(content: string | Buffer): string {
  return createHash('sha256').update(content).digest('hex');
}

/**
 * The file stem used for a pipeline id: construct paths may hold `/`, which file names cannot,
 * so every character outside `[A-Za-z0-9._-]` becomes `_`.
 */
export function pipelineFileStem(pipelineId: string): string {
  return pipelineId.replace(/[^A-Za-z0-9._-]/g, '_');
}
