/**
 * Which ClearML endpoints may be repeated after a transport failure without changing the outcome.
 * Anything not known to be safe is treated as unsafe: a failed unsafe call reports "outcome
 * unknown" instead of being retried.
 */

/** Writes whose repetition leaves the server in the same state (last-writer-wins field writes). */
const IDEMPOTENT_WRITES: ReadonlySet<string> = new Set([
  'tasks.edit',
  'tasks.update',
  'tasks.archive',
  'tasks.archive_many',
  'tasks.unarchive_many',
  'tasks.edit_hyper_params',
  'tasks.edit_configuration',
  'tasks.delete_hyper_params',
  'tasks.delete_configuration',
  'tasks.set_requirements',
  'tasks.reset',
  'projects.update',
  'queues.update',
  'server.info',
]);

/** Action names (after the dot) that only read. */
const READ_ACTION = /^(get_\w*|info|login)$/;

/**
 * True when `endpoint` (`service.action`) is a read or a known idempotent write, so the client may
 * retry it. Creates, clones, enqueues, pipeline starts and deletes are not.
 */
export function isIdempotentEndpoint(endpoint: string): boolean {
  if (IDEMPOTENT_WRITES.has(endpoint)) {
    return true;
  }
  const action = endpoint.slice(endpoint.indexOf('.') + 1);
  return READ_ACTION.test(action);
}
