/**
 * `events.scalar_metrics_iter_histogram` (what a pipeline controller with metric monitors
 * reads): scalars by title and series. The sandbox keeps no event history, so each series is the
 * one point the task's `last_metrics` holds (its last iteration and value).
 */
import { Body, HandlerContext, HandlerTable, taskById } from './context';
import { isObject } from './values';

function histogram(body: Body, ctx: HandlerContext): Body {
  const task = taskById(ctx, body.task);
  const result: Record<string, Record<string, Body>> = {};
  const metrics = isObject(task.last_metrics) ? task.last_metrics : {};
  for (const variants of Object.values(metrics)) {
    for (const entry of Object.values(isObject(variants) ? variants : {})) {
      if (!isObject(entry) || typeof entry.metric !== 'string' || typeof entry.variant !== 'string') {
        continue;
      }
      const iteration = typeof entry.iter === 'number' ? entry.iter : typeof task.last_iteration === 'number' ? task.last_iteration : 0;
      result[entry.metric] ??= {};
      result[entry.metric][entry.variant] = { name: entry.variant, x: [iteration], y: [entry.value] };
    }
  }
  return result;
}

/** Handlers of the scalar read endpoints. */
export const eventMetricHandlers: HandlerTable = {
  'events.scalar_metrics_iter_histogram': histogram,
};
