/**
 * Exact-name regexes for the ClearML API's name filters, which are unanchored regexes run by
 * MongoDB (PCRE); the same text works in JavaScript.
 */

/** Escapes `text` for an exact-match regex understood by both MongoDB (PCRE) and JavaScript. */
export function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** An anchored regex matching exactly one of `names`. */
export function exactNamesRegex(names: readonly string[]): string {
  return `^(${names.map(escapeRegex).join('|')})$`;
}
