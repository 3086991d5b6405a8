/**
 * The `events` service: `add_batch` folds scalars into `last_metrics` (scalar-metrics.ts) and
 * keeps no event itself; the log, event and plot reads answer empty.
 */
import { Body, HandlerContext, HandlerTable } from './context';
import { aggregateScalars } from './scalar-metrics';
import { Doc } from './store';
import { markWritten } from './task-fields';
import { isObject } from './values';

function entityOf(ctx: HandlerContext, event: Doc): Doc | undefined {
  if (event.model_event === true) {
    const id = event.model ?? event.task;
    return typeof id === 'string' ? ctx.state.models[id] : undefined;
  }
  return typeof event.task === 'string' ? ctx.state.tasks[event.task] : undefined;
}

function addBatch(body: Body, ctx: HandlerContext): Body {
  const events = Array.isArray(body.__lines) ? body.__lines : Array.isArray(body.events) ? body.events : [];
  const valid = events.filter(isObject) as Doc[];
  aggregateScalars(valid, (event) => entityOf(ctx, event));
  const touched = new Set(valid.map((e) => e.task).filter((t): t is string => typeof t === 'string'));
  touched.forEach((id) => {
    const task = ctx.state.tasks[id];
    if (task !== undefined) {
      markWritten(ctx, task, false);
    }
  });
  return { added: events.length, errors: 0, errors_info: {} };
}

/** Handlers of the `events` service. */
export const eventHandlers: HandlerTable = {
  'events.add_batch': addBatch,
  'events.get_task_log': () => ({ events: [], returned: 0, total: 0, scroll_id: null }),
  'events.get_task_events': () => ({ events: [], returned: 0, total: 0, scroll_id: null }),
  'events.get_task_plots': () => ({ plots: [], returned: 0, total: 0, scroll_id: null }),
};
