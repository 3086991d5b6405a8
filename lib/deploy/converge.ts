/**
 * The last step of a deploy that wrote: read the pipelines' owned tasks back and archive every
 * live task that carries the identity of a declared step or controller but is not the one this
 * deploy kept (a create of a killed deploy that landed late, for example). The deploy holds the
 * pipelines' locks, so nothing else may legitimately have made such a task.
 */
import { PipelineManifest, pipelineTag } from '../manifest/schema';
import { AppliedPipeline } from './apply';
import { retireFailedError, retireTasks } from './apply-tasks';
import { DeployClient } from './client';
import { ApplyEvent } from './events';
import { observeTasksByTag, ObservedTask } from './observe';
import { logicalIdOf } from './plan';

function keptIds(applied: readonly AppliedPipeline[]): Set<string> {
  return new Set(applied.flatMap((p) => [p.controllerId, ...Object.values(p.draftIds)]));
}

function declaredIds(pipelines: readonly PipelineManifest[]): Set<string> {
  return new Set(pipelines.flatMap((p) => [p.controller.id, ...Object.values(p.steps).map((s) => s.id)]));
}

/** Tasks that duplicate a kept one: same declared identity, another id. */
export function strayDuplicates(tasks: readonly ObservedTask[], pipelines: readonly PipelineManifest[], applied: readonly AppliedPipeline[]): ObservedTask[] {
  const kept = keptIds(applied);
  const declared = declaredIds(pipelines);
  return tasks.filter((t) => !kept.has(t.id) && declared.has(logicalIdOf(t)));
}

/** Archives the stray duplicates of what apply kept and returns one event for each. */
export async function archiveStrayDuplicates(client: DeployClient, pipelines: readonly PipelineManifest[], applied: readonly AppliedPipeline[]): Promise<ApplyEvent[]> {
  const owned = await observeTasksByTag(client, [...new Set(pipelines.map((p) => pipelineTag(p.id)))].sort());
  const strays = strayDuplicates(owned, pipelines, applied);
  if (strays.length === 0) {
    return [];
  }
  const { archived, released, failed } = await retireTasks(client, strays);
  if (failed.length > 0) {
    throw retireFailedError(failed);
  }
  const pipelineOf = new Map(pipelines.map((p) => [pipelineTag(p.id), p.id]));
  return strays.filter((t) => archived.includes(t.id) || released.includes(t.id)).map((t): ApplyEvent => ({
    object: 'task', outcome: released.includes(t.id) ? 'released' : 'archived', name: t.name, id: t.id, role: 'duplicate',
    logicalId: logicalIdOf(t), projectId: t.project,
    pipelineId: (t.system_tags ?? []).map((tag) => pipelineOf.get(tag)).find((id) => id !== undefined),
  }));
}
