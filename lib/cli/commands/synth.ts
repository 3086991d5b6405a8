/**
 * `cdk-style synth`: run the app, write the cloud assembly, print what it holds; with
 * `--check DIR`, compare with a committed assembly instead and exit 1 when they differ.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Argv, CommandModule } from 'yargs';
import { ExitCode } from '../../base/errors';
import { compareWithDirectory, FileDifference } from '../../manifest/compare';
import { LoadedAssembly } from '../../manifest/load';
import { AssemblyFile } from '../../manifest/write';
import { runSynth } from '../../assembly/synth-runner';

/** Arguments of `synth`. */
export interface SynthArgs {
  /**
   * Command that runs the app.
   * @default the `app` of cdk-style.json
   */
  readonly app?: string;
  /**
   * Output directory.
   * @default the `output` of cdk-style.json, else 'cdk.out'
   */
  readonly output?: string;
  /**
   * Committed assembly to compare with.
   * @default none (write the assembly)
   */
  readonly check?: string;
  /**
   * Print nothing on success.
   * @default false
   */
  readonly quiet?: boolean;
}

function builder(yargs: Argv): Argv<SynthArgs> {
  return yargs
    .option('app', { type: 'string', describe: 'Command that runs the app (default: "app" of cdk-style.json)' })
    .option('output', { type: 'string', alias: 'o', describe: 'Output directory (default: "output" of cdk-style.json, else cdk.out)' })
    .option('check', { type: 'string', describe: 'Compare with the assembly committed in this directory; exit 1 when it is out of date' })
    .option('quiet', { type: 'boolean', alias: 'q', default: false, describe: 'Print nothing on success' }) as unknown as Argv<SynthArgs>;
}

/** The lines `synth` prints for an assembly: one per pipeline, one per step. */
export function describeAssembly(assembly: LoadedAssembly, outdir: string): string {
  const lines = [`Synthesized ${assembly.pipelines.length} pipeline(s) to ${outdir}`];
  for (const pipeline of assembly.pipelines) {
    const steps = Object.values(pipeline.steps);
    lines.push(`  ${pipeline.id}: '${pipeline.name}' in project '${pipeline.project}' v${pipeline.version}, ${steps.length} step(s), controller on '${pipeline.controller.queue}'`);
    for (const step of steps) {
      const after = step.node.parents.length > 0 ? ` after ${step.node.parents.join(', ')}` : '';
      lines.push(`    ${step.node.name}  ${step.kind}  queue '${step.node.queue}'  draft '${step.task.name}'${after}`);
    }
  }
  return `${lines.join('\n')}\n`;
}

function readAssemblyFiles(dir: string): AssemblyFile[] {
  return fs.readdirSync(dir).sort().map((name) => ({ name, bytes: fs.readFileSync(path.join(dir, name)) }));
}

function describeDifferences(differences: readonly FileDifference[], committed: string): string {
  const lines = [`The assembly in ${committed} is out of date (${differences.length} file(s) differ):`];
  for (const d of differences) {
    const what = d.kind === 'missing' ? 'missing (the code now writes it)' : d.kind === 'extra' ? 'extra (the code no longer writes it)' : 'changed';
    lines.push(`  ${d.name}: ${what}`);
    if (d.diff !== '') {
      lines.push(...d.diff.split('\n').map((l) => `    ${l}`));
    }
  }
  lines.push(`Run 'cdk-style synth --output ${committed}' and commit the result.`);
  return `${lines.join('\n')}\n`;
}

async function runCheck(args: SynthArgs, committed: string): Promise<number> {
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk-style-check-'));
  try {
    await runSynth({ app: args.app, output: scratch, quiet: true });
    const differences = compareWithDirectory(readAssemblyFiles(scratch), path.resolve(committed));
    if (differences.length > 0) {
      process.stdout.write(describeDifferences(differences, committed));
      return ExitCode.FAILURE;
    }
    if (!args.quiet) {
      process.stdout.write(`The assembly in ${committed} matches the code.\n`);
    }
    return ExitCode.OK;
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}

/** Runs `synth` and returns the exit code. */
export async function runSynthCommand(args: SynthArgs): Promise<number> {
  if (args.check !== undefined) {
    return runCheck(args, args.check);
  }
  const assembly = await runSynth({ app: args.app, output: args.output, quiet: args.quiet });
  if (!args.quiet) {
    process.stdout.write(describeAssembly(assembly, path.relative(process.cwd(), assembly.dir) || '.'));
  }
  return ExitCode.OK;
}

/** The `synth` command. */
export const synthCommand: CommandModule<object, SynthArgs> = {
  command: 'synth',
  describe: 'Run the app and write the cloud assembly (manifest.json, one file and one mermaid graph per pipeline)',
  builder,
  handler: async (args) => {
    process.exitCode = await runSynthCommand(args);
  },
};
