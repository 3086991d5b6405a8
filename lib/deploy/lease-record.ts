/**
 * The deploy lock of one pipeline as the server stores it: a chain of hidden top-level projects
 * named `.cdk-style-lock.<pipeline id>.<generation>`. Project names are unique on a ClearML
 * server, so creating generation n+1 is an atomic "take the lock after n": of two commands that
 * try, exactly one succeeds. The description holds who holds it and whether it was released; it
 * changes at every renewal (so does the server's `last_update`), which is how a waiter tells a
 * live holder from a dead one (lease-watch.ts, no clocks compared). The
 * newest generation is never deleted, only marked released, so a command that saw generation n
 * released and then took n+1 knows nobody wrote in between.
 */
import { randomBytes } from 'node:crypto';
import * as os from 'node:os';
import { escapeRegex } from './name-regex';

/** Prefix of every lock project's name. */
export const LOCK_PROJECT_PREFIX = '.cdk-style-lock.';

/** Who holds a lock: written in the lock project's description as JSON. */
export interface LeaseHolder {
  /** Always `cdk-style`: a project of that name written by anything else is never taken for a lock. */
  readonly tool: 'cdk-style';
  /** `user@host`. */
  readonly owner: string;
  /** Process id of the holder. */
  readonly pid: number;
  /** The command holding it (`deploy`, `destroy`). */
  readonly command: string;
  /** When the lock was taken (ISO 8601, the holder's clock). */
  readonly since: string;
  /** How long after its last renewal the lock is considered abandoned. */
  readonly ttlMs: number;
  /** Random value telling this holding apart from every other one. */
  readonly token: string;
  /** When the holder released it (ISO 8601); absent while held. */
  readonly released?: string;
}

/** A lock project as read back from the server. */
export interface ObservedLock {
  /** Project id. */
  readonly id: string;
  /** Project name. */
  readonly name: string;
  /** Description (the holder's JSON). */
  readonly description?: string;
  /** Last renewal, by the server's clock (shown to users; never compared with this machine's clock). */
  readonly last_update?: string;
}

function encodedId(pipelineId: string): string {
  return pipelineId.replace(/%/g, '%25').replace(/\//g, '%2F');
}

/** The name of generation `generation` of a pipeline's lock (`/` in nested ids kept out of the path). */
export function lockProjectName(pipelineId: string, generation: number): string {
  return `${LOCK_PROJECT_PREFIX}${encodedId(pipelineId)}.${generation}`;
}

/** An anchored regex matching every generation of the locks of `pipelineIds` (MongoDB and JavaScript). */
export function lockNamesRegex(pipelineIds: readonly string[]): string {
  return `^${escapeRegex(LOCK_PROJECT_PREFIX)}(${pipelineIds.map((id) => escapeRegex(encodedId(id))).join('|')})\\.[0-9]+$`;
}

/** The generation of `lock` if it is a lock of `pipelineId`, else undefined. */
export function generationOf(lock: ObservedLock, pipelineId: string): number | undefined {
  const prefix = `${LOCK_PROJECT_PREFIX}${encodedId(pipelineId)}.`;
  const rest = lock.name.startsWith(prefix) ? lock.name.slice(prefix.length) : '';
  return /^[0-9]+$/.test(rest) ? Number(rest) : undefined;
}

/** The newest generation of the lock of `pipelineId` among `locks`, if any. */
export function newestLock(locks: readonly ObservedLock[], pipelineId: string): { lock: ObservedLock; generation: number } | undefined {
  let newest: { lock: ObservedLock; generation: number } | undefined;
  for (const lock of locks) {
    const generation = generationOf(lock, pipelineId);
    if (generation !== undefined && (newest === undefined || generation > newest.generation)) {
      newest = { lock, generation };
    }
  }
  return newest;
}

/** A new holder record for this process. */
export function newHolder(command: string, ttlMs: number): LeaseHolder {
  let user = 'unknown';
  try {
    user = os.userInfo().username;
  } catch {
    // no user database entry (some containers): keep 'unknown'
  }
  return {
    tool: 'cdk-style', owner: `${user}@${os.hostname()}`, pid: process.pid, command, since: new Date().toISOString(),
    ttlMs, token: randomBytes(12).toString('hex'),
  };
}

/** The holder recorded in a lock project, or undefined when its description is not one of ours. */
export function holderOf(lock: ObservedLock): LeaseHolder | undefined {
  try {
    const parsed = JSON.parse(lock.description ?? '') as Partial<LeaseHolder>;
    return parsed.tool === 'cdk-style' && typeof parsed.token === 'string' && typeof parsed.ttlMs === 'number'
      ? parsed as LeaseHolder : undefined;
  } catch {
    return undefined;
  }
}

/** True when the lock was released by its holder. */
export function isReleased(lock: ObservedLock): boolean {
  return holderOf(lock)?.released !== undefined;
}

/** "alice@laptop, pid 4242 (deploy), since …, last renewed … (server time)" */
export function describeHolder(lock: ObservedLock): string {
  const holder = holderOf(lock);
  if (holder === undefined) {
    return `an unknown holder (project '${lock.name}' does not describe one)`;
  }
  const renewed = lock.last_update === undefined ? '' : `, last renewed ${lock.last_update} (server time)`;
  return `${holder.owner}, pid ${holder.pid} (${holder.command}), since ${holder.since}${renewed}`;
}
