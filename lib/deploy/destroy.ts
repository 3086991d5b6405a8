/**
 * Destroy: archives every live object deploy owns for the given pipelines (found by their
 * ownership tags only). Never deletes; queued or running tasks are released instead of stopped.
 */
import { pipelineTag } from '../manifest/schema';
import { codeUnitOrder } from '../manifest/serialize';
import { retireFailedError, retireTasks } from './apply-tasks';
import { DeployError } from './errors';
import { DeployClient } from './client';
import { ApplyEvent } from './events';
import { LeaseOptions, withLease } from './lease';
import { observeTasksByTag, ObservedTask } from './observe';
import { logicalIdOf } from './plan';

/** Lists the live tasks owned by `pipelineIds` (what {@link destroy} would archive). */
export async function ownedTasks(client: DeployClient, pipelineIds: readonly string[]): Promise<ObservedTask[]> {
  const tags = [...new Set(pipelineIds)].sort().map(pipelineTag);
  const tasks = await observeTasksByTag(client, tags);
  return tasks.sort((a, b) => codeUnitOrder(logicalIdOf(a), logicalIdOf(b)) || codeUnitOrder(a.id, b.id));
}

/** Options of {@link destroy}. */
export interface DestroyOptions {
  /**
   * Asked with the tasks about to be archived (only when there are some); false cancels.
   * @default no confirmation
   */
  readonly confirm?: (tasks: readonly ObservedTask[]) => Promise<boolean>;
  /**
   * How the pipelines' deploy locks are taken (destroy writes, so it holds them like deploy).
   * @default a 60 s time to live, waiting up to 10 minutes for a live holder
   */
  readonly lease?: LeaseOptions;
  /**
   * Told of each task as soon as the server confirmed its archive (or release), before the
   * command ends.
   * @default no progress
   */
  readonly onEvent?: (event: ApplyEvent) => void;
}

/**
 * Archives what deploy owns for `pipelineIds` and reports one event per task (none when
 * cancelled). The confirmation sees the tasks as first read; the archive, under the pipelines'
 * deploy locks, reads them again so a deploy that finished meanwhile loses nothing it made.
 */
export async function destroy(client: DeployClient, pipelineIds: readonly string[], options: DestroyOptions = {}): Promise<ApplyEvent[]> {
  const tasks = await ownedTasks(client, pipelineIds);
  if (tasks.length === 0 || (options.confirm !== undefined && !(await options.confirm(tasks)))) {
    return [];
  }
  return withLease(client, pipelineIds, undefined, { command: 'destroy', ...options.lease }, async (locked) => {
    const current = await ownedTasks(locked, pipelineIds);
    const { archived, released, failed } = await retireTasks(locked, current, (task, outcome) => options.onEvent?.(retiredEvent(task, outcome)));
    if (failed.length > 0) {
      const done = archived.length + released.length;
      throw new DeployError('ArchiveFailed', `${retireFailedError(failed).message}${done > 0 ? ` The other ${done} task(s) were archived or released.` : ''}`);
    }
    return current.map((t) => retiredEvent(t, released.includes(t.id) ? 'released' : 'archived'));
  });
}

function retiredEvent(task: ObservedTask, outcome: 'archived' | 'released'): ApplyEvent {
  return {
    object: 'task', outcome, name: task.name, id: task.id,
    logicalId: logicalIdOf(task), pipelineId: pipelineIdOf(task), projectId: task.project, role: task.type === 'controller' ? 'controller' : 'step',
  };
}

function pipelineIdOf(task: ObservedTask): string | undefined {
  const prefix = pipelineTag('');
  return (task.system_tags ?? []).find((t) => t.startsWith(prefix))?.slice(prefix.length);
}
