/**
 * The `workers` service: agents register, report status and show up in `workers.get_all`, as on
 * a real server. Workers live in memory only (a real server keeps them in Redis with a timeout).
 */
import { Body, HandlerContext, HandlerTable, requireString } from './context';
import { ApiError } from './errors';
import { isObject, nowIso } from './values';

/** One registered worker. */
interface WorkerEntry {
  id: string;
  user: { id: string; name: string };
  company: { id: string };
  register_time: string;
  last_activity_time: string;
  last_report_time?: string;
  timeout: number;
  tags: string[];
  queues: string[];
  task?: { id: string; name?: string };
}

/** The workers of one sandbox server. */
export type WorkerRegistry = Map<string, WorkerEntry>;

const registries = new WeakMap<object, WorkerRegistry>();

/** The registry of the server owning `owner` (created on first use). */
export function workerRegistry(owner: object): WorkerRegistry {
  let registry = registries.get(owner);
  if (registry === undefined) {
    registry = new Map();
    registries.set(owner, registry);
  }
  return registry;
}

function registryOf(ctx: HandlerContext): WorkerRegistry {
  return workerRegistry(ctx.scrolls);
}

function alive(entry: WorkerEntry): boolean {
  return Date.now() - Date.parse(entry.last_activity_time) <= entry.timeout * 1000;
}

function register(body: Body, ctx: HandlerContext): Body {
  const id = requireString(body, 'worker');
  const now = nowIso();
  const queues = Array.isArray(body.queues) ? body.queues.map(String) : [];
  registryOf(ctx).set(id, {
    id, user: { id: ctx.identity.user, name: ctx.identity.user_name }, company: { id: ctx.identity.company }, register_time: now,
    last_activity_time: now, timeout: typeof body.timeout === 'number' && body.timeout > 0 ? body.timeout : 600,
    tags: Array.isArray(body.tags) ? body.tags.map(String) : [], queues,
  });
  return {};
}

function statusReport(body: Body, ctx: HandlerContext): Body {
  const id = requireString(body, 'worker');
  const entry = registryOf(ctx).get(id);
  if (entry === undefined) {
    throw new ApiError(400, 1001, 'Unknown worker', { worker: id });
  }
  const now = nowIso();
  entry.last_activity_time = now;
  entry.last_report_time = now;
  const taskId = typeof body.task === 'string' && body.task !== '' ? body.task : undefined;
  const task = taskId === undefined ? undefined : ctx.state.tasks[taskId];
  entry.task = taskId === undefined ? undefined : { id: taskId, name: typeof task?.name === 'string' ? task.name : undefined };
  if (typeof body.queue === 'string' && !entry.queues.includes(body.queue)) {
    entry.queues.push(body.queue);
  }
  return {};
}

function queueRef(ctx: HandlerContext, id: string): Body {
  const queue = ctx.state.queues[id];
  return { id, name: isObject(queue) ? queue.name : undefined };
}

function getAll(body: Body, ctx: HandlerContext): Body {
  const since = typeof body.last_seen === 'number' ? body.last_seen : undefined;
  const workers = [...registryOf(ctx).values()].filter((w) => alive(w) && (since === undefined || Date.now() - Date.parse(w.last_activity_time) <= since * 1000));
  return {
    workers: workers.map((w) => ({
      ...w, key: `worker_${w.id}`, queues: w.queues.map((q) => queueRef(ctx, q)), queue: w.queues[0] !== undefined ? queueRef(ctx, w.queues[0]) : undefined,
    })),
  };
}

/** Handlers of the `workers` service. */
export const workerHandlers: HandlerTable = {
  'workers.register': register,
  'workers.unregister': (body, ctx) => {
    registryOf(ctx).delete(requireString(body, 'worker'));
    return {};
  },
  'workers.status_report': statusReport,
  'workers.get_all': getAll,
};
