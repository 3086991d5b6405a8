/**
 * The report as a grid of strings (header and rows), shared by the terminal table, markdown and
 * CSV: scores with 4 decimals, recovery in percent with 2, `n/a` where there is no number.
 */
import { Cell, RecoveryReport } from './model';

/** Text shown for a cell without a value. */
export const NOT_AVAILABLE = 'n/a';

/** How numbers are written. */
export interface GridStyle {
  /** Text of a score. */
  score(value: number): string;
  /** Text of a recovery. */
  recovery(value: number): string;
}

/** Rounded, for people: `0.5512`, `98.76%`. */
export const ROUNDED: GridStyle = { score: (v) => v.toFixed(4), recovery: (v) => `${v.toFixed(2)}%` };

/** Exact, for programs: the shortest text that reads back as the same number. */
export const EXACT: GridStyle = { score: (v) => String(v), recovery: (v) => String(v) };

/** The report as header + rows of text. */
export interface Grid {
  readonly header: readonly string[];
  readonly rows: readonly (readonly string[])[];
}

const text = (cell: Cell, format: (v: number) => string): string => (cell.value === null ? NOT_AVAILABLE : format(cell.value));

/** Builds the grid of `report`. */
export function reportGrid(report: RecoveryReport, style: GridStyle = ROUNDED): Grid {
  const header = ['suite', 'task', 'metric', report.baseline.label, ...report.columns.flatMap((c) => [c, `${c} recovery`])];
  const rows = report.rows.map((row) => [
    row.suite, row.task, row.metric, text(row.baseline, style.score),
    ...report.columns.flatMap((c) => [text(row.compared[c].score, style.score), text(row.compared[c].recovery, style.recovery)]),
  ]);
  return { header, rows };
}
