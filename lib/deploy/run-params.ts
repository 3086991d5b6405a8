/**
 * `run --param name=value`: parsing and checking against the pipeline parameters the manifest
 * declares (names and types), before anything is sent.
 */
import { UsageError } from '../base/errors';
import { ParameterSpec } from '../manifest/schema';

/** One parameter value to send, as ClearML stores it (text). */
export interface RunArgument {
  /** Parameter name (without the `Args/` section). */
  readonly name: string;
  /** Value as text, in the form the SDK writes for the declared type. */
  readonly value: string;
}

function parseAssignment(text: string): [string, string] {
  const at = text.indexOf('=');
  if (at <= 0) {
    throw new UsageError(`--param '${text}' is not of the form name=value.`);
  }
  return [text.slice(0, at).trim(), text.slice(at + 1)];
}

const BOOLEANS: Record<string, string> = { true: 'True', false: 'False' };

/** Checks `raw` against the declared type and returns the text ClearML should store, or an error message. */
export function coerceParameter(spec: ParameterSpec, raw: string): string | { problem: string } {
  const text = raw.trim();
  if (raw.includes('${')) {
    // ClearML resolves every `${...}` in a run's parameters and has no escape for it.
    return { problem: `is '${raw}', which contains '\${' that ClearML would resolve as a placeholder; pass the value itself, without '\${'` };
  }
  switch (spec.type) {
    case 'int':
      return /^[+-]?\d+$/.test(text) ? String(Number(text)) : { problem: `expects a whole number (int), got '${raw}'` };
    case 'float':
      return text !== '' && Number.isFinite(Number(text)) ? text : { problem: `expects a number (float), got '${raw}'` };
    case 'bool':
      return BOOLEANS[text.toLowerCase()] ?? { problem: `expects true or false (bool), got '${raw}'` };
    case 'list':
    case 'dict':
      try {
        const parsed: unknown = JSON.parse(text);
        const ok = spec.type === 'list' ? Array.isArray(parsed) : typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed);
        return ok ? text : { problem: `expects a JSON ${spec.type}, got '${raw}'` };
      } catch {
        return { problem: `expects a JSON ${spec.type}, got '${raw}'` };
      }
    default:
      return raw;
  }
}

/**
 * Parses `name=value` assignments and checks each against `declared`. Every problem is
 * reported at once, as a usage error naming the declared parameters.
 */
export function parseRunArguments(assignments: readonly string[], declared: readonly ParameterSpec[], pipelineId: string): RunArgument[] {
  const byName = new Map(declared.map((p) => [p.name, p]));
  const problems: string[] = [];
  const args = new Map<string, string>();
  for (const assignment of assignments) {
    const [name, raw] = parseAssignment(assignment);
    const spec = byName.get(name);
    if (spec === undefined) {
      problems.push(`'${name}' is not a parameter of pipeline '${pipelineId}'`);
      continue;
    }
    const value = coerceParameter(spec, raw);
    if (typeof value === 'string') {
      args.set(name, value);
    } else {
      problems.push(`'${name}' ${value.problem}`);
    }
  }
  if (problems.length > 0) {
    const known = declared.map((p) => `${p.name} (${p.type || 'str'}, default '${p.default}')`).join(', ') || 'none';
    throw new UsageError(`Invalid --param: ${problems.join('; ')}. Declared parameters: ${known}.`);
  }
  return [...args].sort(([a], [b]) => (a < b ? -1 : 1)).map(([name, value]) => ({ name, value }));
}
