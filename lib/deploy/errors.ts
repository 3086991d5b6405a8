/**
 * Errors raised by the deploy engine.
 */
import { CdkStyleError, ExitCode } from '../base/errors';

/** A deploy that cannot go ahead or failed half-way. Exit code 1. */
export class DeployError extends CdkStyleError {
  /**
   * @param code stable code: `MissingQueues`, `ApplyFailed`, `ApprovalRequired`, `ApprovalDenied`, `UnknownPipeline`
   * @param message what went wrong and how to fix it
   */
  public constructor(code: string, message: string) {
    super(code, message, ExitCode.FAILURE);
  }
}

/** The error of a deploy that references queues the server does not have. */
export function missingQueuesError(missing: readonly string[]): DeployError {
  return new DeployError('MissingQueues', `Queue(s) not found on the ClearML server: ${missing.join(', ')}. `
    + 'Create them (web UI: Orchestration > Queues) or deploy with --create-queues.');
}
