/**
 * The task status machine (§4.2 of the reference) and compare-and-swap status changes: the status
 * read when the request started must still be the stored one when it is written, else 400/121.
 */
import { Body, HandlerContext } from './context';
import { ApiError, invalidTaskId, invalidTaskStatus } from './errors';
import { touchProject } from './projects';
import { Doc } from './store';
import { nowIso } from './values';

/** Transitions allowed without `force` (same-status changes are always allowed). */
export const ALLOWED_TRANSITIONS: Readonly<Record<string, readonly string[]>> = {
  created: ['queued', 'in_progress'],
  queued: ['created', 'in_progress', 'stopped'],
  in_progress: ['stopped', 'failed', 'created', 'completed'],
  stopped: ['closed', 'created', 'failed', 'queued', 'in_progress', 'published', 'publishing', 'completed'],
  closed: ['created', 'failed', 'published', 'publishing', 'stopped'],
  failed: ['created', 'stopped', 'published', 'queued'],
  completed: ['published', 'in_progress', 'created'],
  publishing: ['published'],
  published: [],
};

/** Throws 400/110 unless `from → to` is allowed (or forced). */
export function checkTransition(from: unknown, to: string, force: boolean): void {
  if (force || from === to || (ALLOWED_TRANSITIONS[String(from)] ?? []).includes(to)) {
    return;
  }
  throw invalidTaskStatus('Invalid status change', { current_status: from, new_status: to });
}

/** Options of one status change. */
export interface StatusChange {
  /** Skip the state machine (still compare-and-swap). @default false */
  readonly force?: boolean;
  /** Skip the state machine entirely, as dequeue and reset do. @default false */
  readonly unchecked?: boolean;
  /** `status_reason` to store. @default '' */
  readonly reason?: unknown;
  /** `status_message` to store. @default '' */
  readonly message?: unknown;
  /** Side effects applied after the swap succeeded; returns extra response fields. */
  readonly apply?: (task: Doc, now: string) => Body;
}

/**
 * Changes the status of `task` to `to`: checks the transition, waits at the status gate, then
 * writes only if the status is still the one read (400/121 otherwise). Returns the changed fields.
 */
export async function changeStatus(ctx: HandlerContext, task: Doc, to: string, change: StatusChange = {}): Promise<Body> {
  const from = task.status;
  if (change.unchecked !== true) {
    checkTransition(from, to, change.force === true);
  }
  await ctx.statusGate.pass();
  if (ctx.state.tasks[task.id] === undefined) {
    throw invalidTaskId(task.id);
  }
  if (task.status !== from) {
    throw new ApiError(400, 121, 'Failed changing task status (probably someone changed it before you)', {
      task_id: task.id, current_status: task.status, new_status: to,
    });
  }
  const now = nowIso();
  const fields: Body = {
    status: to, status_reason: typeof change.reason === 'string' ? change.reason : '',
    status_message: typeof change.message === 'string' ? change.message : '', status_changed: now,
    last_update: now, last_change: now, last_changed_by: ctx.identity.user,
  };
  Object.assign(task, fields);
  touchProject(ctx, task.project);
  return { ...fields, ...(change.apply?.(task, now) ?? {}) };
}

/** Options of a status change taken from a status endpoint's body. */
export function changeFrom(body: Body, apply?: StatusChange['apply']): StatusChange {
  return { force: body.force === true, reason: body.status_reason, message: body.status_message, apply };
}
