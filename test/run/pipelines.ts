/**
 * Pipelines the run tests execute: the seed with a pipeline parameter, with continueOnFail on
 * one evaluation, and a wide fan-out / fan-in.
 */
import { App } from '../../lib/core/app';
import { Pipeline } from '../../lib/core/pipeline';
import { buildManifests } from '../../lib/core/synthesizer';
import { PipelineManifest } from '../../lib/manifest/schema';
import { CompressStep } from '../../lib/steps/compress-step';
import { EvalStep } from '../../lib/steps/eval-step';
import { EvalSuite } from '../../lib/steps/eval-suite';
import { Recipe } from '../../lib/steps/recipe';

const QUEUE = 'oneshot-a100x1';

function compress(pipeline: Pipeline): CompressStep {
  return new CompressStep(pipeline, 'step1', { model: 'meta-llama/Llama-3.2-1B-Instruct', recipe: Recipe.preset('quantization_w4a16'), queue: QUEUE });
}

/** The seed shape with a `text_samples` parameter overriding step1's `Args/text_samples`, and optional continueOnFail on step2. */
export function parameterizedSeed(options: { continueOnFail?: boolean } = {}): PipelineManifest {
  const app = new App({ outdir: 'unused' });
  const pipeline = new Pipeline(app, 'param_pipeline', { project: 'run_tests', parameters: { text_samples: { default: 512, type: 'int' } } });
  const step1 = compress(pipeline).addParameterOverride('Args/text_samples', pipeline.parameter('text_samples'));
  new EvalStep(pipeline, 'step2', { model: step1.outputModel, suite: EvalSuite.preset('openllm'), queue: QUEUE, continueOnFail: options.continueOnFail });
  new EvalStep(pipeline, 'step3', { model: step1.outputModel, suite: EvalSuite.preset('leaderboard'), queue: QUEUE });
  return buildManifests(app)[0];
}

/** One compression, `width` evaluations of its model, and a final evaluation after all of them. */
export function fanOut(width: number): PipelineManifest {
  const app = new App({ outdir: 'unused' });
  const pipeline = new Pipeline(app, 'fan_out', { project: 'run_tests' });
  const step1 = compress(pipeline);
  const evals = Array.from({ length: width }, (_, i) => new EvalStep(pipeline, `eval${String(i).padStart(3, '0')}`, { model: step1.outputModel, suite: EvalSuite.preset('openllm'), queue: QUEUE }));
  const last = new EvalStep(pipeline, 'final', { model: step1.outputModel, suite: EvalSuite.preset('leaderboard'), queue: QUEUE });
  evals.forEach((e) => last.dependsOn(e));
  return buildManifests(app)[0];
}
