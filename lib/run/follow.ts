/**
 * Following a run someone else drives (a controller on `services`): read it every interval until
 * it ended, reporting each change.
 */
import { RunClient } from './client';
import { PollSchedule } from './poll-schedule';
import { RunReport, readRunReport, runEnded } from './status';

/** Options of {@link followRun}. */
export interface FollowOptions {
  /** Longest interval between reads, in ms. @default 1000 */
  readonly maxIntervalMs?: number;
  /** Stops following (the run goes on). @default never */
  readonly signal?: AbortSignal;
  /** Called with every read. @default none */
  readonly onUpdate?: (report: RunReport) => void;
}

/** Follows run `runId` until it ended (or `signal` aborts) and returns its last report. */
export async function followRun(client: RunClient, runId: string, options: FollowOptions = {}): Promise<RunReport> {
  const schedule = new PollSchedule({ minMs: 100, maxMs: options.maxIntervalMs ?? 1000 });
  let last = '';
  for (;;) {
    const report = await readRunReport(client, runId, 0);
    const key = JSON.stringify([report.status, report.nodes.map((n) => [n.status, n.taskId])]);
    if (key !== last) {
      schedule.changed();
      last = key;
    }
    options.onUpdate?.(report);
    if (runEnded(report.status) || options.signal?.aborted) {
      return runEnded(report.status) ? readRunReport(client, runId) : report;
    }
    await schedule.wait(false, options.signal);
  }
}
