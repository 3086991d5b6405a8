/**
 * The pipeline of this repository: compress a model with a W4A16 recipe, then evaluate the
 * compressed model on the OpenLLM and Leaderboard suites.
 *
 * `npx cdk-style synth` runs this file (see cdk-style.json) and writes cdk.out/.
 */
import { App, CompressStep, EvalStep, EvalSuite, Pipeline, Recipe } from 'cdk-style';

/** The queue every step runs on: change it to one of your agents' queues. */
const QUEUE = 'oneshot-a100x1';

/** Declares the pipelines in `app` (tests call this with `Testing.app()`). */
export function buildApp(app: App = new App()): App {
  const pipeline = new Pipeline(app, 'my_pipeline', { project: 'my_project' });
  const quantize = new CompressStep(pipeline, 'compress', {
    model: 'meta-llama/Llama-3.2-1B-Instruct',
    recipe: Recipe.preset('quantization_w4a16'),
    queue: QUEUE,
  });
  new EvalStep(pipeline, 'openllm', { model: quantize.outputModel, suite: EvalSuite.preset('openllm'), queue: QUEUE });
  new EvalStep(pipeline, 'leaderboard', { model: quantize.outputModel, suite: EvalSuite.preset('leaderboard'), queue: QUEUE });
  return app;
}

if (require.main === module) {
  buildApp().synth();
}
