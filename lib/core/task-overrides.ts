/**
 * Task overrides: the escape hatch of a typed step. A step renders its draft task from typed
 * props; `step.addTaskOverride('script.binary', 'python')` then sets one value of that rendered
 * task by its dotted path, after rendering and in path order. Paths are checked at synth: they
 * must name a field of the rendered task (or a new item of `hyperparams`, `configuration` or
 * `runtime`), keep the value's kind, and stay off the fields cdk-style owns.
 */
import { TaskSpec } from '../manifest/schema';
import { codeUnitOrder } from '../manifest/serialize';
import { isPlainObject, PlainValue } from './values';

/** Fields a task override may not set, and what to use instead. */
const LOCKED: Readonly<Record<string, string>> = {
  name: 'set the taskName prop',
  project: "the pipeline's project is every draft's project",
  type: 'the step kind sets the task type',
  system_tags: 'cdk-style owns the system tags (they carry the ownership tags); use tags',
};

/** Top-level fields a task override may address. */
const OVERRIDABLE = ['comment', 'tags', 'script', 'container', 'hyperparams', 'configuration', 'output_dest', 'runtime'];

/** Top-level fields whose objects may gain a new item through an override. */
const OPEN_MAPS = ['hyperparams', 'configuration', 'runtime'];

function kindOf(value: unknown): string {
  return Array.isArray(value) ? 'list' : value === null ? 'null' : typeof value;
}

/** What is wrong with overriding `path` of `task` with `value`, or undefined when it applies. */
export function taskOverrideProblem(task: TaskSpec, path: string, value: PlainValue): string | undefined {
  const segments = path.split('.');
  const [field] = segments;
  if (LOCKED[field] !== undefined) {
    return `task override '${path}' is refused: ${LOCKED[field]}`;
  }
  if (!OVERRIDABLE.includes(field) || segments.some((s) => s === '')) {
    return `task override '${path}' names no task field; paths start with one of ${OVERRIDABLE.join(', ')} (e.g. 'script.binary', 'hyperparams.Args.model_id.value')`;
  }
  const open = OPEN_MAPS.includes(field) || path === 'output_dest';
  let node: unknown = task;
  for (const [i, segment] of segments.entries()) {
    const at = segments.slice(0, i).join('.');
    if (node === undefined && open) {
      return undefined; // a new item (or section) of an open map
    }
    if (!isPlainObject(node)) {
      return `task override '${path}': '${at}' is ${node === undefined ? 'not in the rendered task' : `a ${kindOf(node)}, not an object`}`;
    }
    node = node[segment];
  }
  if (node === undefined) {
    return open ? undefined : `task override '${path}': the rendered task has no '${path}'; overrides set existing values (new items only in ${OPEN_MAPS.join(', ')})`;
  }
  return kindOf(node) === kindOf(value) ? undefined : `task override '${path}': the rendered value is a ${kindOf(node)}, the override a ${kindOf(value)}; give a ${kindOf(node)}`;
}

function setPath(target: Record<string, unknown>, segments: readonly string[], value: PlainValue): void {
  const [head, ...rest] = segments;
  if (rest.length === 0) {
    target[head] = value;
    return;
  }
  const child = isPlainObject(target[head]) ? { ...(target[head] as Record<string, unknown>) } : {};
  setPath(child, rest, value);
  target[head] = child;
}

/** `task` with every applicable override of `overrides` set, in path order (a copy; `task` is not changed). */
export function withTaskOverrides(task: TaskSpec, overrides: ReadonlyMap<string, PlainValue>): TaskSpec {
  if (overrides.size === 0) {
    return task;
  }
  const out = { ...task } as unknown as Record<string, unknown>;
  for (const path of [...overrides.keys()].sort(codeUnitOrder)) {
    const value = overrides.get(path) as PlainValue;
    if (taskOverrideProblem(out as unknown as TaskSpec, path, value) === undefined) {
      setPath(out, path.split('.'), value);
    }
  }
  return out as unknown as TaskSpec;
}
