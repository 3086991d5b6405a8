/**
 * The scores of one evaluation task, read from its `last_metrics` (ClearML's per metric and
 * variant summary, keyed by hashes): lm-eval reports each result twice, as a scalar titled by
 * the lm-eval task with the metric as series, and as a single value `Summary` /
 * `<task>/<N>shot/<metric>`; the scalar is taken, the single value when there is no scalar.
 * Standard errors (`*_stderr*`) are not scores and are left out.
 */

/** Scores by {@link metricId}. */
export type MetricValues = ReadonlyMap<string, number>;

/** The single-value metric name the SDK's `report_single_value` uses. */
const SUMMARY = 'Summary';

/** The key of a task's metric in {@link MetricValues}. */
export function metricId(task: string, metric: string): string {
  return `${task}\u0000${metric}`;
}

/** `[task, metric]` of a {@link metricId}. */
export function splitMetricId(id: string): [string, string] {
  const at = id.indexOf('\u0000');
  return [id.slice(0, at), id.slice(at + 1)];
}

interface StoredMetric {
  readonly metric?: unknown;
  readonly variant?: unknown;
  readonly value?: unknown;
}

function entries(lastMetrics: unknown): StoredMetric[] {
  if (typeof lastMetrics !== 'object' || lastMetrics === null) {
    return [];
  }
  return Object.values(lastMetrics as Record<string, unknown>).flatMap((byVariant) =>
    typeof byVariant === 'object' && byVariant !== null ? (Object.values(byVariant) as StoredMetric[]) : []);
}

/** `[task, metric]` of a single value name (`task/5shot/metric`, `task/metric`, or a group name). */
function parseSingleValue(name: string): [string, string] {
  const parts = name.split('/');
  if (parts.length === 3 && /^\d+shot$/.test(parts[1])) {
    return [parts[0], parts[2]];
  }
  if (parts.length === 2) {
    return [parts[0], parts[1]];
  }
  return [name, 'average'];
}

const isScore = (metric: string): boolean => !metric.includes('_stderr') && metric !== 'alias';

/** The scores in a task's `last_metrics`. */
export function metricValues(lastMetrics: unknown): Map<string, number> {
  const scalars = new Map<string, number>();
  const singles = new Map<string, number>();
  for (const entry of entries(lastMetrics)) {
    if (typeof entry.metric !== 'string' || typeof entry.variant !== 'string' || typeof entry.value !== 'number' || !Number.isFinite(entry.value)) {
      continue;
    }
    const [task, metric] = entry.metric === SUMMARY ? parseSingleValue(entry.variant) : [entry.metric, entry.variant];
    if (isScore(metric)) {
      (entry.metric === SUMMARY ? singles : scalars).set(metricId(task, metric), entry.value);
    }
  }
  singles.forEach((value, id) => {
    if (!scalars.has(id)) {
      scalars.set(id, value);
    }
  });
  return scalars;
}
