/**
 * Ctrl-C (SIGINT) during `deploy`, `destroy` or `diff`: the first one aborts every call in flight
 * and the command ends with an `Interrupted` error (exit 130) that lists what was already written
 * (or archived); a second one exits at once with the same list.
 */
import { CdkStyleError, ExitCode } from '../base/errors';

/** What the command had written when it was interrupted, as printable lines. */
export type WrittenSoFar = () => readonly string[];

/** How the interrupt message of a command describes what it had done and what to do next. */
interface InterruptWording {
  /** Heading of the list of what was done, e.g. `Written before the interrupt`. */
  readonly heading: string;
  /** Said instead when nothing was done. */
  readonly nothing: string;
  /** What to do next. */
  readonly advice: string;
}

const RERUN_WRITES = 'A write that was in flight may or may not have landed. Run `cdk-style deploy` again to finish: '
  + 'it finds what exists by its ownership tags and creates no duplicates.';

/** The wording of each command that stops cleanly on Ctrl-C (deploy's for any other). */
const WORDINGS: Record<string, InterruptWording> = {
  deploy: { heading: 'Written before the interrupt', nothing: 'Nothing had been written yet.', advice: RERUN_WRITES },
  destroy: {
    heading: 'Archived or released before the interrupt', nothing: 'Nothing had been archived yet.',
    advice: 'An archive that was in flight may or may not have landed. Run `cdk-style destroy` again to finish: '
      + 'it finds what is left by its ownership tags and archives only that.',
  },
  diff: { heading: 'Written before the interrupt', nothing: 'diff only reads: nothing was written to the server, no plan was printed and no --out file was written.', advice: 'Run `cdk-style diff` again.' },
};

/** A command stopped by Ctrl-C. Exit code 130 (128 + SIGINT), as shells report it. */
export class InterruptedError extends CdkStyleError {
  /**
   * @param command the command that was interrupted, e.g. `deploy`
   * @param written one line per object written (or archived) before the interrupt
   */
  public constructor(command: string, written: readonly string[]) {
    const wording = WORDINGS[command] ?? { ...WORDINGS.deploy, advice: RERUN_WRITES.replace('cdk-style deploy', `cdk-style ${command}`) };
    const list = written.length > 0 ? `${wording.heading} (${written.length}):\n${written.join('\n')}` : wording.nothing;
    super('Interrupted', `Interrupted (Ctrl-C): ${command} stopped before it finished. ${list}\n${wording.advice}`, ExitCode.INTERRUPTED);
  }
}

/**
 * Runs `run` with a signal that aborts on the first SIGINT; throws {@link InterruptedError} when
 * that happened, whatever `run` ended with. The handler is removed when `run` settles.
 */
export async function interruptible<T>(command: string, written: WrittenSoFar, run: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const controller = new AbortController();
  const onSigint = (): void => {
    if (controller.signal.aborted) {
      process.stderr.write(`Error [Interrupted]: ${new InterruptedError(command, written()).message}\n`);
      process.exit(ExitCode.INTERRUPTED);
    }
    process.stderr.write('Interrupted: stopping (press Ctrl-C again to exit at once)...\n');
    controller.abort(new InterruptedError(command, []));
  };
  process.on('SIGINT', onSigint);
  try {
    const result = await run(controller.signal);
    if (controller.signal.aborted) {
      throw new InterruptedError(command, written());
    }
    return result;
  } catch (error) {
    throw controller.signal.aborted ? new InterruptedError(command, written()) : error;
  } finally {
    process.removeListener('SIGINT', onSigint);
  }
}
