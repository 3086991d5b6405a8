/**
 * Hyperparameter and configuration endpoints of tasks: edit (none/section/all, with the
 * `properties` exception), get, delete.
 */
import { Body, HandlerContext, HandlerTable, requireList, taskById } from './context';
import { ApiError, invalidTaskStatus } from './errors';
import { Doc } from './store';
import { configurationItem, hyperparamItem, markWritten, sectionName } from './task-fields';
import { isObject } from './values';

type Items = Record<string, Record<string, unknown>>;

/** Parameter writes: created, or in_progress with force; any status when only `properties` is touched. */
function checkParamsWritable(task: Doc, force: boolean, propertiesOnly: boolean): void {
  if (propertiesOnly || task.status === 'created' || (force && task.status === 'in_progress')) {
    return;
  }
  throw invalidTaskStatus('Cannot update parameters of a task in this status', { status: task.status, expected: force ? 'created or in_progress' : 'created' });
}

function mapOf(task: Doc, field: 'hyperparams' | 'configuration'): Record<string, Items> | Items {
  if (!isObject(task[field])) {
    task[field] = {};
  }
  return task[field] as Record<string, Items>;
}

function editHyperParams(body: Body, ctx: HandlerContext): Body {
  const task = taskById(ctx, body.task);
  const items = requireList(body, 'hyperparams').map((raw) => hyperparamItem(sectionName(isObject(raw) ? raw.section : undefined), raw));
  const propertiesOnly = items.every((i) => i.section === 'properties');
  checkParamsWritable(task, body.force === true, propertiesOnly);
  const mode = body.replace_hyperparams ?? 'none';
  const map = mode === 'all' ? {} : (mapOf(task, 'hyperparams') as Record<string, Items>);
  if (mode === 'section') {
    new Set(items.map((i) => i.section as string)).forEach((s) => (map[s] = {}));
  }
  for (const item of items) {
    map[item.section as string] ??= {};
    map[item.section as string][item.name as string] = item;
  }
  task.hyperparams = map;
  markWritten(ctx, task, propertiesOnly);
  return { updated: 1 };
}

function deleteHyperParams(body: Body, ctx: HandlerContext): Body {
  const task = taskById(ctx, body.task);
  const targets = requireList(body, 'hyperparams').map((raw) => ({ section: sectionName(isObject(raw) ? raw.section : undefined), name: isObject(raw) && typeof raw.name === 'string' ? raw.name.trim() : undefined }));
  const wholeSections = new Set(targets.filter((t) => t.name === undefined).map((t) => t.section));
  const conflict = targets.find((t) => t.name !== undefined && wholeSections.has(t.section));
  if (conflict !== undefined) {
    throw new ApiError(400, 15, 'Conflicting parameters: a section and one of its entries were both given', { section: conflict.section });
  }
  checkParamsWritable(task, body.force === true, targets.every((t) => t.section === 'properties'));
  const map = mapOf(task, 'hyperparams') as Record<string, Items>;
  let deleted = 0;
  for (const { section, name } of targets) {
    if (name === undefined && map[section] !== undefined) {
      delete map[section];
      deleted += 1;
    } else if (name !== undefined && map[section]?.[name] !== undefined) {
      delete map[section][name];
      deleted += 1;
    }
  }
  markWritten(ctx, task, false);
  return { deleted };
}

function editConfiguration(body: Body, ctx: HandlerContext): Body {
  const task = taskById(ctx, body.task);
  const items = requireList(body, 'configuration').map((raw) => configurationItem(raw));
  checkParamsWritable(task, body.force === true, false);
  const map = body.replace_configuration === true ? {} : (mapOf(task, 'configuration') as Items);
  items.forEach((item) => (map[item.name as string] = item));
  task.configuration = map;
  markWritten(ctx, task, false);
  return { updated: 1 };
}

function deleteConfiguration(body: Body, ctx: HandlerContext): Body {
  const task = taskById(ctx, body.task);
  const names = requireList(body, 'configuration').map((n) => String(n).trim());
  checkParamsWritable(task, body.force === true, false);
  const map = mapOf(task, 'configuration') as Items;
  const present = names.filter((n) => map[n] !== undefined);
  present.forEach((n) => delete map[n]);
  markWritten(ctx, task, false);
  return { deleted: present.length };
}

function tasksOf(body: Body, ctx: HandlerContext): Doc[] {
  return requireList(body, 'tasks').map((id) => taskById(ctx, id));
}

function sortedHyperparams(task: Doc): unknown[] {
  const map = (isObject(task.hyperparams) ? task.hyperparams : {}) as Record<string, Items>;
  return Object.keys(map).sort().flatMap((s) => Object.keys(map[s]).sort().map((n) => map[s][n]));
}

function sortedConfiguration(task: Doc, names: unknown): unknown[] {
  const map = (isObject(task.configuration) ? task.configuration : {}) as Items;
  const wanted = Array.isArray(names) && names.length > 0 ? new Set(names.map(String)) : undefined;
  return Object.keys(map).sort().filter((n) => wanted === undefined || wanted.has(n)).map((n) => map[n]);
}

/** Handlers of the parameter endpoints. */
export const taskParamHandlers: HandlerTable = {
  'tasks.edit_hyper_params': editHyperParams,
  'tasks.delete_hyper_params': deleteHyperParams,
  'tasks.get_hyper_params': (body, ctx) => ({ params: tasksOf(body, ctx).map((t) => ({ task: t.id, hyperparams: sortedHyperparams(t) })) }),
  'tasks.edit_configuration': editConfiguration,
  'tasks.delete_configuration': deleteConfiguration,
  'tasks.get_configurations': (body, ctx) => ({
    configurations: tasksOf(body, ctx).map((t) => ({ task: t.id, configuration: sortedConfiguration(t, body.names) })),
  }),
  'tasks.get_configuration_names': (body, ctx) => ({
    configurations: tasksOf(body, ctx)
      .map((t) => ({ task: t.id, names: sortedConfiguration(t, undefined).map((i) => (i as Body).name) }))
      .filter((c) => body.skip_empty === false || c.names.length > 0),
  }),
};
