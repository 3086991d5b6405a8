/**
 * Errors of the report: a run that cannot be found or read, a baseline that cannot be chosen.
 */
import { CdkStyleError, ExitCode } from '../base/errors';

/** A report that cannot be made. Exit code 1 unless said otherwise. */
export class ReportError extends CdkStyleError {
  /**
   * @param code stable code: `NoCompletedRun`, `UnknownRun`, `NotARunOf`, `NoEvaluations`, `UnknownBaseline`, `AmbiguousBaseline`, `UnexpectedAnswer`
   * @param message what went wrong and how to fix it
   * @param exitCode process exit code
   */
  public constructor(code: string, message: string, exitCode: number = ExitCode.FAILURE) {
    super(code, message, exitCode);
  }
}
