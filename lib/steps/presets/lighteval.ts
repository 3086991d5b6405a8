/**
 * LightEval presets (typed data only): the seed's `standards/evaluations/aime2024`, `aime2025`,
 * `gpqa_diamond`, `math500` and `livecodebench`, each a LightEval task string
 * (`suite|task|few-shot`). They run only in a `LightEvalStep`: lm-eval has no such tasks.
 */

/** A LightEval preset: the `tasks` string merged into the `lighteval_args` configuration. */
export interface LightEvalPreset {
  /** LightEval task specification, e.g. `lighteval|aime24|0`. */
  readonly tasks: string;
}

/** LightEval presets by name (the seed's standard file stems). */
export const LIGHTEVAL_PRESETS = {
  aime2024: { tasks: 'lighteval|aime24|0' },
  aime2025: { tasks: 'lighteval|aime25|0' },
  gpqa_diamond: { tasks: 'lighteval|gpqa:diamond|0' },
  math500: { tasks: 'lighteval|math_500|0' },
  livecodebench: { tasks: 'extended|lcb:codegeneration|0' },
} as const satisfies Readonly<Record<string, LightEvalPreset>>;

/** Name of a LightEval preset. */
export type LightEvalPresetName = keyof typeof LIGHTEVAL_PRESETS;

/**
 * True when `task` is written the LightEval way, `suite|task|few-shot[|truncate]` (a `|` lm-eval
 * task names never contain).
 */
export function isLightEvalTaskSpec(task: string): boolean {
  return /^[^|,\s]+\|[^|,\s]+\|\d+(\|\d+)?$/.test(task.trim());
}
