/**
 * The seed's documented pipeline (docs/creating_pipelines.md), declared with cdk-style:
 * a W4A16 compression of Llama-3.2-1B-Instruct, then OpenLLM and Leaderboard evaluations of the
 * compressed model, every step on queue `oneshot-a100x1`.
 *
 * Run `npx tsx examples/seed-pipeline.ts` (or `cdk-style synth`) to write `cdk.out/`.
 */
import { App } from '../lib/core/app';
import { Pipeline } from '../lib/core/pipeline';
import { CompressStep } from '../lib/steps/compress-step';
import { EvalStep } from '../lib/steps/eval-step';
import { EvalSuite } from '../lib/steps/eval-suite';
import { Recipe } from '../lib/steps/recipe';

const QUEUE = 'oneshot-a100x1';

/** Builds the app (without synthesizing it). */
export function buildSeedApp(app: App = new App()): App {
  const pipeline = new Pipeline(app, 'my_pipeline', { project: 'alexandre_debug' });

  const quantize = new CompressStep(pipeline, 'step1', {
    taskName: 'step1_draft',
    model: 'meta-llama/Llama-3.2-1B-Instruct',
    recipe: Recipe.preset('quantization_w4a16'),
    queue: QUEUE,
  });

  new EvalStep(pipeline, 'step2', {
    taskName: 'step2_draft',
    model: quantize.outputModel,
    suite: EvalSuite.preset('openllm'),
    queue: QUEUE,
  });

  new EvalStep(pipeline, 'step3', {
    taskName: 'step3_draft',
    model: quantize.outputModel,
    suite: EvalSuite.preset('leaderboard'),
    queue: QUEUE,
  }).dependsOn(quantize);

  return app;
}

if (require.main === module) {
  buildSeedApp().synth();
}
