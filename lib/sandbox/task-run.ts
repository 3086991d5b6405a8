/**
 * Status endpoints of tasks: started, stopped, stop, completed, failed, close, publish, reset.
 */
import { Body, HandlerContext, HandlerTable, taskById } from './context';
import { invalidTaskStatus } from './errors';
import { Doc } from './store';
import { recordWorker } from './task-fields';
import { removeFromQueues } from './task-queue';
import { changeFrom, changeStatus } from './task-status';
import { isObject, nowIso } from './values';

/** An in_progress task not updated for this long is stopped at once by `tasks.stop`. */
const STALE_MS = 600_000;

function setTimestamp(field: string, onlyIfUnset = false): (task: Doc, now: string) => Body {
  return (task, now) => {
    if (onlyIfUnset && task[field] !== undefined) {
      return {};
    }
    task[field] = now;
    return { [field]: now };
  };
}

async function started(body: Body, ctx: HandlerContext): Promise<Body> {
  const task = taskById(ctx, body.task);
  const fields = await changeStatus(ctx, task, 'in_progress', changeFrom(body, setTimestamp('started', true)));
  recordWorker(ctx, task);
  return { updated: 1, started: 1, fields };
}

async function completed(body: Body, ctx: HandlerContext): Promise<Body> {
  const task = taskById(ctx, body.task);
  const fields = await changeStatus(ctx, task, 'completed', changeFrom(body, setTimestamp('completed')));
  if (body.publish !== true) {
    return { updated: 1, fields };
  }
  const published = await changeStatus(ctx, task, 'published', changeFrom(body, setTimestamp('published')));
  return { updated: 1, published: 1, fields: { ...fields, ...published } };
}

async function stop(body: Body, ctx: HandlerContext): Promise<Body> {
  const task = taskById(ctx, body.task);
  if (task.status === 'queued') {
    removeFromQueues(ctx, task.id);
  }
  const stale = Date.now() - Date.parse(String(task.last_update)) > STALE_MS;
  const immediate = task.status === 'queued' || (task.system_tags as string[]).includes('development') || task.last_worker === undefined || stale;
  if (task.status === 'in_progress' && !immediate) {
    task.status_message = 'stopping';
    return { updated: 1, fields: { status_message: 'stopping' } };
  }
  const message = typeof body.status_message === 'string' ? body.status_message : `Stopped by ${ctx.identity.user_name}`;
  const fields = await changeStatus(ctx, task, 'stopped', { ...changeFrom(body, setTimestamp('completed')), message });
  return { updated: 1, fields };
}

function clearRun(task: Doc, clearAll: boolean): void {
  task.models = { ...(isObject(task.models) ? task.models : {}), output: [] };
  task.runtime = {};
  for (const key of ['last_worker', 'last_worker_report', 'last_metrics', 'started', 'completed', 'published', 'active_duration']) {
    delete task[key];
  }
  task.last_iteration = 0;
  if (isObject(task.output)) {
    delete task.output.result;
    delete task.output.error;
  }
  const execution = isObject(task.execution) ? task.execution : {};
  delete execution.queue;
  execution.artifacts = (Array.isArray(execution.artifacts) ? execution.artifacts : []).filter((a) => isObject(a) && a.mode === 'input');
  task.execution = clearAll ? {} : execution;
  if (clearAll) {
    delete task.script;
  }
}

async function reset(body: Body, ctx: HandlerContext): Promise<Body> {
  const task = taskById(ctx, body.task);
  if (task.status === 'published' && body.force !== true) {
    throw invalidTaskStatus('Cannot reset a published task', { status: task.status });
  }
  const dequeued = removeFromQueues(ctx, task.id);
  const fields = await changeStatus(ctx, task, 'created', {
    ...changeFrom(body), unchecked: true,
    apply: (t) => {
      clearRun(t, body.clear_all === true);
      delete t.enqueue_status;
      return {};
    },
  });
  return { updated: 1, fields, dequeued: { removed: dequeued }, deleted_models: 0, urls: {} };
}

function simple(to: string, timestamp?: string): (body: Body, ctx: HandlerContext) => Promise<Body> {
  return async (body, ctx) => {
    const task = taskById(ctx, body.task);
    const fields = await changeStatus(ctx, task, to, changeFrom(body, timestamp === undefined ? undefined : setTimestamp(timestamp)));
    return { updated: 1, fields };
  };
}

async function publish(body: Body, ctx: HandlerContext): Promise<Body> {
  const task = taskById(ctx, body.task);
  const fields = await changeStatus(ctx, task, 'published', changeFrom(body, setTimestamp('published')));
  const outputs = isObject(task.models) && Array.isArray(task.models.output) ? task.models.output : [];
  const last = outputs[outputs.length - 1];
  const model = isObject(last) && typeof last.model === 'string' ? ctx.state.models[last.model] : undefined;
  if (body.publish_model !== false && model !== undefined) {
    model.ready = true;
    model.last_update = nowIso();
  }
  return { updated: 1, fields };
}

/** Handlers of the task status endpoints. */
export const taskRunHandlers: HandlerTable = {
  'tasks.started': started,
  'tasks.stopped': simple('stopped', 'completed'),
  'tasks.stop': stop,
  'tasks.completed': completed,
  'tasks.failed': simple('failed'),
  'tasks.close': simple('closed'),
  'tasks.publish': publish,
  'tasks.reset': reset,
};
