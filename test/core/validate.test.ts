import { Construct } from 'constructs';
import { ValidationError } from '../../lib/base/errors';
import { Pipeline } from '../../lib/core/pipeline';
import { buildManifests } from '../../lib/core/synthesizer';
import { Recipe } from '../../lib/steps/recipe';
import { TaskStep } from '../../lib/steps/task-step';
import { compress, evaluate, newPipeline } from './fixtures';

/** Runs synth and returns the validation problems as `[path] message` lines. */
function problemsOf(scope: Construct): string[] {
  try {
    buildManifests(scope);
  } catch (e) {
    if (e instanceof ValidationError) {
      return e.problems.map((p) => `[${p.path}] ${p.message}`);
    }
    throw e;
  }
  throw new Error('expected a ValidationError');
}

test('a valid pipeline passes', () => {
  const { app, pipeline } = newPipeline();
  evaluate(pipeline, 'eval', compress(pipeline, 'quantize'));
  expect(() => buildManifests(app)).not.toThrow();
});

test('cycles are printed as a path', () => {
  const { app, pipeline } = newPipeline();
  const a = compress(pipeline, 'a');
  const b = evaluate(pipeline, 'b', a);
  a.dependsOn(b);
  expect(problemsOf(app)).toContainEqual('[demo] steps form a dependency cycle: a -> b -> a; remove a dependsOn() or a reference');
});

test('references to a step of another pipeline are refused', () => {
  const { app, pipeline } = newPipeline();
  const other = new Pipeline(app, 'other', { project: 'team_project', defaultQueue: 'gpu-queue' });
  evaluate(pipeline, 'eval', compress(other, 'quantize'));
  expect(problemsOf(app)).toContainEqual(expect.stringMatching(/^\[demo\/eval\] step depends on 'other\/quantize', which belongs to pipeline 'other'/));
});

test('duplicate node names are refused', () => {
  const { app, pipeline } = newPipeline();
  compress(pipeline, 'one', { stepName: 'same' });
  compress(pipeline, 'two', { stepName: 'same' });
  expect(problemsOf(app)).toContainEqual(expect.stringContaining("[demo/two] step name 'same' is already used by 'demo/one'"));
});

test('the reserved node name pipeline is refused', () => {
  const { app, pipeline } = newPipeline();
  compress(pipeline, 'pipeline');
  expect(problemsOf(app)).toContainEqual(expect.stringContaining("step name 'pipeline' is reserved"));
});

test.each(['a.b', 'a}b', 'a$b', 'a/b', 'a b'])('node name %p is refused', (name) => {
  const { app, pipeline } = newPipeline();
  compress(pipeline, 'quantize', { stepName: name });
  expect(problemsOf(app)).toContainEqual(expect.stringContaining(`step name '${name}' cannot be used in ClearML references`));
});

test('an override key the step does not declare is refused', () => {
  const { app, pipeline } = newPipeline();
  compress(pipeline, 'quantize', { recipe: Recipe.preset('quantization_w8a8') })
    .addParameterOverride('Args/recipe_args/group_size', 64);
  expect(problemsOf(app)).toContainEqual(expect.stringContaining("parameter override 'Args/recipe_args/group_size' does not exist on the step's draft task"));
});

test('a plain string containing ${ is refused', () => {
  const { app, pipeline } = newPipeline();
  compress(pipeline, 'quantize').addParameterOverride('Args/model_id', '${other.models.output.-1.id}');
  expect(problemsOf(app)).toContainEqual(expect.stringContaining("is the plain string '${other.models.output.-1.id}' containing '${'"));
});

test('a step with no queue and no default queue is refused', () => {
  const { app, pipeline } = newPipeline({ defaultQueue: undefined });
  compress(pipeline, 'quantize');
  expect(problemsOf(app)).toContainEqual(expect.stringContaining('[demo/quantize] step has no queue and pipeline \'demo\' has no defaultQueue'));
});

test('names ClearML refuses (under 3 characters) are reported', () => {
  const { app, pipeline } = newPipeline({ project: 'ab', controllerQueue: 'q' });
  compress(pipeline, 'quantize', { taskName: 'xy', queue: 'q1' });
  const problems = problemsOf(app);
  expect(problems).toContainEqual(expect.stringContaining("[demo] project name 'ab' is refused by ClearML"));
  expect(problems).toContainEqual(expect.stringContaining("[demo] controller queue 'q' is refused by ClearML"));
  expect(problems).toContainEqual(expect.stringContaining("[demo/quantize] task name 'xy' is refused by ClearML"));
  expect(problems).toContainEqual(expect.stringContaining("[demo/quantize] queue 'q1' is refused by ClearML"));
});

test('invalid versions are refused', () => {
  const { app, pipeline } = newPipeline({ version: 'v1.0-beta' });
  compress(pipeline, 'quantize');
  expect(problemsOf(app)).toContainEqual("[demo] version 'v1.0-beta' is not a valid version; use a PEP 440 version such as '1.0.0'");
});

test('values that cannot be serialized are refused', () => {
  const { app, pipeline } = newPipeline();
  compress(pipeline, 'quantize', { recipeArgs: { dampening_frac: NaN } });
  new TaskStep(pipeline, 'custom', { repository: 'https://example.com/r.git', entryPoint: 'run.py', args: { when: new Date(0) as never } });
  const problems = problemsOf(app);
  expect(problems).toContainEqual(expect.stringContaining('[demo/quantize] props.recipeArgs.dampening_frac is NaN'));
  expect(problems).toContainEqual(expect.stringContaining('[demo/custom] props.args.when is an instance of Date'));
});

test('cyclic and bigint values are reported with their path, not thrown from rendering', () => {
  const { app, pipeline } = newPipeline();
  const settings: Record<string, unknown> = { depth: 1 };
  settings.self = settings;
  new TaskStep(pipeline, 'cyclic', { repository: 'https://example.com/r.git', entryPoint: 'run.py', configurations: { settings: settings as never } });
  new TaskStep(pipeline, 'big', { repository: 'https://example.com/r.git', entryPoint: 'run.py', args: { count: 10n as never } });
  expect(problemsOf(app)).toEqual([
    '[demo/cyclic] props.configurations.settings.self contains a cycle (an object that contains itself), which cannot be serialized',
    '[demo/big] props.args.count is a bigint, which cannot be serialized; use a string, number, boolean, list or plain object',
  ]);
});

test('a step whose draft cannot be rendered is reported with its path, and its consumers are still checked', () => {
  class BrokenStep extends TaskStep {
    public override renderTask(): never {
      throw new Error('no entry point for this platform');
    }
  }
  const { app, pipeline } = newPipeline();
  const broken = new BrokenStep(pipeline, 'broken', { repository: 'https://example.com/r.git', entryPoint: 'run.py' });
  compress(pipeline, 'quantize').addParameterOverride('Args/model_id', broken.parameter('Args/x'));
  expect(problemsOf(app)).toEqual(['[demo/broken] the draft task cannot be rendered: no entry point for this platform; check the values given in props']);
});

test('references to undeclared pipeline parameters are refused', () => {
  const { app, pipeline } = newPipeline();
  compress(pipeline, 'quantize').addParameterOverride('Args/text_samples', pipeline.parameter('samples'));
  expect(problemsOf(app)).toContainEqual(expect.stringContaining("reference '${pipeline.samples}' names an undeclared pipeline parameter"));
});

test('every problem is collected and thrown once', () => {
  const { app, pipeline } = newPipeline({ version: 'bad', defaultQueue: undefined });
  compress(pipeline, 'pipeline');
  expect(problemsOf(app).length).toBeGreaterThanOrEqual(3);
});

test('a reference to a parameter the producer does not declare is refused', () => {
  const { app, pipeline } = newPipeline();
  const source = compress(pipeline, 'quantize');
  compress(pipeline, 'again').addParameterOverride('Args/model_id', source.parameter('Args/modelid'));
  expect(problemsOf(app)).toContainEqual(expect.stringContaining("names parameter 'Args/modelid', which step 'demo/quantize' does not declare"));
});

test('a queue containing ${ is refused', () => {
  const { app, pipeline } = newPipeline();
  compress(pipeline, 'quantize', { queue: '${pipeline.queue}' });
  expect(problemsOf(app)).toContainEqual(expect.stringContaining("queue '${pipeline.queue}' contains '${'"));
});
