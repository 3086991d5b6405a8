/**
 * What every endpoint handler receives, and the lookups and argument checks they share.
 */
import { Identity } from './auth';
import { ApiError, invalidProjectId, invalidQueueId, invalidTaskId, validationError } from './errors';
import { ScrollRegistry } from './query';
import { StatusGate } from './status-gate';
import { Doc, SandboxState } from './store';

/** The context of one request. */
export interface HandlerContext {
  /** The whole state (handlers mutate it in place). */
  readonly state: SandboxState;
  /** The caller. */
  readonly identity: Identity;
  /** Open `get_all` scrolls. */
  readonly scrolls: ScrollRegistry;
  /** Gate between the read and the write of status changes. */
  readonly statusGate: StatusGate;
  /** The `X-ClearML-Worker` header, when sent. */
  readonly worker?: string;
}

/** The request body: JSON object merged with query arguments. */
export type Body = Record<string, unknown>;

/** An endpoint implementation; returns the envelope's `data`. */
export type Handler = (body: Body, ctx: HandlerContext) => unknown;

/** Handlers by `service.action`. */
export type HandlerTable = Record<string, Handler>;

/** A required string field, or 400/12. */
export function requireString(body: Body, field: string): string {
  const value = body[field];
  if (typeof value !== 'string' || value === '') {
    throw validationError(`field ${field} is required`, { field });
  }
  return value;
}

/** A required non-empty list, or 400/12. */
export function requireList(body: Body, field: string): unknown[] {
  const value = body[field];
  if (!Array.isArray(value) || value.length === 0) {
    throw validationError(`field ${field} must be a non-empty list`, { field });
  }
  return value;
}

/** The document with this id in `collection`, or the error `missing` makes. */
function byId(collection: Record<string, Doc>, id: unknown, missing: (id: unknown) => ApiError): Doc {
  const doc = typeof id === 'string' ? collection[id] : undefined;
  if (doc === undefined) {
    throw missing(id);
  }
  return doc;
}

/** The task with this id, or 400/101. */
export function taskById(ctx: HandlerContext, id: unknown): Doc {
  return byId(ctx.state.tasks, id, invalidTaskId);
}

/** The project with this id, or 400/401. */
export function projectById(ctx: HandlerContext, id: unknown): Doc {
  return byId(ctx.state.projects, id, invalidProjectId);
}

/** The queue with this id, or 400/701. */
export function queueById(ctx: HandlerContext, id: unknown): Doc {
  return byId(ctx.state.queues, id, invalidQueueId);
}

/** The model with this id, or 400/201. */
export function modelById(ctx: HandlerContext, id: unknown): Doc {
  return byId(ctx.state.models, id, (missing) => new ApiError(400, 201, 'Invalid model id', { id: missing }));
}

/** Checks tags: any string not starting with `__$` (400/16), returned sorted. */
export function checkedTags(value: unknown, field: string): string[] | undefined {
  if (value === undefined || value === null) {
    return undefined;
  }
  const tags = (Array.isArray(value) ? value : [value]).map(String);
  const bad = tags.find((t) => t.startsWith('__$'));
  if (bad !== undefined) {
    throw new ApiError(400, 16, 'Invalid value for fields (tags may not start with __$)', { field, tag: bad });
  }
  return tags.sort();
}
