/**
 * An evaluation matrix over both evaluation engines: two compressions of one model (W4A16 and
 * FP8 dynamic), each evaluated with lm-eval suites (`openllm`) and LightEval standards
 * (`aime2024`, `math500`, `gpqa_diamond`), with the reasoning suites on LiteLLM against a vLLM
 * server. A plain pipeline of loops; the typed suites keep each standard on its own engine.
 *
 * Run `npx tsx examples/eval-matrix.ts` to write `cdk.out/`.
 */
import { App } from '../lib/core/app';
import { Pipeline } from '../lib/core/pipeline';
import { CompressStep } from '../lib/steps/compress-step';
import { EvalStep } from '../lib/steps/eval-step';
import { EvalSuite } from '../lib/steps/eval-suite';
import { LightEvalStep } from '../lib/steps/lighteval-step';
import { LightEvalSuite } from '../lib/steps/lighteval-suite';
import { CompressionPresetName } from '../lib/steps/presets/compression';
import { LightEvalPresetName } from '../lib/steps/presets/lighteval';
import { Recipe } from '../lib/steps/recipe';

const RECIPES: Readonly<Record<string, CompressionPresetName>> = { w4a16: 'quantization_w4a16', fp8: 'quantization_fp8_dynamic' };
const REASONING: readonly LightEvalPresetName[] = ['aime2024', 'math500', 'gpqa_diamond'];
const GENERATION = { max_new_tokens: 32768, temperature: 0.6, top_p: 0.95 };

/** Builds the app (without synthesizing it). */
export function buildEvalMatrixApp(app: App = new App()): App {
  const pipeline = new Pipeline(app, 'eval_matrix', { project: 'alexandre_debug', defaultQueue: 'oneshot-a100x1' });
  for (const [scheme, preset] of Object.entries(RECIPES)) {
    const compressed = new CompressStep(pipeline, `${scheme}_compress`, {
      model: 'Qwen/Qwen3-8B', recipe: Recipe.preset(preset), monitorModels: ['output'],
    });
    new EvalStep(pipeline, `${scheme}_openllm`, {
      model: compressed.outputModel, suite: EvalSuite.preset('openllm'), monitorMetrics: [{ title: 'openllm', series: 'average', targetTitle: `${scheme}_openllm` }],
    });
    for (const standard of REASONING) {
      new LightEvalStep(pipeline, `${scheme}_${standard}`, {
        model: compressed.outputModel,
        suite: LightEvalSuite.preset(standard),
        entrypoint: 'litellm',
        modelArgs: { generation_parameters: GENERATION },
        vllmArgs: { max_model_len: 40960, enable_chunked_prefill: true },
        serverWaitTime: 1200,
      });
    }
  }
  return app;
}

if (require.main === module) {
  buildEvalMatrixApp().synth();
}
