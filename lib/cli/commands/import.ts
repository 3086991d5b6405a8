/**
 * `cdk-style import [name] [--project P] [--id ID] [--out FILE] [--adopt]`: an existing
 * pipeline on ClearML as construct code.
 */
import * as fs from 'node:fs';
import type { Argv, CommandModule } from 'yargs';
import { UsageError } from '../../base/errors';
import { withTarget } from '../../deploy/target';
import { importPipeline, ImportResult } from '../../import/import';
import { sandboxOption, TargetArgs } from '../shared-options';

/** Arguments of `import`. */
export interface ImportArgs extends TargetArgs {
  /**
   * Pipeline (controller task) name.
   * @default none: --id is required then
   */
  readonly name?: string;
  /**
   * Project of the pipeline.
   * @default any project
   */
  readonly project?: string;
  /**
   * Controller task id.
   * @default found by name
   */
  readonly id?: string;
  /**
   * File to write the TypeScript to (never overwritten).
   * @default stdout
   */
  readonly out?: string;
  /**
   * Tag the existing drafts (and a native controller) so deploy takes them over.
   * @default false
   */
  readonly adopt?: boolean;
  /**
   * Module the code imports cdk-style from.
   * @default 'cdk-style'
   */
  readonly module?: string;
}

function builder(yargs: Argv): Argv<ImportArgs> {
  return sandboxOption(yargs)
    .positional('name', { type: 'string', describe: 'Pipeline name (the controller task name)' })
    .option('project', { type: 'string', describe: 'Project of the pipeline (the visible one, also for PipelineController pipelines)' })
    .option('id', { type: 'string', describe: 'Controller task id (instead of name and project)' })
    .option('out', { type: 'string', describe: 'Write the TypeScript to FILE (refused if it exists); default stdout' })
    .option('adopt', { type: 'boolean', default: false, describe: 'Give the existing drafts and controller the ownership tags, so deploy updates them instead of creating new ones' })
    .option('module', { type: 'string', default: 'cdk-style', describe: 'Module the generated code imports from' }) as unknown as Argv<ImportArgs>;
}

function summary(result: ImportResult, out: string | undefined): string[] {
  const p = result.pipeline;
  const lines = [`Imported pipeline '${p.name}' (${p.origin === 'seed' ? 'seed Steps configuration' : 'PipelineController'}) of project '${p.project}': ${p.nodes.length} step(s)${out === undefined ? '' : `, written to ${out}`}.`];
  lines.push(...result.steps.flatMap((s) => s.notes.filter((n) => n.startsWith('override')).map((n) => `  [!] ${s.name}: ${n}`)));
  lines.push(result.differences.length === 0
    ? 'The code synthesizes to the drafts, the controller and the DAG on the server.'
    : `A deploy of the code would still change:\n${result.differences.map((d) => `  - ${d}`).join('\n')}`);
  if (result.adopted.length > 0) {
    lines.push(...result.adopted.map((t) => `[=] adopted ${t.name} ${t.id}`));
    lines.push("The next 'cdk-style diff' shows no differences; deploys from this code now update these tasks.");
  }
  return lines;
}

/** Runs `import` and returns the exit code. */
export async function runImport(args: ImportArgs): Promise<number> {
  if (args.id === undefined && args.name === undefined) {
    throw new UsageError('Name the pipeline to import (cdk-style import <name> [--project P]) or pass --id <controller task id>.');
  }
  if (args.out !== undefined && fs.existsSync(args.out)) {
    throw new UsageError(`--out ${args.out} already exists; import never overwrites a file. Choose another name or remove it.`);
  }
  return withTarget({ sandbox: args.sandbox }, async (target) => {
    const result = await importPipeline(target.client, { id: args.id, name: args.name, project: args.project, adopt: args.adopt, moduleName: args.module });
    if (args.out === undefined) {
      process.stdout.write(result.code);
    } else {
      fs.writeFileSync(args.out, result.code, { flag: 'wx' });
    }
    process.stderr.write(`${summary(result, args.out).join('\n')}\n`);
    return 0;
  });
}

/** The `import` command. */
export const importCommand: CommandModule<object, ImportArgs> = {
  command: 'import [name]',
  describe: 'Write construct code for a pipeline that already exists on ClearML (--adopt to take it over)',
  builder,
  handler: async (args) => {
    process.exitCode = await runImport(args);
  },
};
