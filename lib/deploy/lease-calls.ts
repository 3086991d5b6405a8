/**
 * The API calls behind deploy locks: read a pipeline's lock chain, create its next generation,
 * mark a generation released, delete an old one.
 */
import { apiErrorCodes, DeployClient, isOutcomeUnknown } from './client';
import { generationOf, holderOf, LeaseHolder, lockNamesRegex, lockProjectName, ObservedLock } from './lease-record';

/** One lock held by this process. */
export interface HeldLock {
  /** The pipeline it locks. */
  readonly pipelineId: string;
  /** Id of the lock project. */
  readonly id: string;
  /** Its generation. */
  readonly generation: number;
  /** Ids of the older generations seen when it was taken (deleted once it is released). */
  readonly olderIds: readonly string[];
  /** When the call that created or last renewed it was sent, on this process's monotonic clock. */
  readonly renewedAt: number;
}

const LOCK_FIELDS = ['id', 'name', 'description', 'last_update'];

/** Reads every generation of the locks of `pipelineIds`. */
export async function readLocks(client: DeployClient, pipelineIds: readonly string[]): Promise<ObservedLock[]> {
  const body = { name: lockNamesRegex(pipelineIds), search_hidden: true, only_fields: LOCK_FIELDS };
  return client.getAll<ObservedLock>('projects.get_all', body, 'projects');
}

function isNameTaken(error: unknown): boolean {
  return apiErrorCodes(error)?.subcode === 801;
}

/**
 * Creates generation `generation` of the lock; undefined when another command created it first.
 * An unknown outcome is resolved by reading the lock back and looking for this holder's token.
 */
export async function tryTake(client: DeployClient, lock: { pipelineId: string; generation: number; sentAt: number }, holder: LeaseHolder, seen: readonly ObservedLock[]): Promise<HeldLock | undefined> {
  const { pipelineId, generation, sentAt } = lock;
  const name = lockProjectName(pipelineId, generation);
  const olderIds = seen.filter((l) => (generationOf(l, pipelineId) ?? Infinity) < generation).map((l) => l.id);
  try {
    const { id } = await client.call<{ id: string }>('projects.create', { name, description: JSON.stringify(holder), system_tags: ['hidden'] });
    return { pipelineId, id, generation, olderIds, renewedAt: sentAt };
  } catch (error) {
    if (!isNameTaken(error) && !isOutcomeUnknown(error)) {
      throw error;
    }
  }
  const mine = (await readLocks(client, [pipelineId])).find((l) => l.name === name && holderOf(l)?.token === holder.token);
  return mine === undefined ? undefined : { pipelineId, id: mine.id, generation, olderIds, renewedAt: sentAt };
}

/** Renewals sent by this process: each one writes a description no earlier renewal wrote. */
let renewalsSent = 0;

/**
 * Renews a held lock: rewrites its description with a new renewal number, which is the marker
 * waiters watch. Resolves false when the lock is gone (broken with --force-unlock, or taken over
 * and deleted); throws on other failures.
 */
export async function renewLock(client: DeployClient, lock: HeldLock, holder: LeaseHolder): Promise<boolean> {
  renewalsSent += 1;
  const description = JSON.stringify({ ...holder, renewed: new Date().toISOString(), renewal: renewalsSent });
  try {
    await client.call('projects.update', { project: lock.id, description }, { idempotent: true });
    return true;
  } catch (error) {
    if (apiErrorCodes(error)?.subcode === 401) {
      return false;
    }
    throw error;
  }
}

/** Marks a held lock released (the next command may take the next generation). */
export async function markReleased(client: DeployClient, lock: HeldLock, holder: LeaseHolder): Promise<void> {
  const description = JSON.stringify({ ...holder, released: new Date().toISOString() });
  await client.call('projects.update', { project: lock.id, description }, { idempotent: true });
}

/** Deletes a lock project (an old generation); one that is already gone is fine. */
export async function deleteLock(client: DeployClient, id: string): Promise<void> {
  try {
    await client.call('projects.delete', { project: id }, { idempotent: true });
  } catch (error) {
    if (apiErrorCodes(error)?.subcode !== 401) {
      throw error;
    }
  }
}

/**
 * Deletes the older generations seen when the locks were taken: a holder that was broken or taken
 * over then fails its next renewal and stops before writing more.
 */
export async function deleteOlderGenerations(client: DeployClient, held: readonly HeldLock[]): Promise<void> {
  await Promise.all(held.flatMap((h) => h.olderIds).map((id) => deleteLock(client, id)));
}
