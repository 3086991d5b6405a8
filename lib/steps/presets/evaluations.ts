/**
 * lm-evaluation-harness presets: the seed's `standards/evaluations/openllm` and `leaderboard`.
 * The seed's other evaluation standards are LightEval task strings: see `./lighteval`.
 */
import { PlainValue } from '../../core/values';

/** An lm-eval preset: lm-eval settings and extra pip packages. */
export interface EvaluationPreset {
  /** Settings merged into the `lm_eval` configuration (keys in the seed's order). */
  readonly settings: Readonly<Record<string, PlainValue>>;
  /** Extra pip packages the suite needs. */
  readonly packages: readonly string[];
}

const accNorm = (randomScore: number) => ({ series: 'acc_norm,none', normalize: true, random_score: randomScore });

const OPENLLM: EvaluationPreset = {
  packages: [],
  settings: {
    tasks: 'openllm',
    model_args: 'max_model_len=4096,add_bos_token=True,enable_thinking=False',
    apply_chat_template: false,
    groups: {
      openllm: {
        arc_challenge: { series: 'acc,none' },
        gsm8k: { series: 'exact_match,strict-match' },
        hellaswag: { series: 'acc_norm,none' },
        mmlu: { series: 'acc,none' },
        winogrande: { series: 'acc,none' },
        truthfulqa_mc2: { series: 'acc,none' },
      },
    },
  },
};

const LEADERBOARD_GROUPS = {
    math_lvl5: {
      leaderboard_math_algebra_hard: { series: 'exact_match,none' },
      leaderboard_math_counting_and_prob_hard: { series: 'exact_match,none' },
      leaderboard_math_geometry_hard: { series: 'exact_match,none' },
      leaderboard_math_intermediate_algebra_hard: { series: 'exact_match,none' },
      leaderboard_math_num_theory_hard: { series: 'exact_match,none' },
      leaderboard_math_prealgebra_hard: { series: 'exact_match,none' },
      leaderboard_math_precalculus_hard: { series: 'exact_match,none' },
    },
    musr: {
      leaderboard_musr_murder_mysteries: accNorm(0.5),
      leaderboard_musr_object_placements: accNorm(0.2),
      leaderboard_musr_team_allocation: accNorm(0.333333),
    },
    bbh: {
      leaderboard_bbh_sports_understanding: accNorm(0.5),
      leaderboard_bbh_tracking_shuffled_objects_three_objects: accNorm(0.333333),
      leaderboard_bbh_navigate: accNorm(0.5),
      leaderboard_bbh_snarks: accNorm(0.5),
      leaderboard_bbh_date_understanding: accNorm(0.166667),
      leaderboard_bbh_reasoning_about_colored_objects: accNorm(0.055556),
      leaderboard_bbh_object_counting: accNorm(0.052632),
      leaderboard_bbh_logical_deduction_seven_objects: accNorm(0.142857),
      leaderboard_bbh_geometric_shapes: accNorm(0.090909),
      leaderboard_bbh_web_of_lies: accNorm(0.5),
      leaderboard_bbh_movie_recommendation: accNorm(0.166667),
      leaderboard_bbh_logical_deduction_five_objects: accNorm(0.2),
      leaderboard_bbh_salient_translation_error_detection: accNorm(0.166667),
      leaderboard_bbh_disambiguation_qa: accNorm(0.333333),
      leaderboard_bbh_temporal_sequences: accNorm(0.25),
      leaderboard_bbh_hyperbaton: accNorm(0.5),
      leaderboard_bbh_logical_deduction_three_objects: accNorm(0.333333),
      leaderboard_bbh_causal_judgement: accNorm(0.5),
      leaderboard_bbh_formal_fallacies: accNorm(0.5),
      leaderboard_bbh_tracking_shuffled_objects_seven_objects: accNorm(0.142857),
      leaderboard_bbh_ruin_names: accNorm(0.166667),
      leaderboard_bbh_penguins_in_a_table: accNorm(0.2),
      leaderboard_bbh_boolean_expressions: accNorm(0.5),
      leaderboard_bbh_tracking_shuffled_objects_five_objects: accNorm(0.2),
    },
    gpqa: {
      leaderboard_gpqa_main: accNorm(0.25),
      leaderboard_gpqa_diamond: accNorm(0.25),
      leaderboard_gpqa_extended: accNorm(0.25),
    },
    leaderboard_mmlu_pro: { series: 'acc,none', normalize: true, random_score: 0.1 },
    ifeval: {
      ifeval_instlevel: { leaderboard_ifeval: { series: 'inst_level_strict_acc,none' } },
      ifeval_promptlevel: { leaderboard_ifeval: { series: 'prompt_level_strict_acc,none' } },
    },
};

const LEADERBOARD: EvaluationPreset = {
  packages: ['langdetect', 'immutabledict', 'antlr4-python3-runtime==4.11', 'math-verify', 'sympy'],
  settings: {
    tasks: 'leaderboard',
    apply_chat_template: true,
    fewshot_as_multiturn: true,
    groups: { leaderboard: LEADERBOARD_GROUPS },
  },
};

/**
 * lm-eval presets by name. Only lm-eval suites: the LightEval standards (`aime2024`, ...) are
 * in `LIGHTEVAL_PRESETS` and run only in a `LightEvalStep`.
 */
export const EVALUATION_PRESETS = {
  openllm: OPENLLM,
  leaderboard: LEADERBOARD,
} as const;

/** Name of an lm-eval preset. */
export type EvaluationPresetName = keyof typeof EVALUATION_PRESETS;
