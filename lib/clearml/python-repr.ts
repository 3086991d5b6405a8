/**
 * Writes JSON-shaped values the way Python's `repr()` prints them (`None`, `True`, single-quoted
 * strings, `{'key': value}`), so text meant for `ast.literal_eval` on the Python side (the seed's
 * `Steps` configuration) reads back to the same values.
 */
import { PythonValue } from './python-literal';

const CONTROL_ESCAPES: Readonly<Record<string, string>> = { '\n': '\\n', '\r': '\\r', '\t': '\\t', '\\': '\\\\' };

/** A string as Python's `repr()` quotes it: single quotes unless only double quotes avoid escaping. */
export function pythonString(text: string): string {
  const quote = text.includes("'") && !text.includes('"') ? '"' : "'";
  let out = quote;
  for (const c of text) {
    const code = c.codePointAt(0) as number;
    if (CONTROL_ESCAPES[c] !== undefined) {
      out += CONTROL_ESCAPES[c];
    } else if (c === quote) {
      out += `\\${c}`;
    } else if (code < 0x20 || code === 0x7f) {
      out += `\\x${code.toString(16).padStart(2, '0')}`;
    } else {
      out += c;
    }
  }
  return out + quote;
}

/** A number as Python prints it (`1e-07`, not `1e-7`; `inf` is not a literal and is refused). */
export function pythonNumber(value: number): string {
  if (!Number.isFinite(value)) {
    throw new Error(`${value} has no Python literal form`);
  }
  return String(value).replace(/e([-+])(\d)$/, 'e$10$2');
}

/** `value` as Python's `repr()` prints it. */
export function pythonRepr(value: PythonValue): string {
  if (value === null) {
    return 'None';
  }
  if (typeof value === 'boolean') {
    return value ? 'True' : 'False';
  }
  if (typeof value === 'number') {
    return pythonNumber(value);
  }
  if (typeof value === 'string') {
    return pythonString(value);
  }
  if (Array.isArray(value)) {
    return `[${value.map(pythonRepr).join(', ')}]`;
  }
  return `{${Object.entries(value).map(([k, v]) => `${pythonString(k)}: ${pythonRepr(v)}`).join(', ')}}`;
}
