/**
 * GuideLLM benchmarking presets (typed data only): the seed's `standards/benchmarking/*`.
 */

/** A GuideLLM benchmarking preset. */
export interface BenchmarkingPreset {
  /** GuideLLM data type. */
  readonly data_type: 'emulated';
  /** Emulated request shape, `prompt_tokens=P,generated_tokens=G`. */
  readonly data: string;
  /** Request timeout in seconds (GuideLLM environment variable). */
  readonly GUIDELLM__REQUEST_TIMEOUT: number;
}

const emulated = (promptTokens: number, generatedTokens: number): BenchmarkingPreset => ({
  data_type: 'emulated',
  data: `prompt_tokens=${promptTokens},generated_tokens=${generatedTokens}`,
  GUIDELLM__REQUEST_TIMEOUT: 21600,
});

/** Benchmarking presets by name. */
export const BENCHMARKING_PRESETS = {
  benchmarking_chat: emulated(512, 256),
  benchmarking_rag: emulated(1024, 128),
  benchmarking_long_rag: emulated(10240, 1536),
  benchmarking_summarization: emulated(4096, 512),
  benchmarking_instruction: emulated(256, 128),
  benchmarking_code_completion: emulated(256, 1024),
  benchmarking_code_fixing: emulated(1024, 1024),
  benchmarking_docstring_generation: emulated(768, 128),
  benchmarking_16k: emulated(16000, 2048),
  benchmarking_32k: emulated(32000, 2048),
  benchmarking_64k: emulated(64000, 2048),
  benchmarking_128k: emulated(128000, 2048),
} as const;

/** Name of a benchmarking preset. */
export type BenchmarkingPresetName = keyof typeof BENCHMARKING_PRESETS;

/**
 * Scenario files of the seed's `standards/benchmarking/` (`<name>.json`) that `guidellm_script.py`
 * loads for the GuideLLM `scenario` setting: one per preset, plus `chat` and `rag`.
 */
export const GUIDELLM_SCENARIOS = [...(Object.keys(BENCHMARKING_PRESETS) as BenchmarkingPresetName[]), 'chat', 'rag'] as const;

/** Name of a GuideLLM scenario file of the seed. */
export type GuideLlmScenario = BenchmarkingPresetName | 'chat' | 'rag';
