/**
 * Which manifests a command works on: a given cloud assembly directory as it is (`--app DIR`,
 * so CI deploys the reviewed artifact), or a fresh synth (`--app CMD`, or the app of
 * `cdk-style.json`), narrowed to the pipelines named on the command line.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { runSynth } from './synth-runner';
import { UsageError } from '../base/errors';
import { loadAssembly } from '../manifest/load';
import { MANIFEST_FILE, PipelineManifest } from '../manifest/schema';

/** Options of {@link resolvePipelines}. */
export interface AssemblyOptions {
  /**
   * A command that runs the app, or an existing cloud assembly directory.
   * @default the `app` of cdk-style.json
   */
  readonly app?: string;
  /**
   * Output directory for the synth.
   * @default the `output` of cdk-style.json, else cdk.out
   */
  readonly output?: string;
  /**
   * Pipelines to keep, by id or name.
   * @default all
   */
  readonly pipelines?: readonly string[];
  /**
   * Working directory.
   * @default process.cwd()
   */
  readonly cwd?: string;
}

/** True when `app` names a directory holding a manifest.json. */
export function isAssemblyDir(app: string, cwd: string): boolean {
  const dir = path.resolve(cwd, app);
  return fs.existsSync(path.join(dir, MANIFEST_FILE));
}

/**
 * Refuses `--app DIR` when DIR is a directory without a manifest.json: it would otherwise be run
 * as a shell command.
 */
function refuseDirectoryWithoutManifest(app: string, cwd: string): void {
  const dir = path.resolve(cwd, app);
  if (fs.existsSync(dir) && fs.statSync(dir).isDirectory()) {
    throw new UsageError(`--app '${app}' is a directory, but it holds no ${MANIFEST_FILE}, so it is not a cloud assembly. `
      + `Synthesize into it first (cdk-style synth --output ${app}), or pass the command that runs the app (--app "tsx app.ts").`);
  }
}

/** Keeps the pipelines named in `selectors` (ids or names); an unknown selector is a usage error. */
export function selectPipelines(pipelines: readonly PipelineManifest[], selectors: readonly string[] = []): PipelineManifest[] {
  if (selectors.length === 0) {
    return [...pipelines];
  }
  const unknown = selectors.filter((s) => !pipelines.some((p) => p.id === s || p.name === s));
  if (unknown.length > 0) {
    const known = pipelines.map((p) => p.id).join(', ') || '(none)';
    throw new UsageError(`Unknown pipeline(s): ${unknown.join(', ')}. The app declares: ${known}.`);
  }
  return pipelines.filter((p) => selectors.includes(p.id) || selectors.includes(p.name));
}

/** Loads or synthesizes the manifests and keeps the selected pipelines. */
export async function resolvePipelines(options: AssemblyOptions = {}): Promise<PipelineManifest[]> {
  const cwd = options.cwd ?? process.cwd();
  if (options.app !== undefined && !isAssemblyDir(options.app, cwd)) {
    refuseDirectoryWithoutManifest(options.app, cwd);
  }
  const all = options.app !== undefined && isAssemblyDir(options.app, cwd)
    ? loadAssembly(path.resolve(cwd, options.app)).pipelines
    : (await runSynth({ app: options.app, output: options.output, quiet: true, cwd })).pipelines;
  return selectPipelines(all, options.pipelines);
}
