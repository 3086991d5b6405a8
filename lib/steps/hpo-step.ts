/**
 * A hyperparameter optimization step on ClearML's HyperParameterOptimizer, as the seed's BaseHPO
 * sets one up: a base task (here: another step of the pipeline, the task it ran), a search space,
 * an objective metric and a budget; the optimizer clones the base task once per trial.
 */
import { Construct } from 'constructs';
import { TaskSpec } from '../manifest/schema';
import { Arg } from '../core/parameter-reference';
import { Pipeline } from '../core/pipeline';
import { Step, StepProps } from '../core/step';
import { flattenSection, PlainValue } from '../core/values';
import { renderContainer } from './script';
import { renderConfigurations } from './configuration';
import { OPTIMIZER_ENTRY_POINT, OPTIMIZER_SCRIPT } from './optimizer-script';
import { SearchParameter } from './search-space';

/** Search strategies of ClearML's optimizer (the names the seed's `hpo_script.py` accepts). */
export type HpoOptimizer = 'GridSearch' | 'RandomSearch' | 'OptimizerOptuna' | 'OptimizerBOHB';

/** The metric the optimizer minimizes or maximizes. */
export interface HpoObjective {
  /** Scalar title on the trials, e.g. `openllm`. */
  readonly title: string;
  /** Scalar series, e.g. `average`. */
  readonly series: string;
  /** `min`/`max` (last reported value) or `min_global`/`max_global` (best value over iterations). */
  readonly sign: 'min' | 'max' | 'min_global' | 'max_global';
}

/** How much the optimization may spend. */
export interface HpoBudget {
  /** `total_max_jobs` of configuration `Optimization`: trials in total. */
  readonly totalMaxJobs: number;
  /**
   * `max_number_of_concurrent_tasks`: trials running at once.
   * @default 1
   */
  readonly maxConcurrentJobs?: number;
  /**
   * `time_limit_min`: minutes after which the optimization stops.
   * @default no limit
   */
  readonly timeLimitMinutes?: number;
  /**
   * `compute_time_limit`: minutes of trial compute time in total.
   * @default no limit
   */
  readonly computeTimeLimitMinutes?: number;
}

/** Properties of an {@link HpoStep}. */
export interface HpoStepProps extends StepProps {
  /** `Args/base_task_id`: the step whose task is optimized (overridden with `${<step>.id}`, so the HPO runs after it). */
  readonly baseStep: Step;
  /** Configuration `Parameters`: the searched hyperparameters of the base step (`Section/name` keys of its draft). */
  readonly searchSpace: readonly SearchParameter[];
  /** `objective_metric_title`, `_series`, `_sign` of configuration `Optimization`. */
  readonly objective: HpoObjective;
  /** The budget (configuration `Optimization`). */
  readonly budget: HpoBudget;
  /**
   * `optimizer` of configuration `Optimization`.
   * @default 'GridSearch'
   */
  readonly optimizer?: HpoOptimizer;
  /**
   * `Args/execution_queue`: the queue trials run on (a `str`; a pipeline parameter fits).
   * @default the base step's queue (else the pipeline's default queue)
   */
  readonly executionQueue?: Arg<string>;
  /**
   * `spawn_project` of configuration `Optimization`: project the trials are created in.
   * @default the base task's project
   */
  readonly spawnProject?: string;
  /**
   * `pool_period_min`: minutes between checks of the trials.
   * @default 1
   */
  readonly poolPeriodMinutes?: number;
  /**
   * `report_period_min`: minutes between reports of the optimization's progress.
   * @default the optimizer's
   */
  readonly reportPeriodMinutes?: number;
  /**
   * Other keys of configuration `Optimization` (arguments of the search strategy).
   * @default none
   */
  readonly optimizerArgs?: Readonly<Record<string, PlainValue>>;
  /**
   * Name of the draft task.
   * @default `<step name>_draft`
   */
  readonly taskName?: string;
  /**
   * Queue the optimizer itself runs on.
   * @default the pipeline's controller queue ('services')
   */
  readonly queue?: string;
  /**
   * Docker image of the optimizer (it runs under clearml-agent like the pipeline controller).
   * @default the pipeline's controller image
   */
  readonly image?: string;
}

/**
 * Optimizes another step's hyperparameters with ClearML's optimizer. It runs on the controller
 * queue by default (`services`), clones the base step's task once per trial into
 * `executionQueue`, and needs no repository: its script is stored in the draft.
 */
export class HpoStep extends Step {
  /** Construct kind. */
  public readonly kind = 'HpoStep';
  /** The props given. */
  public readonly props: HpoStepProps;

  /**
   * @param scope the pipeline, or a construct inside it
   * @param id construct id (also the default node name)
   * @param props base step, search space, objective and budget
   */
  public constructor(scope: Construct, id: string, props: HpoStepProps) {
    // runs on the controller queue unless told otherwise: it only orchestrates, like the controller
    super(scope, id, { ...props, queue: props.queue ?? Pipeline.of(scope).controllerQueue });
    this.props = props;
    this.addParameterOverride('Args/base_task_id', props.baseStep.taskId);
    this.bindArg('Args/execution_queue', 'executionQueue', props.executionQueue, 'str');
    this.checkProps();
  }

  /** Renders the draft task. */
  public renderTask(): TaskSpec {
    const p = this.props;
    const requirements = [`clearml==${this.pipeline.clearmlVersion}`, ...optimizerPackages(this.optimizer)];
    return {
      comment: '',
      configuration: renderConfigurations({ Optimization: this.optimizationSettings(), Parameters: p.searchSpace.map((s) => s.definition) }),
      container: renderContainer(p.image ?? this.pipeline.controllerImage),
      hyperparams: { Args: flattenSection('Args', { base_task_id: '', execution_queue: this.draftArg(p.executionQueue) ?? this.defaultExecutionQueue() }) },
      name: p.taskName ?? `${this.stepName}_draft`,
      project: '',
      script: {
        binary: 'python3', branch: '', diff: OPTIMIZER_SCRIPT, entry_point: OPTIMIZER_ENTRY_POINT,
        repository: '', requirements: { pip: requirements.join('\n') }, version_num: '', working_dir: '.',
      },
      system_tags: [],
      tags: [],
      type: 'optimizer',
    };
  }

  /** The search strategy. */
  public get optimizer(): HpoOptimizer {
    return this.props.optimizer ?? 'GridSearch';
  }

  /** The `Optimization` configuration object, in the seed's BaseHPO layout. */
  public optimizationSettings(): Record<string, PlainValue> {
    const p = this.props;
    const settings: Record<string, PlainValue> = {
      objective_metric_title: p.objective.title,
      objective_metric_series: p.objective.series,
      objective_metric_sign: p.objective.sign,
      total_max_jobs: p.budget.totalMaxJobs,
      max_number_of_concurrent_tasks: p.budget.maxConcurrentJobs ?? 1,
      pool_period_min: p.poolPeriodMinutes ?? 1,
      max_iteration_per_job: 1,
    };
    if (p.budget.computeTimeLimitMinutes !== undefined) {
      settings.compute_time_limit = p.budget.computeTimeLimitMinutes;
    }
    if (p.spawnProject !== undefined) {
      settings.spawn_project = p.spawnProject;
    }
    Object.assign(settings, p.optimizerArgs);
    settings.report_period_min = p.reportPeriodMinutes ?? null;
    settings.time_limit_min = p.budget.timeLimitMinutes ?? null;
    settings.optimizer = this.optimizer;
    return settings;
  }

  /** Plain data given in props, checked for values that cannot be serialized. */
  public override userData(): Record<string, unknown> {
    return { optimizerArgs: this.props.optimizerArgs, budget: this.props.budget };
  }

  /** Problems found while building the step, plus search parameters the base step does not declare. */
  public override get constructionProblems(): readonly string[] {
    const base = this.props.baseStep;
    let declared: Set<string>;
    try {
      declared = new Set(Object.entries(base.renderDraftTask().hyperparams).flatMap(([section, items]) => Object.keys(items).map((n) => `${section}/${n}`)));
    } catch {
      return super.constructionProblems; // the base step reports why it cannot be rendered
    }
    const unknown = this.props.searchSpace.filter((s) => !declared.has(s.name)).map((s) =>
      `search parameter '${s.name}' is not a hyperparameter of base step '${base.node.path}'; declared: ${[...declared].sort().join(', ')}`);
    return [...super.constructionProblems, ...unknown];
  }

  /** The trials' queue (checked for `${`). */
  public override parameterInputs(): Record<string, unknown> {
    return { executionQueue: this.props.executionQueue };
  }

  private defaultExecutionQueue(): string {
    return this.props.baseStep.queue ?? this.pipeline.defaultQueue ?? '';
  }

  private checkProps(): void {
    const p = this.props;
    if (p.searchSpace.length === 0) {
      this.reportProblem('searchSpace is empty; add at least one SearchParameter');
    }
    const names = p.searchSpace.map((s) => s.name);
    names.filter((n, i) => names.indexOf(n) !== i).forEach((n) => this.reportProblem(`search parameter '${n}' is given twice`));
    if (!(Number.isInteger(p.budget.totalMaxJobs) && p.budget.totalMaxJobs > 0)) {
      this.reportProblem(`budget.totalMaxJobs ${p.budget.totalMaxJobs} must be a positive whole number`);
    }
    if (p.budget.maxConcurrentJobs !== undefined && !(Number.isInteger(p.budget.maxConcurrentJobs) && p.budget.maxConcurrentJobs > 0)) {
      this.reportProblem(`budget.maxConcurrentJobs ${p.budget.maxConcurrentJobs} must be a positive whole number`);
    }
    if (p.baseStep === (this as Step)) {
      this.reportProblem('baseStep is the HPO step itself; name the step whose hyperparameters are searched');
    }
    if (p.executionQueue === undefined && this.defaultExecutionQueue() === '') {
      this.reportProblem('no execution queue for the trials: set executionQueue, a queue on the base step, or the pipeline\'s defaultQueue');
    }
  }
}

function optimizerPackages(optimizer: HpoOptimizer): string[] {
  return optimizer === 'OptimizerOptuna' ? ['optuna'] : optimizer === 'OptimizerBOHB' ? ['hpbandster'] : [];
}
