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

/** Renders `old → new` for one changed value. */
export function formatChange(oldValue: unknown, newValue: unknown): string {
  if (isMultiline(oldValue) || isMultiline(newValue)) {
    const a = typeof oldValue === 'string' ? oldValue : '';
    const b = typeof newValue === 'string' ? newValue : '';
    if (a !== '' && b !== '') {
      return formatMultilineChange(a, b);
    }
  }
  return `${formatValue(oldValue)} → ${formatValue(newValue)}`;
}
