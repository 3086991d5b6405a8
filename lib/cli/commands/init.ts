/**
 * `cdk-style init [dir] [--template seed|matrix|empty] [--force]`: a new project, ready for
 * `npm install && npx cdk-style synth && npm test`.
 */
import * as path from 'node:path';
import type { Argv, CommandModule } from 'yargs';
import { initProject } from '../../init/init';
import { TEMPLATE_NAMES } from '../../init/templates';

/** Arguments of `init`. */
export interface InitArgs {
  /**
   * Directory of the new project.
   * @default the current directory
   */
  readonly dir?: string;
  /**
   * Template.
   * @default 'seed'
   */
  readonly template?: string;
  /**
   * Add the missing files to a non-empty directory (never overwrites).
   * @default false
   */
  readonly force?: boolean;
}

function builder(yargs: Argv): Argv<InitArgs> {
  return yargs
    .positional('dir', { type: 'string', describe: 'Directory of the new project (default: the current directory)' })
    .option('template', { type: 'string', choices: [...TEMPLATE_NAMES], default: 'seed', describe: 'seed: compress + two evaluations; matrix: recipes x suites; empty: one TaskStep' })
    .option('force', { type: 'boolean', default: false, describe: 'Add the missing files to a non-empty directory (existing files are never overwritten)' }) as unknown as Argv<InitArgs>;
}

/** Runs `init` and returns the exit code. */
export function runInit(args: InitArgs): number {
  const result = initProject({ dir: args.dir ?? '.', template: args.template, force: args.force });
  const lines = [
    ...result.written.map((f) => `[+] ${f}`),
    ...result.kept.map((f) => `[=] ${f} (exists, kept as it is)`),
    '',
    `Created a '${result.template}' project in ${result.dir}. Next:`,
    ...(path.resolve('.') === result.dir ? [] : [`  cd ${args.dir}`]),
    '  npm install',
    '  npx cdk-style synth   # writes cdk.out/ (commit it: it is what is reviewed and deployed)',
    '  npm test              # the first run writes the snapshot (commit it too)',
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
  return 0;
}

/** The `init` command. */
export const initCommand: CommandModule<object, InitArgs> = {
  command: 'init [dir]',
  describe: 'Create a new cdk-style project from a template',
  builder,
  handler: (args) => {
    process.exitCode = runInit(args);
  },
};
