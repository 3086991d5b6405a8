/**
 * The recovery report as data: what every output format (table, markdown, JSON, CSV, SVG)
 * renders. Recovery = compressed / baseline × 100; a missing value or a baseline of zero (or
 * below) gives no number but a note, never 0 or 100.
 */

/** One value of the report: a number, or null with the reason it is missing. */
export interface Cell {
  /** The value, or null when there is none. */
  readonly value: number | null;
  /** Why there is no value (e.g. `not reported`, `baseline is 0`, `step failed`). */
  readonly note?: string;
}

/** A compared model's value in one row, and its recovery against the baseline. */
export interface ComparedCell {
  /** The model's score. */
  readonly score: Cell;
  /** Its recovery in percent of the baseline's score. */
  readonly recovery: Cell;
}

/** One row: a task's metric, or a suite average. */
export interface ReportRow {
  /** Suite the row belongs to (e.g. `openllm`). */
  readonly suite: string;
  /** lm-eval task, or the group name of an average. */
  readonly task: string;
  /** Metric (lm-eval series), `average` for averages. */
  readonly metric: string;
  /** `average` for suite averages, `task` otherwise. */
  readonly kind: 'average' | 'task';
  /** True for a task metric that is a member of one of the suite's averages (its `groups`). */
  readonly averaged: boolean;
  /** The baseline's score. */
  readonly baseline: Cell;
  /** Each compared model's score and recovery, by column. */
  readonly compared: Readonly<Record<string, ComparedCell>>;
}

/** Where the baseline comes from. */
export interface BaselineSource {
  /** Column label in the outputs. */
  readonly label: string;
  /** `step`: a column of the same run; `run`: another run; `none`: no baseline. */
  readonly source: 'step' | 'run' | 'none';
  /** The other run's id (with `run`). */
  readonly runId?: string;
}

/** A recovery report of one run. */
export interface RecoveryReport {
  /** Pipeline id. */
  readonly pipeline: string;
  /** The run reported on. */
  readonly run: { readonly id: string; readonly name: string; readonly status: string };
  /** The baseline. */
  readonly baseline: BaselineSource;
  /** The compared models (columns), in order. */
  readonly columns: readonly string[];
  /** The rows, suite by suite, averages first. */
  readonly rows: readonly ReportRow[];
  /** Steps that failed, did not run or could not be read, and other warnings, one line each. */
  readonly notes: readonly string[];
}

/** `compressed / baseline × 100`, or null with the reason. */
export function recoveryOf(baseline: Cell, score: Cell): Cell {
  if (baseline.value === null) {
    return { value: null, note: `no baseline value (${baseline.note ?? 'missing'})` };
  }
  if (score.value === null) {
    return { value: null, note: score.note ?? 'missing' };
  }
  if (baseline.value <= 0) {
    return { value: null, note: baseline.value === 0 ? 'baseline is 0' : 'baseline is below 0' };
  }
  return { value: (score.value / baseline.value) * 100 };
}
