/**
 * Outputs of tasks: artifacts and model links (created or in_progress only, whatever `force`
 * says), plus `tasks.move` and `tasks.update_tags`.
 */
import { Body, HandlerContext, HandlerTable, checkedTags, requireList, taskById } from './context';
import { invalidTaskStatus } from './errors';
import { ensureProject } from './projects';
import { Doc } from './store';
import { checkProjectRef, markWritten } from './task-fields';
import { isObject, nowIso } from './values';

type Artifact = Record<string, unknown> & { key: string; mode: string };

function checkOutputsWritable(task: Doc): void {
  if (task.status !== 'created' && task.status !== 'in_progress') {
    throw invalidTaskStatus('Invalid status for outputs update', { status: task.status, expected: 'created or in_progress' });
  }
}

function artifactsOf(task: Doc): Artifact[] {
  const execution = (isObject(task.execution) ? task.execution : (task.execution = {})) as Body;
  if (!Array.isArray(execution.artifacts)) {
    execution.artifacts = [];
  }
  return execution.artifacts as Artifact[];
}

function sortArtifacts(task: Doc, artifacts: Artifact[]): void {
  (task.execution as Body).artifacts = [...artifacts].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : a.mode < b.mode ? -1 : 1));
}

function addOrUpdateArtifacts(body: Body, ctx: HandlerContext): Body {
  const task = taskById(ctx, body.task);
  checkOutputsWritable(task);
  const given = requireList(body, 'artifacts').filter(isObject).map((a) => ({ ...a, key: String(a.key), mode: typeof a.mode === 'string' ? a.mode : 'output' }));
  const kept = artifactsOf(task).filter((a) => !given.some((g) => g.key === a.key && g.mode === a.mode));
  sortArtifacts(task, [...kept, ...given]);
  markWritten(ctx, task, false);
  return { updated: given.length };
}

function deleteArtifacts(body: Body, ctx: HandlerContext): Body {
  const task = taskById(ctx, body.task);
  checkOutputsWritable(task);
  const targets = requireList(body, 'artifacts').filter(isObject).map((a) => ({ key: String(a.key), mode: typeof a.mode === 'string' ? a.mode : 'output' }));
  const before = artifactsOf(task);
  const kept = before.filter((a) => !targets.some((t) => t.key === a.key && t.mode === a.mode));
  sortArtifacts(task, kept);
  markWritten(ctx, task, false);
  return { deleted: before.length - kept.length };
}

function addOrUpdateModel(body: Body, ctx: HandlerContext): Body {
  const task = taskById(ctx, body.task);
  checkOutputsWritable(task);
  const kind = body.type === 'input' ? 'input' : 'output';
  const models = (isObject(task.models) ? task.models : (task.models = { input: [], output: [] })) as Record<string, Body[]>;
  const list = Array.isArray(models[kind]) ? models[kind] : [];
  const item = { name: String(body.name ?? ''), model: body.model, updated: nowIso() };
  const index = list.findIndex((m) => m.name === item.name);
  models[kind] = index >= 0 ? list.map((m, i) => (i === index ? item : m)) : [...list, item];
  if (typeof body.iteration === 'number' && body.iteration > Number(task.last_iteration ?? 0)) {
    task.last_iteration = body.iteration;
  }
  markWritten(ctx, task, false);
  return { updated: 1 };
}

function move(body: Body, ctx: HandlerContext): Body {
  const tasks = requireList(body, 'ids').map((id) => taskById(ctx, id));
  let project: string | undefined;
  if (typeof body.project_name === 'string' && body.project === undefined) {
    project = ensureProject(ctx, body.project_name).id;
  } else if (typeof body.project === 'string') {
    checkProjectRef(ctx, body.project);
    project = body.project;
  }
  for (const task of tasks) {
    if (project === undefined) {
      delete task.project;
    } else {
      task.project = project;
    }
    markWritten(ctx, task, true);
  }
  return { project_id: project ?? null };
}

function updateTags(body: Body, ctx: HandlerContext): Body {
  const tasks = requireList(body, 'ids').map((id) => taskById(ctx, id));
  const add = checkedTags(body.add_tags, 'add_tags') ?? [];
  const remove = new Set(checkedTags(body.remove_tags, 'remove_tags') ?? []);
  for (const task of tasks) {
    const tags = (task.tags as string[]).filter((t) => !remove.has(t));
    task.tags = [...tags, ...add.filter((t) => !tags.includes(t))].sort();
    markWritten(ctx, task, true);
  }
  return { updated: tasks.length };
}

/** Handlers of the task output endpoints, move and update_tags. */
export const taskOutputHandlers: HandlerTable = {
  'tasks.add_or_update_artifacts': addOrUpdateArtifacts,
  'tasks.delete_artifacts': deleteArtifacts,
  'tasks.add_or_update_model': addOrUpdateModel,
  'tasks.delete_models': (body, ctx) => {
    const task = taskById(ctx, body.task);
    checkOutputsWritable(task);
    const targets = requireList(body, 'models').filter(isObject);
    const models = (isObject(task.models) ? task.models : {}) as Record<string, Body[]>;
    for (const kind of ['input', 'output']) {
      models[kind] = (models[kind] ?? []).filter((m) => !targets.some((t) => t.name === m.name && (t.type ?? 'output') === kind));
    }
    task.models = models;
    markWritten(ctx, task, false);
    return { updated: 1 };
  },
  'tasks.move': move,
  'tasks.update_tags': updateTags,
};
