/**
 * Every validation hole of issue 8, through `cdk-style deploy` against a sandbox: exit 1, the
 * construct path, what is wrong and how to fix it, no request to the server and no assembly
 * written. `run --param` with `${` is a usage error (exit 2), also before any request.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Harness, startHarness } from '../deploy/harness';
import { DIST_LIB } from '../setup/dist';
import { makeProject, runCli } from './cli-fixture';
import { harnessEnv } from './child-cli';

/** A JavaScript app (`node app.js`, on the compiled library) whose body (after `app` and `p` are made) is `body`. */
function app(body: string, pipelineProps = "{ project: 'team_project', defaultQueue: 'gpu-queue' }"): string {
  return `
const { App, Pipeline, CompressStep, EvalStep, EvalSuite, Recipe, TaskStep } = require(${JSON.stringify(DIST_LIB)});
const app = new App();
const p = new Pipeline(app, 'demo', ${pipelineProps});
const compress = (id, model = 'org/m') => new CompressStep(p, id, { model, recipe: Recipe.preset('quantization_w4a16') });
${body}
app.synth();
`;
}

const CASES: { hole: string; source: string; expected: string[] }[] = [
  {
    hole: 'a parameter default that does not match its declared type',
    source: app("p.addParameter('group_size', { default: 'abc', type: 'int' }); compress('quantize');"),
    expected: ["[demo] default of parameter 'group_size' is 'abc' (str), but the parameter is declared type 'int'", 'give a default of type int (e.g. default: 8), or change the declared type'],
  },
  {
    hole: "'${' in an EvalStep model given as a string",
    source: app("const a = compress('a'); new EvalStep(p, 'e', { model: 'org/${a.node.id}', suite: EvalSuite.preset('openllm') }); void a;"),
    expected: ["[demo/e] props.model is the string 'org/${a.node.id}', which contains '${' that ClearML would resolve as a placeholder", 'use a typed reference (step.outputModel'],
  },
  {
    hole: "'${' in a CompressStep model given as a string",
    source: app("compress('a', 'org/${a.id}');"),
    expected: ["[demo/a] props.model is the string 'org/${a.id}', which contains '${'", 'use a typed reference'],
  },
  {
    hole: "'${' in a TaskStep args value",
    source: app("compress('a'); new TaskStep(p, 't', { repository: 'https://github.com/org/repo.git', entryPoint: 'run.py', args: { lr: 0.1, opts: { path: 's3://${bucket}/x' } } });"),
    expected: ["[demo/t] props.args.opts.path is the string 's3://${bucket}/x', which contains '${'", 'use a typed reference'],
  },
  {
    hole: "'${' in a parameter default",
    source: app("p.addParameter('model', { default: '${step1.id}' }); compress('quantize');"),
    expected: ["[demo] default of parameter 'model' is the string '${step1.id}', which contains '${'", 'use a typed reference'],
  },
  {
    hole: 'outputModel of a step that produces no model',
    source: app("const c = compress('a'); const e = new EvalStep(p, 'e1', { model: c.outputModel, suite: EvalSuite.preset('openllm') }); new EvalStep(p, 'e2', { model: e.outputModel, suite: EvalSuite.preset('openllm') });"),
    expected: ["[demo/e2] reference '${e1.models.output.-1.id}' uses the output model of 'demo/e1' (EvalStep), which produces no model", 'use the outputModel of the step that made the model (e.g. a CompressStep)'],
  },
  {
    hole: 'two pipelines mapping to the same ClearML pipeline',
    source: app("compress('a'); const q = new Pipeline(app, 'demo_copy', { project: 'team_project', name: 'demo', defaultQueue: 'gpu-queue' }); new CompressStep(q, 'b', { model: 'org/m', recipe: Recipe.preset('quantization_w4a16') });"),
    expected: ["[demo_copy] pipeline maps to the same ClearML pipeline as 'demo' (project 'team_project', name 'demo')", 'give one of them another name (name prop) or project'],
  },
  {
    hole: 'a pipeline with no steps',
    source: app(''),
    expected: ['[demo] pipeline has no steps, so its controller would run nothing', 'add a step (e.g. new CompressStep(pipeline, ...)) or remove the pipeline'],
  },
];

describe('validation holes: refused at synth with the construct path and a fix, nothing sent', () => {
  let harness: Harness;
  const saved = { ...process.env };

  beforeAll(async () => {
    harness = await startHarness();
    Object.assign(process.env, harnessEnv(harness));
  });

  afterAll(async () => {
    process.env = saved;
    await harness.close();
  });

  beforeEach(() => harness.resetCounts());

  test.each(CASES)('$hole', async ({ source, expected }) => {
    const project = makeProject(source, 'app.js');
    const result = await runCli(project, ['deploy']);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('Validation failed with 1 error(s):');
    for (const text of expected) {
      expect(result.stderr).toContain(text);
    }
    expect(harness.counts().total).toBe(0);
    expect(fs.existsSync(path.join(project, 'cdk.out', 'manifest.json'))).toBe(false);
  });

  test("run --param with '${' for a str parameter is a usage error (exit 2) before any request", async () => {
    const project = makeProject(app("p.addParameter('model_id', { default: 'org/m', type: 'str' }); compress('quantize');"), 'app.js');
    const result = await runCli(project, ['run', 'demo', '--param', 'model_id=org/${quantize.id}']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("Invalid --param: 'model_id' is 'org/${quantize.id}', which contains '${' that ClearML would resolve as a placeholder; pass the value itself, without '${'.");
    expect(result.stderr).toContain("Declared parameters: model_id (str, default 'org/m')");
    expect(harness.counts().total).toBe(0);
  });
});
