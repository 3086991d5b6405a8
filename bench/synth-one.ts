/**
 * One synth measurement, run in a fresh process so peak memory is its own: builds a pipeline
 * of N steps, validates it and writes the assembly. Kind `seed`: compressions, each evaluated
 * twice (about 5.6 KB of manifest per step); kind `minimal`: one-argument TaskSteps (about 1.5 KB).
 * Prints one JSON line: { steps, constructMs, synthMs, totalMs, peakRssMb, bytes }.
 */
import { App } from '../lib/core/app';
import { Pipeline } from '../lib/core/pipeline';
import { CompressStep } from '../lib/steps/compress-step';
import { EvalStep } from '../lib/steps/eval-step';
import { EvalSuite } from '../lib/steps/eval-suite';
import { Recipe } from '../lib/steps/recipe';
import { TaskStep } from '../lib/steps/task-step';
import { printSynthSample } from './synth-sample';

function buildMinimal(pipeline: Pipeline, steps: number): void {
  for (let i = 0; i < steps; i++) {
    new TaskStep(pipeline, `job_${i}`, { repository: 'https://github.com/acme/tools.git', entryPoint: 'run.py', args: { index: i } });
  }
}

function build(app: App, steps: number, kind: string): void {
  const pipeline = new Pipeline(app, 'bench', { project: 'bench_project', defaultQueue: 'gpu-queue' });
  if (kind === 'minimal') {
    buildMinimal(pipeline, steps);
    return;
  }
  for (let i = 0; i * 3 < steps; i++) {
    const quantize = new CompressStep(pipeline, `quantize_${i}`, { model: `org/model-${i}`, recipe: Recipe.preset('quantization_w4a16') });
    if (i * 3 + 1 < steps) {
      new EvalStep(pipeline, `openllm_${i}`, { model: quantize.outputModel, suite: EvalSuite.preset('openllm') });
    }
    if (i * 3 + 2 < steps) {
      new EvalStep(pipeline, `leaderboard_${i}`, { model: quantize.outputModel, suite: EvalSuite.preset('leaderboard') });
    }
  }
}

const steps = Number(process.argv[2]);
printSynthSample(steps, (outdir) => {
  const app = new App({ outdir });
  build(app, steps, process.argv[3] ?? 'seed');
  return app;
});
