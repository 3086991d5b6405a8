/**
 * Configuration objects of draft tasks, stored the way the seed's `connect_configuration` reads
 * back: JSON text of type `dictionary` (the worker scripts parse them with pyhocon, which reads
 * JSON), or a string verbatim with type `str`.
 */
import { Configuration } from '../manifest/schema';
import { codeUnitOrder } from '../manifest/serialize';
import { Reference } from '../core/reference';
import { isPlainObject, PlainValue, pythonJson } from '../core/values';

/**
 * Renders configuration objects by name, names sorted; entries whose value is `undefined` are
 * left out (a configuration the step does not write).
 */
export function renderConfigurations(configurations: Readonly<Record<string, PlainValue>>): Configuration {
  const out: Record<string, Configuration[string]> = {};
  for (const name of Object.keys(configurations).sort(codeUnitOrder)) {
    const value = configurations[name];
    if (value === undefined) {
      continue;
    }
    out[name] = typeof value === 'string' ? { description: '', name, type: 'str', value } : dictionaryItem(name, value);
  }
  return out;
}

/**
 * One configuration object of type `dictionary` holding `value` as JSON text. A reference inside
 * (refused by validation, see {@link configurationReferenceProblems}) renders as `null` instead
 * of failing the rendering, so validation reports the one real problem.
 */
export function dictionaryItem(name: string, value: PlainValue): Configuration[string] {
  let text: string;
  try {
    text = pythonJson(value);
  } catch (error) {
    if (configurationReferenceProblems(name, { value }).length === 0) {
      throw error;
    }
    text = pythonJson(withoutReferences(value));
  }
  return { description: '', name, type: 'dictionary', value: text };
}

/**
 * One problem per reference found inside `values` (nested lists and objects included): a value
 * stored in a configuration object is copied to the task as text, and ClearML never resolves
 * `${...}` placeholders there, so a pipeline parameter or an output model could never reach it.
 */
export function configurationReferenceProblems(configuration: string, values: Readonly<Record<string, unknown>>): string[] {
  const problems: string[] = [];
  const seen = new Set<unknown>(); // a cycle is reported by the serializability check
  const visit = (value: unknown, where: string): void => {
    if (Reference.isReference(value)) {
      problems.push(`${where} is a reference, but it is stored in configuration object '${configuration}', where ClearML never resolves placeholders; give a literal value (only settings stored in Args take pipeline parameters)`);
    } else if ((Array.isArray(value) || isPlainObject(value)) && !seen.has(value)) {
      seen.add(value);
      Object.entries(value).forEach(([k, v]) => visit(v, `${where}.${k}`));
    }
  };
  Object.entries(values).forEach(([k, v]) => visit(v, k));
  return problems;
}

/**
 * A copy of `value` with every reference replaced by `null` (references are reported on their
 * own); a cyclic part is kept as it is, for the serializability check to report.
 */
export function withoutReferences(value: unknown, seen: Set<unknown> = new Set()): unknown {
  if (Reference.isReference(value)) {
    return null;
  }
  if (seen.has(value) || !(Array.isArray(value) || isPlainObject(value))) {
    return value;
  }
  seen.add(value);
  const copy = Array.isArray(value)
    ? value.map((v) => withoutReferences(v, seen))
    : Object.fromEntries(Object.entries(value).map(([k, v]) => [k, withoutReferences(v, seen)]));
  seen.delete(value);
  return copy;
}
