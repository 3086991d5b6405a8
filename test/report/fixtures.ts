/**
 * The matrix the report tests run (w4a16 and w8a8 × OpenLLM and GSM8K, with the baseline) and
 * the metrics each of its evaluation steps reports.
 */
import { App } from '../../lib/core/app';
import { buildManifests } from '../../lib/core/synthesizer';
import { PipelineManifest } from '../../lib/manifest/schema';
import { CompressEvalPipeline, CompressEvalPipelineProps } from '../../lib/patterns/compress-eval-pipeline';
import { EvalSuite } from '../../lib/steps/eval-suite';
import { PIPELINE_PRESETS } from '../../lib/steps/presets/pipelines';
import { MetricFixture, StepScript } from './hand-run';

/** Queues of the matrix. */
export const MATRIX_QUEUES = ['gpu-a100x1', 'gpu-a100x2', 'services'];

/** The test matrix: w4a16 and w8a8 × the presets' OpenLLM evaluation and 5-shot GSM8K, with the baseline. */
export const MATRIX_PROPS: CompressEvalPipelineProps = {
  project: 'team_project',
  model: 'org/model-8b',
  compressions: { w4a16: PIPELINE_PRESETS.pipeline_w4a16, w8a8: PIPELINE_PRESETS.pipeline_w8a8 },
  compressionQueue: 'gpu-a100x1',
  evaluations: {
    evaluation: { queue: 'gpu-a100x2' },
    gsm8k: { queue: 'gpu-a100x2', suite: EvalSuite.tasks('gsm8k'), numFewshot: 5 },
  },
  baseline: true,
};

/** Builds the test matrix into `app`. */
export function addMatrix(app: App, id = 'mtx', baseline = true): CompressEvalPipeline {
  return new CompressEvalPipeline(app, id, { ...MATRIX_PROPS, baseline });
}

/** The test matrix's manifest. */
export function matrixManifest(id = 'mtx', baseline = true): PipelineManifest {
  const app = new App({ outdir: 'unused' });
  addMatrix(app, id, baseline);
  return buildManifests(app)[0];
}

const openllm = (arc: number, gsm: number, hella: number, mmlu: number, wino: number, tqa: number): MetricFixture => ({
  arc_challenge: { 'acc,none': arc, 'acc_stderr,none': 0.01 },
  gsm8k: { 'exact_match,strict-match': gsm },
  hellaswag: { 'acc_norm,none': hella },
  mmlu: { 'acc,none': mmlu },
  winogrande: { 'acc,none': wino },
  truthfulqa_mc2: { 'acc,none': tqa },
});

/** Baseline OpenLLM scores (average 0.5 exactly). */
export const BASELINE_OPENLLM = openllm(0.5, 0.4, 0.6, 0.55, 0.6, 0.35);
/** w4a16 OpenLLM scores (average 0.49). */
export const W4A16_OPENLLM = openllm(0.4938, 0.38, 0.59, 0.54, 0.6, 0.3362);

/** What each step of the test matrix does (by node name): w8a8's OpenLLM evaluation fails. */
export function matrixScripts(id = 'mtx'): Record<string, StepScript> {
  return {
    [`${id}_baseline_evaluation`]: { metrics: BASELINE_OPENLLM },
    [`${id}_w4a16_evaluation`]: { metrics: W4A16_OPENLLM },
    [`${id}_w8a8_evaluation`]: { fail: 'CUDA out of memory while loading the model' },
    [`${id}_baseline_gsm8k`]: { metrics: { gsm8k: { 'exact_match,strict-match': 0, 'exact_match,flexible-extract': 0.5 } } },
    [`${id}_w4a16_gsm8k`]: { metrics: { gsm8k: { 'exact_match,strict-match': 0.1, 'exact_match,flexible-extract': 0.45 } } },
    [`${id}_w8a8_gsm8k`]: { metrics: { gsm8k: { 'exact_match,flexible-extract': 0.5 } } },
  };
}
