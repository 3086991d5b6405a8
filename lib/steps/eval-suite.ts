/**
 * Evaluation suites for {@link EvalStep}: a preset or explicit lm-eval tasks.
 */
import { PlainValue } from '../core/values';
import { EVALUATION_PRESETS, EvaluationPresetName } from './presets/evaluations';

/** What an evaluation step runs: lm-eval settings and the packages they need. */
export class EvalSuite {
  /** A standard suite (e.g. `openllm`, `leaderboard`). */
  public static preset(name: EvaluationPresetName): EvalSuite {
    const preset = EVALUATION_PRESETS[name];
    if (!preset) {
      throw new Error(`Unknown evaluation preset '${name}'; use one of: ${Object.keys(EVALUATION_PRESETS).join(', ')}.`);
    }
    return new EvalSuite(preset.settings, preset.packages);
  }

  /** Explicit lm-eval tasks, e.g. `EvalSuite.tasks('gsm8k')` or `EvalSuite.tasks('gsm8k', 'winogrande')`. */
  public static tasks(...tasks: string[]): EvalSuite {
    if (tasks.length === 0) {
      throw new Error('EvalSuite.tasks() needs at least one task name, e.g. EvalSuite.tasks(\'gsm8k\').');
    }
    return new EvalSuite({ tasks: tasks.join(',') }, []);
  }

  /** Settings merged into the `lm_eval` configuration. */
  public readonly settings: Readonly<Record<string, PlainValue>>;
  /** Extra pip packages. */
  public readonly packages: readonly string[];

  private constructor(settings: Readonly<Record<string, PlainValue>>, packages: readonly string[]) {
    this.settings = settings;
    this.packages = packages;
  }
}
