/**
 * Byte-stable serialization of manifest documents: keys sorted at every depth, two-space
 * indentation, `\n` line endings and a final newline, whatever the declaration order or machine.
 */
import { createHash } from 'node:crypto';
import stableStringify from 'json-stable-stringify';

/** Serializes `value` as canonical JSON text (sorted keys, 2-space indent, trailing newline). */
export function canonicalJson(value: unknown): string {
  const text = stableStringify(value, { space: 2 });
  if (text === undefined) {
    throw new TypeError('cannot serialize an undefined manifest document');
  }
  return `${text}\n`;
}

/** Lowercase hex SHA-256 of `text` encoded as UTF-8. */
export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/**
 * The file stem used for a pipeline id: construct paths may hold `/`, which file names cannot,
 * so every character outside `[A-Za-z0-9._-]` becomes `_`.
 */
export function pipelineFileStem(pipelineId: string): string {
  return pipelineId.replace(/[^A-Za-z0-9._-]/g, '_');
}
