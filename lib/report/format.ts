/**
 * The report's text formats: an aligned table for the terminal, markdown ready to paste into a
 * pull request or a model card, JSON, and CSV (RFC 4180). All deterministic: the same run gives
 * the same bytes.
 */
import { EXACT, Grid, reportGrid } from './grid';
import { RecoveryReport } from './model';

/** The output formats of `cdk-style report`. */
export const REPORT_FORMATS = ['table', 'markdown', 'json', 'csv'] as const;

/** One of {@link REPORT_FORMATS}. */
export type ReportFormat = (typeof REPORT_FORMATS)[number];

const isNumeric = (s: string): boolean => /^-?\d/.test(s) || s === 'n/a';

function title(report: RecoveryReport): string {
  return `Recovery of pipeline '${report.pipeline}', run ${report.run.id} ('${report.run.name}', ${report.run.status}), against ${report.baseline.label}`;
}

/** An aligned plain-text table, numbers right-aligned. */
export function formatTable(report: RecoveryReport): string {
  const grid = reportGrid(report);
  const lines = [grid.header, ...grid.rows];
  const widths = grid.header.map((_, i) => Math.max(...lines.map((l) => l[i].length)));
  const render = (line: readonly string[], numeric: boolean): string => line
    .map((cell, i) => (numeric && i >= 3 && isNumeric(cell) ? cell.padStart(widths[i]) : cell.padEnd(widths[i])))
    .join('  ').trimEnd();
  const rule = widths.map((w) => '-'.repeat(w)).join('  ');
  const notes = report.notes.map((n) => `! ${n}`);
  return [title(report), '', render(grid.header, false), rule, ...grid.rows.map((r) => render(r, true)), ...(notes.length > 0 ? ['', ...notes] : [])].join('\n') + '\n';
}

const escapeMarkdown = (cell: string): string => cell.replace(/\\/g, '\\\\').replace(/\|/g, '\\|');

/** A GitHub-flavoured markdown table with the notes as a list below. */
export function formatMarkdown(report: RecoveryReport): string {
  const grid = reportGrid(report);
  const row = (cells: readonly string[]): string => `| ${cells.map(escapeMarkdown).join(' | ')} |`;
  const align = grid.header.map((_, i) => (i >= 3 ? '---:' : '---'));
  const heading = `### Recovery: \`${report.pipeline}\` run \`${report.run.id}\` against ${escapeMarkdown(report.baseline.label)}`;
  const legend = '_Recovery = compressed score / baseline score × 100. n/a: a value is missing or the baseline is 0._';
  const notes = report.notes.map((n) => `- ${escapeMarkdown(n)}`);
  return [heading, '', row(grid.header), `|${align.map((a) => ` ${a} `).join('|')}|`, ...grid.rows.map(row), '', legend, ...(notes.length > 0 ? ['', ...notes] : [])].join('\n') + '\n';
}

/** The report as JSON: exact numbers, `null` with a `note` where a value is missing. */
export function formatJson(report: RecoveryReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}

const csvField = (field: string): string => (/[",\r\n]/.test(field) ? `"${field.replace(/"/g, '""')}"` : field);

/** CSV with a header line, exact numbers and `n/a` for missing values, CRLF line ends (RFC 4180). */
export function formatCsv(report: RecoveryReport): string {
  const grid: Grid = reportGrid(report, EXACT);
  return [grid.header, ...grid.rows].map((line) => line.map(csvField).join(',')).join('\r\n') + '\r\n';
}

/** The report in `format`. */
export function formatReport(report: RecoveryReport, format: ReportFormat): string {
  const formatters: Record<ReportFormat, (r: RecoveryReport) => string> = { table: formatTable, markdown: formatMarkdown, json: formatJson, csv: formatCsv };
  return formatters[format](report);
}
