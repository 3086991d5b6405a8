/**
 * `cdk-style graph [pipeline]`: the mermaid graph of a pipeline's DAG.
 */
import type { Argv, CommandModule } from 'yargs';
import { UsageError } from '../../base/errors';
import { resolvePipelines } from '../../assembly/resolve';
import { renderMermaid } from '../../manifest/graph';
import { AppArgs, appOptions } from '../shared-options';

/** Arguments of `graph`. */
export interface GraphArgs extends AppArgs {
  /**
   * Pipeline id or name; optional when the app has one pipeline.
   * @default the only pipeline of the app
   */
  readonly pipeline?: string;
}

function builder(yargs: Argv): Argv<GraphArgs> {
  return appOptions(yargs)
    .positional('pipeline', { type: 'string', describe: 'Pipeline id or name (needed when the app has several)' }) as unknown as Argv<GraphArgs>;
}

/** Runs `graph` and returns the exit code. */
export async function runGraph(args: GraphArgs): Promise<number> {
  const pipelines = await resolvePipelines({ app: args.app, output: args.output, pipelines: args.pipeline ? [args.pipeline] : [] });
  if (pipelines.length !== 1) {
    throw new UsageError(`The app has ${pipelines.length} pipelines; name one: cdk-style graph <${pipelines.map((p) => p.id).join('|')}>.`);
  }
  process.stdout.write(renderMermaid(pipelines[0]));
  return 0;
}

/** The `graph` command. */
export const graphCommand: CommandModule<object, GraphArgs> = {
  command: 'graph [pipeline]',
  describe: 'Print the mermaid graph of a pipeline\'s steps',
  builder,
  handler: async (args) => {
    process.exitCode = await runGraph(args);
  },
};
