/**
 * Issue 11 item 3: typed pipeline parameters into typed step props. A prop stored in an `Args`
 * value takes a literal or `pipeline.parameter('x')` of the same type (checked by `tsc` in
 * `npm test` through the `@ts-expect-error` lines), becomes a parameter override of its `Args`
 * key, and is checked against the parameter's declared type at validation.
 */
import { Arg } from '../../lib/core/parameter-reference';
import { buildManifests } from '../../lib/core/synthesizer';
import { EvalStep } from '../../lib/steps/eval-step';
import { EvalSuite } from '../../lib/steps/eval-suite';
import { compress, newPipeline } from '../core/fixtures';
import { problemsOf } from '../core/problems';

const PARAMETERS = {
  text_samples: { type: 'int', default: 512 },
  dampening: { default: 0.05 },
  observer: { default: 'minmax' },
  trust: { type: 'bool', default: false },
  model: { type: 'str', default: 'org/model-8b' },
} as const;

describe('typed pipeline parameters into typed props', () => {
  test('a parameter of the prop\'s type becomes an override of its Args key; the draft keeps the default', () => {
    const { app, pipeline } = newPipeline({ parameters: PARAMETERS });
    compress(pipeline, 'q', {
      model: pipeline.parameter('model'),
      textSamples: pipeline.parameter('text_samples'),
      trustRemoteCode: pipeline.parameter('trust'),
      recipeArgs: { dampening_frac: pipeline.parameter('dampening'), observer: pipeline.parameter('observer') },
    });
    const [manifest] = buildManifests(app);
    const step = manifest.steps.q;
    expect(step.node.parameters).toEqual({
      'Args/model_id': '${pipeline.model}',
      'Args/recipe_args/dampening_frac': '${pipeline.dampening}',
      'Args/recipe_args/observer': '${pipeline.observer}',
      'Args/text_samples': '${pipeline.text_samples}',
      'Args/trust_remote_code': '${pipeline.trust}',
    });
    const args = step.task.hyperparams.Args;
    expect(args.text_samples).toMatchObject({ value: '512', type: 'int' });
    expect(args['recipe_args/dampening_frac']).toMatchObject({ value: '0.05', type: 'float' });
    expect(args['recipe_args/observer']).toMatchObject({ value: 'minmax', type: 'str' });
    expect(args.trust_remote_code).toMatchObject({ value: 'False', type: 'bool' });
    expect(args.clearml_model.value).toBe('False');
  });

  test('the compiler refuses a parameter of another type', () => {
    const { pipeline } = newPipeline({ parameters: PARAMETERS });
    const samples: Arg<number> = pipeline.parameter('text_samples');
    // @ts-expect-error a str parameter does not fit a number prop
    const wrong: Arg<number> = pipeline.parameter('observer');
    // @ts-expect-error an undeclared name is untyped until given a type explicitly
    const untyped: Arg<number> = pipeline.parameter('not_declared');
    // @ts-expect-error a bool parameter does not fit an Args/text_samples (int) prop
    compress(pipeline, 'q', { textSamples: pipeline.parameter('trust') });
    const added = pipeline.addParameter('shots', { type: 'int', default: 5 });
    const fits: Arg<number> = added;
    expect([samples, wrong, untyped, fits].map((r) => (r as { key?: string }).key)).toEqual(['text_samples', 'observer', 'not_declared', 'shots']);
  });

  test('validation refuses a parameter whose declared type is not the prop\'s, naming the Args key', () => {
    const { app, pipeline } = newPipeline({ parameters: PARAMETERS });
    pipeline.addParameter('ratio', { default: 0.5 });
    compress(pipeline, 'q', {
      textSamples: pipeline.parameter<number>('ratio'),
      recipeArgs: { group_size: pipeline.parameter<number>('dampening'), dampening_frac: pipeline.parameter('text_samples') },
    });
    new EvalStep(pipeline, 'e', { model: pipeline.parameter<string>('text_samples'), suite: EvalSuite.tasks('gsm8k'), forceDownload: pipeline.parameter<boolean>('observer') });
    const problems = problemsOf(() => buildManifests(app));
    expect(problems).toEqual(expect.arrayContaining([
      expect.stringContaining("[demo/q] textSamples (Args/text_samples) takes an int value, but pipeline parameter 'ratio' is declared 'float'"),
      expect.stringContaining("[demo/q] recipeArgs.group_size (Args/recipe_args/group_size) takes an int value, but pipeline parameter 'dampening' is declared 'float'"),
      expect.stringContaining("[demo/e] model (Args/model_id) takes a str value, but pipeline parameter 'text_samples' is declared 'int'"),
      expect.stringContaining("[demo/e] forceDownload (Args/force_download) takes a bool value, but pipeline parameter 'observer' is declared 'str'"),
    ]));
    // an int parameter into a float recipe argument is fine
    expect(problems.filter((p) => p.includes('dampening_frac'))).toEqual([]);
  });

  test('an undeclared parameter is reported once, by the reference check', () => {
    const { app, pipeline } = newPipeline();
    compress(pipeline, 'q', { textSamples: pipeline.parameter<number>('missing') });
    expect(problemsOf(() => buildManifests(app))).toEqual([expect.stringContaining("reference '${pipeline.missing}' names an undeclared pipeline parameter")]);
  });
});

describe('settings stored in configuration objects', () => {
  test('a pipeline parameter there is refused once, with the configuration named (ClearML never resolves it)', () => {
    const { app, pipeline } = newPipeline({ parameters: { shots: { type: 'int', default: 5 } } });
    new EvalStep(pipeline, 'e', {
      model: 'org/m', suite: EvalSuite.tasks('gsm8k'),
      // @ts-expect-error num_fewshot lives in configuration lm_eval: literals only
      numFewshot: pipeline.parameter('shots'),
      lmEvalArgs: { nested: { deep: pipeline.parameter('shots') as unknown as number } },
    });
    expect(problemsOf(() => buildManifests(app))).toEqual([
      "[demo/e] lmEvalArgs.nested.deep is a reference, but it is stored in configuration object 'lm_eval', where ClearML never resolves placeholders; give a literal value (only settings stored in Args take pipeline parameters)",
      "[demo/e] numFewshot is a reference, but it is stored in configuration object 'lm_eval', where ClearML never resolves placeholders; give a literal value (only settings stored in Args take pipeline parameters)",
    ]);
  });
});
