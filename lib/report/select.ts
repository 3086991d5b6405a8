/**
 * Which rows a report shows (and gates): every task metric, only the suites' averages and the
 * metrics they are made of, or only the averages. Large suites (leaderboard, MMLU's subtasks)
 * report hundreds of metrics; a CI gate usually wants the averages.
 */
import { RecoveryReport } from './model';

/** The row selections of `--rows`. */
export const ROW_SELECTIONS = ['all', 'groups', 'averages'] as const;

/** One of {@link ROW_SELECTIONS}. */
export type RowSelection = (typeof ROW_SELECTIONS)[number];

/** `report` with only the rows of `selection`. */
export function selectRows(report: RecoveryReport, selection: RowSelection): RecoveryReport {
  if (selection === 'all') {
    return report;
  }
  const keep = report.rows.filter((r) => r.kind === 'average' || (selection === 'groups' && r.averaged));
  return { ...report, rows: keep };
}
