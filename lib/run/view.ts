/**
 * Showing a run to people: a table of its steps (state, queue, duration, task link, failure
 * reason), redrawn in place on a terminal, or one line per change otherwise.
 */
import { NodeSnapshot, RunSnapshot } from './snapshot';

/** Where the view writes. */
export interface ViewOutput {
  /** Writes text. */
  write(text: string): unknown;
}

/** How task links are made. */
export type TaskLinker = (taskId: string) => string;

const MARKS: Record<string, string> = { pending: '·', queued: '…', running: '▶', completed: '✔', failed: '✘', aborted: '■', skipped: '-' };

/** `1.2s`, `3m 04s` or `2h 05m`. */
export function formatDuration(seconds: number): string {
  if (seconds < 60) {
    return `${seconds.toFixed(1)}s`;
  }
  const m = Math.floor(seconds / 60);
  return m < 60 ? `${m}m ${String(Math.floor(seconds % 60)).padStart(2, '0')}s` : `${Math.floor(m / 60)}h ${String(m % 60).padStart(2, '0')}m`;
}

function duration(node: NodeSnapshot, nowSeconds: number): string {
  if (node.started === undefined) {
    return '';
  }
  return formatDuration(Math.max(0, (node.ended ?? nowSeconds) - node.started));
}

function pad(text: string, width: number): string {
  return text.length >= width ? text : text + ' '.repeat(width - text.length);
}

/** The table of `snapshot`'s steps, one line per step (plus a reason line under failed ones). */
export function runTable(snapshot: RunSnapshot, nowSeconds: number, link?: TaskLinker): string[] {
  const nameWidth = Math.max(4, ...snapshot.nodes.map((n) => n.name.length));
  const queueWidth = Math.max(5, ...snapshot.nodes.map((n) => n.queue.length));
  const lines = [`Run '${snapshot.name}' (${snapshot.id}): ${snapshot.status}`,
    `  ${pad('step', nameWidth + 3)}${pad('state', 11)}${pad('queue', queueWidth + 2)}${pad('time', 9)}task`];
  for (const node of snapshot.nodes) {
    const task = node.taskId === undefined ? '' : link !== undefined ? link(node.taskId) : node.taskId;
    const row = `  ${MARKS[node.status] ?? '?'} ${pad(node.name, nameWidth)} ${pad(node.status, 11)}${pad(node.queue, queueWidth + 2)}${pad(duration(node, nowSeconds), 9)}${task}`;
    lines.push(row.trimEnd());
    if (node.message !== undefined && (node.status === 'failed' || node.status === 'aborted' || node.status === 'skipped')) {
      lines.push(`      ${node.message}`);
    }
  }
  return lines;
}

/** A live view of one run. */
export class LiveView {
  private drawn = 0;
  private readonly seen = new Map<string, string>();
  private runStatus?: string;

  /**
   * @param out where to write
   * @param terminal redraw in place (a TTY) rather than one line per change
   * @param link how to show a task
   */
  public constructor(private readonly out: ViewOutput, private readonly terminal: boolean, private readonly link?: TaskLinker) {}

  /** Shows `snapshot`. */
  public update(snapshot: RunSnapshot): void {
    if (this.terminal) {
      const lines = runTable(snapshot, Date.now() / 1000, this.link);
      this.out.write(`${this.drawn > 0 ? `\x1b[${this.drawn}A\x1b[0J` : ''}${lines.join('\n')}\n`);
      this.drawn = lines.length;
      return;
    }
    this.changes(snapshot).forEach((line) => this.out.write(`${line}\n`));
  }

  private changes(snapshot: RunSnapshot): string[] {
    const lines: string[] = [];
    if (this.runStatus !== snapshot.status) {
      lines.push(`run '${snapshot.name}' (${snapshot.id}): ${this.runStatus === undefined ? '' : `${this.runStatus} -> `}${snapshot.status}`);
      this.runStatus = snapshot.status;
    }
    for (const node of snapshot.nodes) {
      const before = this.seen.get(node.name);
      if (before !== node.status && !(before === undefined && node.status === 'pending')) {
        const task = node.taskId === undefined ? '' : ` ${this.link?.(node.taskId) ?? node.taskId}`;
        const reason = node.message !== undefined && node.status !== 'completed' ? ` (${node.message})` : '';
        lines.push(`  ${node.name}: ${before ?? 'pending'} -> ${node.status}${task}${reason}`);
      }
      this.seen.set(node.name, node.status);
    }
    return lines;
  }
}
