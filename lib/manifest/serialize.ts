/**
 * Byte-stable serialization of manifest documents: keys sorted at every depth, two-space
 * indentation, `\n` line endings and a final newline, whatever the declaration order or machine.
 */
import { createHash } from 'node:crypto';
import { Utf8Writer } from './utf8-writer';

/** Locale-independent string order (UTF-16 code units), the same on every machine. */
export function codeUnitOrder(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * `value` with the keys of every object in code-unit order, at every depth. Parts that already
 * are in that order are returned as they are, not copied: the synthesizer builds its objects
 * with sorted keys, so serializing a manifest copies almost nothing. `undefined` members of
 * objects are dropped, as JSON does.
 */
export function withSortedKeys(value: unknown): unknown {
  if (typeof value !== 'object' || value === null) {
    return value;
  }
  return Array.isArray(value) ? sortedItems(value) : sortedMembers(value as Record<string, unknown>);
}

function sortedItems(items: readonly unknown[]): readonly unknown[] {
  let copy: unknown[] | undefined;
  for (let i = 0; i < items.length; i++) {
    const item = withSortedKeys(items[i]);
    if (item !== items[i]) {
      copy ??= [...items];
      copy[i] = item;
    }
  }
  return copy ?? items;
}

function sortedMembers(source: Record<string, unknown>): Record<string, unknown> {
  const keys = Object.keys(source);
  let inOrder = true;
  let replaced: Map<string, unknown> | undefined;
  for (let i = 0; i < keys.length; i++) {
    const member = source[keys[i]];
    const sorted = withSortedKeys(member);
    if (sorted !== member || member === undefined) {
      (replaced ??= new Map()).set(keys[i], sorted);
    }
    inOrder &&= i === 0 || keys[i - 1] < keys[i];
  }
  if (inOrder && replaced === undefined) {
    return source;
  }
  const copy: Record<string, unknown> = {};
  for (const key of inOrder ? keys : [...keys].sort(codeUnitOrder)) {
    const member = replaced?.has(key) ? replaced.get(key) : source[key];
    if (member !== undefined) {
      copy[key] = member;
    }
  }
  return copy;
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

const STREAMED_PLACEHOLDER = '\u0000streamed-map\u0000';
const WRAPPER_HEAD = '{\n  "m": {\n';
const WRAPPER_TAIL = '\n  }\n}';

/**
 * `keys` in the order JSON.stringify writes an object whose keys were inserted sorted: the
 * engine puts array-index keys (`"0"`, `"42"`) first, in numeric order, whatever the insertion.
 */
function writtenKeyOrder(keys: readonly string[]): string[] {
  const inserted: Record<string, true> = {};
  for (const key of [...keys].sort(codeUnitOrder)) {
    inserted[key] = true;
  }
  return Object.keys(inserted);
}

/**
 * Writes `canonicalJson(doc)` to `out`, one entry of the map `doc[mapKey]` at a time. A
 * pipeline document is mostly its `steps` map; serializing and encoding it step by step keeps
 * each step's text short-lived instead of building one document-sized string.
 */
export function writeCanonicalJson(doc: Readonly<Record<string, unknown>>, mapKey: string, out: Utf8Writer): void {
  const map = doc[mapKey] as Readonly<Record<string, unknown>>;
  const names = writtenKeyOrder(Object.keys(map).filter((name) => map[name] !== undefined));
  if (names.length === 0) {
    out.append(canonicalJson(doc));
    return;
  }
  const outline = canonicalJson({ ...doc, [mapKey]: STREAMED_PLACEHOLDER });
  // A raw newline only occurs between members, so this finds the top-level member, never a value.
  const member = `\n  ${JSON.stringify(mapKey)}: ${JSON.stringify(STREAMED_PLACEHOLDER)}`;
  const at = outline.indexOf(member);
  out.append(`${outline.slice(0, at)}\n  ${JSON.stringify(mapKey)}: {\n`);
  names.forEach((name, i) => {
    // Wrapped twice so the engine writes the entry at its indentation in the document; the
    // wrapper's first and last lines are then cut off (cheaper than re-indenting the text).
    const wrapped = JSON.stringify({ m: { [name]: withSortedKeys(map[name]) } }, null, 2);
    out.append(wrapped.slice(WRAPPER_HEAD.length, -WRAPPER_TAIL.length));
    out.append(i < names.length - 1 ? ',\n' : '\n');
  });
  out.append(`  }${outline.slice(at + member.length)}`);
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
