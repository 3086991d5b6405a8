/**
 * Archiving and deleting tasks: archive (all or nothing), archive_many, unarchive_many, delete
 * (created or archived only unless force) and delete_many.
 */
import { runBatch } from './batch';
import { Body, HandlerContext, HandlerTable, requireList, taskById } from './context';
import { ApiError } from './errors';
import { Doc } from './store';
import { markWritten } from './task-fields';
import { dequeueTask, removeFromQueues } from './task-queue';
import { changeStatus } from './task-status';
import { isObject } from './values';

async function archiveOne(ctx: HandlerContext, task: Doc, body: Body): Promise<void> {
  if (task.status === 'queued') {
    await dequeueTask(ctx, task, { status_reason: body.status_reason, status_message: body.status_message });
  } else if (task.status === 'in_progress') {
    await changeStatus(ctx, task, 'stopped', { unchecked: true, reason: body.status_reason, message: body.status_message });
  }
  const tags = task.system_tags as string[];
  if (!tags.includes('archived')) {
    task.system_tags = [...tags, 'archived'].sort();
  }
  markWritten(ctx, task, true);
}

function unarchiveOne(ctx: HandlerContext, task: Doc): void {
  task.system_tags = (task.system_tags as string[]).filter((t) => t !== 'archived');
  markWritten(ctx, task, true);
}

function withPipelineSteps(ctx: HandlerContext, task: Doc, body: Body): Doc[] {
  if (body.include_pipeline_steps !== true || task.type !== 'controller') {
    return [task];
  }
  return [task, ...Object.values(ctx.state.tasks).filter((t) => t.parent === task.id)];
}

function modelIdsOf(task: Doc, kind: 'input' | 'output'): string[] {
  const models = isObject(task.models) && Array.isArray(task.models[kind]) ? (task.models[kind] as unknown[]) : [];
  return models.filter(isObject).map((m) => String(m.model));
}

/** Deletes the task's draft output models no other task uses; re-points published ones. */
function releaseOutputModels(ctx: HandlerContext, task: Doc): { updated_models: number; deleted_models: number } {
  const others = Object.values(ctx.state.tasks).filter((t) => t.id !== task.id);
  const counts = { updated_models: 0, deleted_models: 0 };
  for (const id of new Set(modelIdsOf(task, 'output'))) {
    const model = ctx.state.models[id];
    if (model === undefined || others.some((t) => modelIdsOf(t, 'input').includes(id) || modelIdsOf(t, 'output').includes(id))) {
      continue;
    }
    if (model.ready === true) {
      model.task = `__DELETED__${task.id}`;
      counts.updated_models += 1;
    } else {
      delete ctx.state.models[id];
      counts.deleted_models += 1;
    }
  }
  return counts;
}

/** Deletes one task with the delete guards; returns the delete response item. */
export function deleteTask(ctx: HandlerContext, task: Doc, body: Body): Body {
  const archived = (task.system_tags as string[]).includes('archived');
  if (body.force !== true && task.status !== 'created' && !archived) {
    throw new ApiError(400, 123, 'Task cannot be deleted (only created or archived tasks, unless force)', { id: task.id, status: task.status });
  }
  removeFromQueues(ctx, task.id);
  let updatedChildren = 0;
  for (const child of Object.values(ctx.state.tasks)) {
    if (child.parent === task.id) {
      child.parent = `__DELETED__${task.id}`;
      updatedChildren += 1;
    }
  }
  delete ctx.state.tasks[task.id];
  return { deleted: true, updated_children: updatedChildren, ...releaseOutputModels(ctx, task), urls: null };
}

async function archive(body: Body, ctx: HandlerContext): Promise<Body> {
  const tasks = requireList(body, 'tasks').map((id) => taskById(ctx, id));
  for (const task of tasks) {
    await archiveOne(ctx, task, body);
  }
  return { archived: tasks.length };
}

function deleteWithSteps(ctx: HandlerContext, task: Doc, body: Body): Body {
  const [main, ...steps] = withPipelineSteps(ctx, task, body);
  steps.forEach((step) => deleteTask(ctx, step, { ...body, force: true }));
  return deleteTask(ctx, main, body);
}

/** Handlers of archive and delete endpoints. */
export const taskArchiveHandlers: HandlerTable = {
  'tasks.archive': archive,
  'tasks.archive_many': (body, ctx) => runBatch(body, async (id) => {
    for (const task of withPipelineSteps(ctx, taskById(ctx, id), body)) {
      await archiveOne(ctx, task, body);
    }
    return { archived: true };
  }),
  'tasks.unarchive_many': (body, ctx) => runBatch(body, (id) => {
    withPipelineSteps(ctx, taskById(ctx, id), body).forEach((task) => unarchiveOne(ctx, task));
    return { unarchived: true };
  }),
  'tasks.delete': (body, ctx) => deleteWithSteps(ctx, taskById(ctx, body.task), body),
  'tasks.delete_many': (body, ctx) => runBatch(body, (id) => deleteWithSteps(ctx, taskById(ctx, id), body)),
};
