/**
 * An evaluation matrix: each compression recipe of RECIPES applied to the model, and every
 * compressed model evaluated on each suite of SUITES, in one pipeline.
 *
 * `npx cdk-style synth` runs this file (see cdk-style.json) and writes cdk.out/.
 */
import { App, CompressStep, EvalStep, EvalSuite, Pipeline, Recipe } from 'cdk-style';

/** The queue every step runs on: change it to one of your agents' queues. */
const QUEUE = 'oneshot-a100x1';

/** Compression recipes (seed presets), one compression step each. */
const RECIPES = ['quantization_w4a16', 'quantization_w8a8'] as const;

/** Evaluation suites (seed presets), run on every compressed model. */
const SUITES = ['openllm', 'leaderboard'] as const;

/** Declares the pipelines in `app` (tests call this with `Testing.app()`). */
export function buildApp(app: App = new App()): App {
  const pipeline = new Pipeline(app, 'matrix', { project: 'my_project' });
  for (const recipe of RECIPES) {
    const compress = new CompressStep(pipeline, recipe, {
      model: 'meta-llama/Llama-3.2-1B-Instruct',
      recipe: Recipe.preset(recipe),
      queue: QUEUE,
    });
    for (const suite of SUITES) {
      new EvalStep(pipeline, `${recipe}_${suite}`, { model: compress.outputModel, suite: EvalSuite.preset(suite), queue: QUEUE });
    }
  }
  return app;
}

if (require.main === module) {
  buildApp().synth();
}
