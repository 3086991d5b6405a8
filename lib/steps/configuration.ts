/**
 * Configuration objects of draft tasks, stored the way the seed's `connect_configuration` reads
 * back: JSON text of type `dictionary` (the worker scripts parse them with pyhocon, which reads
 * JSON), or a string verbatim with type `str`.
 */
import { Configuration } from '../manifest/schema';
import { codeUnitOrder } from '../manifest/serialize';
import { PlainValue, pythonJson } from '../core/values';

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
    out[name] = typeof value === 'string'
      ? { description: '', name, type: 'str', value }
      : { description: '', name, type: 'dictionary', value: pythonJson(value) };
  }
  return out;
}
