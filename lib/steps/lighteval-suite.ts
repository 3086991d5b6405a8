/**
 * Evaluation suites for {@link LightEvalStep}: a LightEval preset or explicit LightEval tasks.
 */
import { isLightEvalTaskSpec, LIGHTEVAL_PRESETS, LightEvalPresetName } from './presets/lighteval';

const LIGHTEVAL_SUITE_BRAND = Symbol.for('cdk-style.LightEvalSuite');

/**
 * What a LightEval step runs: the `tasks` string of its `lighteval_args` configuration. Only
 * LightEval suites: an lm-eval suite is an `EvalSuite`, and passing one to a `LightEvalStep` is
 * a type error (the `engine`s differ).
 */
export class LightEvalSuite {
  /** Returns true when `x` is a {@link LightEvalSuite}, whichever copy of the package made it. */
  public static isLightEvalSuite(x: unknown): x is LightEvalSuite {
    return typeof x === 'object' && x !== null && (x as Record<symbol, unknown>)[LIGHTEVAL_SUITE_BRAND] === true;
  }

  /** A standard LightEval suite: `aime2024`, `aime2025`, `gpqa_diamond`, `math500` or `livecodebench`. */
  public static preset(name: LightEvalPresetName): LightEvalSuite {
    const preset = Object.prototype.hasOwnProperty.call(LIGHTEVAL_PRESETS, name) ? LIGHTEVAL_PRESETS[name] : undefined;
    if (!preset) {
      throw new Error(`Unknown LightEval preset '${name}'; use one of: ${Object.keys(LIGHTEVAL_PRESETS).join(', ')} (lm-eval suites: EvalSuite.preset).`);
    }
    return new LightEvalSuite(preset.tasks);
  }

  /**
   * Explicit LightEval tasks, each `suite|task|few-shot[|truncate]`, e.g.
   * `LightEvalSuite.tasks('leaderboard|gsm8k|5|0')`; several are joined with `,`.
   */
  public static tasks(...tasks: string[]): LightEvalSuite {
    if (tasks.length === 0) {
      throw new Error('LightEvalSuite.tasks() needs at least one task, e.g. LightEvalSuite.tasks(\'lighteval|aime24|0\').');
    }
    const plain = tasks.find((t) => !isLightEvalTaskSpec(t));
    if (plain !== undefined) {
      throw new Error(`LightEval task '${plain}' is not of the form suite|task|few-shot (e.g. 'lighteval|aime24|0'); for an lm-eval task use EvalSuite.tasks('${plain}') in an EvalStep.`);
    }
    return new LightEvalSuite(tasks.map((t) => t.trim()).join(','));
  }

  /** The evaluation engine: always `'lighteval'` (an `EvalSuite` says `'lm-eval'`). */
  public readonly engine = 'lighteval' as const;
  /** The `tasks` value of `lighteval_args`. */
  public readonly tasks: string;

  private constructor(tasks: string) {
    this.tasks = tasks;
    Object.defineProperty(this, LIGHTEVAL_SUITE_BRAND, { value: true });
  }
}
