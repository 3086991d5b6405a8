/**
 * The seed automation package's controller format: its controller task stores the DAG as a
 * `Steps` configuration object, the list of `add_step(*args, **kwargs)` calls that its
 * `pipeline_script.py` replays into a PipelineController under the agent (read back with
 * `ast.literal_eval`). The SDK writes the list with its HOCON writer: one `[args, kwargs]` entry
 * per step, `kwargs` as Python's `repr()` of the dict, entries joined by `, ` until a line passes
 * 80 characters, then by `,\n`. Facts from neuralmagic/research and clearml's `to_hocon`.
 */
import { NodeSpec, PipelineManifest } from '../manifest/schema';
import { parsePythonLiteral, PythonValue } from './python-literal';
import { pythonRepr } from './python-repr';
import type { DraftIds } from './render';
import { nodeFromAddStep, StoredDagError, StoredStep } from './stored-dag';

/** Name of the seed controller's configuration object that holds the DAG. */
export const SEED_STEPS_CONFIGURATION_NAME = 'Steps';

/** `add_step`'s positional parameters, in order. */
const ADD_STEP_POSITIONAL = ['name', 'base_task_id', 'parents', 'parameter_override'];

/** The `add_step` keyword arguments of one node: defaults left out, in a fixed order. */
export function addStepArguments(node: NodeSpec, baseTaskId: string): Record<string, PythonValue> {
  const k: Record<string, PythonValue> = { name: node.name, base_task_id: baseTaskId };
  const optional: [string, PythonValue, boolean][] = [
    ['parents', [...node.parents].sort(), node.parents.length > 0],
    ['execution_queue', node.queue, node.queue !== ''],
    ['parameter_override', sortedMap(node.parameters), Object.keys(node.parameters).length > 0],
    ['configuration_overrides', sortedMap(node.configurations), Object.keys(node.configurations).length > 0],
    ['task_overrides', sortedMap(node.task_overrides), Object.keys(node.task_overrides).length > 0],
    ['time_limit', node.timeout, node.timeout !== null],
    ['monitor_metrics', node.monitor_metrics, node.monitor_metrics.length > 0],
    ['monitor_artifacts', node.monitor_artifacts, node.monitor_artifacts.length > 0],
    ['monitor_models', node.monitor_models, node.monitor_models.length > 0],
    ['continue_on_fail', true, node.continue_on_fail],
    ['cache_executed_step', true, node.cache_executed_step],
  ];
  for (const [key, value, present] of optional) {
    if (present) {
      k[key] = value;
    }
  }
  return k;
}

function sortedMap(map: Readonly<Record<string, string>>): Record<string, PythonValue> {
  return Object.fromEntries(Object.keys(map).sort().map((key) => [key, map[key]]));
}

/** Steps in an order `add_step` accepts: every parent before its children, ties by name. */
function parentsFirst(pipeline: PipelineManifest): string[] {
  const done = new Set<string>();
  const order: string[] = [];
  const names = Object.keys(pipeline.steps).sort();
  while (order.length < names.length) {
    const ready = names.filter((n) => !done.has(n) && pipeline.steps[n].node.parents.every((p) => done.has(p)));
    if (ready.length === 0) {
      throw new Error(`Pipeline '${pipeline.id}' has a dependency cycle`);
    }
    ready.forEach((n) => done.add(n));
    order.push(...ready);
  }
  return order;
}

/** Joins entries as the SDK's HOCON list writer does (a new line once a line passes 80 characters). */
function hoconList(entries: readonly string[]): string {
  let text = '[';
  let lineStart = text.length;
  entries.forEach((entry, i) => {
    text += entry;
    if (i < entries.length - 1) {
      const breakLine = text.length - lineStart > 80;
      text += breakLine ? ',\n' : ', ';
      lineStart = breakLine ? text.length : lineStart;
    }
  });
  return `${text}]`;
}

/** The `Steps` configuration value of `pipeline`, each step cloning the draft `draftIds` names. */
export function renderSeedSteps(pipeline: PipelineManifest, draftIds: DraftIds): string {
  return hoconList(parentsFirst(pipeline).map((name) => {
    const id = draftIds[name];
    if (id === undefined) {
      throw new Error(`No draft id for step '${name}' of pipeline '${pipeline.id}'`);
    }
    return `[[], ${pythonRepr(addStepArguments(pipeline.steps[name].node, id))}]`;
  }));
}

function stepFromCall(call: PythonValue, index: number): StoredStep {
  const [args, kwargs] = (Array.isArray(call) ? call : []) as [PythonValue[] | undefined, Record<string, PythonValue> | undefined];
  const k: Record<string, unknown> = { ...(kwargs ?? {}) };
  (Array.isArray(args) ? args : []).forEach((value, i) => {
    if (i < ADD_STEP_POSITIONAL.length) {
      k[ADD_STEP_POSITIONAL[i]] = value;
    }
  });
  if (typeof k.name !== 'string') {
    throw new StoredDagError(`Steps entry ${index} has no step name: expected [[args], {'name': …, 'base_task_id': …}]`);
  }
  const baseTask = typeof k.base_task_name === 'string' ? { project: String(k.base_task_project ?? ''), name: k.base_task_name } : undefined;
  return { node: nodeFromAddStep(k.name, k), baseTaskId: typeof k.base_task_id === 'string' ? k.base_task_id : '', ...(baseTask ? { baseTask } : {}) };
}

/** The steps of a seed `Steps` configuration value. */
export function parseSeedSteps(text: string): StoredStep[] {
  let doc: PythonValue;
  try {
    doc = parsePythonLiteral(text);
  } catch (error) {
    throw new StoredDagError(`the Steps configuration is not a Python literal: ${(error as Error).message}`);
  }
  if (!Array.isArray(doc)) {
    throw new StoredDagError('the Steps configuration is not a list of add_step arguments');
  }
  return doc.map(stepFromCall);
}
