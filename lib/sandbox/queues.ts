/**
 * The `queues` service: create (unique names), get_all, get_by_id (400/701 for unknown ids, which
 * the SDK's name lookup relies on), get_default, get_num_entries, update, delete, and the agent
 * side (get_next_task, add_task, remove_task).
 */
import { Body, HandlerContext, HandlerTable, checkedTags, queueById, requireString, taskById } from './context';
import { ApiError, dataValidationError, notUnique } from './errors';
import { QuerySpec, runQuery } from './query';
import { Doc } from './store';
import { newId, nowIso } from './values';

const QUEUE_QUERY: QuerySpec = {
  listFields: ['id', 'tags', 'system_tags'],
  patternFields: ['name'],
  hiddenTags: ['k8s-glue'],
  nameRevealsHidden: true,
};

type Entry = { task: string; added: string };

/** Creates a queue (400/800 for short names, 400/801 for taken ones). */
export function createQueue(ctx: HandlerContext, body: Body): Doc {
  const name = requireString(body, 'name').trim();
  if (name.length < 3) {
    throw dataValidationError('queue name must be at least 3 characters', { name });
  }
  if (Object.values(ctx.state.queues).some((q) => q.name === name)) {
    throw notUnique('Queue', name);
  }
  const now = nowIso();
  const queue: Doc = {
    id: newId(), company: ctx.identity.company, name, display_name: body.display_name ?? name, created: now, last_update: now,
    tags: checkedTags(body.tags, 'tags') ?? [], system_tags: checkedTags(body.system_tags, 'system_tags') ?? [], entries: [], metadata: body.metadata ?? {},
  };
  ctx.state.queues[queue.id] = queue;
  return ctx.state.queues[queue.id];
}

/** The one queue tagged `default` (400/707 when none, 400/708 when several). */
export function defaultQueue(ctx: HandlerContext): Doc {
  const defaults = Object.values(ctx.state.queues).filter((q) => (q.system_tags as string[]).includes('default'));
  if (defaults.length === 0) {
    throw new ApiError(400, 707, 'No default queue found');
  }
  if (defaults.length > 1) {
    throw new ApiError(400, 708, 'Too many default queues found', { queues: defaults.map((q) => q.id) });
  }
  return defaults[0];
}

function update(body: Body, ctx: HandlerContext): unknown {
  const queue = queueById(ctx, body.queue);
  const fields: Body = {};
  const name = typeof body.name === 'string' ? body.name.trim() : undefined;
  if (name !== undefined && name !== queue.name) {
    if (Object.values(ctx.state.queues).some((q) => q.name === name)) {
      throw notUnique('Queue', name);
    }
    queue.name = fields.name = name;
  }
  for (const key of ['display_name', 'metadata']) {
    if (key in body) {
      queue[key] = fields[key] = body[key];
    }
  }
  for (const key of ['tags', 'system_tags']) {
    if (key in body) {
      queue[key] = fields[key] = checkedTags(body[key], key) ?? [];
    }
  }
  queue.last_update = nowIso();
  return { updated: 1, fields };
}

function remove(body: Body, ctx: HandlerContext): unknown {
  const queue = queueById(ctx, body.queue);
  const entries = queue.entries as Entry[];
  if (entries.length > 0 && body.force !== true) {
    throw new ApiError(400, 702, 'Queue is not empty', { queue: queue.id, num_entries: entries.length });
  }
  for (const entry of entries) {
    const task = ctx.state.tasks[entry.task];
    if (task !== undefined && task.status === 'queued') {
      task.status = typeof task.enqueue_status === 'string' ? task.enqueue_status : 'created';
      delete task.enqueue_status;
    }
  }
  delete ctx.state.queues[queue.id];
  return { deleted: 1 };
}

function addTask(body: Body, ctx: HandlerContext): unknown {
  const queue = queueById(ctx, body.queue);
  const task = taskById(ctx, body.task);
  const entries = queue.entries as Entry[];
  if (entries.some((e) => e.task === task.id)) {
    throw new ApiError(400, 706, 'Task already in queue', { task: task.id, queue: queue.id });
  }
  entries.push({ task: task.id, added: nowIso() });
  return { added: 1 };
}

function removeTask(body: Body, ctx: HandlerContext): unknown {
  const queue = queueById(ctx, body.queue);
  const entries = queue.entries as Entry[];
  queue.entries = entries.filter((e) => e.task !== body.task);
  return { removed: entries.length - (queue.entries as Entry[]).length };
}

/** Handlers of the `queues` service. */
export const queueHandlers: HandlerTable = {
  'queues.create': (body, ctx) => ({ id: createQueue(ctx, body).id }),
  'queues.get_by_id': (body, ctx) => ({ queue: queueById(ctx, body.queue) }),
  'queues.get_all': (body, ctx) => runQuery(Object.values(ctx.state.queues), body, QUEUE_QUERY, 'queues', ctx.scrolls),
  'queues.get_default': (_body, ctx) => {
    const queue = defaultQueue(ctx);
    return { id: queue.id, name: queue.name };
  },
  'queues.get_num_entries': (body, ctx) => ({ num: (queueById(ctx, body.queue).entries as Entry[]).length }),
  'queues.update': update,
  'queues.delete': remove,
  'queues.add_task': addTask,
  'queues.remove_task': removeTask,
  'queues.get_next_task': (body, ctx) => {
    const entry = (queueById(ctx, body.queue).entries as Entry[]).shift();
    return entry === undefined ? {} : { entry };
  },
};
