/**
 * Reading a ClearML request: the `[/prefix][/vX.Y]/service.action[/]` path, the JSON (or
 * json-lines) body read on any method, and query-string arguments merged in.
 */
import { ApiError } from './errors';
import { isObject, setDottedPath } from './values';

/** Key of the body under which json-lines objects are passed to handlers. */
export const JSON_LINES_KEY = '__lines';

/** A parsed request path. */
export interface Route {
  /** `service.action`. */
  readonly endpoint: string;
  /** The `X.Y` of a `/vX.Y/` segment, if any. */
  readonly version?: string;
}

/** Parses the path; a malformed one gives 400/0 "Invalid request path". */
export function parseRoute(pathname: string): Route {
  const parts = pathname.split('/').filter((p) => p !== '');
  const last = parts.pop() ?? '';
  if (!/^[A-Za-z_]\w+\.[A-Za-z_]\w+$/.test(last)) {
    throw new ApiError(400, 0, 'Invalid request path', { path: pathname });
  }
  const versionPart = parts.length > 0 ? parts[parts.length - 1] : undefined;
  if (versionPart !== undefined && /^v[\d.]*$/.test(versionPart)) {
    if (!/^v\d+\.?\d+$/.test(versionPart) || !versionPart.includes('.')) {
      throw new ApiError(400, 0, 'Invalid request path', { path: pathname });
    }
    return { endpoint: last, version: versionPart.slice(1) };
  }
  return { endpoint: last };
}

function convertScalar(value: string): unknown {
  if (value === 'true' || value === 'false') {
    return value === 'true';
  }
  return /^-?\d+(\.\d+)?$/.test(value) ? Number(value) : value;
}

/** Query-string arguments as an object: dotted keys nest, numbers and booleans converted, lists. */
export function queryArguments(params: URLSearchParams): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  for (const rawKey of new Set(params.keys())) {
    const values = params.getAll(rawKey).map(convertScalar);
    const isList = rawKey.endsWith('[]') || values.length > 1;
    setDottedPath(result, rawKey.replace(/\[\]$/, ''), isList ? values : values[0]);
  }
  return result;
}

/** Parses the body: `{}` when empty, json-lines into {@link JSON_LINES_KEY}; 400/12 when not an object. */
export function parseBody(text: string, contentType: string | undefined): Record<string, unknown> {
  if (text.trim() === '') {
    return {};
  }
  try {
    if ((contentType ?? '').includes('json-lines')) {
      return { [JSON_LINES_KEY]: text.split('\n').filter((l) => l.trim() !== '').map((l) => JSON.parse(l) as unknown) };
    }
    const parsed = JSON.parse(text) as unknown;
    if (Array.isArray(parsed)) {
      return { [JSON_LINES_KEY]: parsed };
    }
    if (!isObject(parsed)) {
      throw new ApiError(400, 12, 'Validation error (request body must be a JSON object)');
    }
    return parsed;
  } catch (error) {
    if (error instanceof ApiError) {
      throw error;
    }
    throw new ApiError(400, 12, 'Validation error (malformed JSON body)');
  }
}
