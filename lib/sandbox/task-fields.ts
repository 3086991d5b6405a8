/**
 * Field rules shared by task writes: reference checks (400/16), hyperparameter and configuration
 * maps, and the timestamps every write sets.
 */
import { Body, HandlerContext } from './context';
import { fieldsValueError, validationError } from './errors';
import { touchProject } from './projects';
import { Doc } from './store';
import { clone, isObject, nowIso } from './values';

/** Edits that leave `last_update` alone (§4.6 of the reference). */
export const LIGHT_FIELDS = new Set(['name', 'comment', 'tags', 'system_tags', 'project', 'created', 'status_message']);

/** Checks that `project` (when given) names an existing project (400/16). */
export function checkProjectRef(ctx: HandlerContext, project: unknown): void {
  if (project !== undefined && project !== null && (typeof project !== 'string' || ctx.state.projects[project] === undefined)) {
    throw fieldsValueError('expecting Project id', { id: project, field: 'project' });
  }
}

/** Checks that `parent` (when given) names an existing task (400/16). */
export function checkParentRef(ctx: HandlerContext, parent: unknown): void {
  if (parent !== undefined && parent !== null && (typeof parent !== 'string' || ctx.state.tasks[parent] === undefined)) {
    throw fieldsValueError('expecting Task id', { id: parent, field: 'parent' });
  }
}

/** A parameter value as stored: strings as is, other JSON values as JSON text, absent as ''. */
export function storedValue(value: unknown): string {
  if (value === undefined || value === null) {
    return '';
  }
  return typeof value === 'string' ? value : typeof value === 'object' ? JSON.stringify(value) : String(value);
}

function trimmedKey(key: unknown, what: string): string {
  const trimmed = String(key ?? '').trim();
  if (trimmed === '') {
    throw validationError(`${what} names must not be empty`);
  }
  return trimmed;
}

/** Normalises a section name: `properties` matched case-insensitively and stored lower-case. */
export function sectionName(raw: unknown): string {
  const name = trimmedKey(raw, 'hyperparameter section');
  return name.toLowerCase() === 'properties' ? 'properties' : name;
}

/** One hyperparameter item `{section, name, value, type?, description?}` with string value. */
export function hyperparamItem(section: string, raw: unknown, nameHint?: string): Record<string, unknown> {
  const item = isObject(raw) ? clone(raw) : {};
  const name = trimmedKey(item.name ?? nameHint, 'hyperparameter');
  return { ...item, section, name, value: storedValue(item.value) };
}

/** A whole `hyperparams` map `{section: {name: item}}`, normalised. */
export function hyperparamsMap(raw: unknown): Record<string, Record<string, unknown>> {
  const result: Record<string, Record<string, unknown>> = {};
  for (const [rawSection, entries] of Object.entries(isObject(raw) ? raw : {})) {
    const section = sectionName(rawSection);
    result[section] = {};
    for (const [rawName, item] of Object.entries(isObject(entries) ? entries : {})) {
      const normalized = hyperparamItem(section, item, rawName);
      result[section][normalized.name as string] = normalized;
    }
  }
  return result;
}

/** A configuration item `{name, value, type?, description?}` with string value. */
export function configurationItem(raw: unknown, nameHint?: string): Record<string, unknown> {
  const item = isObject(raw) ? clone(raw) : {};
  const name = trimmedKey(item.name ?? nameHint, 'configuration');
  return { ...item, name, value: storedValue(item.value) };
}

/** A whole `configuration` map `{name: item}`, normalised. */
export function configurationMap(raw: unknown): Record<string, Record<string, unknown>> {
  const result: Record<string, Record<string, unknown>> = {};
  for (const [rawName, item] of Object.entries(isObject(raw) ? raw : {})) {
    const normalized = configurationItem(item, rawName);
    result[normalized.name as string] = normalized;
  }
  return result;
}

/** Records a write: `last_change`/`last_changed_by` always, `last_update` unless `light`. */
export function markWritten(ctx: HandlerContext, task: Doc, light: boolean): void {
  const now = nowIso();
  task.last_change = now;
  task.last_changed_by = ctx.identity.user;
  if (!light) {
    task.last_update = now;
  }
  touchProject(ctx, task.project);
}

/** Records the calling worker (`X-ClearML-Worker`) as the task's `last_worker`. */
export function recordWorker(ctx: HandlerContext, task: Doc): void {
  if (ctx.worker !== undefined && ctx.worker !== '') {
    task.last_worker = ctx.worker;
    task.last_worker_report = nowIso();
  }
}

/** Legacy `execution.parameters` and `execution.model_desc` moved to `hyperparams.Args` / `configuration`. */
export function liftLegacyExecution(body: Body): void {
  const execution = isObject(body.execution) ? body.execution : undefined;
  if (execution === undefined) {
    return;
  }
  if (isObject(execution.parameters) && Object.keys(execution.parameters).length > 0) {
    const args = Object.fromEntries(Object.entries(execution.parameters).map(([k, v]) => [k, { name: k, value: String(v), type: 'legacy' }]));
    body.hyperparams = { ...(isObject(body.hyperparams) ? body.hyperparams : {}), Args: args };
  }
  if (isObject(execution.model_desc) && Object.keys(execution.model_desc).length > 0) {
    const items = Object.fromEntries(Object.entries(execution.model_desc).map(([k, v]) => [k, { name: k, value: typeof v === 'string' ? v : JSON.stringify(v) }]));
    body.configuration = { ...(isObject(body.configuration) ? body.configuration : {}), ...items };
  }
  delete execution.parameters;
  delete execution.model_desc;
}
