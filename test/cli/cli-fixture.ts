/**
 * A user project in a temporary directory (cdk-style.json + an app file importing this
 * repository's lib), and a way to run the CLI in-process and capture what it prints.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { main } from '../../lib/cli/main';
import { DIST_LIB } from '../setup/dist';

const LIB = path.resolve(__dirname, '..', '..', 'lib');

/** The seed pipeline's declarations, the same in TypeScript and in JavaScript. */
const SEED_BODY = `
const app = new App();
const pipeline = new Pipeline(app, 'my_pipeline', { project: 'alexandre_debug', defaultQueue: 'oneshot-a100x1' });
const quantize = new CompressStep(pipeline, 'step1', { taskName: 'step1_draft', model: 'meta-llama/Llama-3.2-1B-Instruct', recipe: Recipe.preset('quantization_w4a16') });
new EvalStep(pipeline, 'step2', { taskName: 'step2_draft', model: quantize.outputModel, suite: EvalSuite.preset(process.env.SUITE === 'leaderboard' ? 'leaderboard' : 'openllm') });
app.synth();
`;

/** The seed app, as a user would write it. */
export const SEED_APP = `
import { App, Pipeline, CompressStep, EvalStep, EvalSuite, Recipe } from '${LIB}';${SEED_BODY}`;

/**
 * The seed app in JavaScript on the compiled library (dist/lib, built fresh for the run), run
 * with `node app.js`: for the tests of what the commands do with an app, not of running a
 * TypeScript app (tsx's start-up adds about half a second to each synth).
 */
export const SEED_APP_JS = `
const { App, Pipeline, CompressStep, EvalStep, EvalSuite, Recipe } = require(${JSON.stringify(DIST_LIB)});${SEED_BODY}`;

/** An app with two validation problems. */
export const BROKEN_APP = `
import { App, Pipeline, CompressStep, EvalStep, EvalSuite, Recipe } from '${LIB}';
const app = new App();
const pipeline = new Pipeline(app, 'broken', { project: 'team_project' });
const a = new CompressStep(pipeline, 'pipeline', { model: 'org/m', recipe: Recipe.preset('quantization_w4a16') });
new EvalStep(pipeline, 'e1', { model: a.outputModel, suite: EvalSuite.preset('openllm'), queue: 'q-1' });
app.synth();
`;

/**
 * Creates a project directory holding the app `appFile` and a cdk-style.json running it
 * (`tsx app.ts`, or `node app.js` for a JavaScript app).
 */
export function makeProject(appSource: string, appFile: 'app.ts' | 'app.js' = 'app.ts'): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk-style-cli-'));
  fs.writeFileSync(path.join(dir, appFile), appSource);
  fs.writeFileSync(path.join(dir, 'cdk-style.json'), JSON.stringify({ app: `${appFile.endsWith('.js') ? 'node' : 'tsx'} ${appFile}` }));
  return dir;
}

/** What one CLI invocation printed and returned. */
export interface CliResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs the CLI in-process in `cwd` and captures stdout and stderr. */
export async function runCli(cwd: string, argv: string[]): Promise<CliResult> {
  const out: string[] = [];
  const err: string[] = [];
  const stdout = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => out.push(String(chunk)) > 0);
  const stderr = jest.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => err.push(String(chunk)) > 0);
  const previous = process.cwd();
  process.chdir(cwd);
  try {
    const code = await main(argv);
    return { code, stdout: out.join(''), stderr: err.join('') };
  } finally {
    process.chdir(previous);
    stdout.mockRestore();
    stderr.mockRestore();
  }
}
