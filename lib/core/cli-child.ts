/**
 * When an app runs under `cdk-style synth` (the CLI sets `CDK_STYLE_OUTDIR`), an uncaught
 * cdk-style error is printed as its message alone (no stack trace) and the process exits with
 * the error's exit code, so the CLI can show validation errors exactly as written.
 */
import { CdkStyleError } from '../base/errors';

let installed = false;

/** Installs the handler once, and only when the app runs under the CLI. */
export function reportErrorsToCli(): void {
  if (installed || process.env.CDK_STYLE_OUTDIR === undefined) {
    return;
  }
  installed = true;
  process.on('uncaughtException', (error) => {
    if (CdkStyleError.isCdkStyleError(error)) {
      process.stderr.write(`${error.message}\n`);
      process.exit(error.exitCode);
    }
    process.stderr.write(`${error instanceof Error ? error.stack ?? error.message : String(error)}\n`);
    process.exit(1);
  });
}
