/**
 * The seed's examples/pipeline_w4a16_example.py with the library's `CompressEvalPipeline` (the
 * seed's LLMCompressorLMEvalPipeline): one compression, its tunable recipe arguments as pipeline
 * parameters, an OpenLLM evaluation. `buildEvaluationMatrixApp` grows it into an evaluation
 * matrix: w4a16 and w8a8, two suites, and the uncompressed model as the baseline.
 */
import { App, CompressEvalPipeline, EvalSuite, PIPELINE_PRESETS } from '../lib';

/** Builds the app of the seed's pipeline_w4a16_example.py (without synthesizing it). */
export function buildMatrixApp(app: App = new App()): App {
  new CompressEvalPipeline(app, 'pipeline_w4a16_example', {
    project: 'alexandre_debug',
    model: 'meta-llama/Llama-3.2-1B-Instruct',
    preset: PIPELINE_PRESETS.pipeline_w4a16,
    compressionQueue: 'oneshot-a100x1',
    evaluations: { evaluation: { queue: 'oneshot-a100x1', modelArgs: 'gpu_memory_utilization=0.4,enable_chunked_prefill=True' } },
  });
  return app;
}

/** An evaluation matrix: w4a16 and w8a8 of one model, OpenLLM and a quick GSM8K suite, with the baseline. */
export function buildEvaluationMatrixApp(app: App = new App()): App {
  new CompressEvalPipeline(app, 'llama_matrix', {
    project: 'alexandre_debug',
    model: 'meta-llama/Llama-3.2-1B-Instruct',
    compressions: { w4a16: PIPELINE_PRESETS.pipeline_w4a16, w8a8: PIPELINE_PRESETS.pipeline_w8a8 },
    compressionQueue: 'oneshot-a100x1',
    evaluations: {
      evaluation: { queue: 'oneshot-a100x1', modelArgs: 'gpu_memory_utilization=0.4' },
      gsm8k: { queue: 'oneshot-a100x2', suite: EvalSuite.tasks('gsm8k'), numFewshot: 5, limit: 250 },
    },
    baseline: { queue: 'oneshot-a100x2' },
  });
  return app;
}

if (require.main === module) {
  (process.env.CDK_STYLE_EXAMPLE === 'matrix' ? buildEvaluationMatrixApp() : buildMatrixApp()).synth();
}
