/**
 * Compress, then benchmark: a W4A16 compression of Llama-3.2-1B-Instruct, and GuideLLM chat and
 * RAG benchmarks (the seed's `benchmarking_chat` and `benchmarking_rag` standards) of both the
 * original and the compressed model, so the two are measured on the same queue and settings.
 *
 * Run `npx tsx examples/compress-benchmark.ts` to write `cdk.out/`.
 */
import { App } from '../lib/core/app';
import { Pipeline } from '../lib/core/pipeline';
import { CompressStep } from '../lib/steps/compress-step';
import { GuideLlmBenchmark } from '../lib/steps/guidellm-benchmark';
import { GuideLlmStep } from '../lib/steps/guidellm-step';
import { BenchmarkingPresetName } from '../lib/steps/presets/benchmarking';
import { Recipe } from '../lib/steps/recipe';

const MODEL = 'meta-llama/Llama-3.2-1B-Instruct';
const PROFILES: readonly BenchmarkingPresetName[] = ['benchmarking_chat', 'benchmarking_rag'];

/** Builds the app (without synthesizing it). */
export function buildCompressBenchmarkApp(app: App = new App()): App {
  const pipeline = new Pipeline(app, 'compress_benchmark', {
    project: 'alexandre_debug',
    defaultQueue: 'oneshot-a100x1',
    parameters: { text_samples: { type: 'int', default: 512 } },
  });

  const quantize = new CompressStep(pipeline, 'quantize', {
    model: MODEL,
    recipe: Recipe.preset('quantization_w4a16'),
    textSamples: pipeline.parameter('text_samples'),
    monitorModels: ['output'],
  });

  for (const profile of PROFILES) {
    const name = profile.replace('benchmarking_', '');
    const settings = { benchmark: GuideLlmBenchmark.preset(profile), guideLlmArgs: { rate_type: 'sweep', max_seconds: 120 }, vllmArgs: { max_model_len: 8192 } };
    new GuideLlmStep(pipeline, `baseline_${name}`, { model: MODEL, ...settings });
    new GuideLlmStep(pipeline, `w4a16_${name}`, { model: quantize.outputModel, ...settings });
  }
  return app;
}

if (require.main === module) {
  buildCompressBenchmarkApp().synth();
}
