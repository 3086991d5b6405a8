/**
 * Queue membership of tasks: `tasks.enqueue` (queue id, `queue_name` with auto-create, or the
 * default queue), `tasks.dequeue`, and the helpers archive, delete and reset use to dequeue.
 */
import { Body, HandlerContext, HandlerTable, queueById, taskById } from './context';
import { ApiError, validationError } from './errors';
import { createQueue, defaultQueue } from './queues';
import { Doc } from './store';
import { changeFrom, changeStatus } from './task-status';
import { isObject, nowIso } from './values';

/** Removes `taskId` from every queue; returns how many entries were removed. */
export function removeFromQueues(ctx: HandlerContext, taskId: string): number {
  let removed = 0;
  for (const queue of Object.values(ctx.state.queues)) {
    const entries = queue.entries as Array<{ task: string }>;
    const kept = entries.filter((e) => e.task !== taskId);
    removed += entries.length - kept.length;
    if (kept.length !== entries.length) {
      queue.entries = kept;
      queue.last_update = nowIso();
    }
  }
  return removed;
}

function targetQueue(ctx: HandlerContext, body: Body): Doc {
  if (body.queue !== undefined && body.queue !== null && body.queue_name !== undefined && body.queue_name !== null) {
    throw validationError('send either queue or queue_name, not both');
  }
  const queueName = typeof body.queue_name === 'string' ? body.queue_name.trim() : '';
  if (queueName !== '') {
    return Object.values(ctx.state.queues).find((q) => q.name === queueName) ?? createQueue(ctx, { name: queueName });
  }
  if (body.queue !== undefined && body.queue !== null && body.queue !== '') {
    return queueById(ctx, body.queue);
  }
  return defaultQueue(ctx);
}

/** Enqueues `task` on `queue` (status change, entry, `execution.queue`, `development` stripped). */
export async function enqueueTask(ctx: HandlerContext, task: Doc, queue: Doc, body: Body): Promise<Body> {
  if ((queue.entries as Array<{ task: string }>).some((e) => e.task === task.id)) {
    throw new ApiError(400, 706, 'Task already in queue', { task: task.id, queue: queue.id });
  }
  const previous = task.status;
  const fields = await changeStatus(ctx, task, 'queued', changeFrom(body, (t, now) => {
    t.enqueue_status = previous;
    t.system_tags = (t.system_tags as string[]).filter((tag) => tag !== 'development');
    removeFromQueues(ctx, t.id);
    (queue.entries as unknown[]).push({ task: t.id, added: now });
    queue.last_update = now;
    t.execution = { ...(isObject(t.execution) ? t.execution : {}), queue: queue.id };
    return { enqueue_status: previous, 'execution.queue': queue.id };
  }));
  return { queued: 1, updated: 1, fields };
}

/** Takes `task` out of its queues and back to `new_status`, `enqueue_status` or created. */
export async function dequeueTask(ctx: HandlerContext, task: Doc, body: Body = {}): Promise<Body> {
  if (task.status !== 'queued' && task.status !== 'in_progress') {
    return { dequeued: 1, updated: 0, fields: {} };
  }
  const to = typeof body.new_status === 'string' ? body.new_status : typeof task.enqueue_status === 'string' ? task.enqueue_status : 'created';
  const change = { ...changeFrom(body), unchecked: true };
  const fields = await changeStatus(ctx, task, to, {
    ...change,
    apply: (t) => {
      removeFromQueues(ctx, t.id);
      if (isObject(t.execution)) {
        delete t.execution.queue;
      }
      delete t.enqueue_status;
      return {};
    },
  });
  return { dequeued: 1, updated: 1, fields };
}

/** Handlers of `tasks.enqueue` and `tasks.dequeue`. */
export const taskQueueHandlers: HandlerTable = {
  'tasks.enqueue': async (body, ctx) => {
    const task = taskById(ctx, body.task);
    const result = await enqueueTask(ctx, task, targetQueue(ctx, body), body);
    return body.verify_watched_queue === true ? { ...result, queue_watched: false } : result;
  },
  'tasks.dequeue': (body, ctx) => dequeueTask(ctx, taskById(ctx, body.task), body),
};
