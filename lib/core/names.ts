/**
 * Rules for the names ClearML and the placeholder grammar accept.
 */

/** Shortest name ClearML accepts for tasks, projects and queues. */
export const MIN_NAME_LENGTH = 3;

/** Characters a ClearML node name may contain so `${<name>.…}` references can carry it. */
export const NODE_NAME_PATTERN = /^[A-Za-z0-9_-]+$/;

/** The node name ClearML reserves for pipeline parameters (`${pipeline.x}`). */
export const RESERVED_NODE_NAME = 'pipeline';

/** PEP 440 style version, e.g. `1.0.0`, `2.1`, `1.0.0rc1`, `1.0.post2`. */
export const VERSION_PATTERN = /^\d+(\.\d+)*((a|b|rc)\d+)?(\.post\d+)?(\.dev\d+)?$/;

/** Pipeline parameter names: a Python identifier. */
export const PARAMETER_NAME_PATTERN = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Returns a problem message when a ClearML name (`what`) is too short or blank, else undefined. */
export function checkClearmlName(what: string, name: string): string | undefined {
  if (name.trim() !== name || name.length < MIN_NAME_LENGTH) {
    return `${what} '${name}' is refused by ClearML: names need at least ${MIN_NAME_LENGTH} characters and no leading or trailing spaces`;
  }
  return undefined;
}

/** Returns a problem message when `name` cannot be a node name, else undefined. */
export function checkNodeName(name: string): string | undefined {
  if (name === RESERVED_NODE_NAME) {
    return `step name '${name}' is reserved by ClearML for pipeline parameters; choose another name (stepName prop or construct id)`;
  }
  if (!NODE_NAME_PATTERN.test(name)) {
    return `step name '${name}' cannot be used in ClearML references (\${name.…}); use only letters, digits, '_' and '-' (no '.', '/', '$', '}', spaces)`;
  }
  return undefined;
}
