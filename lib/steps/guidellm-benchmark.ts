/**
 * What a {@link GuideLlmStep} benchmarks: one of the seed's benchmarking standards or an explicit
 * request profile, split the way the seed's GuideLLMTask splits settings (`GUIDELLM__*` keys
 * go to the `environment` configuration, everything else to `GuideLLM`).
 */
import { PlainValue } from '../core/values';
import { BENCHMARKING_PRESETS, BenchmarkingPresetName, GuideLlmScenario } from './presets/benchmarking';

const BENCHMARK_BRAND = Symbol.for('cdk-style.GuideLlmBenchmark');

/** An explicit GuideLLM request profile. */
export interface GuideLlmProfileProps {
  /** GuideLLM `data`, e.g. `prompt_tokens=512,generated_tokens=256`. */
  readonly data: string;
  /**
   * GuideLLM `data_type`.
   * @default 'emulated'
   */
  readonly dataType?: string;
  /**
   * Scenario file of the seed's `standards/benchmarking/` the script starts from.
   * @default none: the step must set `scenario`
   */
  readonly scenario?: GuideLlmScenario;
}

/** A GuideLLM benchmark: `GuideLLM` settings, `GUIDELLM__*` environment settings and the scenario file. */
export class GuideLlmBenchmark {
  /** Returns true when `x` is a {@link GuideLlmBenchmark}, whichever copy of the package made it. */
  public static isGuideLlmBenchmark(x: unknown): x is GuideLlmBenchmark {
    return typeof x === 'object' && x !== null && (x as Record<symbol, unknown>)[BENCHMARK_BRAND] === true;
  }

  /**
   * A standard profile of the seed (`benchmarking_chat`, `_rag`, `_long_rag`, `_summarization`,
   * `_instruction`, `_code_completion`, `_code_fixing`, `_docstring_generation`, `_16k` ... `_128k`);
   * its scenario is the standard's own `<name>.json`.
   */
  public static preset(name: BenchmarkingPresetName): GuideLlmBenchmark {
    const preset = Object.prototype.hasOwnProperty.call(BENCHMARKING_PRESETS, name) ? BENCHMARKING_PRESETS[name] : undefined;
    if (!preset) {
      throw new Error(`Unknown benchmarking preset '${name}'; use one of: ${Object.keys(BENCHMARKING_PRESETS).join(', ')}.`);
    }
    return new GuideLlmBenchmark(
      { data_type: preset.data_type, data: preset.data },
      { GUIDELLM__REQUEST_TIMEOUT: preset.GUIDELLM__REQUEST_TIMEOUT },
      name,
    );
  }

  /** An explicit request profile, e.g. `GuideLlmBenchmark.profile({ data: 'prompt_tokens=128,output_tokens=128', scenario: 'chat' })`. */
  public static profile(props: GuideLlmProfileProps): GuideLlmBenchmark {
    return new GuideLlmBenchmark({ data_type: props.dataType ?? 'emulated', data: props.data }, {}, props.scenario);
  }

  /** Settings merged into the `GuideLLM` configuration. */
  public readonly settings: Readonly<Record<string, PlainValue>>;
  /** `GUIDELLM__*` settings merged into the `environment` configuration. */
  public readonly environment: Readonly<Record<string, PlainValue>>;
  /** The scenario file, if the benchmark names one. */
  public readonly scenario?: GuideLlmScenario;

  private constructor(settings: Record<string, PlainValue>, environment: Record<string, PlainValue>, scenario: GuideLlmScenario | undefined) {
    this.settings = settings;
    this.environment = environment;
    this.scenario = scenario;
    Object.defineProperty(this, BENCHMARK_BRAND, { value: true });
  }
}
