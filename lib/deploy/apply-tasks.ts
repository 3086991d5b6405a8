/**
 * Task writes of apply: create with one `tasks.create` (re-reading by identity tag when the
 * outcome is unknown, never blindly repeating it), edit only the changed fields, archive or
 * release what is no longer wanted.
 */
import { renderCreateBody, renderFieldsBody } from '../clearml/render';
import { OWNERSHIP_TAG_PREFIX, TaskSpec, identityTag } from '../manifest/schema';
import { DeployClient, isOutcomeUnknown } from './client';
import { changedFields, compareTask } from './compare';
import { observeTasksByTag, ObservedTask } from './observe';

/** How many times a create whose outcome stays unknown is re-read and tried again. */
const MAX_CREATE_ATTEMPTS = 5;

/** Statuses in which archiving would stop or dequeue a task: such tasks are released instead. */
const ACTIVE_STATUSES = new Set(['queued', 'in_progress']);

/** Result of {@link createTask}. */
export interface CreatedTask {
  /** Id of the task. */
  readonly id: string;
  /** True when an earlier attempt turned out to have succeeded and its task was adopted. */
  readonly adopted: boolean;
}

/**
 * Finds a live, editable, parentless task carrying the identity tag of `logicalId`, other than
 * `excludeId` (the task being replaced).
 */
export async function findCreatedByIdentity(client: DeployClient, logicalId: string, excludeId?: string): Promise<ObservedTask | undefined> {
  const found = await observeTasksByTag(client, [identityTag(logicalId)]);
  return found.find((t) => t.status === 'created' && t.id !== excludeId);
}

/**
 * Creates `spec` in project `projectId` with a single `tasks.create`. When the outcome is
 * unknown, re-reads by identity tag: adopts the task if it was created, else tries again.
 */
export async function createTask(
  client: DeployClient, spec: TaskSpec, projectId: string, logicalId: string, excludeId?: string,
): Promise<CreatedTask> {
  for (let attempt = 1; ; attempt++) {
    try {
      const { id } = await client.call<{ id: string }>('tasks.create', renderCreateBody(spec, projectId));
      return { id, adopted: false };
    } catch (error) {
      if (!isOutcomeUnknown(error) || attempt >= MAX_CREATE_ATTEMPTS) {
        throw error;
      }
    }
    const existing = await findCreatedByIdentity(client, logicalId, excludeId);
    if (existing !== undefined) {
      return { id: existing.id, adopted: true };
    }
  }
}

/**
 * Brings the existing task `live` to `spec` with one `tasks.edit` of the changed top-level
 * fields (whole values). Returns false, sending nothing, when it already matches.
 */
export async function editTask(client: DeployClient, spec: TaskSpec, live: ObservedTask, projectId: string): Promise<boolean> {
  const fields = changedFields(compareTask(spec, live, projectId));
  if (fields.length === 0) {
    return false;
  }
  const body = { task: live.id, ...renderFieldsBody(spec, fields, projectId) };
  await client.call('tasks.edit', body, { idempotent: true });
  return true;
}

/** What {@link retireTasks} did to each task. */
export interface RetiredTasks {
  /** Archived task ids. */
  readonly archived: string[];
  /** Ids of running or queued tasks whose ownership tags were removed instead (archiving would stop them). */
  readonly released: string[];
}

function withoutOwnershipTags(tags: readonly string[] | undefined): string[] {
  return (tags ?? []).filter((t) => !t.startsWith(`${OWNERSHIP_TAG_PREFIX}:`));
}

/**
 * Archives `tasks` with `tasks.archive_many` (pages of 500), never deleting. Queued or running
 * ones are released instead: their ownership tags are removed with `tasks.update`, so they run
 * to the end and deploy forgets them.
 */
export async function retireTasks(client: DeployClient, tasks: readonly ObservedTask[]): Promise<RetiredTasks> {
  const active = tasks.filter((t) => ACTIVE_STATUSES.has(t.status));
  const idle = tasks.filter((t) => !ACTIVE_STATUSES.has(t.status)).map((t) => t.id);
  for (let start = 0; start < idle.length; start += 500) {
    const ids = idle.slice(start, start + 500);
    await client.call('tasks.archive_many', { ids, status_reason: 'archived by cdk-style deploy' }, { idempotent: true });
  }
  for (const task of active) {
    await client.call('tasks.update', { task: task.id, system_tags: withoutOwnershipTags(task.system_tags) }, { idempotent: true });
  }
  return { archived: idle, released: active.map((t) => t.id) };
}
