/**
 * Ctrl-C (SIGINT) during a command that writes: the first one aborts every call in flight and
 * the command ends with an `Interrupted` error (exit 130) that lists what was already written;
 * a second one exits at once with the same list.
 */
import { CdkStyleError, ExitCode } from '../base/errors';

/** What the command had written when it was interrupted, as printable lines. */
export type WrittenSoFar = () => readonly string[];

/** A command stopped by Ctrl-C. Exit code 130 (128 + SIGINT), as shells report it. */
export class InterruptedError extends CdkStyleError {
  /**
   * @param command the command that was interrupted, e.g. `deploy`
   * @param written one line per object written before the interrupt
   */
  public constructor(command: string, written: readonly string[]) {
    const list = written.length > 0 ? `Written before the interrupt (${written.length}):\n${written.join('\n')}` : 'Nothing had been written yet.';
    super('Interrupted', `Interrupted (Ctrl-C): ${command} stopped before it finished. ${list}\n`
      + `A write that was in flight may or may not have landed. Run \`cdk-style ${command}\` again to finish: `
      + 'it finds what exists by its ownership tags and creates no duplicates.', ExitCode.INTERRUPTED);
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
