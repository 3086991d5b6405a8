/**
 * Writes to models the ClearML SDK makes while a task runs: `models.edit` and `models.update`
 * (what `OutputModel.update_weights` sends), `models.update_for_task` (older SDKs) and
 * `models.set_ready` (publish). A ready (published) model cannot be edited.
 */
import { Body, HandlerContext, HandlerTable, checkedTags, modelById, taskById } from './context';
import { ApiError } from './errors';
import { Doc } from './store';
import { isObject, newId, nowIso } from './values';

const EDIT_FIELDS = ['uri', 'name', 'comment', 'framework', 'design', 'labels', 'metadata', 'project', 'parent', 'task'];
const UPDATE_FIELDS = ['name', 'comment', 'project', 'task', 'ui_cache'];

function checkEditable(model: Doc, body: Body): void {
  if (model.ready === true && body.force !== true) {
    throw new ApiError(400, 203, 'Model is ready (published) and cannot be changed', { model: model.id });
  }
}

function apply(model: Doc, body: Body, fields: readonly string[]): Body {
  const changed: Body = {};
  for (const key of fields) {
    if (body[key] !== undefined && body[key] !== null) {
      model[key] = changed[key] = body[key];
    }
  }
  for (const key of ['tags', 'system_tags']) {
    if (body[key] !== undefined && body[key] !== null) {
      model[key] = changed[key] = checkedTags(body[key], key) ?? [];
    }
  }
  if (typeof body.iteration === 'number') {
    model.last_iteration = changed.last_iteration = body.iteration;
  }
  if (typeof body.ready === 'boolean') {
    model.ready = changed.ready = body.ready;
  }
  const now = nowIso();
  model.last_update = model.last_change = now;
  return changed;
}

function edit(body: Body, ctx: HandlerContext, fields: readonly string[]): Body {
  const model = modelById(ctx, body.model);
  checkEditable(model, body);
  if (typeof body.task === 'string') {
    taskById(ctx, body.task);
  }
  const changed = apply(model, body, fields);
  return { updated: Object.keys(changed).length > 0 ? 1 : 0, fields: changed };
}

function linkOutput(task: Doc, modelId: string, name: string): void {
  const models = (isObject(task.models) ? task.models : (task.models = { input: [], output: [] })) as Record<string, Body[]>;
  const outputs = Array.isArray(models.output) ? models.output : [];
  const item = { name, model: modelId, updated: nowIso() };
  const index = outputs.findIndex((m) => m.name === name);
  models.output = index >= 0 ? outputs.map((m, i) => (i === index ? item : m)) : [...outputs, item];
}

function updateForTask(body: Body, ctx: HandlerContext): Body {
  const task = taskById(ctx, body.task);
  if (task.status !== 'created' && task.status !== 'in_progress') {
    throw new ApiError(400, 110, 'Invalid task status', { status: task.status, expected: 'created or in_progress' });
  }
  const existing = typeof body.override_model_id === 'string' ? modelById(ctx, body.override_model_id) : undefined;
  const now = nowIso();
  const model: Doc = existing ?? {
    id: newId(), name: String(body.name ?? task.name), user: ctx.identity.user, company: ctx.identity.company, created: now,
    tags: [], system_tags: [], comment: '', design: {}, labels: {}, ready: false, metadata: {}, last_iteration: 0, project: task.project, task: task.id,
  };
  if (existing === undefined) {
    ctx.state.models[model.id] = model;
  }
  const fields = apply(model, { uri: body.uri, name: body.name, comment: body.comment, tags: body.tags, iteration: body.iteration }, ['uri', 'name', 'comment']);
  linkOutput(task, model.id, String(model.name));
  return { id: model.id, created: existing === undefined, updated: 1, fields };
}

function setReady(body: Body, ctx: HandlerContext): Body {
  const model = modelById(ctx, body.model);
  model.ready = true;
  model.last_update = model.last_change = nowIso();
  return { updated: 1, published_task: null };
}

/** Handlers of the model write endpoints. */
export const modelEditHandlers: HandlerTable = {
  'models.edit': (body, ctx) => edit(body, ctx, EDIT_FIELDS),
  'models.update': (body, ctx) => edit(body, ctx, UPDATE_FIELDS),
  'models.update_for_task': updateForTask,
  'models.set_ready': setReady,
};
