/**
 * The `--min-recovery` gate: every compared score must keep at least the given percentage of the
 * baseline. A recovery that cannot be computed (a missing value, a zero baseline) fails the gate
 * too: a gate that cannot check must not pass.
 */
import { RecoveryReport } from './model';

/** One row that fails the gate. */
export interface GateFailure {
  /** `suite task metric` of the row. */
  readonly row: string;
  /** The compared model. */
  readonly column: string;
  /** Its recovery, or null when there is none. */
  readonly recovery: number | null;
  /** Why there is no recovery. */
  readonly note?: string;
}

/** The rows of `report` whose recovery is below `minimum` percent (or unknown). */
export function gateFailures(report: RecoveryReport, minimum: number): GateFailure[] {
  return report.rows.flatMap((row) => report.columns.flatMap((column) => {
    const recovery = row.compared[column].recovery;
    if (recovery.value !== null && recovery.value >= minimum) {
      return [];
    }
    return [{ row: `${row.suite} ${row.task} ${row.metric}`, column, recovery: recovery.value, note: recovery.note }];
  }));
}

/** The gate's verdict as lines for the terminal. */
export function formatGate(failures: readonly GateFailure[], minimum: number): string {
  if (failures.length === 0) {
    return `Recovery gate passed: every score keeps at least ${minimum}% of the baseline.\n`;
  }
  const lines = failures.map((f) => `  ${f.column}: ${f.row}: ${f.recovery === null ? `n/a (${f.note ?? 'missing'})` : `${f.recovery.toFixed(2)}%`}`);
  return [`Recovery gate failed: ${failures.length} score(s) below ${minimum}% of the baseline (or not measurable):`, ...lines].join('\n') + '\n';
}
