/**
 * A GuideLLM benchmarking step: the seed's GuideLLMTask (a vLLM server started by the script,
 * then a GuideLLM benchmark against it).
 */
import { Construct } from 'constructs';
import { TaskSpec } from '../manifest/schema';
import { Arg } from '../core/parameter-reference';
import { flattenSection, PlainValue } from '../core/values';
import { configurationReferenceProblems, renderConfigurations, withoutReferences } from './configuration';
import { GuideLlmBenchmark } from './guidellm-benchmark';
import { DEFAULT_SERVER_WAIT_TIME } from './lighteval-step';
import { ModelStep, ModelStepProps } from './model-step';
import { GUIDELLM_SCENARIOS, GuideLlmScenario } from './presets/benchmarking';
import { DEFAULT_IMAGE, DEFAULT_OUTPUT_URI, RESEARCH_REPOSITORY } from './script';
import { renderWorkerTask, workerScript } from './worker';

/** Worker script of GuideLLM steps in the research repository. */
export const GUIDELLM_ENTRY_POINT = 'src/automation/tasks/scripts/guidellm_script.py';
/** Packages every GuideLLM step installs (the seed's `GuideLLMTask.task_packages`). */
export const GUIDELLM_PACKAGES: readonly string[] = ['vllm', 'git+https://github.com/neuralmagic/guidellm.git', 'hf_xet'];
const ENV_PREFIX = 'GUIDELLM__';

/**
 * Properties of a {@link GuideLlmStep}. `Args` settings name their key and take a literal or a
 * pipeline parameter of the same type; configuration settings (`GuideLLM`, `environment`,
 * `vLLM`) are literals, because ClearML never resolves parameters inside configuration objects.
 */
export interface GuideLlmStepProps extends ModelStepProps {
  /** Configurations `GuideLLM` and `environment`: `GuideLlmBenchmark.preset('benchmarking_chat')` or `GuideLlmBenchmark.profile({...})`. */
  readonly benchmark: GuideLlmBenchmark;
  /**
   * `scenario` of configuration `GuideLLM`: the scenario file (`standards/benchmarking/<name>.json`)
   * the script loads; it needs one, and fails without it.
   * @default the benchmark's (a preset's own file)
   */
  readonly scenario?: GuideLlmScenario;
  /**
   * `target` of configuration `GuideLLM`: URL of the vLLM server the script starts.
   * @default 'http://localhost:8000/v1'
   */
  readonly target?: string;
  /**
   * `backend` of configuration `GuideLLM`.
   * @default 'aiohttp_server'
   */
  readonly backend?: string;
  /**
   * Other keys of configuration `GuideLLM` (e.g. `{ rate_type: 'throughput', max_seconds: 30 }`);
   * `GUIDELLM__*` keys belong in `environment`.
   * @default none
   */
  readonly guideLlmArgs?: Readonly<Record<string, PlainValue>>;
  /**
   * Configuration `environment`: `GUIDELLM__*` settings the script exports before running
   * GuideLLM, merged with the benchmark's (a key set by both is an error, as in the seed).
   * @default the benchmark's
   */
  readonly environment?: Readonly<Record<string, string | number | boolean>>;
  /**
   * Configuration `vLLM`: arguments of the vLLM server (`VLLM_*` keys become its environment).
   * @default none (no `vLLM` configuration)
   */
  readonly vllmArgs?: Readonly<Record<string, PlainValue>>;
  /**
   * `Args/server_wait_time`: seconds to wait for the vLLM server (an `int`).
   * @default 600
   */
  readonly serverWaitTime?: Arg<number>;
}

/** Benchmarks a model served by vLLM with GuideLLM (the seed's `guidellm_script.py`). */
export class GuideLlmStep extends ModelStep {
  /** Construct kind. */
  public readonly kind = 'GuideLlmStep';
  /** The props given. */
  public readonly props: GuideLlmStepProps;

  /**
   * @param scope the pipeline, or a construct inside it
   * @param id construct id (also the default node name)
   * @param props benchmark settings
   */
  public constructor(scope: Construct, id: string, props: GuideLlmStepProps) {
    super(scope, id, props, 'Args/model');
    this.props = props;
    this.bindArg('Args/server_wait_time', 'serverWaitTime', props.serverWaitTime, 'int');
    this.checkProps();
  }

  /** Renders the draft task. */
  public renderTask(): TaskSpec {
    const p = this.props;
    const model = this.modelDraft();
    const environment = this.environmentSettings();
    return renderWorkerTask(p, {
      defaultTaskName: `${this.stepName}_draft`,
      script: workerScript(p, { repository: RESEARCH_REPOSITORY, entryPoint: GUIDELLM_ENTRY_POINT, packages: [...GUIDELLM_PACKAGES, ...(p.packages ?? [])], addTaskInit: true }),
      image: p.image ?? DEFAULT_IMAGE,
      hyperparams: {
        Args: flattenSection('Args', {
          model: model.modelId, clearml_model: model.clearmlModel,
          server_wait_time: this.draftArg(p.serverWaitTime) ?? DEFAULT_SERVER_WAIT_TIME, force_download: this.forceDownloadDraft(),
        }),
      },
      configuration: renderConfigurations({
        GuideLLM: this.guideLlmSettings(),
        environment: Object.keys(environment).length > 0 ? environment : undefined,
        vLLM: p.vllmArgs !== undefined && Object.keys(p.vllmArgs).length > 0 ? p.vllmArgs : undefined,
      }),
      outputUri: p.outputUri ?? DEFAULT_OUTPUT_URI,
    });
  }

  /** The scenario file the script loads. */
  public get scenario(): GuideLlmScenario | undefined {
    return this.props.scenario ?? this.benchmark?.scenario;
  }

  /** The `GuideLLM` configuration object, keys in the seed's order (`target`, `backend`, the step's, the benchmark's). */
  public guideLlmSettings(): Record<string, PlainValue> {
    const p = this.props;
    const settings: Record<string, PlainValue> = { target: p.target ?? 'http://localhost:8000/v1', backend: p.backend ?? 'aiohttp_server' };
    if (this.scenario !== undefined) {
      settings.scenario = this.scenario;
    }
    Object.assign(settings, p.guideLlmArgs, this.benchmark?.settings);
    return settings;
  }

  /** The `environment` configuration object: the step's `GUIDELLM__*` settings, then the benchmark's. */
  public environmentSettings(): Record<string, PlainValue> {
    return Object.assign({}, this.props.environment, this.benchmark?.environment);
  }

  /** Plain data given in props, checked for values that cannot be serialized. */
  public override userData(): Record<string, unknown> {
    const p = this.props;
    const configured = withoutReferences({ guideLlmArgs: p.guideLlmArgs, environment: p.environment, vllmArgs: p.vllmArgs }) as Record<string, unknown>;
    return Object.assign(configured, { serverWaitTime: this.draftArg(p.serverWaitTime) });
  }

  private get benchmark(): GuideLlmBenchmark | undefined {
    return GuideLlmBenchmark.isGuideLlmBenchmark(this.props.benchmark) ? this.props.benchmark : undefined;
  }

  private checkProps(): void {
    const p = this.props;
    const benchmark = this.benchmark;
    if (benchmark === undefined) {
      this.reportProblem('benchmark is not a GuideLlmBenchmark; use GuideLlmBenchmark.preset(...) or GuideLlmBenchmark.profile(...)');
    }
    if (this.scenario === undefined) {
      this.reportProblem(`no GuideLLM scenario: guidellm_script.py loads standards/benchmarking/<scenario>.json and fails without one; set scenario to one of ${GUIDELLM_SCENARIOS.join(', ')}`);
    } else if (!(GUIDELLM_SCENARIOS as readonly string[]).includes(this.scenario)) {
      this.reportProblem(`scenario '${this.scenario}' is not a scenario file of the research repository; use one of ${GUIDELLM_SCENARIOS.join(', ')}`);
    }
    configurationReferenceProblems('GuideLLM', { guideLlmArgs: p.guideLlmArgs, target: p.target, backend: p.backend }).forEach((m) => this.reportProblem(m));
    configurationReferenceProblems('environment', { environment: p.environment }).forEach((m) => this.reportProblem(m));
    configurationReferenceProblems('vLLM', { vllmArgs: p.vllmArgs }).forEach((m) => this.reportProblem(m));
    const own = ['target', 'backend', 'scenario', 'model'];
    for (const key of Object.keys(p.guideLlmArgs ?? {})) {
      if (key.startsWith(ENV_PREFIX)) {
        this.reportProblem(`guideLlmArgs.${key} is an environment setting; move it to environment`);
      } else if (own.includes(key) || (benchmark !== undefined && key in benchmark.settings)) {
        this.reportProblem(`guideLlmArgs.${key} is already set by ${own.includes(key) ? 'its own prop (or the script)' : 'the benchmark'}; set it in one place only`);
      }
    }
    for (const key of Object.keys(p.environment ?? {})) {
      if (!key.startsWith(ENV_PREFIX)) {
        this.reportProblem(`environment.${key} does not start with ${ENV_PREFIX}; the seed passes only GuideLLM settings this way (other GuideLLM keys go in guideLlmArgs)`);
      } else if (benchmark !== undefined && key in benchmark.environment) {
        this.reportProblem(`environment.${key} is already set by the benchmark; set it in one place only`);
      }
    }
  }
}
