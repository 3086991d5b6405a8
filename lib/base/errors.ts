/**
 * Typed errors shared by every layer. Each carries a stable `code` (branch on it, never on the
 * message) and the process exit code the CLI uses for it.
 */

/** Process exit codes of the `cdk-style` CLI. Documented in the README. */
export const ExitCode = {
  /** Everything worked; for `diff`/`synth --check`, also "no differences". */
  OK: 0,
  /** The app, manifest or plan is wrong (validation errors), differences were found with `--fail`/`--check`, or a deploy failed. */
  FAILURE: 1,
  /** The command line itself is wrong (unknown option, missing argument). */
  USAGE: 2,
  /** The environment is wrong: no or bad credentials, ClearML unreachable or refusing, unreadable config. */
  ENVIRONMENT: 3,
  /** Stopped by Ctrl-C (SIGINT): 128 + 2, as shells report it. */
  INTERRUPTED: 130,
} as const;

/** Base class of every error cdk-style throws on purpose. */
export class CdkStyleError extends Error {
  /** Brand that survives duplicated package copies (`instanceof` does not). */
  private static readonly BRAND = Symbol.for('cdk-style.CdkStyleError');

  /** Returns true when `x` is a {@link CdkStyleError}, whichever copy of the package made it. */
  public static isCdkStyleError(x: unknown): x is CdkStyleError {
    return typeof x === 'object' && x !== null && (x as Record<symbol, unknown>)[CdkStyleError.BRAND] === true;
  }

  /** Stable machine-readable code, e.g. `ValidationFailed`. */
  public readonly code: string;
  /** Exit code the CLI uses for this error. */
  public readonly exitCode: number;

  /**
   * @param code stable machine-readable code
   * @param message what went wrong, where, and how to fix it
   * @param exitCode process exit code for the CLI
   */
  public constructor(code: string, message: string, exitCode: number = ExitCode.FAILURE) {
    super(message);
    this.name = new.target.name;
    this.code = code;
    this.exitCode = exitCode;
    Object.defineProperty(this, CdkStyleError.BRAND, { value: true });
  }
}

/** One problem found while validating the construct tree. */
export interface ValidationProblem {
  /** Construct path of the construct at fault, e.g. `Llama32W4A16/step2`. */
  readonly path: string;
  /** What was received, what is allowed, how to fix. */
  readonly message: string;
}

/** Every validation problem of a construct tree, thrown once. */
export class ValidationError extends CdkStyleError {
  /** The problems, in tree order. */
  public readonly problems: ValidationProblem[];

  /** @param problems every problem found (at least one) */
  public constructor(problems: ValidationProblem[]) {
    const lines = problems.map((p) => `  [${p.path}] ${p.message}`);
    super('ValidationFailed', `Validation failed with ${problems.length} error(s):\n${lines.join('\n')}`, ExitCode.FAILURE);
    this.problems = problems;
  }
}

/** The command line is wrong. */
export class UsageError extends CdkStyleError {
  /** @param message what is wrong and how to fix it */
  public constructor(message: string) {
    super('UsageError', message, ExitCode.USAGE);
  }
}

/** The environment is wrong: credentials, configuration files, server reachability. */
export class EnvironmentError extends CdkStyleError {
  /**
   * @param code stable code, e.g. `NoCredentials`
   * @param message what is wrong, where it was looked for, and how to fix it
   */
  public constructor(code: string, message: string) {
    super(code, message, ExitCode.ENVIRONMENT);
  }
}
