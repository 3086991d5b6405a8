/**
 * Edges of the checks on user input: parameter types, `${` in nested values, and which steps
 * produce a model.
 */
import { ValidationError } from '../../lib/base/errors';
import { App } from '../../lib/core/app';
import { parameterTypeProblem } from '../../lib/core/parameter-types';
import { ParameterType, Pipeline } from '../../lib/core/pipeline';
import { findPlaceholders } from '../../lib/core/placeholders';
import { buildManifests } from '../../lib/core/synthesizer';
import { TaskStep } from '../../lib/steps/task-step';
import { compress, evaluate, newPipeline } from './fixtures';

function problemsOf(app: App): string[] {
  try {
    buildManifests(app);
    return [];
  } catch (e) {
    if (e instanceof ValidationError) {
      return e.problems.map((p) => `[${p.path}] ${p.message}`);
    }
    throw e;
  }
}

test.each<[ParameterType, unknown]>([
  ['int', 8], ['float', 0.5], ['float', 1], ['bool', false], ['str', ''], ['list', ['a']], ['dict', { a: 1 }], ['int', undefined], ['int', null],
])('a %s parameter accepts the default %p', (type, value) => {
  expect(parameterTypeProblem('x', { type, default: value as never })).toBeUndefined();
});

test.each<[ParameterType, unknown, string]>([
  ['int', 0.5, '0.5 (float)'], ['int', '8', "'8' (str)"], ['bool', 'true', "'true' (str)"], ['str', 8, '8 (int)'], ['list', { a: 1 }, '{"a":1} (dict)'], ['dict', [1], '[1] (list)'],
])('a %s parameter refuses the default %p', (type, value, shown) => {
  expect(parameterTypeProblem('x', { type, default: value as never })).toContain(`default of parameter 'x' is ${shown}, but the parameter is declared type '${type}'`);
});

test('an unknown declared type is refused', () => {
  expect(parameterTypeProblem('x', { type: 'integer' as ParameterType, default: 1 })).toBe("parameter 'x' declares type 'integer', which is not one of str, int, float, bool, list, dict; use one of them");
});

test("'${' is found in nested values and keys, and named by where it is", () => {
  expect(findPlaceholders({ a: ['ok', 'x${y}'], 'k${': 1 }, 'props.args')).toEqual([
    expect.stringMatching(/^props\.args\.a\.1 is the string 'x\$\{y\}'/),
    expect.stringMatching(/^props\.args has the key 'k\$\{', .*rename the key$/),
  ]);
  expect(findPlaceholders(['$ {', '$x', '{}'], 'where')).toEqual([]);
});

test('a TaskStep produces a model unless it says it does not', () => {
  const { app, pipeline } = newPipeline();
  const trains = new TaskStep(pipeline, 'train', { repository: 'https://github.com/org/repo.git', entryPoint: 'train.py' });
  const scores = new TaskStep(pipeline, 'score', { repository: 'https://github.com/org/repo.git', entryPoint: 'score.py', producesModel: false });
  new TaskStep(pipeline, 'use', { repository: 'https://github.com/org/repo.git', entryPoint: 'use.py', args: { a: trains.outputModel, b: scores.outputModel.url } });
  expect(problemsOf(app)).toEqual([expect.stringMatching(/^\[demo\/use\] reference '\$\{score\.models\.output\.-1\.url\}' uses the output model of 'demo\/score' \(TaskStep\), which produces no model/)]);
});

test('a CompressStep output feeding an evaluation is fine; an evaluation output is not', () => {
  const { app, pipeline } = newPipeline();
  const first = evaluate(pipeline, 'first', compress(pipeline, 'quantize'));
  evaluate(pipeline, 'second', first);
  expect(problemsOf(app)).toEqual([expect.stringContaining("[demo/second] reference '${first.models.output.-1.id}' uses the output model of 'demo/first' (EvalStep)")]);
});

test('the same name in another project is another ClearML pipeline; a clash is reported on the later pipeline whatever the declaration order', () => {
  const { app, pipeline } = newPipeline();
  compress(pipeline, 'a');
  compress(new Pipeline(app, 'elsewhere', { project: 'other_project', name: 'demo', defaultQueue: 'gpu-queue' }), 'b');
  expect(problemsOf(app)).toEqual([]);
  compress(new Pipeline(app, 'aaa_twin', { project: 'team_project', name: 'demo', defaultQueue: 'gpu-queue' }), 'c');
  expect(problemsOf(app)).toEqual([expect.stringMatching(/^\[demo\] pipeline maps to the same ClearML pipeline as 'aaa_twin' \(project 'team_project', name 'demo'\)/)]);
});
