/**
 * Runs the user's app as a child process (like `cdk synth`): the app builds its construct tree
 * and calls `app.synth()`, which writes the assembly into the directory passed through
 * `CDK_STYLE_OUTDIR`. The parent then loads and checks what was written.
 */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CdkStyleError, ExitCode, UsageError } from '../base/errors';
import { loadAssembly, LoadedAssembly } from '../manifest/load';
import { MANIFEST_FILE } from '../manifest/schema';
import { loadProjectConfig, PROJECT_FILE } from './project-config';
import { publishAssembly, scratchDirFor } from './publish';

/** Options of {@link runSynth}. */
export interface SynthRunOptions {
  /**
   * Shell command that runs the app.
   * @default the `app` of cdk-style.json
   */
  readonly app?: string;
  /**
   * Output directory.
   * @default the `output` of cdk-style.json, else cdk.out
   */
  readonly output?: string;
  /**
   * Do not forward the app's own output.
   * @default false
   */
  readonly quiet?: boolean;
  /**
   * Working directory (where cdk-style.json is).
   * @default process.cwd()
   */
  readonly cwd?: string;
}

/** Environment variable through which the output directory reaches the app. */
export const OUTDIR_ENV = 'CDK_STYLE_OUTDIR';

/** Environment variable carrying the `context` of cdk-style.json (JSON) to the app. */
export const CONTEXT_ENV = 'CDK_STYLE_CONTEXT';

/** Local `node_modules/.bin` directories first on PATH, as npm scripts have them. */
function childPath(cwd: string): string {
  const packageBin = path.resolve(__dirname, '..', '..', 'node_modules', '.bin');
  const packageRootBin = path.resolve(__dirname, '..', '..', '..', 'node_modules', '.bin');
  const dirs = [path.join(cwd, 'node_modules', '.bin'), packageBin, packageRootBin].filter((d) => fs.existsSync(d));
  return [...new Set(dirs), process.env.PATH ?? ''].join(path.delimiter);
}

function runChild(command: string, cwd: string, env: NodeJS.ProcessEnv, quiet: boolean): Promise<{ code: number; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, { cwd, env, shell: true, stdio: ['ignore', quiet ? 'ignore' : 'inherit', 'pipe'] });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
    });
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code: code ?? (signal ? 128 : 1), stderr }));
  });
}

/** An app that names a directory would be run as a shell command: refused with what to do instead. */
function refuseDirectory(app: string, cwd: string): void {
  const dir = path.resolve(cwd, app);
  if (fs.existsSync(dir) && fs.statSync(dir).isDirectory()) {
    const assembly = fs.existsSync(path.join(dir, MANIFEST_FILE));
    throw new UsageError(`The app '${app}' is a directory, not a command that runs the app. `
      + (assembly ? `It holds a synthesized assembly: deploy or diff it with --app ${app}.` : 'Pass the command that runs the app, e.g. --app "tsx app.ts".'));
  }
}

/**
 * Runs the app and returns the assembly it wrote. The app writes into a scratch directory of this
 * call's own, which is then published into the output directory (see publish.ts), so two commands
 * synthesizing at once never read each other's half-written files. The app's validation errors
 * (printed by the app on stderr) become a `SynthFailed` error with the same text and the app's
 * exit code, and leave no `manifest.json` in the output directory.
 */
export async function runSynth(options: SynthRunOptions = {}): Promise<LoadedAssembly> {
  const cwd = path.resolve(options.cwd ?? process.cwd());
  const config = loadProjectConfig(cwd);
  const app = options.app ?? config.app;
  if (app === undefined) {
    throw new UsageError(`No app to synthesize: pass --app "<command>" or add {"app": "tsx app.ts"} to ${path.join(cwd, PROJECT_FILE)}.`);
  }
  refuseDirectory(app, cwd);
  const outdir = path.resolve(cwd, options.output ?? config.output);
  const scratch = scratchDirFor(outdir);
  try {
    const loaded = await synthInto(scratch, app, cwd, config.context, options.quiet ?? false);
    publishAssembly(scratch, outdir);
    return { ...loaded, dir: outdir };
  } catch (error) {
    fs.rmSync(path.join(outdir, MANIFEST_FILE), { force: true });
    throw error;
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}

/** Runs the app with `dir` as its output directory and loads what it wrote there. */
async function synthInto(dir: string, app: string, cwd: string, context: Record<string, unknown>, quiet: boolean): Promise<LoadedAssembly> {
  const env = { ...process.env, [OUTDIR_ENV]: dir, [CONTEXT_ENV]: JSON.stringify(context), PATH: childPath(cwd) };
  const { code, stderr } = await runChild(app, cwd, env, quiet);
  if (code !== 0) {
    const exitCode = code === ExitCode.USAGE || code === ExitCode.ENVIRONMENT ? code : ExitCode.FAILURE;
    throw new CdkStyleError('SynthFailed', `The app command \`${app}\` failed (exit ${code}):\n${stderr.trimEnd()}`, exitCode);
  }
  if (!quiet && stderr !== '') {
    process.stderr.write(stderr);
  }
  if (!fs.existsSync(path.join(dir, MANIFEST_FILE))) {
    throw new CdkStyleError('NothingSynthesized', `The app command \`${app}\` exited without writing ${MANIFEST_FILE} into ${OUTDIR_ENV}. Does it call app.synth()?`);
  }
  return loadAssembly(dir);
}
