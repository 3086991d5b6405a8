/**
 * Hyperparameter optimization inside a pipeline: a fine-tuning script of one's own repository
 * (a `TaskStep` reporting `validation/loss`), then an HPO step that clones that run once per
 * trial with other learning rates, batch sizes and schedulers, minimizing the validation loss,
 * five trials two at a time on the GPU queue, at most an hour. A debug step first checks
 * that the queue has a live agent before anything expensive starts.
 *
 * Run `npx tsx examples/hpo-pipeline.ts` to write `cdk.out/`.
 */
import { App } from '../lib/core/app';
import { Pipeline } from '../lib/core/pipeline';
import { DebugStep } from '../lib/steps/debug-step';
import { HpoStep } from '../lib/steps/hpo-step';
import { SearchParameter } from '../lib/steps/search-space';
import { TaskStep } from '../lib/steps/task-step';

/** Builds the app (without synthesizing it). */
export function buildHpoApp(app: App = new App()): App {
  const pipeline = new Pipeline(app, 'hpo_pipeline', {
    project: 'alexandre_debug',
    defaultQueue: 'oneshot-a100x1',
    parameters: { trial_queue: { type: 'str', default: 'oneshot-a100x1' } },
  });

  const smoke = new DebugStep(pipeline, 'queue_check', { seconds: 10 });

  const finetune = new TaskStep(pipeline, 'finetune', {
    repository: 'https://github.com/acme/finetune.git',
    entryPoint: 'train.py',
    packages: ['torch', 'transformers'],
    image: 'quay.io/nmmlops/mlops/k8s-research-cuda12_8:latest',
    args: { model_id: 'meta-llama/Llama-3.2-1B-Instruct', learning_rate: 0.0001, batch_size: 8, scheduler: 'cosine' },
  }).dependsOn(smoke);

  new HpoStep(pipeline, 'tune', {
    baseStep: finetune,
    searchSpace: [
      SearchParameter.logUniform('Args/learning_rate', -5, -3, { step: 0.5 }),
      SearchParameter.integer('Args/batch_size', 4, 16, 4),
      SearchParameter.discrete('Args/scheduler', ['cosine', 'linear']),
    ],
    objective: { title: 'validation', series: 'loss', sign: 'min' },
    budget: { totalMaxJobs: 5, maxConcurrentJobs: 2, timeLimitMinutes: 60 },
    optimizer: 'OptimizerOptuna',
    executionQueue: pipeline.parameter('trial_queue'),
  });
  return app;
}

if (require.main === module) {
  buildHpoApp().synth();
}
