/**
 * The `projects` service: create (with automatic parents and unique full names), get_all,
 * get_by_id, update (rename with descendants), delete.
 */
import { Body, HandlerContext, HandlerTable, checkedTags, projectById, requireString } from './context';
import { ApiError, dataValidationError, notUnique } from './errors';
import { QuerySpec, runQuery } from './query';
import { Doc } from './store';
import { newId, nowIso } from './values';

const PROJECT_QUERY: QuerySpec = {
  listFields: ['id', 'tags', 'system_tags', 'parent', 'user'],
  patternFields: ['name', 'basename', 'description'],
  rangeFields: ['last_update'],
  textFields: ['name', 'id', 'description'],
  hiddenTags: ['hidden'],
  hiddenFields: ['path'],
  parentField: 'path',
};

const MAX_DEPTH = 10;

/** Normalises a project path: parts trimmed, empty parts dropped (400/407 when nothing is left). */
export function normalizeProjectName(raw: string): string {
  const name = raw.split('/').map((p) => p.trim()).filter((p) => p !== '').join('/');
  if (name === '') {
    throw new ApiError(400, 407, 'Project name cannot be empty', { name: raw });
  }
  return name;
}

/** The project with exactly this full name, if any. */
export function projectByName(ctx: HandlerContext, name: string): Doc | undefined {
  return Object.values(ctx.state.projects).find((p) => p.name === name);
}

/** Sets a project's `last_update` (on edits of the project or of its tasks). */
export function touchProject(ctx: HandlerContext, id: unknown): void {
  const project = typeof id === 'string' ? ctx.state.projects[id] : undefined;
  if (project !== undefined) {
    project.last_update = nowIso();
  }
}

function insertProject(ctx: HandlerContext, name: string, parent: Doc | undefined, fields: Body): Doc {
  const now = nowIso();
  const doc: Doc = {
    id: newId(), name, basename: name.split('/').pop(), description: '', user: ctx.identity.user, company: ctx.identity.company,
    created: now, last_update: now, tags: [], system_tags: [], featured: 9999, ...fields,
    path: parent === undefined ? [] : [...(parent.path as string[]), parent.id],
  };
  if (parent !== undefined) {
    doc.parent = parent.id;
    (doc.path as string[]).forEach((ancestor) => touchProject(ctx, ancestor));
  }
  ctx.state.projects[doc.id] = doc;
  return ctx.state.projects[doc.id];
}

/** Finds or creates the project `name` (and its missing ancestors, with no tags). */
export function ensureProject(ctx: HandlerContext, rawName: string): Doc {
  const parts = normalizeProjectName(rawName).split('/');
  let parent: Doc | undefined;
  parts.forEach((_, i) => {
    const prefix = parts.slice(0, i + 1).join('/');
    parent = projectByName(ctx, prefix) ?? insertProject(ctx, prefix, parent, {});
  });
  return parent as Doc;
}

function create(body: Body, ctx: HandlerContext): unknown {
  const name = normalizeProjectName(requireString(body, 'name'));
  if (name.length < 3) {
    throw dataValidationError('project name must be at least 3 characters', { name });
  }
  if (name.split('/').length > MAX_DEPTH) {
    throw new ApiError(400, 409, 'Project path exceeds the maximum allowed depth', { name, max_depth: MAX_DEPTH });
  }
  if (projectByName(ctx, name) !== undefined) {
    throw notUnique('Project', name);
  }
  const tags = checkedTags(body.tags, 'tags') ?? [];
  const systemTags = checkedTags(body.system_tags, 'system_tags') ?? [];
  const parts = name.split('/');
  const parent = parts.length > 1 ? ensureProject(ctx, parts.slice(0, -1).join('/')) : undefined;
  const fields: Body = { tags, system_tags: systemTags, description: typeof body.description === 'string' ? body.description : '' };
  if (body.default_output_destination !== undefined) {
    fields.default_output_destination = body.default_output_destination;
  }
  return { id: insertProject(ctx, name, parent, fields).id };
}

function rename(ctx: HandlerContext, project: Doc, rawName: string): void {
  const name = normalizeProjectName(rawName);
  const oldName = String(project.name);
  if (name === oldName) {
    return;
  }
  const parentPath = (n: string): string => n.split('/').slice(0, -1).join('/');
  if (parentPath(name) !== parentPath(oldName)) {
    throw new ApiError(400, 408, 'Cannot rename a project to a different location (use projects.move)', { name, current: oldName });
  }
  if (projectByName(ctx, name) !== undefined) {
    throw notUnique('Project', name);
  }
  for (const p of Object.values(ctx.state.projects)) {
    if (p.name === oldName || String(p.name).startsWith(`${oldName}/`)) {
      p.name = name + String(p.name).slice(oldName.length);
    }
  }
  project.basename = name.split('/').pop();
}

function update(body: Body, ctx: HandlerContext): unknown {
  const project = projectById(ctx, body.project);
  const fields: Body = {};
  if (typeof body.name === 'string') {
    rename(ctx, project, body.name);
    fields.name = project.name;
  }
  for (const key of ['description', 'default_output_destination']) {
    if (key in body) {
      project[key] = body[key];
      fields[key] = body[key];
    }
  }
  for (const key of ['tags', 'system_tags']) {
    if (key in body) {
      project[key] = checkedTags(body[key], key) ?? [];
      fields[key] = project[key];
    }
  }
  project.last_update = nowIso();
  return { updated: 1, fields };
}

function subtree(ctx: HandlerContext, project: Doc): Doc[] {
  return Object.values(ctx.state.projects).filter((p) => p.id === project.id || (p.path as string[]).includes(project.id));
}

function remove(body: Body, ctx: HandlerContext): unknown {
  const project = projectById(ctx, body.project);
  const ids = new Set(subtree(ctx, project).map((p) => p.id));
  const tasks = Object.values(ctx.state.tasks).filter((t) => ids.has(t.project as string));
  const models = Object.values(ctx.state.models).filter((m) => ids.has(m.project as string));
  const active = (d: Doc): boolean => !(d.system_tags as string[]).includes('archived');
  if (body.force !== true && tasks.some(active)) {
    throw new ApiError(400, 402, 'Project has associated non-archived tasks', { id: project.id, tasks: tasks.filter(active).length });
  }
  if (body.force !== true && models.some(active)) {
    throw new ApiError(400, 405, 'Project has associated non-archived models', { id: project.id, models: models.filter(active).length });
  }
  const deleteContents = body.delete_contents === true;
  tasks.forEach((t) => (deleteContents ? delete ctx.state.tasks[t.id] : delete t.project));
  models.forEach((m) => (deleteContents ? delete ctx.state.models[m.id] : delete m.project));
  ids.forEach((id) => delete ctx.state.projects[id]);
  return {
    deleted: ids.size, disassociated_tasks: deleteContents ? 0 : tasks.length, deleted_tasks: deleteContents ? tasks.length : 0,
    deleted_models: deleteContents ? models.length : 0, urls: {},
  };
}

/** Handlers of the `projects` service. */
export const projectHandlers: HandlerTable = {
  'projects.create': create,
  'projects.get_by_id': (body, ctx) => ({ project: { ...projectById(ctx, body.project), path: undefined } }),
  'projects.get_all': (body, ctx) => runQuery(shallow(body, ctx), body, PROJECT_QUERY, 'projects', ctx.scrolls),
  'projects.update': update,
  'projects.delete': remove,
};

function shallow(body: Body, ctx: HandlerContext): Doc[] {
  const all = Object.values(ctx.state.projects);
  return body.shallow_search === true && body.parent === undefined ? all.filter((p) => p.parent === undefined) : all;
}
