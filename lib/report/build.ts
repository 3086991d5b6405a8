/**
 * Builds a {@link RecoveryReport} from a run as read: chooses the baseline, then makes one row
 * per suite average and per task metric, suite by suite.
 */
import { PipelineManifest } from '../manifest/schema';
import { averagedMetrics, suiteAverages, AVERAGE_SERIES } from './averages';
import { ReportError } from './errors';
import { ColumnEvaluations, otherRunBaseline, runEvaluations, SuiteEvaluation } from './evaluations';
import { BASELINE_COLUMN, evaluationSteps } from './layout';
import { metricId, splitMetricId } from './metric-values';
import { BaselineSource, Cell, ComparedCell, recoveryOf, RecoveryReport, ReportRow } from './model';
import { RunRead } from './read-run';
import { GroupTree } from './suites';

/** Which baseline to compare with. */
export type BaselineChoice =
  /** The run's own baseline column, when the pipeline has one. */
  | { readonly kind: 'default' }
  /** A column of the run: a model-producing step's name, an evaluation step's name, or `baseline`. */
  | { readonly kind: 'step'; readonly name: string }
  /** The baseline evaluations of another run. */
  | { readonly kind: 'run'; readonly runId: string };

interface Chosen {
  readonly source: BaselineSource;
  readonly column: ColumnEvaluations | undefined;
  readonly compared: string[];
}

function chooseBaseline(pipeline: PipelineManifest, columns: Map<string, ColumnEvaluations>, read: RunRead, choice: BaselineChoice, notes: string[]): Chosen {
  const names = [...columns.keys()].sort((a, b) => (a === BASELINE_COLUMN ? -1 : b === BASELINE_COLUMN ? 1 : a < b ? -1 : a > b ? 1 : 0));
  if (choice.kind === 'run') {
    const other = otherRunBaseline(read, choice.runId, notes);
    if (typeof other === 'string') {
      throw new ReportError('AmbiguousBaseline', `Cannot use run ${choice.runId} as the baseline: ${other}.`);
    }
    if (other.size === 0) {
      throw new ReportError('UnknownBaseline', `Run ${choice.runId} has no evaluation of an uncompressed model on this server; pass the id of a run that evaluated the baseline.`);
    }
    return { source: { label: `baseline (run ${choice.runId.slice(0, 8)})`, source: 'run', runId: choice.runId }, column: other, compared: names };
  }
  const wanted = choice.kind === 'step' ? choice.name : BASELINE_COLUMN;
  const step = evaluationSteps(pipeline).find((s) => s.node === wanted);
  const short = wanted.startsWith(`${pipeline.id}_`) ? wanted.slice(pipeline.id.length + 1) : wanted;
  const label = columns.has(wanted) ? wanted : columns.has(short) ? short : step?.column;
  if (label === undefined) {
    if (choice.kind === 'default') {
      return { source: { label: BASELINE_COLUMN, source: 'none' }, column: undefined, compared: names };
    }
    throw new ReportError('UnknownBaseline', `--baseline ${wanted}: no such step among the evaluated models of '${pipeline.id}'; use one of: ${names.join(', ')} (or a run id).`);
  }
  return { source: { label, source: 'step' }, column: columns.get(label), compared: names.filter((n) => n !== label) };
}

function scoreCell(evaluation: SuiteEvaluation | undefined, id: string, averages: Map<string, number | undefined> | undefined, what: string): Cell {
  if (evaluation === undefined) {
    return { value: null, note: `${what} has no evaluation of this suite` };
  }
  if (evaluation.values === undefined) {
    return { value: null, note: evaluation.note };
  }
  const value = averages !== undefined ? averages.get(id) : evaluation.values.get(id);
  return value === undefined ? { value: null, note: averages !== undefined ? 'a member is missing' : 'not reported' } : { value };
}

function averagesOf(evaluation: SuiteEvaluation | undefined, groups: GroupTree): Map<string, number | undefined> | undefined {
  return evaluation?.values === undefined ? undefined : new Map(suiteAverages(groups, evaluation.values).map((a) => [a.group, a.value]));
}

function suiteRows(suite: string, baseline: SuiteEvaluation | undefined, compared: Map<string, SuiteEvaluation | undefined>, baselineLabel: string): ReportRow[] {
  const evaluations = [baseline, ...compared.values()].filter((e): e is SuiteEvaluation => e !== undefined);
  const groups = evaluations[0]?.groups ?? {};
  const groupNames = suiteAverages(groups, new Map()).map((a) => a.group);
  const averageIds = new Set(groupNames.map((g) => metricId(g, AVERAGE_SERIES)));
  const taskIds = [...new Set(evaluations.flatMap((e) => [...(e.values?.keys() ?? [])]))].filter((id) => !averageIds.has(id)).sort();
  const members = averagedMetrics(groups);
  const row = (id: string, kind: 'average' | 'task'): ReportRow => {
    const [task, metric] = splitMetricId(id);
    const pick = (e: SuiteEvaluation | undefined, what: string): Cell =>
      scoreCell(e, kind === 'average' ? task : id, kind === 'average' ? averagesOf(e, groups) ?? new Map() : undefined, what);
    const base = pick(baseline, baselineLabel);
    const cells: Record<string, ComparedCell> = {};
    compared.forEach((e, column) => {
      const score = pick(e, column);
      cells[column] = { score, recovery: recoveryOf(base, score) };
    });
    return { suite, task, metric, kind, averaged: kind === 'task' && members.has(id), baseline: base, compared: cells };
  };
  return [...groupNames.map((g) => row(metricId(g, AVERAGE_SERIES), 'average')), ...taskIds.map((id) => row(id, 'task'))];
}

/** The recovery report of `read` (a run of `pipeline`). */
export function buildReport(pipeline: PipelineManifest, read: RunRead, choice: BaselineChoice = { kind: 'default' }): RecoveryReport {
  const layout = evaluationSteps(pipeline);
  if (layout.length === 0) {
    throw new ReportError('NoEvaluations', `Pipeline '${pipeline.id}' has no evaluation step (EvalStep); there is nothing to report.`);
  }
  const notes: string[] = [];
  const columns = runEvaluations(layout, read, notes);
  const chosen = chooseBaseline(pipeline, columns, read, choice, notes);
  if (chosen.source.source === 'none') {
    notes.push(`No baseline: the pipeline evaluates no uncompressed model; add a baseline to the matrix, or pass --baseline RUN_ID|STEP.`);
  }
  const suites = [...new Set([...columns.values(), chosen.column ?? new Map()].flatMap((c) => [...c.keys()]))].sort();
  const rows = suites.flatMap((suite) => suiteRows(suite, chosen.column?.get(suite),
    new Map(chosen.compared.map((c) => [c, columns.get(c)?.get(suite)] as const)), chosen.source.label));
  return { pipeline: pipeline.id, run: { id: read.run.id, name: read.run.name, status: read.run.status }, baseline: chosen.source, columns: chosen.compared, rows, notes };
}
