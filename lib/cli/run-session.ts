/**
 * The CLI side of a run: drive it here (`--local`, `--resume`) or follow it (`--wait`), with the
 * live view on stdout and Ctrl-C handling; returns the exit code (0 completed, 1 failed or stopped).
 */
import { taskLink } from '../deploy/links';
import { DeployTarget } from '../deploy/target';
import { executeRun } from '../run/engine';
import { followRun } from '../run/follow';
import { PollOptions } from '../run/poll-schedule';
import { LiveView, runTable } from '../run/view';
import { RunSnapshot } from '../run/snapshot';
import { onInterrupt } from './run-interrupt';

/** How the run is driven or followed. */
export interface SessionOptions {
  /** Leave launched steps running on Ctrl-C. */
  readonly detach: boolean;
  /** Engine polling. */
  readonly poll?: PollOptions;
  /** Resume (launch again steps that ended failed or stopped). */
  readonly resume?: boolean;
  /** Text appended to the resume hint (e.g. ` --sandbox`). */
  readonly hintFlags: string;
}

function linker(target: DeployTarget, project: string | undefined): ((id: string) => string) | undefined {
  return target.webHost !== undefined && project !== undefined ? (id) => taskLink(target.webHost as string, project, id) : undefined;
}

/** A view created on the first snapshot (the run's project is known then). */
function liveView(target: DeployTarget): (snapshot: RunSnapshot) => void {
  let live: LiveView | undefined;
  return (snapshot) => {
    live ??= new LiveView(process.stdout, process.stdout.isTTY === true, linker(target, snapshot.project));
    live.update(snapshot);
  };
}

function summary(target: DeployTarget, snapshot: RunSnapshot, interactive: boolean): string {
  return interactive ? '' : `${runTable(snapshot, Date.now() / 1000, linker(target, snapshot.project)).join('\n')}\n`;
}

/** Drives run `runId` in this process until it ended or Ctrl-C stopped it. */
export async function driveRun(target: DeployTarget, runId: string, options: SessionOptions): Promise<number> {
  const interrupt = onInterrupt({ detach: options.detach, question: 'Stop the launched steps too? [Y/n] ' });
  const update = liveView(target);
  try {
    const outcome = await executeRun(target.client, runId, {
      poll: options.poll, signal: interrupt.signal, retryEnded: options.resume, onUpdate: update,
      stopStepsOnAbort: () => interrupt.stopSteps(),
      stopReason: () => `interrupted (Ctrl-C) by the user${interrupt.stopSteps() ? '; launched steps stopped' : '; launched steps left running'}`,
    });
    process.stdout.write(summary(target, outcome.snapshot, process.stdout.isTTY === true));
    if (outcome.status === 'completed') {
      process.stdout.write(`Run '${outcome.snapshot.name}' completed.\n`);
      return 0;
    }
    process.stdout.write(`Run '${outcome.snapshot.name}' ${outcome.status}: ${outcome.reason ?? ''}\n`);
    if (outcome.status === 'stopped' || outcome.status === 'failed') {
      process.stdout.write(`Resume it with: cdk-style run --resume ${runId} --local${options.hintFlags}\n`);
    }
    return 1;
  } finally {
    interrupt.dispose();
  }
}

/** Follows run `runId` (driven elsewhere) until it ended; Ctrl-C stops following only. */
export async function followUntilEnded(target: DeployTarget, runId: string, hintFlags: string): Promise<number> {
  const interrupt = onInterrupt({ detach: true });
  const update = liveView(target);
  try {
    const report = await followRun(target.client, runId, { signal: interrupt.signal, onUpdate: update });
    if (interrupt.signal.aborted && report.status !== 'completed') {
      process.stdout.write(`Stopped following; the run goes on. Follow it again with: cdk-style status --run ${runId}${hintFlags}\n`);
      return 1;
    }
    process.stdout.write(summary(target, report, process.stdout.isTTY === true));
    process.stdout.write(`Run '${report.name}' ${report.status}${report.reason !== undefined && report.status !== 'completed' ? `: ${report.reason}` : ''}.\n`);
    return report.status === 'completed' ? 0 : 1;
  } finally {
    interrupt.dispose();
  }
}
