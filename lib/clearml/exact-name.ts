/**
 * The `name` filter of `tasks.get_all` that matches one name exactly (ClearML filters names by
 * regular expression).
 */

/** `^name$` with every regex metacharacter of `name` escaped; `suffix` (a regex) may follow the name. */
export function exactNamePattern(name: string, suffix = ''): string {
  return `^${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}${suffix}$`;
}
