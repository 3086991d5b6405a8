/**
 * Every endpoint the sandbox serves, by `service.action`, and which of them only read.
 */
import { HandlerTable } from './context';
import { eventMetricHandlers } from './event-metrics';
import { eventHandlers } from './events';
import { modelEditHandlers } from './model-edits';
import { modelHandlers } from './models';
import { pipelineHandlers } from './pipelines';
import { projectHandlers } from './projects';
import { queueHandlers } from './queues';
import { taskArchiveHandlers } from './task-archive';
import { taskBatchHandlers } from './task-batches';
import { taskOutputHandlers } from './task-outputs';
import { taskParamHandlers } from './task-params';
import { taskQueueHandlers } from './task-queue';
import { taskRunHandlers } from './task-run';
import { taskLogHandlers } from './task-logs';
import { taskHandlers } from './tasks';
import { userHandlers } from './users';
import { workerHandlers } from './workers';

/** Handlers of every authenticated endpoint except `auth.*`. */
export const HANDLERS: HandlerTable = {
  ...projectHandlers, ...taskHandlers, ...taskQueueHandlers, ...taskRunHandlers, ...taskArchiveHandlers,
  ...taskParamHandlers, ...taskOutputHandlers, ...taskBatchHandlers, ...queueHandlers, ...modelHandlers,
  ...pipelineHandlers, ...eventHandlers, ...userHandlers, ...modelEditHandlers, ...workerHandlers, ...eventMetricHandlers, ...taskLogHandlers,
  'tasks.get_all_ex': taskHandlers['tasks.get_all'],
  'projects.get_all_ex': projectHandlers['projects.get_all'],
  'queues.get_all_ex': queueHandlers['queues.get_all'],
};

const READ_ONLY = /^(server\.info|debug\.ping|auth\.login|tasks\.validate|[a-z_]+\.get_(?!next_task)[a-z_]+)$/;

/** True when `endpoint` never changes the state (so nothing needs persisting). */
export function isReadOnly(endpoint: string): boolean {
  return READ_ONLY.test(endpoint);
}
