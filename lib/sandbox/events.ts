/**
 * The `events` service, as a sink: `add_batch` counts and keeps nothing; the log, event and plot
 * reads answer empty.
 */
import { Body, HandlerContext, HandlerTable } from './context';
import { markWritten } from './task-fields';

function addBatch(body: Body, ctx: HandlerContext): Body {
  const events = Array.isArray(body.__lines) ? body.__lines : Array.isArray(body.events) ? body.events : [];
  const touched = new Set(events.map((e) => (e as Body)?.task).filter((t): t is string => typeof t === 'string'));
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
