/**
 * The DAG a controller task stores, read back into {@link NodeSpec}s whichever tool wrote it:
 * PipelineController's `Pipeline` configuration (JSON, node name → node) or the seed automation
 * package's `Steps` configuration (`add_step` arguments, see `seed-steps.ts`). Two stored DAGs
 * are compared on what defines them (base task, parents, queue, overrides, limits, monitors), not
 * on their text: run state (`status`, `job_id`, …), key order and formatting are not definitions.
 */
import { NodeSpec } from '../manifest/schema';

/** One stored step: its node and the draft it clones. */
export interface StoredStep {
  /** The node, in manifest terms. */
  readonly node: NodeSpec;
  /** Base task id (`''` when the step names its base task by project and name). */
  readonly baseTaskId: string;
  /** Base task named instead of given by id (`add_step(base_task_project=…, base_task_name=…)`). */
  readonly baseTask?: { readonly project: string; readonly name: string };
}

/** A stored DAG that cannot be read; the message says what is wrong with it. */
export class StoredDagError extends Error {
  public override readonly name = 'StoredDagError';
}

type Dict = Record<string, unknown>;

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

function pairs(value: unknown): [string, string][] {
  return Array.isArray(value) ? value.map((v) => (Array.isArray(v) ? [String(v[0]), String(v[1] ?? v[0])] : [String(v), String(v)])) : [];
}

/** `monitor_metrics` as `[[title, series], [target title, target series]]` (a bare pair monitors as itself). */
function metricPairs(value: unknown): [[string, string], [string, string]][] {
  if (!Array.isArray(value)) {
    return [];
  }
  return value.map((entry) => {
    const [a, b] = entry as unknown[];
    if (Array.isArray(a)) {
      const target = Array.isArray(b) ? b : a;
      return [[String(a[0]), String(a[1])], [String(target[0]), String(target[1])]];
    }
    return [[String(a), String(b)], [String(a), String(b)]];
  });
}

/** A stored override value as the text ClearML applies (Python's `str()` of a non-string). */
function overrideText(value: unknown): string {
  if (typeof value === 'string') {
    return value;
  }
  if (typeof value === 'boolean') {
    return value ? 'True' : 'False';
  }
  return value === null || value === undefined ? '' : JSON.stringify(value);
}

/** A stored `{key: value}` map with the HOCON quotes the SDK puts around dotted keys removed. */
function textMap(value: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, v] of Object.entries((value ?? {}) as Dict)) {
    out[/^".*"$/.test(key) ? key.slice(1, -1) : key] = overrideText(v);
  }
  return out;
}

/** The node of a step named by `add_step`'s argument names (`execution_queue`, `parameter_override`, …). */
export function nodeFromAddStep(name: string, k: Dict): NodeSpec {
  return {
    name,
    parents: strings(k.parents).sort(),
    queue: typeof k.execution_queue === 'string' ? k.execution_queue : '',
    parameters: textMap(k.parameter_override),
    configurations: textMap(k.configuration_overrides),
    task_overrides: textMap(k.task_overrides),
    timeout: typeof k.time_limit === 'number' ? k.time_limit : null,
    monitor_metrics: metricPairs(k.monitor_metrics),
    monitor_artifacts: pairs(k.monitor_artifacts),
    monitor_models: pairs(k.monitor_models),
    continue_on_fail: k.continue_on_fail === true,
    cache_executed_step: k.cache_executed_step === true,
  };
}

/** The steps of PipelineController's `Pipeline` configuration (JSON: node name → node). */
export function parsePipelineSteps(text: string): StoredStep[] {
  let doc: Record<string, Dict>;
  try {
    doc = JSON.parse(text) as Record<string, Dict>;
  } catch (error) {
    throw new StoredDagError(`the Pipeline configuration is not JSON: ${(error as Error).message}`);
  }
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) {
    throw new StoredDagError('the Pipeline configuration is not an object of nodes');
  }
  return Object.entries(doc).map(([name, n]) => ({
    baseTaskId: typeof n.base_task_id === 'string' ? n.base_task_id : '',
    node: nodeFromAddStep(name, {
      ...n, execution_queue: n.queue, parameter_override: n.parameters, configuration_overrides: n.configurations, time_limit: n.timeout,
    }),
  }));
}

/** What defines a stored DAG, in a canonical form (steps by name, sorted keys). */
export function dagDefinition(steps: readonly StoredStep[]): string {
  const sorted = [...steps].sort((a, b) => (a.node.name < b.node.name ? -1 : a.node.name > b.node.name ? 1 : 0));
  const canonical = (value: unknown): unknown => {
    if (Array.isArray(value)) {
      return value.map(canonical);
    }
    if (typeof value === 'object' && value !== null) {
      return Object.fromEntries(Object.keys(value).sort().map((k) => [k, canonical((value as Dict)[k])]));
    }
    return value;
  };
  return JSON.stringify(canonical(sorted.map((s) => ({ ...s, baseTask: s.baseTask ?? null }))));
}
