/**
 * Task writes of apply: create with one `tasks.create` (re-reading by identity tag when the
 * outcome is unknown, never blindly repeating it), edit only the changed fields, archive or
 * release what is no longer wanted.
 */
import { renderCreateBody, renderFieldsBody } from '../clearml/render';
import { OWNERSHIP_TAG_PREFIX, TaskSpec, identityTag } from '../manifest/schema';
import { DeployClient, isOutcomeUnknown } from './client';
import { changedFields, compareTask } from './compare';
import { DeployError } from './errors';
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
  const { updated } = await client.call<{ updated?: number }>('tasks.edit', body, { idempotent: true });
  if (updated === 0) {
    throw new DeployError('EditNotApplied', `The server answered tasks.edit of task '${live.name}' (${live.id}) with 'updated: 0': `
      + `it did not apply the change to ${fields.join(', ')}. The task may have been deleted or changed meanwhile; run the deploy again.`);
  }
  return true;
}

/** What {@link retireTasks} did to each task. */
export interface RetiredTasks {
  /** Archived task ids. */
  readonly archived: string[];
  /** Ids of running or queued tasks whose ownership tags were removed instead (archiving would stop them). */
  readonly released: string[];
  /** Tasks the server refused to archive or release, with its reason. */
  readonly failed: RetireFailure[];
}

/** A task the server did not archive or release. */
export interface RetireFailure {
  /** The task. */
  readonly task: ObservedTask;
  /** The server's reason (message and result codes). */
  readonly reason: string;
}

interface ArchiveManyAnswer {
  readonly succeeded?: { id: string }[];
  readonly failed?: { id: string; error?: { codes?: number[]; msg?: string } }[];
}

function withoutOwnershipTags(tags: readonly string[] | undefined): string[] {
  return (tags ?? []).filter((t) => !t.startsWith(`${OWNERSHIP_TAG_PREFIX}:`));
}

async function archivePage(client: DeployClient, tasks: readonly ObservedTask[]): Promise<{ archived: string[]; failed: RetireFailure[] }> {
  const answer = await client.call<ArchiveManyAnswer>('tasks.archive_many', { ids: tasks.map((t) => t.id), status_reason: 'archived by cdk-style deploy' }, { idempotent: true });
  const byId = new Map(tasks.map((t) => [t.id, t]));
  const failed = (answer.failed ?? []).map((f): RetireFailure => ({
    task: byId.get(f.id) ?? ({ id: f.id, name: f.id, type: '', status: '' } as ObservedTask),
    reason: `${f.error?.msg ?? 'no reason given'}${f.error?.codes !== undefined ? ` (${f.error.codes.join('/')})` : ''}`,
  }));
  const succeeded = new Set((answer.succeeded ?? []).map((s) => s.id));
  const unanswered = tasks.filter((t) => !succeeded.has(t.id) && !failed.some((f) => f.task.id === t.id));
  failed.push(...unanswered.map((task) => ({ task, reason: 'the server reported neither success nor failure for it' })));
  return { archived: tasks.filter((t) => succeeded.has(t.id)).map((t) => t.id), failed };
}

async function release(client: DeployClient, task: ObservedTask): Promise<RetireFailure | undefined> {
  const { updated } = await client.call<{ updated?: number }>('tasks.update', { task: task.id, system_tags: withoutOwnershipTags(task.system_tags) }, { idempotent: true });
  return updated === 0 ? { task, reason: "tasks.update answered 'updated: 0'" } : undefined;
}

/**
 * Archives `tasks` with `tasks.archive_many` (pages of 500), never deleting. Queued or running
 * ones are released instead: their ownership tags are removed with `tasks.update`, so they run
 * to the end and deploy forgets them. Only what the server confirms counts as done; every other
 * task is returned in `failed` with the server's reason. `onRetired` hears of each task as soon as
 * the server confirmed it (a command interrupted half-way can list what was done).
 */
export async function retireTasks(
  client: DeployClient, tasks: readonly ObservedTask[], onRetired: (task: ObservedTask, outcome: 'archived' | 'released') => void = () => undefined,
): Promise<RetiredTasks> {
  const active = tasks.filter((t) => ACTIVE_STATUSES.has(t.status));
  const idle = tasks.filter((t) => !ACTIVE_STATUSES.has(t.status));
  const archived: string[] = [];
  const failed: RetireFailure[] = [];
  for (let start = 0; start < idle.length; start += 500) {
    const page = await archivePage(client, idle.slice(start, start + 500));
    archived.push(...page.archived);
    idle.filter((t) => page.archived.includes(t.id)).forEach((t) => onRetired(t, 'archived'));
    failed.push(...page.failed);
  }
  const released: string[] = [];
  for (const task of active) {
    const failure = await release(client, task);
    if (failure === undefined) {
      released.push(task.id);
      onRetired(task, 'released');
    } else {
      failed.push(failure);
    }
  }
  return { archived, released, failed };
}

/** The error for tasks the server refused to archive or release (after the others were reported). */
export function retireFailedError(failed: readonly RetireFailure[]): DeployError {
  const lines = failed.map((f) => `  ${f.task.name} (${f.task.id}): ${f.reason}`);
  return new DeployError('ArchiveFailed', `The server did not archive ${failed.length} task(s):\n${lines.join('\n')}\n`
    + 'Those tasks are unchanged. Fix the cause (for example archive them in the web UI), then run the command again.');
}
