/**
 * The recovery of each row as a horizontal bar chart in SVG, one bar per compared model, with the
 * threshold (`--min-recovery`, else 100%) as a dashed line. A small writer rather than a charting
 * library: the output is plain text built in a fixed order with numbers rounded to 0.1 px, so the
 * same report gives the same bytes on every machine (README: dependencies).
 */
import { RecoveryReport } from './model';

/** Options of {@link recoveryChart}. */
export interface ChartOptions {
  /**
   * Recovery threshold drawn as a line, in percent.
   * @default 100
   */
  readonly threshold?: number;
}

const PALETTE = ['#4c78a8', '#f58518', '#54a24b', '#e45756', '#72b7b2', '#b279a2', '#eeca3b', '#9d755d'];
const BAR = 14;
const GAP = 8;
const LABEL_WIDTH = 320;
const PLOT_WIDTH = 480;
const TOP = 48;

const px = (n: number): string => String(Math.round(n * 10) / 10);

/** Escapes text for SVG content and attributes. */
export function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function axisRange(values: number[], threshold: number): [number, number] {
  const low = Math.min(threshold, ...values);
  const high = Math.max(threshold, ...values);
  const from = Math.max(0, Math.floor((low - 5) / 5) * 5);
  return [from, Math.max(from + 10, Math.ceil((high + 1) / 5) * 5)];
}

function ticks([from, to]: [number, number]): number[] {
  const step = to - from <= 30 ? 5 : to - from <= 100 ? 10 : 25;
  const out: number[] = [];
  for (let t = Math.ceil(from / step) * step; t <= to; t += step) {
    out.push(t);
  }
  return out;
}

/** The chart of `report` as an SVG document. */
export function recoveryChart(report: RecoveryReport, options: ChartOptions = {}): string {
  const threshold = options.threshold ?? 100;
  const columns = report.columns;
  const values = report.rows.flatMap((r) => columns.map((c) => r.compared[c].recovery.value)).filter((v): v is number => v !== null);
  const range = axisRange(values, threshold);
  const x = (v: number): number => LABEL_WIDTH + ((Math.min(Math.max(v, range[0]), range[1]) - range[0]) / (range[1] - range[0])) * PLOT_WIDTH;
  const groupHeight = Math.max(1, columns.length) * BAR + GAP;
  const plotBottom = TOP + report.rows.length * groupHeight;
  const height = plotBottom + 40 + columns.length * 18;
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${LABEL_WIDTH + PLOT_WIDTH + 80}" height="${px(height)}" font-family="sans-serif" font-size="11">`,
    `<text x="8" y="20" font-size="14" font-weight="bold">${escapeXml(`Recovery of ${report.pipeline} (run ${report.run.id.slice(0, 8)}) against ${report.baseline.label}`)}</text>`,
  ];
  for (const t of ticks(range)) {
    out.push(`<line x1="${px(x(t))}" y1="${TOP - 6}" x2="${px(x(t))}" y2="${px(plotBottom)}" stroke="#ddd"/>`,
      `<text x="${px(x(t))}" y="${TOP - 10}" text-anchor="middle">${t}%</text>`);
  }
  report.rows.forEach((row, i) => {
    const top = TOP + i * groupHeight;
    out.push(`<text x="${LABEL_WIDTH - 6}" y="${px(top + (columns.length * BAR) / 2 + 4)}" text-anchor="end">${escapeXml(`${row.task} ${row.metric}`)}</text>`);
    columns.forEach((column, j) => {
      const y = top + j * BAR;
      const value = row.compared[column].recovery.value;
      out.push(value === null
        ? `<text x="${LABEL_WIDTH + 4}" y="${px(y + BAR - 3)}" fill="#888">n/a</text>`
        : `<rect x="${LABEL_WIDTH}" y="${px(y + 1)}" width="${px(x(value) - LABEL_WIDTH)}" height="${BAR - 2}" fill="${PALETTE[j % PALETTE.length]}"><title>${escapeXml(`${column}: ${value.toFixed(2)}%`)}</title></rect>`);
    });
  });
  out.push(`<line x1="${px(x(threshold))}" y1="${TOP - 6}" x2="${px(x(threshold))}" y2="${px(plotBottom)}" stroke="#d62728" stroke-width="1.5" stroke-dasharray="4 3"/>`,
    `<text x="${px(x(threshold) + 4)}" y="${px(plotBottom + 14)}" fill="#d62728">${escapeXml(`threshold ${threshold}%`)}</text>`);
  columns.forEach((column, j) => {
    const y = plotBottom + 30 + j * 18;
    out.push(`<rect x="${LABEL_WIDTH}" y="${y}" width="12" height="12" fill="${PALETTE[j % PALETTE.length]}"/>`, `<text x="${LABEL_WIDTH + 18}" y="${y + 10}">${escapeXml(column)}</text>`);
  });
  out.push('</svg>');
  return `${out.join('\n')}\n`;
}
