/**
 * A LightEval evaluation step: the seed's LightEvalTask (LightEval on vLLM, or through LiteLLM
 * against a vLLM server the script starts).
 */
import { Construct } from 'constructs';
import { TaskSpec } from '../manifest/schema';
import { Arg } from '../core/parameter-reference';
import { flattenSection, PlainValue } from '../core/values';
import { configurationReferenceProblems, renderConfigurations, withoutReferences } from './configuration';
import { LightEvalSuite } from './lighteval-suite';
import { ModelStep, ModelStepProps } from './model-step';
import { PythonCallable } from './python-callable';
import { DEFAULT_IMAGE, DEFAULT_OUTPUT_URI, RESEARCH_REPOSITORY } from './script';
import { renderWorkerTask, workerScript } from './worker';

/** Worker script of LightEval steps in the research repository. */
export const LIGHTEVAL_ENTRY_POINT = 'src/automation/tasks/scripts/lighteval_script.py';
/** Packages every LightEval step installs (the seed's `LightEvalTask.task_packages`). */
export const LIGHTEVAL_PACKAGES: readonly string[] = [
  'vllm', 'git+https://github.com/neuralmagic/lighteval.git@vllm0.11', 'math-verify==0.5.2', 'more_itertools',
  'latex2sympy2_extended', 'langdetect', 'openai', 'hf_xet', 'huggingface-hub>=0.34.0,<1.0',
];
/** Default LiteLLM base URL of the vLLM server the script starts. */
export const LIGHTEVAL_BASE_URL = 'http://localhost:8000/v1';
/** Default time, in seconds, the script waits for its vLLM server. */
export const DEFAULT_SERVER_WAIT_TIME = 600;

/** How the LightEval script runs the model (`Args/entrypoint`). */
export type LightEvalEntrypoint = 'vllm' | 'litellm';

/** Keys of `model_args` the script sets itself, by entry point. */
const SCRIPT_MODEL_ARGS: Readonly<Record<LightEvalEntrypoint, readonly string[]>> = {
  vllm: ['model_name', 'tensor_parallel_size'],
  litellm: ['provider', 'model_name', 'base_url', 'api_key'],
};
/** Keys of `lighteval_args` that have their own prop or that the script sets. */
const OWN_KEYS = ['tasks', 'model_args', 'metric_options', 'save_details'];

/**
 * Properties of a {@link LightEvalStep}. `Args` settings name their key and take a literal or a
 * pipeline parameter of the same type; configuration settings (`lighteval_args`, `vLLM`) are
 * literals, because ClearML never resolves parameters inside configuration objects.
 */
export interface LightEvalStepProps extends ModelStepProps {
  /** `tasks` of configuration `lighteval_args`: `LightEvalSuite.preset('aime2024')` or `LightEvalSuite.tasks(...)`. */
  readonly suite: LightEvalSuite;
  /**
   * `Args/entrypoint`: run LightEval on vLLM in-process (`vllm`), or through LiteLLM against a
   * vLLM server the script starts (`litellm`, which adds `Args/server_wait_time`, `Args/base_url`
   * and configuration `vLLM`).
   * @default 'vllm'
   */
  readonly entrypoint?: LightEvalEntrypoint;
  /**
   * `model_args` of configuration `lighteval_args` (LightEval's `model_parameters`, e.g.
   * `{ max_model_length: 8192, generation_parameters: { temperature: 0.6 } }`). The script adds
   * the model name and the GPU count itself.
   * @default none (`{}`; the script defaults `dtype` to `auto`)
   */
  readonly modelArgs?: Readonly<Record<string, PlainValue>>;
  /**
   * `metric_options` of configuration `lighteval_args`.
   * @default none
   */
  readonly metricOptions?: Readonly<Record<string, PlainValue>>;
  /**
   * Any other keys of configuration `lighteval_args` (arguments of LightEval's entry point).
   * @default none
   */
  readonly lightEvalArgs?: Readonly<Record<string, PlainValue>>;
  /**
   * Configuration `vLLM`: arguments of the vLLM server (`litellm` only), e.g. `{ max_model_len: 40960 }`.
   * @default none (`{}`)
   */
  readonly vllmArgs?: Readonly<Record<string, PlainValue>>;
  /**
   * `Args/base_url`: URL of the vLLM server (`litellm` only).
   * @default 'http://localhost:8000/v1'
   */
  readonly baseUrl?: Arg<string>;
  /**
   * `Args/server_wait_time`: seconds to wait for the vLLM server (`litellm` only, an `int`).
   * @default 600
   */
  readonly serverWaitTime?: Arg<number>;
  /**
   * Configuration `pretask callback`: a Python function the script runs before evaluating.
   * @default none
   */
  readonly pretaskCallback?: PythonCallable;
}

/** Evaluates a model with LightEval (the seed's `lighteval_script.py`). */
export class LightEvalStep extends ModelStep {
  /** Construct kind. */
  public readonly kind = 'LightEvalStep';
  /** The props given. */
  public readonly props: LightEvalStepProps;

  /**
   * @param scope the pipeline, or a construct inside it
   * @param id construct id (also the default node name)
   * @param props evaluation settings
   */
  public constructor(scope: Construct, id: string, props: LightEvalStepProps) {
    super(scope, id, props);
    this.props = props;
    this.bindArg('Args/base_url', 'baseUrl', props.baseUrl, 'str');
    this.bindArg('Args/server_wait_time', 'serverWaitTime', props.serverWaitTime, 'int');
    this.checkProps();
  }

  /** The entry point (`Args/entrypoint`). */
  public get entrypoint(): LightEvalEntrypoint {
    return this.props.entrypoint ?? 'vllm';
  }

  /** Renders the draft task. */
  public renderTask(): TaskSpec {
    const p = this.props;
    const litellm = this.entrypoint === 'litellm';
    const model = this.modelDraft();
    const args: Record<string, PlainValue> = { model_id: model.modelId, clearml_model: model.clearmlModel, force_download: this.forceDownloadDraft(), entrypoint: this.entrypoint };
    if (litellm) {
      args.server_wait_time = this.draftArg(p.serverWaitTime) ?? DEFAULT_SERVER_WAIT_TIME;
      args.base_url = this.draftArg(p.baseUrl) ?? LIGHTEVAL_BASE_URL;
    }
    const packages = [...LIGHTEVAL_PACKAGES, ...(litellm ? ['litellm'] : []), ...(p.packages ?? [])];
    return renderWorkerTask(p, {
      defaultTaskName: `${this.stepName}_draft`,
      script: workerScript(p, { repository: RESEARCH_REPOSITORY, entryPoint: LIGHTEVAL_ENTRY_POINT, packages, addTaskInit: true }),
      image: p.image ?? DEFAULT_IMAGE,
      hyperparams: { Args: flattenSection('Args', args) },
      configuration: renderConfigurations({
        lighteval_args: this.lightEvalSettings(),
        'pretask callback': p.pretaskCallback?.toConfiguration(),
        vLLM: litellm ? Object.assign({}, p.vllmArgs) : undefined,
      }),
      outputUri: p.outputUri ?? DEFAULT_OUTPUT_URI,
    });
  }

  /** The `lighteval_args` configuration object, keys in the seed's order (extra arguments, `model_args`, `metric_options`, `tasks`). */
  public lightEvalSettings(): Record<string, PlainValue> {
    const p = this.props;
    const settings: Record<string, PlainValue> = Object.assign({}, p.lightEvalArgs);
    settings.model_args = Object.assign({}, p.modelArgs);
    if (p.metricOptions !== undefined) {
      settings.metric_options = p.metricOptions;
    }
    settings.tasks = LightEvalSuite.isLightEvalSuite(p.suite) ? p.suite.tasks : '';
    return settings;
  }

  /** Plain data given in props, checked for values that cannot be serialized. */
  public override userData(): Record<string, unknown> {
    const p = this.props;
    const configured = withoutReferences({ modelArgs: p.modelArgs, metricOptions: p.metricOptions, lightEvalArgs: p.lightEvalArgs, vllmArgs: p.vllmArgs }) as Record<string, unknown>;
    return Object.assign(configured, { serverWaitTime: this.draftArg(p.serverWaitTime) });
  }

  /** The model string and the base URL (checked for `${`). */
  public override parameterInputs(): Record<string, unknown> {
    return { ...super.parameterInputs(), baseUrl: this.props.baseUrl };
  }

  private checkProps(): void {
    const p = this.props;
    const suite: unknown = p.suite;
    if (!LightEvalSuite.isLightEvalSuite(suite)) {
      this.reportProblem('suite is not a LightEvalSuite; a LightEvalStep runs LightEval tasks only (LightEvalSuite.preset/LightEvalSuite.tasks), an lm-eval suite needs an EvalStep');
    }
    configurationReferenceProblems('lighteval_args', { modelArgs: p.modelArgs, metricOptions: p.metricOptions, lightEvalArgs: p.lightEvalArgs }).forEach((m) => this.reportProblem(m));
    configurationReferenceProblems('vLLM', { vllmArgs: p.vllmArgs }).forEach((m) => this.reportProblem(m));
    if (this.entrypoint !== 'vllm' && this.entrypoint !== 'litellm') {
      this.reportProblem(`entrypoint '${String(this.entrypoint)}' is not one the script knows; use 'vllm' or 'litellm'`);
      return;
    }
    if (this.entrypoint === 'vllm') {
      const litellmOnly = (['vllmArgs', 'baseUrl', 'serverWaitTime'] as const).filter((k) => p[k] !== undefined);
      litellmOnly.forEach((k) => this.reportProblem(`${k} is used only with entrypoint 'litellm' (the vllm entry point runs no server); remove it or set entrypoint: 'litellm'`));
    }
    for (const key of Object.keys(p.modelArgs ?? {}).filter((k) => SCRIPT_MODEL_ARGS[this.entrypoint].includes(k))) {
      this.reportProblem(`modelArgs.${key} is set by the LightEval script itself (${this.entrypoint} entry point); remove it`);
    }
    for (const key of Object.keys(p.lightEvalArgs ?? {}).filter((k) => OWN_KEYS.includes(k))) {
      this.reportProblem(`lightEvalArgs.${key} has its own prop (suite, modelArgs, metricOptions) or is set by the script; remove it from lightEvalArgs`);
    }
    if (typeof p.serverWaitTime === 'number' && !(Number.isInteger(p.serverWaitTime) && p.serverWaitTime > 0)) {
      this.reportProblem(`serverWaitTime ${p.serverWaitTime} is not a positive whole number of seconds`);
    }
  }
}
