/**
 * The `models` service: get_all, get_by_id (400/201 for unknown ids), and create so tests and
 * tools can register output models.
 */
import { Body, HandlerContext, HandlerTable, checkedTags, modelById, requireString } from './context';
import { dataValidationError } from './errors';
import { QuerySpec, runQuery } from './query';
import { Doc } from './store';
import { newId, nowIso } from './values';

const MODEL_QUERY: QuerySpec = {
  listFields: ['id', 'task', 'project', 'user', 'framework', 'uri', 'tags', 'system_tags', 'parent'],
  patternFields: ['name', 'comment'],
  listPrefixes: ['metadata.'],
  boolFields: ['ready'],
  rangeFields: ['created', 'last_iteration'],
  datetimeFields: ['last_update', 'last_change'],
  hiddenTags: [],
};

function create(body: Body, ctx: HandlerContext): Body {
  const name = requireString(body, 'name').trim();
  if (name.length < 3) {
    throw dataValidationError('model name must be at least 3 characters', { name });
  }
  const now = nowIso();
  const model: Doc = {
    id: newId(), name, user: ctx.identity.user, company: ctx.identity.company, created: now, last_update: now, last_change: now,
    tags: checkedTags(body.tags, 'tags') ?? [], system_tags: checkedTags(body.system_tags, 'system_tags') ?? [],
    comment: body.comment ?? '', framework: body.framework, design: body.design ?? {}, labels: body.labels ?? {},
    uri: body.uri, ready: body.ready === true, metadata: body.metadata ?? {}, last_iteration: 0,
  };
  for (const key of ['task', 'project', 'parent']) {
    if (typeof body[key] === 'string') {
      model[key] = body[key];
    }
  }
  ctx.state.models[model.id] = model;
  return { id: model.id, created: true };
}

/** Handlers of the `models` service. */
export const modelHandlers: HandlerTable = {
  'models.create': create,
  'models.get_by_id': (body, ctx) => ({ model: modelById(ctx, body.model) }),
  'models.get_all': (body, ctx) => runQuery(Object.values(ctx.state.models), body, MODEL_QUERY, 'models', ctx.scrolls),
};
