/**
 * Every command of the CLI, in the order `--help` lists them.
 */
import type { CommandModule } from 'yargs';
import { deployCommand } from './deploy';
import { destroyCommand } from './destroy';
import { diffCommand } from './diff';
import { graphCommand } from './graph';
import { importCommand } from './import';
import { initCommand } from './init';
import { lsCommand } from './ls';
import { reportCommand } from './report';
import { runCommand } from './run';
import { sandboxCommand } from './sandbox';
import { statusCommand } from './status';
import { synthCommand } from './synth';

/** The commands, registered by main.ts. */
export const COMMANDS: ReadonlyArray<CommandModule<object, never>> = [
  initCommand, synthCommand, lsCommand, graphCommand, diffCommand, deployCommand, destroyCommand, runCommand, statusCommand, reportCommand, importCommand, sandboxCommand,
] as unknown as ReadonlyArray<CommandModule<object, never>>;
