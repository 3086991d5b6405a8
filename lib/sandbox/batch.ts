/**
 * The `*_many` batch response: per-item success and failure, HTTP 200 overall.
 */
import { Body, requireList } from './context';
import { ApiError } from './errors';

/** Runs `each` for every id of `body.ids` (400/12 when empty); failures are reported per item. */
export async function runBatch(body: Body, each: (id: string) => Promise<Body> | Body): Promise<Body> {
  const ids = requireList(body, 'ids').map(String);
  const succeeded: Body[] = [];
  const failed: Body[] = [];
  for (const id of ids) {
    try {
      succeeded.push({ id, ...(await each(id)) });
    } catch (error) {
      if (!(error instanceof ApiError)) {
        throw error;
      }
      failed.push({ id, error: { codes: [error.status, error.subcode], msg: error.message, data: error.data } });
    }
  }
  return { succeeded, failed };
}
