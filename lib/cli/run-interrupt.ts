/**
 * Ctrl-C while a run is driven or followed (`run --local`, `--wait`): the first one asks (on a terminal) whether to stop
 * the launched steps too, then aborts; a second one exits at once.
 */
import * as readline from 'node:readline';
import { ExitCode } from '../base/errors';

/** What a Ctrl-C decided. */
export interface Interrupt {
  /** Aborted at the first Ctrl-C (once the question, if any, was answered). */
  readonly signal: AbortSignal;
  /** Whether the launched steps should be stopped too. */
  stopSteps(): boolean;
  /** Removes the handler. */
  dispose(): void;
}

/** Options of {@link onInterrupt}. */
export interface InterruptOptions {
  /** Never stop the steps, never ask (`--detach`). */
  readonly detach: boolean;
  /** The question, asked on a terminal; undefined to decide without asking. */
  readonly question?: string;
}

function ask(question: string): Promise<boolean> {
  const rl = readline.createInterface({ input: process.stdin, output: process.stderr });
  return new Promise((resolve) => {
    rl.question(question, (answer) => {
      rl.close();
      resolve(!/^n/i.test(answer.trim()));
    });
  });
}

/** Installs the SIGINT handler. Off a terminal the steps are stopped unless `detach`. */
export function onInterrupt(options: InterruptOptions): Interrupt {
  const controller = new AbortController();
  let stop = !options.detach;
  let count = 0;
  const handler = (): void => {
    count += 1;
    if (count > 1) {
      process.stderr.write('\nInterrupted again: exiting now; the run is left as it is.\n');
      process.exit(ExitCode.INTERRUPTED);
    }
    if (options.detach || options.question === undefined || !process.stdin.isTTY) {
      controller.abort();
      return;
    }
    void ask(options.question).then((yes) => {
      stop = yes;
      controller.abort();
    });
  };
  process.on('SIGINT', handler);
  return { signal: controller.signal, stopSteps: () => stop, dispose: () => process.off('SIGINT', handler) };
}
