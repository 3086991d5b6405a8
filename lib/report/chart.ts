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

interface Frame {
  readonly x: (value: number) => number;
  readonly range: [number, number];
  readonly columns: readonly string[];
  readonly groupHeight: number;
  readonly plotBottom: number;
}

function frameOf(report: RecoveryReport, threshold: number): Frame {
  const columns = report.columns;
  const values = report.rows.flatMap((r) => columns.map((c) => r.compared[c].recovery.value)).filter((v): v is number => v !== null);
  const range = axisRange(values, threshold);
  const x = (v: number): number => LABEL_WIDTH + ((Math.min(Math.max(v, range[0]), range[1]) - range[0]) / (range[1] - range[0])) * PLOT_WIDTH;
  const groupHeight = Math.max(1, columns.length) * BAR + GAP;
  return { x, range, columns, groupHeight, plotBottom: TOP + report.rows.length * groupHeight };
}

function gridLines(frame: Frame): string[] {
  return ticks(frame.range).flatMap((t) => [
    `<line x1="${px(frame.x(t))}" y1="${TOP - 6}" x2="${px(frame.x(t))}" y2="${px(frame.plotBottom)}" stroke="#ddd"/>`,
    `<text x="${px(frame.x(t))}" y="${TOP - 10}" text-anchor="middle">${t}%</text>`,
  ]);
}

function bars(report: RecoveryReport, frame: Frame): string[] {
  return report.rows.flatMap((row, i) => {
    const top = TOP + i * frame.groupHeight;
    const label = `<text x="${LABEL_WIDTH - 6}" y="${px(top + (frame.columns.length * BAR) / 2 + 4)}" text-anchor="end">${escapeXml(`${row.task} ${row.metric}`)}</text>`;
    return [label, ...frame.columns.map((column, j) => {
      const y = top + j * BAR;
      const value = row.compared[column].recovery.value;
      return value === null
        ? `<text x="${LABEL_WIDTH + 4}" y="${px(y + BAR - 3)}" fill="#888">n/a</text>`
        : `<rect x="${LABEL_WIDTH}" y="${px(y + 1)}" width="${px(frame.x(value) - LABEL_WIDTH)}" height="${BAR - 2}" fill="${PALETTE[j % PALETTE.length]}"><title>${escapeXml(`${column}: ${value.toFixed(2)}%`)}</title></rect>`;
    })];
  });
}

function thresholdAndLegend(frame: Frame, threshold: number): string[] {
  const line = [
    `<line x1="${px(frame.x(threshold))}" y1="${TOP - 6}" x2="${px(frame.x(threshold))}" y2="${px(frame.plotBottom)}" stroke="#d62728" stroke-width="1.5" stroke-dasharray="4 3"/>`,
    `<text x="${px(frame.x(threshold) + 4)}" y="${px(frame.plotBottom + 14)}" fill="#d62728">${escapeXml(`threshold ${threshold}%`)}</text>`,
  ];
  const legend = frame.columns.flatMap((column, j) => {
    const y = frame.plotBottom + 30 + j * 18;
    return [`<rect x="${LABEL_WIDTH}" y="${y}" width="12" height="12" fill="${PALETTE[j % PALETTE.length]}"/>`, `<text x="${LABEL_WIDTH + 18}" y="${y + 10}">${escapeXml(column)}</text>`];
  });
  return [...line, ...legend];
}

/** The chart of `report` as an SVG document. */
export function recoveryChart(report: RecoveryReport, options: ChartOptions = {}): string {
  const threshold = options.threshold ?? 100;
  const frame = frameOf(report, threshold);
  const height = frame.plotBottom + 40 + frame.columns.length * 18;
  const title = `Recovery of ${report.pipeline} (run ${report.run.id.slice(0, 8)}) against ${report.baseline.label}`;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${LABEL_WIDTH + PLOT_WIDTH + 80}" height="${px(height)}" font-family="sans-serif" font-size="11">`,
    `<text x="8" y="20" font-size="14" font-weight="bold">${escapeXml(title)}</text>`,
    ...gridLines(frame), ...bars(report, frame), ...thresholdAndLegend(frame, threshold),
    '</svg>',
  ].join('\n') + '\n';
}
