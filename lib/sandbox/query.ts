/**
 * One `*.get_all` query over a collection: filters, the hidden rule, ordering, paging or scroll,
 * and projection.
 */
import { FieldMatcher, compilePattern, listMatcher, patternMatcher, structuredMatcher } from './filters';
import { datetimeMatcher, rangeMatcher } from './range-filters';
import { getPath, MAX_PAGE_SIZE, pageOf, pageSize, project, sortDocs } from './projection';
import { Doc } from './store';
import { isObject, newId } from './values';

/** Which filters a collection supports. */
export interface QuerySpec {
  /** List filters (`id`, `status`, `tags`...). */
  readonly listFields: readonly string[];
  /** Regex filters (`name`, `comment`). */
  readonly patternFields: readonly string[];
  /** Dotted prefixes whose keys are list filters too (`hyperparams.`, `metadata.`). */
  readonly listPrefixes?: readonly string[];
  /** Dotted prefixes whose keys are equality filters (`runtime.`). */
  readonly equalityPrefixes?: readonly string[];
  /** `[min, max]` range filters (`created`, `last_iteration`). */
  readonly rangeFields?: readonly string[];
  /** Datetime filters with `>`/`<` prefixes (`last_update`). */
  readonly datetimeFields?: readonly string[];
  /** Boolean equality filters (`ready`). */
  readonly boolFields?: readonly string[];
  /** System tags that hide a document unless `search_hidden` or an `id` filter is given. */
  readonly hiddenTags: readonly string[];
  /** Also lift the hidden rule when a `name` filter is given (queues). */
  readonly nameRevealsHidden?: boolean;
  /** Fields omitted unless projected. */
  readonly hiddenFields?: readonly string[];
  /** Field the `parent` filter is applied to (projects: `path`, any ancestor). */
  readonly parentField?: string;
  /** Fields `search_text` looks in (case-insensitive substring; no text index). @default none */
  readonly textFields?: readonly string[];
}

/** Open scrolls: scroll id → number of rows already returned. */
export interface ScrollRegistry extends Map<string, number> {
  /** The most rows one `get_all` page or scroll batch returns (a server's `max_page_size`). @default 500 */
  maxPageSize?: number;
}

interface Filter {
  readonly path: string;
  readonly test: FieldMatcher;
}

function multiFieldFilter(raw: unknown, mode: 'any' | 'all'): ((doc: Doc) => boolean) | undefined {
  if (!isObject(raw) || !Array.isArray(raw.fields) || raw.pattern === undefined) {
    return undefined;
  }
  const regex = compilePattern(raw.pattern, true);
  const fields = raw.fields.map(String);
  const hit = (doc: Doc, field: string): boolean => {
    const value = getPath(doc, field);
    return Array.isArray(value) ? value.some((v) => regex.test(String(v))) : value !== undefined && regex.test(String(value));
  };
  return mode === 'any' ? (doc) => fields.some((f) => hit(doc, f)) : (doc) => fields.every((f) => hit(doc, f));
}

function extraFilters(body: Record<string, unknown>, spec: QuerySpec): Filter[] {
  const filters: Filter[] = [];
  if (isObject(body.filters)) {
    for (const [field, raw] of Object.entries(body.filters)) {
      filters.push({ path: field === 'parent' && spec.parentField !== undefined ? spec.parentField : field, test: structuredMatcher(raw) });
    }
  }
  if (typeof body.search_text === 'string' && body.search_text !== '' && spec.textFields !== undefined) {
    const needle = body.search_text.toLowerCase();
    const fields = spec.textFields;
    filters.push({ path: '', test: (doc) => fields.some((f) => String(getPath(doc, f) ?? '').toLowerCase().includes(needle)) });
  }
  return filters;
}

function buildFilters(body: Record<string, unknown>, spec: QuerySpec): Filter[] {
  const filters: Filter[] = extraFilters(body, spec);
  for (const [key, raw] of Object.entries(body)) {
    if (raw === undefined || (Array.isArray(raw) && raw.length === 0)) {
      continue;
    }
    const isList = spec.listFields.includes(key) || (spec.listPrefixes ?? []).some((p) => key.startsWith(p));
    if (isList) {
      const path = key === 'parent' && spec.parentField !== undefined ? spec.parentField : key;
      filters.push({ path, test: listMatcher(raw === null ? [null] : raw) });
    } else if (spec.patternFields.includes(key) && typeof raw === 'string') {
      filters.push({ path: key, test: patternMatcher(raw) });
    } else if ((spec.rangeFields ?? []).includes(key) && raw !== null) {
      filters.push({ path: key, test: rangeMatcher(raw, key) });
    } else if ((spec.datetimeFields ?? []).includes(key) && raw !== null) {
      filters.push({ path: key, test: datetimeMatcher(raw, key) });
    } else if ((spec.boolFields ?? []).includes(key) && typeof raw === 'boolean') {
      filters.push({ path: key, test: (v) => (v === true) === raw });
    } else if ((spec.equalityPrefixes ?? []).some((p) => key.startsWith(p))) {
      filters.push({ path: key, test: (v) => v === raw });
    }
  }
  return filters;
}

function isHidden(doc: Doc, body: Record<string, unknown>, spec: QuerySpec): boolean {
  if (body.search_hidden === true || (Array.isArray(body.id) ? body.id.length > 0 : typeof body.id === 'string')) {
    return false;
  }
  if (spec.nameRevealsHidden === true && body.name !== undefined) {
    return false;
  }
  const tags = Array.isArray(doc.system_tags) ? doc.system_tags : [];
  return spec.hiddenTags.some((t) => tags.includes(t));
}

/** Filters and sorts `docs` for a `get_all` request (before paging). */
export function selectDocs(docs: Doc[], body: Record<string, unknown>, spec: QuerySpec): Doc[] {
  const filters = buildFilters(body, spec);
  const any = multiFieldFilter(body._any_, 'any');
  const all = multiFieldFilter(body._all_, 'all');
  const selected = docs.filter((doc) => !isHidden(doc, body, spec)
    && filters.every((f) => f.test(f.path === '' ? doc : getPath(doc, f.path)))
    && (any === undefined || any(doc)) && (all === undefined || all(doc)));
  return sortDocs(selected, body.order_by);
}

/** Runs a whole `get_all`: rows (projected) under `key`, plus `scroll_id` when scrolling. */
export function runQuery(docs: Doc[], body: Record<string, unknown>, spec: QuerySpec, key: string, scrolls: ScrollRegistry): Record<string, unknown> {
  const selected = selectDocs(docs, body, spec);
  const toRow = (doc: Doc): Record<string, unknown> => project(doc, body.only_fields, spec.hiddenFields);
  const cap = scrolls.maxPageSize ?? MAX_PAGE_SIZE;
  if (!('scroll_id' in body)) {
    return { [key]: pageOf(selected, body.page, body.page_size, cap).map(toRow) };
  }
  const known = typeof body.scroll_id === 'string' && scrolls.has(body.scroll_id);
  const scrollId = known ? (body.scroll_id as string) : newId();
  const start = known && body.refresh_scroll !== true ? (scrolls.get(scrollId) ?? 0) : 0;
  const end = body.refresh_scroll === true && known ? (scrolls.get(scrollId) ?? 0) + pageSize(body.size, cap) : start + pageSize(body.size, cap);
  scrolls.set(scrollId, Math.min(end, selected.length));
  return { [key]: selected.slice(start, end).map(toRow), scroll_id: scrollId };
}
