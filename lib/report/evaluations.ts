/**
 * The scores of a run by model (column) and suite: each evaluation step of the pipeline matched
 * with its task in the run (by node name, the name ClearML gives a step's task), and the
 * baseline evaluations of another run (its steps that evaluated a model given by name).
 */
import { EvaluationStep } from './layout';
import { metricValues, MetricValues } from './metric-values';
import { RunRead, StepTask } from './read-run';
import { GroupTree, suiteOfConfiguration } from './suites';

/** One model's evaluation with one suite. */
export interface SuiteEvaluation {
  /** The step (node) name. */
  readonly step: string;
  /** Its scores; undefined when the step has none to give (failed, not run). */
  readonly values?: MetricValues;
  /** Why there are no scores. */
  readonly note?: string;
  /** The suite's averages. */
  readonly groups: GroupTree;
}

/** Evaluations of one model by suite name. */
export type ColumnEvaluations = Map<string, SuiteEvaluation>;

function why(task: StepTask): string {
  const detail = [task.status_reason, task.status_message].filter((s): s is string => typeof s === 'string' && s.trim() !== '');
  return detail.length > 0 ? `: ${[...new Set(detail)].join(': ')}` : '';
}

/** The evaluation of `node` from its task (or its absence), with a note for the report when it gave no scores. */
function evaluationOf(node: string, task: StepTask | undefined, groups: GroupTree, notes: string[], logs: RunRead['logs'] = new Map()): SuiteEvaluation {
  if (task === undefined) {
    notes.push(`Step ${node} did not run (no task of that name in the run).`);
    return { step: node, note: 'did not run', groups };
  }
  if (task.status !== 'completed') {
    const lines = logs.get(task.id) ?? [];
    const tail = lines.length > 0 ? ` Last log lines: ${lines.join(' / ')}` : '';
    notes.push(`Step ${node} (task ${task.id}) ${task.status === 'failed' ? 'failed' : `is ${task.status}`}${why(task)}.${tail}`);
    return { step: node, note: `step ${task.status}`, groups };
  }
  return { step: node, values: metricValues(task.last_metrics), groups };
}

/** The run's evaluations by column, then suite. */
export function runEvaluations(layout: readonly EvaluationStep[], read: RunRead, notes: string[]): Map<string, ColumnEvaluations> {
  const tasks = new Map(read.steps.filter((s) => s.parent === read.run.id).map((s) => [s.name, s] as const));
  const columns = new Map<string, ColumnEvaluations>();
  for (const step of layout) {
    const column = columns.get(step.column) ?? new Map<string, SuiteEvaluation>();
    columns.set(step.column, column);
    if (column.has(step.suite.name)) {
      notes.push(`Steps ${column.get(step.suite.name)?.step} and ${step.node} both evaluate ${step.column} with ${step.suite.name}; ${step.node} is left out.`);
      continue;
    }
    column.set(step.suite.name, evaluationOf(step.node, tasks.get(step.node), step.suite.groups, notes, read.logs));
  }
  return columns;
}

const isBaselineModel = (task: StepTask): boolean => (task.hyperparams?.Args?.clearml_model?.value ?? 'False').toLowerCase() !== 'true';

/**
 * The baseline evaluations of another run: its evaluation steps of a model given by name (not a
 * ClearML model), by suite. Two of them with the same suite make the choice ambiguous: an error
 * message is returned instead.
 */
export function otherRunBaseline(read: RunRead, runId: string, notes: string[]): ColumnEvaluations | string {
  const candidates = read.steps.filter((s) => s.parent === runId && isBaselineModel(s));
  const bySuite = new Map<string, StepTask[]>();
  for (const task of candidates) {
    const suite = suiteOfConfiguration(task.configuration);
    if (suite !== undefined) {
      bySuite.set(suite.name, [...(bySuite.get(suite.name) ?? []), task]);
    }
  }
  const column: ColumnEvaluations = new Map();
  for (const [suite, tasks] of bySuite) {
    if (tasks.length > 1) {
      return `run ${runId} has ${tasks.length} evaluations of the uncompressed model with ${suite} (${tasks.map((t) => t.name).sort().join(', ')}); a baseline needs exactly one`;
    }
    const groups = suiteOfConfiguration(tasks[0].configuration)?.groups ?? {};
    column.set(suite, evaluationOf(`${tasks[0].name} of run ${runId}`, tasks[0], groups, notes));
  }
  return column;
}
