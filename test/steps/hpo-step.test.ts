import { buildManifests } from '../../lib/core/synthesizer';
import { HpoStep } from '../../lib/steps/hpo-step';
import { OPTIMIZER_SCRIPT } from '../../lib/steps/optimizer-script';
import { SearchParameter } from '../../lib/steps/search-space';
import { compress, newPipeline } from '../core/fixtures';
import { problemsOf } from '../core/problems';
import { configurationOf } from './seed-draft';

const OBJECTIVE = { title: 'openllm', series: 'average', sign: 'max' } as const;

describe('HpoStep', () => {
  test('optimizes the task another step ran: base id and queue as Args, BaseHPO\'s Parameters and Optimization configurations', () => {
    const { app, pipeline } = newPipeline();
    const q = compress(pipeline, 'q');
    new HpoStep(pipeline, 'tune', {
      baseStep: q,
      searchSpace: [
        SearchParameter.uniform('Args/recipe_args/dampening_frac', 0.01, 0.1, { step: 0.01 }),
        SearchParameter.discrete('Args/recipe_args/observer', ['mse', 'minmax']),
      ],
      objective: OBJECTIVE,
      budget: { totalMaxJobs: 5 },
      spawnProject: 'hpo_debug',
    });
    const step = buildManifests(app)[0].steps.tune;
    expect(step.kind).toBe('HpoStep');
    expect(step.node).toMatchObject({ queue: 'services', parents: ['q'], parameters: { 'Args/base_task_id': '${q.id}' } });
    expect(step.task.type).toBe('optimizer');
    expect(step.task.script).toMatchObject({ repository: '', entry_point: 'hpo_controller.py', diff: OPTIMIZER_SCRIPT, requirements: { pip: 'clearml==1.17.0' } });
    expect(step.task.hyperparams.Args.execution_queue.value).toBe('gpu-queue');
    expect(configurationOf(step.task, 'Parameters')).toEqual([
      { type: 'UniformParameterRange', name: 'Args/recipe_args/dampening_frac', min_value: 0.01, max_value: 0.1, step_size: 0.01, include_max: true },
      { type: 'DiscreteParameterRange', name: 'Args/recipe_args/observer', values: ['mse', 'minmax'] },
    ]);
    expect(configurationOf(step.task, 'Optimization')).toEqual({
      objective_metric_title: 'openllm', objective_metric_series: 'average', objective_metric_sign: 'max', total_max_jobs: 5,
      max_number_of_concurrent_tasks: 1, pool_period_min: 1, max_iteration_per_job: 1, spawn_project: 'hpo_debug',
      report_period_min: null, time_limit_min: null, optimizer: 'GridSearch',
    });
  });

  test('search parameters the base step does not declare, and bad budgets, are validation errors', () => {
    const { app, pipeline } = newPipeline();
    const q = compress(pipeline, 'q');
    new HpoStep(pipeline, 'tune', {
      baseStep: q, searchSpace: [SearchParameter.integer('Args/num_samples', 256, 1024, 256)], objective: OBJECTIVE, budget: { totalMaxJobs: 0 },
    });
    expect(problemsOf(() => buildManifests(app))).toEqual([
      '[demo/tune] budget.totalMaxJobs 0 must be a positive whole number',
      expect.stringMatching(/^\[demo\/tune\] search parameter 'Args\/num_samples' is not a hyperparameter of base step 'demo\/q'; declared: Args\/clearml_model, /),
    ]);
  });

  test('search spaces refuse what ClearML could not sample', () => {
    expect(() => SearchParameter.uniform('Args/x', 2, 1)).toThrow(/range 2..1 is empty/);
    expect(() => SearchParameter.integer('Args/x', 1, 9, 0.5)).toThrow(/whole numbers and a positive step/);
    expect(() => SearchParameter.discrete('Args/x', [])).toThrow(/at least one value/);
    expect(() => SearchParameter.uniform('learning_rate', 0, 1)).toThrow(/'Section\/name'/);
    expect(SearchParameter.logUniform('Args/lr', -5, -3).definition).toEqual({
      type: 'LogUniformParameterRange', name: 'Args/lr', min_value: -5, max_value: -3, step_size: null, include_max: true, base: 10,
    });
  });
});
