/**
 * Options shared by the commands that read an app (`--app`, `--output`) and by those that talk
 * to a ClearML server (`--sandbox`).
 */
import type { Argv } from 'yargs';
import { UsageError } from '../base/errors';
import { LeaseOptions } from '../deploy/lease';

/** Arguments of every command that reads the app's assembly. */
export interface AppArgs {
  /**
   * Command that runs the app, or a cloud assembly directory used as it is.
   * @default the `app` of cdk-style.json
   */
  readonly app?: string;
  /**
   * Synth output directory.
   * @default the `output` of cdk-style.json, else 'cdk.out'
   */
  readonly output?: string;
}

/** Arguments of every command that talks to a ClearML server. */
export interface TargetArgs {
  /**
   * Use the embedded sandbox persisted under `.cdk-style/` instead of the configured server.
   * @default false
   */
  readonly sandbox?: boolean;
}

/** Adds `--app` and `--output` (`-o`). */
export function appOptions<T>(yargs: Argv<T>): Argv<T & AppArgs> {
  return yargs
    .option('app', { type: 'string', describe: 'Command that runs the app (default: "app" of cdk-style.json), or a cloud assembly directory (cdk.out) used as is' })
    .option('output', { type: 'string', alias: 'o', describe: 'Synth output directory (default: "output" of cdk-style.json, else cdk.out)' }) as unknown as Argv<T & AppArgs>;
}

/** Adds `--sandbox`. */
export function sandboxOption<T>(yargs: Argv<T>): Argv<T & TargetArgs> {
  return yargs.option('sandbox', { type: 'boolean', default: false, describe: 'Use the embedded sandbox persisted under .cdk-style/ instead of the configured ClearML server' }) as unknown as Argv<T & TargetArgs>;
}

/** Arguments of the commands that take deploy locks (`deploy`, `destroy`). */
export interface LockArgs {
  /**
   * Seconds to wait for a deploy lock held by another live command.
   * @default 600
   */
  readonly lockWait?: number;
  /**
   * Break the pipelines' deploy locks, whoever holds them.
   * @default false
   */
  readonly forceUnlock?: boolean;
}

/** Environment variable setting the deploy locks' time to live in milliseconds (default 60000). */
export const LOCK_TTL_ENV = 'CDK_STYLE_LOCK_TTL_MS';

/** Adds `--lock-wait` and `--force-unlock`. */
export function lockOptions<T>(yargs: Argv<T>): Argv<T & LockArgs> {
  return yargs
    .option('lock-wait', { type: 'number', default: 600, describe: 'Seconds to wait for a deploy lock held by another command' })
    .option('force-unlock', { type: 'boolean', default: false, describe: 'Break the deploy locks of these pipelines, whoever holds them (only when that process is gone)' }) as unknown as Argv<T & LockArgs>;
}

function lockTtlMs(): number | undefined {
  const raw = process.env[LOCK_TTL_ENV];
  if (raw === undefined || raw === '') {
    return undefined;
  }
  const ms = Number(raw);
  if (!Number.isInteger(ms) || ms < 100) {
    throw new UsageError(`${LOCK_TTL_ENV} must be a whole number of milliseconds of at least 100, got '${raw}'.`);
  }
  return ms;
}

/** The lease options of a command: its name, `--lock-wait`, `--force-unlock`, notices on stderr. */
export function leaseOptions(command: string, args: LockArgs): LeaseOptions {
  const wait = args.lockWait ?? 600;
  if (!Number.isFinite(wait) || wait < 0) {
    throw new UsageError(`--lock-wait must be a number of seconds of at least 0, got ${args.lockWait}.`);
  }
  return {
    command, waitMs: wait * 1000, forceUnlock: args.forceUnlock ?? false, ttlMs: lockTtlMs(),
    onNotice: (message) => process.stderr.write(`${message}\n`),
  };
}
