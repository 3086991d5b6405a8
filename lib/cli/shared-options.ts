/**
 * Options shared by the commands that read an app (`--app`, `--output`) and by those that talk
 * to a ClearML server (`--sandbox`).
 */
import type { Argv } from 'yargs';

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
