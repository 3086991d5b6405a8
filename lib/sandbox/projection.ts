/**
 * `only_fields` projection, `order_by` sorting and `page`/`page_size` paging of `get_all` results.
 */
import { Doc } from './store';
import { clone, isObject, setDottedPath } from './values';

/** Maximum (and default) `page_size` of every `get_all`. */
export const MAX_PAGE_SIZE = 500;

/** The value at a dotted path (`execution.queue`), or undefined. */
export function getPath(doc: unknown, dotted: string): unknown {
  let current: unknown = doc;
  for (const key of dotted.split('.')) {
    if (!isObject(current)) {
      return undefined;
    }
    current = current[key];
  }
  return current;
}

function deletePath(target: Record<string, unknown>, dotted: string): void {
  const keys = dotted.split('.');
  const parent = keys.length === 1 ? target : getPath(target, keys.slice(0, -1).join('.'));
  if (isObject(parent)) {
    delete parent[keys[keys.length - 1]];
  }
}

/**
 * Applies `only_fields` to a document. Without it, the whole document minus `hiddenFields`.
 * `id` is always included; `-field` excludes a field.
 */
export function project(doc: Doc, onlyFields: unknown, hiddenFields: readonly string[] = []): Record<string, unknown> {
  const fields = Array.isArray(onlyFields) ? onlyFields.map(String) : [];
  const included = fields.filter((f) => !f.startsWith('-'));
  const excluded = fields.filter((f) => f.startsWith('-')).map((f) => f.slice(1));
  let result: Record<string, unknown>;
  if (included.length === 0) {
    result = clone(doc);
    hiddenFields.forEach((f) => deletePath(result, f));
  } else {
    result = { id: doc.id };
    included.forEach((f) => {
      const value = getPath(doc, f);
      if (value !== undefined) {
        setDottedPath(result, f, clone(value));
      }
    });
  }
  excluded.forEach((f) => deletePath(result, f));
  return result;
}

function compareValues(a: unknown, b: unknown): number {
  if (typeof a === 'number' && typeof b === 'number') {
    return a - b;
  }
  const sa = typeof a === 'string' ? a : JSON.stringify(a);
  const sb = typeof b === 'string' ? b : JSON.stringify(b);
  return sa < sb ? -1 : sa > sb ? 1 : 0;
}

function isMissing(value: unknown): boolean {
  return value === undefined || value === null || value === '';
}

/** Sorts by `order_by` (`-field` descending), missing values last, `id` as tie-breaker. */
export function sortDocs(docs: Doc[], orderBy: unknown): Doc[] {
  const keys = (Array.isArray(orderBy) ? orderBy : orderBy === undefined || orderBy === null ? [] : [orderBy]).map(String).filter((k) => k !== '');
  if (keys.length === 0) {
    return docs;
  }
  const specs = [...keys.map((k) => ({ field: k.replace(/^[-+]/, ''), sign: k.startsWith('-') ? -1 : 1 })), { field: 'id', sign: 1 }];
  return [...docs].sort((a, b) => {
    for (const { field, sign } of specs) {
      const va = getPath(a, field);
      const vb = getPath(b, field);
      if (isMissing(va) || isMissing(vb)) {
        if (isMissing(va) !== isMissing(vb)) {
          return isMissing(va) ? 1 : -1;
        }
        continue;
      }
      const order = compareValues(va, vb) * sign;
      if (order !== 0) {
        return order;
      }
    }
    return 0;
  });
}

/** `page_size` from the request: default and cap 500, at least 1. */
export function pageSize(raw: unknown, cap: number = MAX_PAGE_SIZE): number {
  const size = typeof raw === 'number' && Number.isFinite(raw) ? Math.floor(raw) : cap;
  return Math.min(Math.max(size, 1), cap);
}

/** One page of `docs` for `page` and `page_size`. */
export function pageOf<T>(docs: T[], page: unknown, size: unknown, cap: number = MAX_PAGE_SIZE): T[] {
  const perPage = pageSize(size, cap);
  const index = typeof page === 'number' && page > 0 ? Math.floor(page) : 0;
  return docs.slice(index * perPage, (index + 1) * perPage);
}
