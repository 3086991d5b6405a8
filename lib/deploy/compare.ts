/**
 * Field-level comparison of a declared task with the task observed on the server (pure).
 *
 * Fields `tasks.edit` merges (`script`) are compared only on the keys the manifest declares;
 * fields it replaces whole (`hyperparams`, `configuration`, `tags`, ...) are compared whole, so
 * an item added in the web UI shows up as a change back to the declared value.
 */
import { sameSettings } from '../clearml/configuration-settings';
import { sameStoredDag } from '../clearml/controller-dag';
import { TaskField } from '../clearml/render';
import { TaskSpec } from '../manifest/schema';
import { codeUnitOrder } from '../manifest/serialize';
import { ObservedTask } from './observe';

/** One changed value: the server has `old`, the manifest declares `new`. */
export interface FieldChange {
  /** Dotted path of the changed value, e.g. `hyperparams.Args.model_id` or `script.branch`. */
  readonly path: string;
  /** The top-level task field the value lives in (what `tasks.edit` must send whole). */
  readonly field: TaskField;
  /** Value on the server (`undefined` when absent). */
  readonly old: unknown;
  /** Declared value (`undefined` when the server has something the manifest does not declare). */
  readonly new: unknown;
}

type Item = Record<string, unknown>;

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

function normalizeItem(item: Item | undefined, keys: readonly string[]): Item | undefined {
  if (item === undefined) {
    return undefined;
  }
  const out: Item = {};
  for (const key of keys) {
    const value = item[key] ?? (key === 'description' ? '' : undefined);
    if (value !== undefined && value !== null) {
      out[key] = value;
    }
  }
  return out;
}

/** Compact display form of an item: its value alone when only the value differs. */
function itemDisplay(item: Item | undefined, other: Item | undefined): unknown {
  if (item === undefined) {
    return undefined;
  }
  const onlyValueDiffers = other !== undefined && Object.keys({ ...item, ...other })
    .every((key) => key === 'value' || same(item[key], other[key]));
  return onlyValueDiffers ? item.value : item;
}

function compareItems(
  field: 'hyperparams' | 'configuration', paths: [string, Item | undefined, Item | undefined][], keys: readonly string[],
): FieldChange[] {
  const changes: FieldChange[] = [];
  for (const [path, declared, live] of paths.sort(([a], [b]) => codeUnitOrder(a, b))) {
    const d = normalizeItem(declared, keys);
    const l = normalizeItem(live, keys);
    if (!same(d, l)) {
      changes.push({ path: `${field}.${path}`, field, old: itemDisplay(l, d), new: itemDisplay(d, l) });
    }
  }
  return changes;
}

function hyperparamPaths(declared: TaskSpec['hyperparams'], live: ObservedTask['hyperparams']): [string, Item | undefined, Item | undefined][] {
  const paths = new Map<string, [string, Item | undefined, Item | undefined]>();
  const visit = (sections: Record<string, Record<string, unknown>> | undefined, slot: 1 | 2) => {
    for (const [section, items] of Object.entries(sections ?? {})) {
      for (const [name, item] of Object.entries(items ?? {})) {
        const path = `${section}.${name}`;
        const entry = paths.get(path) ?? [path, undefined, undefined];
        entry[slot] = item as Item;
        paths.set(path, entry);
      }
    }
  };
  visit(declared as unknown as Record<string, Record<string, unknown>>, 1);
  visit(live as unknown as Record<string, Record<string, unknown>> | undefined, 2);
  return [...paths.values()];
}

/**
 * The live item compared with a declared one. A controller's DAG configuration that defines the
 * same DAG as the declared one counts as the declared item (node run state, key order, formatting
 * and PipelineController's `pipeline state: <hash>` description are not definitions; see
 * `controller-dag.ts`). So does a `dictionary` object whose text holds the declared settings
 * (the HOCON the ClearML SDK writes for the JSON cdk-style writes; see `configuration-settings.ts`).
 */
function comparableLiveItem(name: string, declared: Item | undefined, live: Item | undefined, controller: boolean): Item | undefined {
  if (declared === undefined || live === undefined || typeof declared.value !== 'string' || typeof live.value !== 'string' || declared.value === live.value) {
    return live;
  }
  if (controller && sameStoredDag(name, declared.value, live.value)) {
    return declared;
  }
  return sameSettings(live, declared) ? { ...live, value: declared.value } : live;
}

function configurationPaths(declared: TaskSpec['configuration'], live: ObservedTask['configuration'], controller: boolean): [string, Item | undefined, Item | undefined][] {
  const names = new Set([...Object.keys(declared), ...Object.keys(live ?? {})]);
  return [...names].map((name) => {
    const d = declared[name] as unknown as Item | undefined;
    return [name, d, comparableLiveItem(name, d, live?.[name] as unknown as Item | undefined, controller)];
  });
}

function compareDeclaredKeys(field: 'script' | 'container' | 'runtime', declared: object, live: Item | undefined): FieldChange[] {
  const changes: FieldChange[] = [];
  for (const [key, value] of Object.entries(declared)) {
    const liveValue = live?.[key];
    if (key === 'requirements' && typeof value === 'object' && value !== null) {
      const pip = (value as { pip?: unknown }).pip;
      const livePip = (liveValue as { pip?: unknown } | undefined)?.pip;
      if (!same(pip ?? '', livePip ?? '')) {
        changes.push({ path: `${field}.requirements.pip`, field, old: livePip, new: pip });
      }
    } else if (!same(value, liveValue ?? (typeof value === 'string' && field !== 'runtime' ? '' : undefined))) {
      changes.push({ path: `${field}.${key}`, field, old: liveValue, new: value });
    }
  }
  return changes;
}

function compareRuntime(declared: Record<string, string> | undefined, live: Record<string, string> | undefined): FieldChange[] {
  if (declared === undefined) {
    return [];
  }
  const changes = compareDeclaredKeys('runtime', declared, live);
  for (const key of Object.keys(live ?? {}).filter((k) => !(k in declared)).sort()) {
    changes.push({ path: `runtime.${key}`, field: 'runtime', old: live?.[key], new: undefined });
  }
  return changes;
}

function compareScalar(field: TaskField, declared: unknown, live: unknown): FieldChange[] {
  return same(declared, live) ? [] : [{ path: field, field, old: live, new: declared }];
}

function sortedTags(tags: readonly string[] | undefined): string[] {
  return [...new Set(tags ?? [])].sort();
}

/**
 * Compares `declared` (to be written in project `projectId`, or a project not created yet when
 * `projectId` is undefined) with `live`. Returns the changes in a stable order; empty when the
 * task already matches.
 */
export function compareTask(declared: TaskSpec, live: ObservedTask, projectId: string | undefined): FieldChange[] {
  const changes: FieldChange[] = [
    ...compareScalar('name', declared.name, live.name),
    ...compareScalar('type', declared.type, live.type),
    ...(projectId === live.project ? [] : [{ path: 'project', field: 'project' as const, old: live.project, new: declared.project }]),
    ...compareScalar('comment', declared.comment, live.comment ?? ''),
    ...compareScalar('tags', sortedTags(declared.tags), sortedTags(live.tags)),
    ...compareScalar('system_tags', sortedTags(declared.system_tags), sortedTags(live.system_tags)),
    ...compareDeclaredKeys('script', declared.script, live.script as Item | undefined),
    ...compareDeclaredKeys('container', declared.container, live.container as Item | undefined),
    ...compareItems('hyperparams', hyperparamPaths(declared.hyperparams, live.hyperparams), ['section', 'name', 'value', 'type', 'description']),
    ...compareItems('configuration', configurationPaths(declared.configuration, live.configuration, declared.type === 'controller'), ['name', 'value', 'type', 'description']),
    ...compareRuntime(declared.runtime, live.runtime),
  ];
  if (declared.output_dest !== undefined) {
    changes.push(...compareScalar('output_dest', declared.output_dest, live.output?.destination));
  }
  return changes;
}

/** The distinct top-level fields touched by `changes`, in {@link TaskField} order of appearance. */
export function changedFields(changes: readonly FieldChange[]): TaskField[] {
  return [...new Set(changes.map((c) => c.field))];
}
