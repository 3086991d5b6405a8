/**
 * Rendering of plain values into the strings ClearML stores, following the Python SDK's rules
 * (`task.connect`): booleans `True`/`False`, numbers as text, lists and objects as JSON, none as `''`.
 */
import { HyperParamItem } from '../manifest/schema';
import { codeUnitOrder } from '../manifest/serialize';

/** A value a step can store in a hyperparameter or configuration object. */
export type PlainValue = string | number | boolean | null | undefined | readonly PlainValue[] | { readonly [key: string]: PlainValue };

/** A value rendered for ClearML: the text and the type hint (absent for none). */
export interface RenderedValue {
  /** Text stored in ClearML. */
  readonly value: string;
  /** Type hint, absent for a `None` value. */
  readonly type?: string;
}

/** Returns true for a plain object literal (not an array, not a class instance). */
export function isPlainObject(x: unknown): x is Record<string, unknown> {
  if (typeof x !== 'object' || x === null || Array.isArray(x)) {
    return false;
  }
  const proto = Object.getPrototypeOf(x);
  return proto === Object.prototype || proto === null;
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const COLON = 0x3a;

/**
 * JSON text with Python's `json.dumps` separators (`, ` and `: `), keys in insertion order.
 * The engine's `JSON.stringify` writes compact JSON, then one pass adds a space after every
 * `,` and `:` outside string literals (twice as fast as building the text in JavaScript).
 */
export function pythonJson(value: unknown): string {
  const compact = JSON.stringify(value) as string | undefined;
  if (compact === undefined) {
    return 'null';
  }
  const pieces: string[] = []; // joined at the end: a flat string, not a chain of concatenations
  let copiedUpTo = 0;
  let inString = false;
  for (let i = 0; i < compact.length; i++) {
    const code = compact.charCodeAt(i);
    if (inString) {
      i += code === BACKSLASH ? 1 : 0;
      inString = code !== QUOTE;
    } else if (code === QUOTE) {
      inString = true;
    } else if (code === COMMA || code === COLON) {
      pieces.push(compact.slice(copiedUpTo, i + 1));
      copiedUpTo = i + 1;
    }
  }
  pieces.push(compact.slice(copiedUpTo));
  return pieces.join(' ');
}

/** Renders one value the way ClearML's `task.connect` stores it. */
export function renderValue(value: PlainValue): RenderedValue {
  if (value === null || value === undefined) {
    return { value: '' };
  }
  if (typeof value === 'boolean') {
    return { value: value ? 'True' : 'False', type: 'bool' };
  }
  if (typeof value === 'number') {
    return { value: String(value), type: Number.isInteger(value) ? 'int' : 'float' };
  }
  if (typeof value === 'string') {
    return { value, type: 'str' };
  }
  return { value: pythonJson(value), type: Array.isArray(value) ? 'list' : 'dict' };
}

/** One hyperparameter item, with the type omitted for a `None` value. */
export function hyperParam(section: string, name: string, value: PlainValue, description = ''): HyperParamItem {
  const rendered = renderValue(value);
  // Keys in sorted order, as the manifest writes them (so serializing copies nothing).
  return rendered.type === undefined
    ? { description, name, section, value: rendered.value }
    : { description, name, section, type: rendered.type, value: rendered.value };
}

/**
 * Flattens a section's values into hyperparameter items keyed by name, names sorted; nested
 * objects become `parent/child` names (as `task.connect` does), an empty object stays one `{}` item.
 */
export function flattenSection(section: string, values: Record<string, PlainValue>): Record<string, HyperParamItem> {
  const flat: [string, PlainValue][] = [];
  const visit = (prefix: string, value: PlainValue): void => {
    if (isPlainObject(value) && Object.keys(value).length > 0) {
      for (const [key, child] of Object.entries(value)) {
        visit(`${prefix}/${key}`, child as PlainValue);
      }
      return;
    }
    flat.push([prefix, value]);
  };
  for (const [key, value] of Object.entries(values)) {
    visit(key, value);
  }
  const out: Record<string, HyperParamItem> = {};
  for (const [name, value] of flat.sort(([a], [b]) => codeUnitOrder(a, b))) {
    out[name] = hyperParam(section, name, value);
  }
  return out;
}

/**
 * Finds values that cannot be written to ClearML: functions, symbols, bigints, NaN, Infinity,
 * class instances and cyclic structures. Returns one message per problem, naming where it is.
 */
export function findUnserializable(value: unknown, where: string, seen: Set<unknown> = new Set()): string[] {
  if (value === null || value === undefined || typeof value === 'string' || typeof value === 'boolean') {
    return [];
  }
  if (typeof value === 'number') {
    return Number.isFinite(value) ? [] : [`${where} is ${value}, which cannot be serialized; use a finite number`];
  }
  if (typeof value !== 'object') {
    return [`${where} is a ${typeof value}, which cannot be serialized; use a string, number, boolean, list or plain object`];
  }
  if (seen.has(value)) {
    return [`${where} contains a cycle (an object that contains itself), which cannot be serialized`];
  }
  if (!Array.isArray(value) && !isPlainObject(value)) {
    const name = (value as object).constructor?.name ?? 'object';
    return [`${where} is an instance of ${name}, which cannot be serialized; use a plain object`];
  }
  seen.add(value);
  const entries = Array.isArray(value) ? value.map((v, i) => [String(i), v] as const) : Object.entries(value);
  const problems = entries.flatMap(([key, child]) => findUnserializable(child, `${where}.${key}`, seen));
  seen.delete(value);
  return problems;
}
