/**
 * Reading every row of a `*.get_all` endpoint page by page (`page` / `page_size`). A server returns
 * at most its `max_page_size` rows per call (500 unless configured smaller), and skips
 * `page × that` rows, so a page shorter than asked is not proof of the end: only an empty page is,
 * or a page shorter than one this server already returned in full.
 */
import { CdkStyleError } from '../base/errors';

/** Rows asked for per page: the default `max_page_size` of a ClearML server. */
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

/**
 * Calls `endpoint` page after page until the server has nothing more: an empty page, or one
 * shorter than the longest page it returned (its cap is at least that); returns every row.
 */
export async function readAllPages<T>(call: DataCall, endpoint: string, body: Record<string, unknown>, key: string): Promise<T[]> {
  const all: T[] = [];
  let longest = 0;
  for (let page = 0; page < MAX_PAGES; page++) {
    const rows = rowsOf<T>(await call(endpoint, { ...body, page, page_size: PAGE_SIZE }), endpoint, key);
    all.push(...rows);
    if (rows.length === 0 || rows.length < longest) {
      return all;
    }
    longest = Math.max(longest, rows.length);
  }
  throw new CdkStyleError('UnexpectedAnswer', `${endpoint} returned more than ${MAX_PAGES} pages; the server seems to ignore 'page'`);
}
