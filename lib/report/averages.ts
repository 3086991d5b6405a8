/**
 * Suite averages as the seed's lm-eval script computes them from `groups`: a leaf is a task's
 * metric (rescaled against random guessing when `normalize`, times `weight`), a group is the mean
 * of its members. A group the run reported itself (`<group>/average`) is taken as reported;
 * otherwise it is computed here, and it is missing when any member is missing.
 */
import { GroupLeaf, GroupTree, isGroupLeaf } from './suites';
import { MetricValues, metricId } from './metric-values';

/** One suite average. */
export interface SuiteAverage {
  /** Group name (e.g. `openllm`). */
  readonly group: string;
  /** The average, or undefined when a member is missing. */
  readonly value: number | undefined;
  /** True when computed here rather than reported by the step. */
  readonly computed: boolean;
}

/** The series under which averages are reported. */
export const AVERAGE_SERIES = 'average';

function leafScore(task: string, leaf: GroupLeaf, values: MetricValues): number | undefined {
  const raw = values.get(metricId(task, leaf.series));
  if (raw === undefined) {
    return undefined;
  }
  const random = leaf.random_score ?? 0;
  const score = leaf.normalize === true && random !== 1 ? (raw - random) / (1 - random) : raw;
  return score * (leaf.weight ?? 1);
}

function groupAverage(name: string, tree: GroupTree, values: MetricValues, out: SuiteAverage[]): number | undefined {
  const slot = out.length;
  out.push({ group: name, value: undefined, computed: true });
  const scores = Object.entries(tree).map(([member, node]) => (isGroupLeaf(node) ? leafScore(member, node, values) : groupAverage(member, node, values, out)));
  const reported = values.get(metricId(name, AVERAGE_SERIES));
  const complete = scores.length > 0 && scores.every((s) => s !== undefined);
  const computed = complete ? (scores as number[]).reduce((a, b) => a + b, 0) / scores.length : undefined;
  const value = reported ?? computed;
  out[slot] = { group: name, value, computed: reported === undefined };
  return value;
}

/** The {@link metricId}s of every leaf of `groups` (the task metrics the averages are made of). */
export function averagedMetrics(groups: GroupTree): Set<string> {
  const out = new Set<string>();
  const walk = (tree: GroupTree): void => Object.entries(tree).forEach(([name, node]) => {
    if (isGroupLeaf(node)) {
      out.add(metricId(name, node.series));
    } else {
      walk(node);
    }
  });
  walk(groups);
  return out;
}

/** Every group average of `groups` (depth first, a group before its sub-groups). */
export function suiteAverages(groups: GroupTree, values: MetricValues): SuiteAverage[] {
  const out: SuiteAverage[] = [];
  for (const [name, node] of Object.entries(groups)) {
    if (!isGroupLeaf(node)) {
      groupAverage(name, node, values, out);
    }
  }
  return out;
}
