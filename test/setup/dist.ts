/**
 * Where the tests find the compiled build that jest's global setup made fresh for this run
 * (setup/fresh-dist.ts): the CLI as the package's bin runs it for a user, and the compiled
 * library for the apps of temporary projects.
 */
import * as path from 'node:path';
import { DIST } from './fresh-dist';

/** The package's bin: `node CLI_BIN <args>` is `cdk-style <args>`. */
export const CLI_BIN = path.join(DIST, 'bin', 'cdk-style.js');

/** The compiled library (`require(DIST_LIB)` is `require('cdk-style')` for an installed package). */
export const DIST_LIB = path.join(DIST, 'lib');

/** The argv (program first) that runs `cdk-style <args>` with the compiled bin. */
export function cliArgv(args: readonly string[]): string[] {
  return [process.execPath, CLI_BIN, ...args];
}
