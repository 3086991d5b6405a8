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

/**
 * A number as Python prints it: an integer in full, a float in positional notation for exponents
 * -4 to 15 and as `1e-07`-style otherwise (JavaScript switches at other exponents and writes
 * `1e-7`). `Infinity` and `NaN` have no literal and are refused.
 */
export function pythonNumber(value: number): string {
  if (!Number.isFinite(value)) {
    throw new Error(`${value} has no Python literal form`);
  }
  if (Number.isInteger(value) && Math.abs(value) < 1e21) {
    return String(value);
  }
  const [mantissa, exponentText] = value.toExponential().split('e');
  const exponent = Number(exponentText);
  if (exponent >= -4 && exponent < 16) {
    return String(value);
  }
  return `${mantissa}e${exponent < 0 ? '-' : '+'}${String(Math.abs(exponent)).padStart(2, '0')}`;
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
