/**
 * Scalars reported with `events.add_batch` (`training_stats_scalar` events: what the SDK's
 * `Logger.report_scalar` and `report_single_value` send) folded into the task's (or, for model
 * events, the model's) `last_metrics`, the way ClearML's server stores them:
 *
 * - keyed by the md5 hex of the metric name, then of the variant name;
 * - per variant: `metric`, `variant`, `value` (the last one of the batch by iteration then
 *   timestamp), `min_value`/`max_value` with their `*_iteration`, `first_value` and its iteration
 *   (kept from the first batch), `count` and `mean_value` (rounded to 2 decimals, as the server
 *   rounds it), `x_axis_label` when sent;
 * - `last_iteration` raised to the highest `iter` of the batch.
 */
import { createHash } from 'node:crypto';
import { Doc } from './store';
import { isObject } from './values';

/** The SDK's event type for scalars. */
export const SCALAR_EVENT = 'training_stats_scalar';

/** What a batch contributes to one metric/variant. */
interface BatchAggregate {
  metric: string;
  variant: string;
  value: number;
  iter: number;
  timestamp: number;
  min: [number, number];
  max: [number, number];
  first: [number, number];
  count: number;
  total: number;
  xAxisLabel?: string;
}

/** The md5 hex of a metric or variant name (the server's field-name hash). */
export function metricKey(name: string): string {
  return createHash('md5').update(name, 'utf8').digest('hex');
}

function eventIter(event: Doc): number {
  return typeof event.iter === 'number' && Number.isFinite(event.iter) ? Math.trunc(event.iter) : 0;
}

function fold(into: BatchAggregate | undefined, event: Doc, value: number): BatchAggregate {
  const iter = eventIter(event);
  const timestamp = typeof event.timestamp === 'number' ? event.timestamp : 0;
  const label = typeof event.x_axis_label === 'string' ? event.x_axis_label : undefined;
  if (into === undefined) {
    const metric = typeof event.metric === 'string' ? event.metric : '';
    const variant = typeof event.variant === 'string' ? event.variant : '';
    return { metric, variant, value, iter, timestamp, min: [value, iter], max: [value, iter], first: [value, iter], count: 1, total: value, xAxisLabel: label };
  }
  into.count += 1;
  into.total += value;
  if (iter > into.iter || (iter === into.iter && timestamp >= into.timestamp)) {
    Object.assign(into, { value, iter, timestamp }, label !== undefined ? { xAxisLabel: label } : {});
  }
  if (iter < into.first[1]) {
    into.first = [value, iter];
  }
  if (value < into.min[0]) {
    into.min = [value, iter];
  }
  if (value > into.max[0]) {
    into.max = [value, iter];
  }
  return into;
}

function apply(entity: Doc, batch: BatchAggregate): void {
  const all = (isObject(entity.last_metrics) ? entity.last_metrics : {}) as Record<string, Record<string, Doc>>;
  const byVariant = (all[metricKey(batch.metric)] ??= {});
  const stored: Doc = byVariant[metricKey(batch.variant)] ?? {};
  const next: Doc = { ...stored, metric: batch.metric, variant: batch.variant, value: batch.value };
  if (batch.xAxisLabel !== undefined) {
    next.x_axis_label = batch.xAxisLabel;
  }
  if (typeof stored.min_value !== 'number' || stored.min_value > batch.min[0]) {
    [next.min_value, next.min_value_iteration] = batch.min;
  }
  if (typeof stored.max_value !== 'number' || stored.max_value < batch.max[0]) {
    [next.max_value, next.max_value_iteration] = batch.max;
  }
  if (typeof stored.first_value !== 'number') {
    [next.first_value, next.first_value_iteration] = batch.first;
  }
  const count = typeof stored.count === 'number' ? stored.count : 0;
  const mean = typeof stored.mean_value === 'number' ? stored.mean_value : 0;
  next.mean_value = Math.round(((mean * count + batch.total) / (count + batch.count)) * 100) / 100;
  next.count = count + batch.count;
  byVariant[metricKey(batch.variant)] = next;
  entity.last_metrics = all;
}

/**
 * Folds the scalar events of one `add_batch` into `last_metrics` and `last_iteration` of the
 * entities they name; `entityOf` returns the task or model of an event (undefined: skipped).
 * Returns the entities that changed.
 */
export function aggregateScalars(events: readonly Doc[], entityOf: (event: Doc) => Doc | undefined): Set<Doc> {
  const batches = new Map<Doc, Map<string, BatchAggregate>>();
  const iterations = new Map<Doc, number>();
  for (const event of events) {
    const entity = entityOf(event);
    if (entity === undefined) {
      continue;
    }
    if (typeof event.iter === 'number') {
      iterations.set(entity, Math.max(iterations.get(entity) ?? Number.NEGATIVE_INFINITY, eventIter(event)));
    }
    const value = event.value;
    if (event.type !== SCALAR_EVENT || typeof value !== 'number' || !Number.isFinite(value)) {
      continue;
    }
    const perEntity = batches.get(entity) ?? new Map<string, BatchAggregate>();
    batches.set(entity, perEntity);
    const key = JSON.stringify([event.metric ?? '', event.variant ?? '']);
    perEntity.set(key, fold(perEntity.get(key), event, value));
  }
  for (const [entity, perEntity] of batches) {
    perEntity.forEach((batch) => apply(entity, batch));
  }
  for (const [entity, iter] of iterations) {
    if (iter > Number(entity.last_iteration ?? 0)) {
      entity.last_iteration = iter;
    }
  }
  return new Set([...batches.keys(), ...iterations.keys()]);
}
