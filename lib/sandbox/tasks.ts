/**
 * The `tasks` service, core: create, get_by_id, get_all, edit (merge vs replace, created-only
 * unless force), update, clone.
 */
import { Body, HandlerContext, HandlerTable, checkedTags, modelById, requireString, taskById } from './context';
import { dataValidationError, invalidProjectId, invalidTaskStatus } from './errors';
import { ensureProject, touchProject } from './projects';
import { QuerySpec, runQuery } from './query';
import { Doc } from './store';
import {
  LIGHT_FIELDS, checkParentRef, checkProjectRef, configurationMap, hyperparamsMap, liftLegacyExecution, markWritten, recordWorker,
} from './task-fields';
import { clone, isObject, newId, nowIso } from './values';

/** Filters of `tasks.get_all`. */
export const TASK_QUERY: QuerySpec = {
  listFields: ['id', 'user', 'tags', 'system_tags', 'type', 'status', 'project', 'parent', 'execution.queue', 'models.input.model'],
  patternFields: ['name', 'comment', 'report'],
  listPrefixes: ['hyperparams.'],
  equalityPrefixes: ['runtime.'],
  rangeFields: ['created', 'started', 'active_duration', 'last_iteration'],
  datetimeFields: ['status_changed', 'last_update', 'last_change'],
  textFields: ['name', 'id', 'comment', 'report', 'script.repository', 'script.entry_point'],
  hiddenTags: ['hidden'],
  hiddenFields: ['enqueue_status'],
};

const MERGED_FIELDS = ['script', 'execution', 'models'];
const REPLACED_FIELDS = ['container', 'runtime', 'name', 'comment', 'type', 'project', 'parent'];

/** Inserts a new created task from a create-like body (already checked). */
export function insertTask(ctx: HandlerContext, body: Body): Doc {
  const now = nowIso();
  const task: Doc = {
    id: newId(), name: String(body.name).trim(), type: body.type, status: 'created', comment: body.comment ?? '',
    user: ctx.identity.user, company: ctx.identity.company, created: now, last_update: now, last_change: now,
    last_changed_by: ctx.identity.user, tags: checkedTags(body.tags, 'tags') ?? [], system_tags: checkedTags(body.system_tags, 'system_tags') ?? [],
    script: { binary: 'python', repository: '', entry_point: '', ...(isObject(body.script) ? clone(body.script) : {}) },
    execution: { test_split: 0, artifacts: [], ...(isObject(body.execution) ? clone(body.execution) : {}) },
    hyperparams: hyperparamsMap(body.hyperparams), configuration: configurationMap(body.configuration),
    models: { input: [], output: [], ...(isObject(body.models) ? clone(body.models) : {}) },
    container: isObject(body.container) ? clone(body.container) : {}, runtime: isObject(body.runtime) ? clone(body.runtime) : {},
    output: body.output_dest !== undefined ? { destination: body.output_dest } : {}, last_iteration: 0,
  };
  for (const field of ['project', 'parent'] as const) {
    if (typeof body[field] === 'string' && body[field] !== '') {
      task[field] = body[field];
    }
  }
  ctx.state.tasks[task.id] = task;
  touchProject(ctx, task.project);
  return ctx.state.tasks[task.id];
}

function checkInputModels(ctx: HandlerContext, models: unknown): void {
  const inputs = isObject(models) && Array.isArray(models.input) ? models.input : [];
  inputs.filter(isObject).forEach((item) => modelById(ctx, item.model));
}

function create(body: Body, ctx: HandlerContext): unknown {
  const name = requireString(body, 'name').trim();
  requireString(body, 'type');
  if (name.length < 3) {
    throw dataValidationError('task name must be at least 3 characters', { name });
  }
  checkProjectRef(ctx, body.project);
  checkParentRef(ctx, body.parent);
  checkInputModels(ctx, body.models);
  liftLegacyExecution(body);
  return { id: insertTask(ctx, body).id };
}

function applyEdit(ctx: HandlerContext, task: Doc, body: Body): Body {
  const fields: Body = {};
  for (const key of MERGED_FIELDS) {
    if (isObject(body[key])) {
      task[key] = { ...(isObject(task[key]) ? task[key] : {}), ...clone(body[key]) };
      fields[key] = task[key];
    }
  }
  for (const key of REPLACED_FIELDS) {
    if (key in body) {
      task[key] = clone(body[key]);
      fields[key] = task[key];
    }
  }
  for (const key of ['tags', 'system_tags']) {
    if (key in body) {
      task[key] = checkedTags(body[key], key) ?? [];
      fields[key] = task[key];
    }
  }
  if ('hyperparams' in body) {
    task.hyperparams = fields.hyperparams = hyperparamsMap(body.hyperparams);
  }
  if ('configuration' in body) {
    task.configuration = fields.configuration = configurationMap(body.configuration);
  }
  if (body.output_dest !== undefined) {
    task.output = { ...(isObject(task.output) ? task.output : {}), destination: body.output_dest };
    fields['output.destination'] = body.output_dest;
  }
  markWritten(ctx, task, Object.keys(fields).every((k) => LIGHT_FIELDS.has(k)));
  return fields;
}

function edit(body: Body, ctx: HandlerContext): unknown {
  const task = taskById(ctx, body.task);
  if (task.status !== 'created' && body.force !== true) {
    throw invalidTaskStatus('Invalid status for edit', { expected: 'created', status: task.status });
  }
  checkProjectRef(ctx, body.project);
  checkParentRef(ctx, body.parent);
  liftLegacyExecution(body);
  return updateAnswer(applyEdit(ctx, task, body));
}

/** `{updated, fields}`: like the real server, `updated: 0` when no field it edits was given. */
function updateAnswer(fields: Body): Body {
  return Object.keys(fields).length > 0 ? { updated: 1, fields } : { updated: 0 };
}

function update(body: Body, ctx: HandlerContext): unknown {
  const task = taskById(ctx, body.task);
  checkProjectRef(ctx, body.project);
  const allowed: Body = {};
  for (const key of ['name', 'comment', 'tags', 'system_tags', 'project', 'created', 'status_message']) {
    if (key in body) {
      allowed[key] = body[key];
    }
  }
  return updateAnswer(applyEdit(ctx, task, allowed));
}

function cloneProject(ctx: HandlerContext, body: Body, source: Doc): { project: unknown; newProject?: Doc } {
  if (typeof body.new_task_project === 'string' && body.new_task_project !== '') {
    if (ctx.state.projects[body.new_task_project] === undefined) {
      throw invalidProjectId(body.new_task_project);
    }
    return { project: body.new_task_project };
  }
  if (typeof body.new_project_name === 'string' && body.new_project_name !== '') {
    const newProject = ensureProject(ctx, body.new_project_name);
    return { project: newProject.id, newProject };
  }
  return { project: source.project };
}

/** Copies `source` as a new created task with the clone rules (§4.8 of the reference). */
export function cloneTask(ctx: HandlerContext, source: Doc, body: Body): { task: Doc; newProject?: Doc } {
  const pick = (key: string, fallback: unknown): unknown => (body[key] !== undefined && body[key] !== '' && body[key] !== null ? body[key] : fallback);
  const { project, newProject } = cloneProject(ctx, body, source);
  const parentDefault = typeof source.parent === 'string' && ctx.state.tasks[source.parent] !== undefined ? source.parent : source.id;
  const parent = pick('new_task_parent', parentDefault);
  checkParentRef(ctx, parent);
  const execution = isObject(source.execution) ? clone(source.execution) : {};
  delete execution.queue;
  execution.artifacts = (Array.isArray(execution.artifacts) ? execution.artifacts : []).filter((a) => isObject(a) && a.mode === 'input');
  const systemTags = ((source.system_tags as string[]) ?? []).filter((t) => t !== 'development' && t !== 'archived');
  const sourceModels = isObject(source.models) ? source.models : {};
  const task = insertTask(ctx, {
    name: pick('new_task_name', source.name), comment: pick('new_task_comment', source.comment), type: source.type,
    tags: pick('new_task_tags', source.tags), system_tags: pick('new_task_system_tags', systemTags), project, parent,
    script: source.script, execution: { ...execution, ...(isObject(body.execution_overrides) ? body.execution_overrides : {}) },
    hyperparams: pick('new_task_hyperparams', source.hyperparams), configuration: pick('new_task_configuration', source.configuration),
    container: pick('new_task_container', source.container), models: { input: pick('new_task_input_models', sourceModels.input ?? []), output: [] },
    output_dest: isObject(source.output) ? source.output.destination : undefined,
  });
  return { task, newProject };
}

function cloneHandler(body: Body, ctx: HandlerContext): unknown {
  const source = taskById(ctx, body.task);
  const { task, newProject } = cloneTask(ctx, source, body);
  return newProject === undefined ? { id: task.id } : { id: task.id, new_project: { id: newProject.id, name: newProject.name } };
}

/** Handlers of the core `tasks` endpoints. */
export const taskHandlers: HandlerTable = {
  'tasks.create': create,
  'tasks.validate': (body, ctx) => {
    requireString(body, 'name');
    checkProjectRef(ctx, body.project);
    return {};
  },
  'tasks.get_by_id': (body, ctx) => ({ task: { ...taskById(ctx, body.task), enqueue_status: undefined } }),
  'tasks.get_all': (body, ctx) => runQuery(Object.values(ctx.state.tasks), body, TASK_QUERY, 'tasks', ctx.scrolls),
  'tasks.edit': edit,
  'tasks.update': update,
  'tasks.clone': cloneHandler,
  'tasks.get_types': (_body, ctx) => ({ types: [...new Set(Object.values(ctx.state.tasks).map((t) => t.type))].sort() }),
  'tasks.set_requirements': (body, ctx) => {
    const task = taskById(ctx, body.task);
    task.script = { ...(isObject(task.script) ? task.script : {}), requirements: clone(body.requirements) };
    markWritten(ctx, task, false);
    return { updated: 1, fields: { 'script.requirements': body.requirements } };
  },
  'tasks.ping': (body, ctx) => {
    const task = taskById(ctx, body.task);
    recordWorker(ctx, task);
    markWritten(ctx, task, false);
    return {};
  },
};
