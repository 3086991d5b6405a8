/**
 * An evaluation matrix: the model compressed with each recipe of COMPRESSIONS, every compressed
 * model and the uncompressed baseline evaluated on each suite of EVALUATIONS with the same
 * settings (synth refuses a baseline evaluation that differs from its compressed counterparts),
 * ready for `cdk-style report matrix --min-recovery 99`.
 *
 * `npx cdk-style synth` runs this file (see cdk-style.json) and writes cdk.out/.
 */
import { App, CompressEvalPipeline, PIPELINE_PRESETS } from 'cdk-style';

/** The queue every step runs on: change it to one of your agents' queues. */
const QUEUE = 'oneshot-a100x1';

/** Compressions of the model (seed pipeline presets, with their tunable parameters), by variant name. */
const COMPRESSIONS = { w4a16: PIPELINE_PRESETS.pipeline_w4a16, w8a8: PIPELINE_PRESETS.pipeline_w8a8 };

/**
 * Evaluations run on every compressed model and on the baseline: `evaluation` is the presets' own
 * (OpenLLM, monitored as the seed's pipelines do), `leaderboard` one more suite.
 */
const EVALUATIONS = { evaluation: { queue: QUEUE }, leaderboard: { queue: QUEUE, suite: 'leaderboard' as const } };

/** Declares the pipelines in `app` (tests call this with `Testing.app()`). */
export function buildApp(app: App = new App()): App {
  new CompressEvalPipeline(app, 'matrix', {
    project: 'my_project',
    model: 'meta-llama/Llama-3.2-1B-Instruct',
    compressions: COMPRESSIONS,
    compressionQueue: QUEUE,
    evaluations: EVALUATIONS,
    baseline: true,
  });
  return app;
}

if (require.main === module) {
  buildApp().synth();
}
