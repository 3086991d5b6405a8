/**
 * `cdk-style ls`: the pipelines of the app, one per line.
 */
import type { Argv, CommandModule } from 'yargs';
import { resolvePipelines } from '../../assembly/resolve';
import { AppArgs, appOptions } from '../shared-options';

/** Arguments of `ls`. */
export interface LsArgs extends AppArgs {
  /**
   * Also print the steps.
   * @default false
   */
  readonly long?: boolean;
}

function builder(yargs: Argv): Argv<LsArgs> {
  return appOptions(yargs)
    .option('long', { type: 'boolean', alias: 'l', default: false, describe: 'Also list each pipeline\'s steps' }) as unknown as Argv<LsArgs>;
}

/** Runs `ls` and returns the exit code. */
export async function runLs(args: LsArgs): Promise<number> {
  const pipelines = await resolvePipelines({ app: args.app, output: args.output });
  const lines: string[] = [];
  for (const pipeline of pipelines) {
    lines.push(args.long ? `${pipeline.id}  ${pipeline.project}/${pipeline.name}  v${pipeline.version}` : pipeline.id);
    if (args.long) {
      lines.push(...Object.values(pipeline.steps).map((s) => `  ${s.node.name}  ${s.kind}  ${s.node.queue}`));
    }
  }
  process.stdout.write(lines.length > 0 ? `${lines.join('\n')}\n` : '');
  return 0;
}

/** The `ls` command. */
export const lsCommand: CommandModule<object, LsArgs> = {
  command: ['ls', 'list'],
  describe: 'List the pipelines of the app',
  builder,
  handler: async (args) => {
    process.exitCode = await runLs(args);
  },
};
