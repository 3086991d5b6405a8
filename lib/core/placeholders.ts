/**
 * The `${` refusal: ClearML resolves every `${...}` in the values a pipeline passes to its steps
 * and has no way to escape one, so a plain user string containing `${` could never reach a task
 * unchanged. Typed references (`step.outputModel`, `pipeline.parameter('x')`) are the way to
 * pass run-time values.
 */
import { isPlainObject } from './values';

/** The text ClearML treats as the start of a placeholder. */
export const PLACEHOLDER_START = '${';

/** How to fix a `${` in a user string. */
export const PLACEHOLDER_FIX = 'use a typed reference (step.outputModel, step.taskId, step.parameter(...), pipeline.parameter(...)) instead of writing the placeholder';

/** True when `text` contains `${`. */
export function hasPlaceholder(text: string): boolean {
  return text.includes(PLACEHOLDER_START);
}

/**
 * One message per string inside `value` (nested lists and objects included) that contains `${`,
 * naming where it is (`where`, then `.key` / `.0` for nested values).
 */
export function findPlaceholders(value: unknown, where: string, seen: Set<unknown> = new Set()): string[] {
  if (typeof value === 'string') {
    return hasPlaceholder(value)
      ? [`${where} is the string '${value}', which contains '${PLACEHOLDER_START}' that ClearML would resolve as a placeholder; ${PLACEHOLDER_FIX}`]
      : [];
  }
  if (typeof value !== 'object' || value === null || seen.has(value) || (!Array.isArray(value) && !isPlainObject(value))) {
    return []; // other values, cycles and class instances are reported by findUnserializable
  }
  seen.add(value);
  const entries = Array.isArray(value) ? value.map((v, i) => [String(i), v] as const) : Object.entries(value);
  const found = entries.flatMap(([key, child]) => [
    ...(hasPlaceholder(key) ? [`${where} has the key '${key}', which contains '${PLACEHOLDER_START}' that ClearML would resolve as a placeholder; rename the key`] : []),
    ...findPlaceholders(child, `${where}.${key}`, seen),
  ]);
  seen.delete(value);
  return found;
}
