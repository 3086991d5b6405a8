/**
 * Every command of the CLI, in the order `--help` lists them.
 */
import type { CommandModule } from 'yargs';
import { deployCommand } from './deploy';
import { destroyCommand } from './destroy';
import { diffCommand } from './diff';
import { graphCommand } from './graph';
import { lsCommand } from './ls';
import { reportCommand } from './report';
import { runCommand } from './run';
import { sandboxCommand } from './sandbox';
import { synthCommand } from './synth';

/** The commands, registered by main.ts. */
export const COMMANDS: ReadonlyArray<CommandModule<object, never>> = [
  synthCommand, lsCommand, graphCommand, diffCommand, deployCommand, destroyCommand, runCommand, reportCommand, sandboxCommand,
] as unknown as ReadonlyArray<CommandModule<object, never>>;
