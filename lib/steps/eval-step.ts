/**
 * An evaluation step: the seed's LMEvalTask (lm-evaluation-harness on vLLM).
 */
import { Construct } from 'constructs';
import { TaskSpec } from '../manifest/schema';
import { flattenSection, PlainValue } from '../core/values';
import { configurationReferenceProblems, dictionaryItem, withoutReferences } from './configuration';
import { EvalSuite } from './eval-suite';
import { LightEvalSuite } from './lighteval-suite';
import { isLightEvalTaskSpec } from './presets/lighteval';
import { mergeModelArgs, ModelArgsInput } from './model-args';
import { DEFAULT_IMAGE, DEFAULT_OUTPUT_URI, RESEARCH_REPOSITORY } from './script';
import { ModelStep, ModelStepProps } from './model-step';
import { renderWorkerTask, workerScript } from './worker';

/** Worker script of evaluation steps in the research repository. */
export const EVAL_ENTRY_POINT = 'src/automation/tasks/scripts/lmeval_script.py';
const VLLM = 'vllm';
const LM_EVAL = 'git+https://github.com/EleutherAI/lm-evaluation-harness.git';
/** Packages every evaluation step installs (vLLM and lm-eval are replaced by a pinned `packages` entry). */
export const EVAL_PACKAGES: readonly string[] = [VLLM, LM_EVAL, 'numpy==2.1', 'hf_xet', 'rouge-score', 'bert-score', 'nltk'];

/** Properties of an {@link EvalStep}. */
export interface EvalStepProps extends ModelStepProps {
  /**
   * What to evaluate (configuration `lm_eval`, its `tasks` and the suite's settings):
   * `EvalSuite.preset('openllm')` or `EvalSuite.tasks('gsm8k')`. LightEval standards are a type error here.
   */
  readonly suite: EvalSuite;
  /**
   * `num_fewshot` of configuration `lm_eval`: few-shot examples per task. A literal only: ClearML
   * never resolves pipeline parameters inside configuration objects.
   * @default lm-eval's default
   */
  readonly numFewshot?: number;
  /**
   * `batch_size` of configuration `lm_eval`: a number or `'auto'` (a literal only).
   * @default lm-eval's default
   */
  readonly batchSize?: number | string;
  /**
   * `model_args` of configuration `lm_eval`: merged with the suite's and the defaults
   * (duplicates are an error); a literal only.
   * @default none
   */
  readonly modelArgs?: ModelArgsInput;
  /**
   * `limit` of configuration `lm_eval`: number of examples per task, for quick runs (a literal only).
   * @default all
   */
  readonly limit?: number;
  /**
   * Any other keys of configuration `lm_eval` (must not repeat a suite setting).
   * @default none
   */
  readonly lmEvalArgs?: Readonly<Record<string, PlainValue>>;
  /**
   * `model` of configuration `lm_eval`: the lm-eval model backend.
   * @default the suite's, else 'vllm'
   */
  readonly modelType?: string;
}

/** Evaluates a model with lm-evaluation-harness (the seed's `lmeval_script.py`). */
export class EvalStep extends ModelStep {
  /** Construct kind. */
  public readonly kind = 'EvalStep';
  /** The props given. */
  public readonly props: EvalStepProps;

  /**
   * @param scope the pipeline, or a construct inside it
   * @param id construct id (also the default node name)
   * @param props evaluation settings
   */
  public constructor(scope: Construct, id: string, props: EvalStepProps) {
    super(scope, id, props);
    this.props = props;
    const suite: unknown = props.suite;
    if (!EvalSuite.isEvalSuite(suite)) {
      const what = LightEvalSuite.isLightEvalSuite(suite) ? `the LightEval suite '${suite.tasks}'` : 'not an EvalSuite';
      this.reportProblem(`suite is ${what}; an EvalStep runs lm-eval only (EvalSuite.preset/EvalSuite.tasks), a LightEval suite needs a LightEvalStep`);
    }
    configurationReferenceProblems('lm_eval', this.configurationProps()).forEach((m) => this.reportProblem(m));
  }

  /** Renders the draft task. */
  public renderTask(): TaskSpec {
    const p = this.props;
    const model = this.modelDraft();
    return renderWorkerTask(p, {
      defaultTaskName: `${this.stepName}_draft`,
      script: workerScript(p, { repository: RESEARCH_REPOSITORY, entryPoint: EVAL_ENTRY_POINT, packages: this.packages(), addTaskInit: true }),
      image: p.image ?? DEFAULT_IMAGE,
      hyperparams: { Args: flattenSection('Args', { model_id: model.modelId, clearml_model: model.clearmlModel, force_download: this.forceDownloadDraft() }) },
      configuration: { lm_eval: dictionaryItem('lm_eval', this.lmEvalSettings()) },
      outputUri: p.outputUri ?? DEFAULT_OUTPUT_URI,
    });
  }

  /** The `lm_eval` configuration object, keys in the seed's order. */
  public lmEvalSettings(): Record<string, PlainValue> {
    const p = this.props;
    const settings: Record<string, PlainValue> = Object.assign({}, p.lmEvalArgs);
    for (const [key, value] of [['num_fewshot', p.numFewshot], ['batch_size', p.batchSize], ['limit', p.limit]] as const) {
      if (value !== undefined) {
        settings[key] = value;
      }
    }
    const suite = EvalSuite.isEvalSuite(p.suite) ? p.suite.settings : {};
    for (const key of Object.keys(settings).filter((k) => k in suite || k === 'model' || k === 'model_args')) {
      this.reportProblem(`lm-eval argument '${key}' is already set by the suite (or has its own prop); remove it from the step's arguments`);
    }
    const merged = this.mergedModelArgs(suite.model_args);
    merged.duplicates.forEach((k) => this.reportProblem(`model_args key '${k}' is set both by the step and by the suite; set it in one place only`));
    // Assigned in order (the step's, model_args, the suite's, model) rather than spread: faster on Node 20.
    settings.model_args = merged.text;
    for (const [key, value] of Object.entries(suite)) {
      if (key !== 'model' && key !== 'model_args') {
        settings[key] = value;
      }
    }
    settings.model = p.modelType ?? suite.model ?? 'vllm';
    const lightEvalTasks = String(settings.tasks ?? '').split(',').filter(isLightEvalTaskSpec);
    if (lightEvalTasks.length > 0) {
      this.reportProblem(`lm-eval tasks '${lightEvalTasks.join(',')}' are LightEval task specifications, which lm-eval cannot run; use a LightEvalStep`);
    }
    return settings;
  }

  /** Plain data given in props, checked for values that cannot be serialized. */
  public override userData(): Record<string, unknown> {
    return withoutReferences(this.configurationProps()) as Record<string, unknown>;
  }

  private configurationProps(): Record<string, unknown> {
    const p = this.props;
    return { lmEvalArgs: p.lmEvalArgs, numFewshot: p.numFewshot, batchSize: p.batchSize, limit: p.limit, modelArgs: p.modelArgs };
  }

  private mergedModelArgs(suiteModelArgs: PlainValue): { text: string; duplicates: string[] } {
    try {
      return mergeModelArgs(this.props.modelArgs, suiteModelArgs);
    } catch (e) {
      this.reportProblem(`modelArgs: ${(e as Error).message}; write them as 'key=value,key=value'`);
      return { text: '', duplicates: [] };
    }
  }

  private packages(): string[] {
    const own = this.props.packages ?? [];
    const defaults = EVAL_PACKAGES.filter((d) =>
      !(d === VLLM && own.some((x) => x.includes('vllm'))) && !(d === LM_EVAL && own.some((x) => x.includes('lm-evaluation-harness'))));
    const suite = EvalSuite.isEvalSuite(this.props.suite) ? this.props.suite.packages : [];
    return [...defaults, ...suite, ...own];
  }
}
