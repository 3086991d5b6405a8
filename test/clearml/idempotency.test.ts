/**
 * Which endpoints the client retries after a failure that may have reached the server.
 */
import { isIdempotentEndpoint } from '../../lib/clearml/idempotency';

test.each(['tasks.get_all', 'tasks.get_by_id', 'projects.get_all', 'queues.get_default', 'tasks.get_hyper_params', 'server.info', 'auth.login',
  'tasks.edit', 'tasks.update', 'tasks.archive', 'tasks.archive_many', 'tasks.unarchive_many', 'tasks.edit_hyper_params', 'tasks.edit_configuration', 'projects.update'])(
  '%s is retried', (endpoint) => {
    expect(isIdempotentEndpoint(endpoint)).toBe(true);
  });

test.each(['tasks.create', 'projects.create', 'tasks.clone', 'tasks.enqueue', 'pipelines.start_pipeline', 'queues.create', 'tasks.delete', 'tasks.dequeue', 'events.add_batch', 'tasks.unknown_action'])(
  '%s is never retried blindly', (endpoint) => {
    expect(isIdempotentEndpoint(endpoint)).toBe(false);
  });
