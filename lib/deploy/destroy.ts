/**
 * Destroy: archives every live object deploy owns for the given pipelines (found by their
 * ownership tags only). Never deletes; queued or running tasks are released instead of stopped.
 */
import { pipelineTag } from '../manifest/schema';
import { codeUnitOrder } from '../manifest/serialize';
import { retireTasks } from './apply-tasks';
import { DeployClient } from './client';
import { ApplyEvent } from './events';
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
}

/** Archives what deploy owns for `pipelineIds` and reports one event per task (none when cancelled). */
export async function destroy(client: DeployClient, pipelineIds: readonly string[], options: DestroyOptions = {}): Promise<ApplyEvent[]> {
  const tasks = await ownedTasks(client, pipelineIds);
  if (tasks.length === 0 || (options.confirm !== undefined && !(await options.confirm(tasks)))) {
    return [];
  }
  const { released } = await retireTasks(client, tasks);
  return tasks.map((t): ApplyEvent => ({
    object: 'task', outcome: released.includes(t.id) ? 'released' : 'archived', name: t.name, id: t.id,
    logicalId: logicalIdOf(t), pipelineId: pipelineIdOf(t), projectId: t.project,
  }));
}

function pipelineIdOf(task: ObservedTask): string | undefined {
  const prefix = pipelineTag('');
  return (task.system_tags ?? []).find((t) => t.startsWith(prefix))?.slice(prefix.length);
}
