/**
 * Evaluation suites for {@link EvalStep}: an lm-eval preset or explicit lm-eval tasks.
 */
import { PlainValue } from '../core/values';
import { EVALUATION_PRESETS, EvaluationPresetName } from './presets/evaluations';
import { isLightEvalTaskSpec, LIGHTEVAL_PRESETS } from './presets/lighteval';

const EVAL_SUITE_BRAND = Symbol.for('cdk-style.EvalSuite');

/**
 * What an evaluation step runs: lm-eval settings and the packages they need. Only lm-eval
 * suites: a LightEval standard (`aime2024`, ...) is a `LightEvalSuite` and runs in a
 * `LightEvalStep`, and passing one to an `EvalStep` is a type error (the `engine`s differ).
 */
export class EvalSuite {
  /** Returns true when `x` is an {@link EvalSuite}, whichever copy of the package made it. */
  public static isEvalSuite(x: unknown): x is EvalSuite {
    return typeof x === 'object' && x !== null && (x as Record<symbol, unknown>)[EVAL_SUITE_BRAND] === true;
  }

  /** A standard lm-eval suite: `openllm` or `leaderboard`. */
  public static preset(name: EvaluationPresetName): EvalSuite {
    if (Object.prototype.hasOwnProperty.call(LIGHTEVAL_PRESETS, name)) {
      throw new Error(`'${name}' is a LightEval standard, not an lm-eval suite: lm-eval has no such task and the step would fail on the worker. `
        + `Use new LightEvalStep(scope, id, { suite: LightEvalSuite.preset('${name}'), ... }) instead.`);
    }
    const preset = Object.prototype.hasOwnProperty.call(EVALUATION_PRESETS, name) ? EVALUATION_PRESETS[name] : undefined;
    if (!preset) {
      throw new Error(`Unknown lm-eval preset '${name}'; use one of: ${Object.keys(EVALUATION_PRESETS).join(', ')} (LightEval standards: LightEvalSuite.preset).`);
    }
    return new EvalSuite(preset.settings, preset.packages);
  }

  /**
   * Explicit lm-eval tasks, e.g. `EvalSuite.tasks('gsm8k')` or `EvalSuite.tasks('gsm8k', 'winogrande')`.
   * A LightEval task string (`suite|task|few-shot`) is refused: use `LightEvalSuite.tasks`.
   */
  public static tasks(...tasks: string[]): EvalSuite {
    if (tasks.length === 0) {
      throw new Error('EvalSuite.tasks() needs at least one task name, e.g. EvalSuite.tasks(\'gsm8k\').');
    }
    const lightEval = tasks.find(isLightEvalTaskSpec);
    if (lightEval !== undefined) {
      throw new Error(`'${lightEval}' is a LightEval task specification (suite|task|few-shot), which lm-eval cannot run; use LightEvalSuite.tasks('${lightEval}') in a LightEvalStep.`);
    }
    return new EvalSuite({ tasks: tasks.join(',') }, []);
  }

  /** The evaluation engine: always `'lm-eval'` (a `LightEvalSuite` says `'lighteval'`). */
  public readonly engine = 'lm-eval' as const;
  /** Settings merged into the `lm_eval` configuration. */
  public readonly settings: Readonly<Record<string, PlainValue>>;
  /** Extra pip packages. */
  public readonly packages: readonly string[];

  private constructor(settings: Readonly<Record<string, PlainValue>>, packages: readonly string[]) {
    this.settings = settings;
    this.packages = packages;
    Object.defineProperty(this, EVAL_SUITE_BRAND, { value: true });
  }
}
