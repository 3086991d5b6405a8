/**
 * Declared pipeline parameter types against their defaults: a default must be a value of the
 * declared type, or the controller would start with a value its own steps cannot parse.
 */
import { ParameterProps, ParameterType } from './pipeline';
import { isPlainObject, PlainValue } from './values';

/** Every type a pipeline parameter may declare. */
export const PARAMETER_TYPES: readonly ParameterType[] = ['str', 'int', 'float', 'bool', 'list', 'dict'];

const EXAMPLES: Record<ParameterType, string> = {
  str: "'text'", int: '8', float: '0.5', bool: 'true', list: "['a', 'b']", dict: "{ key: 'value' }",
};

/** The parameter type of a (non-none) value, as ClearML's `task.connect` would infer it. */
export function typeOfValue(value: PlainValue): ParameterType | undefined {
  if (typeof value === 'string') {
    return 'str';
  }
  if (typeof value === 'boolean') {
    return 'bool';
  }
  if (typeof value === 'number') {
    return Number.isInteger(value) ? 'int' : 'float';
  }
  if (Array.isArray(value)) {
    return 'list';
  }
  return isPlainObject(value) ? 'dict' : undefined;
}

function shown(value: PlainValue): string {
  return typeof value === 'string' ? `'${value}'` : JSON.stringify(value) ?? String(value);
}

/** A problem message when parameter `name` declares an unknown type or a default of another type, else undefined. */
export function parameterTypeProblem(name: string, param: ParameterProps): string | undefined {
  const declared = param.type;
  if (declared === undefined) {
    return undefined;
  }
  if (!PARAMETER_TYPES.includes(declared)) {
    return `parameter '${name}' declares type '${String(declared)}', which is not one of ${PARAMETER_TYPES.join(', ')}; use one of them`;
  }
  if (param.default === undefined || param.default === null) {
    return undefined;
  }
  const actual = typeOfValue(param.default);
  // JavaScript cannot tell 1 from 1.0: a whole number is a valid float.
  if (actual === undefined || actual === declared || (declared === 'float' && actual === 'int')) {
    return undefined;
  }
  return `default of parameter '${name}' is ${shown(param.default)} (${actual}), but the parameter is declared type '${declared}'; `
    + `give a default of type ${declared} (e.g. default: ${EXAMPLES[declared]}), or change the declared type`;
}
