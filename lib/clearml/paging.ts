/**
 * Reading every row of a `*.get_all` endpoint page by page (`page` / `page_size`), since the
 * server returns at most 500 rows per call.
 */
import { CdkStyleError } from '../base/errors';

/** Rows per page: the server's maximum and default `page_size`. */
export const PAGE_SIZE = 500;

/** Safety stop: a server that ignores `page` would otherwise be read forever. */
const MAX_PAGES = 10_000;

/** Calls `endpoint` with `body` and returns the envelope's `data`. */
export type DataCall = (endpoint: string, body: Record<string, unknown>) => Promise<unknown>;

/** Reads `data[key]` of one page, checking that it is a list. */
function rowsOf<T>(data: unknown, endpoint: string, key: string): T[] {
  const rows = (data as Record<string, unknown> | undefined)?.[key];
  if (!Array.isArray(rows)) {
    throw new CdkStyleError('UnexpectedAnswer', `${endpoint} answered without a '${key}' list; check the key passed to getAll`);
  }
  return rows as T[];
}

/** Calls `endpoint` page after page until a page is shorter than {@link PAGE_SIZE}; returns every row. */
export async function readAllPages<T>(call: DataCall, endpoint: string, body: Record<string, unknown>, key: string): Promise<T[]> {
  const all: T[] = [];
  for (let page = 0; page < MAX_PAGES; page++) {
    const rows = rowsOf<T>(await call(endpoint, { ...body, page, page_size: PAGE_SIZE }), endpoint, key);
    all.push(...rows);
    if (rows.length < PAGE_SIZE) {
      return all;
    }
  }
  throw new CdkStyleError('UnexpectedAnswer', `${endpoint} returned more than ${MAX_PAGES} full pages; the server seems to ignore 'page'`);
}
