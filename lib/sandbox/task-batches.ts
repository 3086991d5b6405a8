/**
 * Batch (`*_many`) forms of single-task endpoints: each id runs the single endpoint with the
 * request's options, failures are reported per item.
 */
import { runBatch } from './batch';
import { Body, Handler, HandlerTable } from './context';
import { taskQueueHandlers } from './task-queue';
import { taskRunHandlers } from './task-run';

function batchOf(single: Handler): Handler {
  return (body, ctx) => runBatch(body, async (id) => (await single({ ...body, task: id }, ctx)) as Body);
}

/** Handlers of the batch task endpoints built from single ones. */
export const taskBatchHandlers: HandlerTable = {
  'tasks.enqueue_many': batchOf(taskQueueHandlers['tasks.enqueue']),
  'tasks.dequeue_many': batchOf(taskQueueHandlers['tasks.dequeue']),
  'tasks.stop_many': batchOf(taskRunHandlers['tasks.stop']),
  'tasks.reset_many': batchOf(taskRunHandlers['tasks.reset']),
  'tasks.publish_many': batchOf(taskRunHandlers['tasks.publish']),
};
