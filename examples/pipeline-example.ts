/**
 * Port of the seed's examples/pipeline_example.py: a custom W8A16 recipe, then gsm8k and
 * winogrande evaluations (5-shot, 10 examples) of the compressed model, with monitors.
 *
 * The seed's `job_end_callback` (averaging both scores) is Python code run by the seed's own
 * controller; a native pipeline has no such hook, so it is not ported.
 */
import { App } from '../lib/core/app';
import { Pipeline } from '../lib/core/pipeline';
import { CompressStep } from '../lib/steps/compress-step';
import { EvalStep } from '../lib/steps/eval-step';
import { EvalSuite } from '../lib/steps/eval-suite';
import { Recipe } from '../lib/steps/recipe';

const QUEUE = 'oneshot-a100x1';

const W8A16_RECIPE = Recipe.fromObject({
  quant_stage: {
    quant_modifiers: {
      QuantizationModifier: { ignore: ['lm_head'], scheme: 'W8A16', targets: 'Linear', observer: 'mse' },
    },
  },
});

/** Builds the app (without synthesizing it). */
export function buildPipelineExampleApp(app: App = new App()): App {
  const pipeline = new Pipeline(app, 'pipeline_example', { project: 'alexandre_debug', defaultQueue: QUEUE });

  const quantize = new CompressStep(pipeline, 'pipeline_example_step1', {
    taskName: 'pipeline_example_quantization',
    model: 'meta-llama/Llama-3.2-1B-Instruct',
    textSamples: 512,
    recipe: W8A16_RECIPE,
    monitorModels: ['output'],
    monitorArtifacts: ['recipe'],
  });

  const evaluations = [
    { id: 'pipeline_example_step2', task: 'gsm8k', series: 'exact_match,strict-match' },
    { id: 'pipeline_example_step3', task: 'winogrande', series: 'acc,none' },
  ];
  for (const e of evaluations) {
    new EvalStep(pipeline, e.id, {
      taskName: `pipeline_example_evaluation_${e.task}`,
      model: quantize.outputModel,
      suite: EvalSuite.tasks(e.task),
      numFewshot: 5,
      limit: 10,
      monitorMetrics: [{ title: e.task, series: e.series }],
    });
  }
  return app;
}

if (require.main === module) {
  buildPipelineExampleApp().synth();
}
