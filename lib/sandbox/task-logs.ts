/**
 * Task logs: `log` events sent with `events.add_batch` are kept (in memory, the last 1,000 lines
 * of each task, for the life of the server) and served by `events.get_task_log`, latest first
 * with `navigate_earlier` (the default), as the real server does.
 */
import { Body, HandlerContext, HandlerTable } from './context';
import { eventHandlers } from './events';
import { JSON_LINES_KEY } from './request';
import { isObject } from './values';

const KEPT_PER_TASK = 1000;

const logsByServer = new WeakMap<object, Map<string, Body[]>>();

function logsOf(ctx: HandlerContext): Map<string, Body[]> {
  let logs = logsByServer.get(ctx.scrolls);
  if (logs === undefined) {
    logs = new Map();
    logsByServer.set(ctx.scrolls, logs);
  }
  return logs;
}

function record(body: Body, ctx: HandlerContext): void {
  const events = Array.isArray(body[JSON_LINES_KEY]) ? body[JSON_LINES_KEY] : Array.isArray(body.events) ? body.events : [];
  const logs = logsOf(ctx);
  for (const event of events) {
    if (isObject(event) && event.type === 'log' && typeof event.task === 'string' && ctx.state.tasks[event.task] !== undefined) {
      const lines = logs.get(event.task) ?? [];
      lines.push({ ...event, timestamp: typeof event.timestamp === 'number' ? event.timestamp : Date.now() });
      logs.set(event.task, lines.length > KEPT_PER_TASK ? lines.slice(-KEPT_PER_TASK) : lines);
    }
  }
}

function taskLog(body: Body, ctx: HandlerContext): Body {
  const lines = typeof body.task === 'string' ? logsOf(ctx).get(body.task) ?? [] : [];
  const size = typeof body.batch_size === 'number' && body.batch_size > 0 ? body.batch_size : 500;
  const latestFirst = body.navigate_earlier !== false;
  const ordered = latestFirst ? [...lines].reverse() : lines;
  const events = ordered.slice(0, size);
  return { events, returned: events.length, total: lines.length, scroll_id: null };
}

/** `events.add_batch` (keeping log lines, then the events service's own handling) and `events.get_task_log`. */
export const taskLogHandlers: HandlerTable = {
  'events.add_batch': async (body, ctx) => {
    record(body, ctx);
    return eventHandlers['events.add_batch'](body, ctx);
  },
  'events.get_task_log': taskLog,
};
