/**
 * Short, one-line renderings of field values for the human diff: long strings are truncated,
 * multi-line strings are summarised as a line diff.
 */

/** Longest rendering of a single value before it is truncated. */
export const MAX_VALUE_WIDTH = 60;

function truncate(text: string, width: number): string {
  return text.length <= width ? text : `${text.slice(0, width - 1)}…`;
}

/** Renders one value on one line: strings quoted, absent values as `(none)`, objects as compact JSON. */
export function formatValue(value: unknown, width: number = MAX_VALUE_WIDTH): string {
  if (value === undefined || value === null) {
    return '(none)';
  }
  return truncate(JSON.stringify(value), width);
}

function lineCounts(text: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const line of text.split('\n')) {
    counts.set(line, (counts.get(line) ?? 0) + 1);
  }
  return counts;
}

/** Lines of `from` missing in `to` (as a multiset). */
function missingLines(from: Map<string, number>, to: Map<string, number>): number {
  let missing = 0;
  for (const [line, count] of from) {
    missing += Math.max(0, count - (to.get(line) ?? 0));
  }
  return missing;
}

/** Summarises a change of a multi-line string: line counts and lines added/removed. */
export function formatMultilineChange(oldText: string, newText: string): string {
  const before = lineCounts(oldText);
  const after = lineCounts(newText);
  const removed = missingLines(before, after);
  const added = missingLines(after, before);
  const oldLines = oldText.split('\n').length;
  const newLines = newText.split('\n').length;
  return `${oldLines} → ${newLines} lines (+${added} −${removed})`;
}

function isMultiline(value: unknown): value is string {
  return typeof value === 'string' && value.includes('\n');
}

/** Most keys listed for a change inside a JSON-text value. */
const MAX_KEY_CHANGES = 4;

function jsonObjectOf(value: unknown): Record<string, unknown> | undefined {
  if (typeof value !== 'string' || !value.startsWith('{')) {
    return undefined;
  }
  try {
    const parsed: unknown = JSON.parse(value);
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? parsed as Record<string, unknown> : undefined;
  } catch {
    return undefined;
  }
}

/**
 * For a value holding JSON text (a configuration object), the keys that changed inside it:
 * `{…} num_fewshot: (none) → 5`. Undefined when either side is not a JSON object.
 */
export function formatJsonTextChange(oldValue: unknown, newValue: unknown): string | undefined {
  const before = jsonObjectOf(oldValue);
  const after = jsonObjectOf(newValue);
  if (before === undefined || after === undefined) {
    return undefined;
  }
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort()
    .filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]));
  const shown = keys.slice(0, MAX_KEY_CHANGES).map((k) => `${k}: ${formatValue(before[k], 30)} → ${formatValue(after[k], 30)}`);
  const more = keys.length > MAX_KEY_CHANGES ? `; +${keys.length - MAX_KEY_CHANGES} more key(s)` : '';
  return `{…} ${shown.join('; ')}${more}`;
}

/** For two long one-line strings, both shown from a little before their first difference. */
export function formatLongStringChange(oldValue: string, newValue: string): string {
  let first = 0;
  while (first < oldValue.length && first < newValue.length && oldValue[first] === newValue[first]) {
    first++;
  }
  const from = Math.max(0, first - 10);
  const clip = (text: string): string => formatValue(`${from > 0 ? '…' : ''}${text.slice(from)}`);
  return `${clip(oldValue)} → ${clip(newValue)}`;
}

/** Renders `old → new` for one changed value. */
export function formatChange(oldValue: unknown, newValue: unknown): string {
  const jsonChange = formatJsonTextChange(oldValue, newValue);
  if (jsonChange !== undefined) {
    return jsonChange;
  }
  if (typeof oldValue === 'string' && typeof newValue === 'string' && !oldValue.includes('\n') && !newValue.includes('\n')
    && Math.max(oldValue.length, newValue.length) > MAX_VALUE_WIDTH) {
    return formatLongStringChange(oldValue, newValue);
  }
  if (isMultiline(oldValue) || isMultiline(newValue)) {
    const a = typeof oldValue === 'string' ? oldValue : '';
    const b = typeof newValue === 'string' ? newValue : '';
    if (a !== '' && b !== '') {
      return formatMultilineChange(a, b);
    }
  }
  return `${formatValue(oldValue)} → ${formatValue(newValue)}`;
}
