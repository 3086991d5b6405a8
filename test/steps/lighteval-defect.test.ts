/**
 * The LightEval defect (issue 12): the seed's LightEval standards (aime2024, ...) once rendered
 * an lm-eval draft whose `tasks` lm-eval cannot run, so the step failed on the GPU after queueing.
 * A LightEval suite can now only produce a LightEval step: the mismatch is a type error
 * (checked by `tsc` in `npm test` through the `@ts-expect-error` lines below) and, for code
 * that gets past the compiler, an error at the call or a validation error with the construct path.
 */
import { buildManifests } from '../../lib/core/synthesizer';
import { EvalStep } from '../../lib/steps/eval-step';
import { EvalSuite } from '../../lib/steps/eval-suite';
import { LightEvalSuite } from '../../lib/steps/lighteval-suite';
import { EVALUATION_PRESETS, EvaluationPresetName } from '../../lib/steps/presets/evaluations';
import { isLightEvalTaskSpec, LIGHTEVAL_PRESETS, LightEvalPresetName } from '../../lib/steps/presets/lighteval';
import { newPipeline } from '../core/fixtures';
import { problemsOf } from '../core/problems';

const LIGHTEVAL_NAMES = Object.keys(LIGHTEVAL_PRESETS) as LightEvalPresetName[];

describe('LightEval standards never reach lm-eval', () => {
  test('EvalSuite.preset with a LightEval standard is a type error, and throws for untyped callers', () => {
    // @ts-expect-error aime2024 is a LightEval standard, not an lm-eval preset
    expect(() => EvalSuite.preset('aime2024')).toThrow(/'aime2024' is a LightEval standard.*LightEvalSuite\.preset\('aime2024'\)/);
    for (const name of LIGHTEVAL_NAMES) {
      expect(() => EvalSuite.preset(name as unknown as EvaluationPresetName)).toThrow(/is a LightEval standard/);
    }
  });

  test('no lm-eval preset holds a LightEval task string, and every LightEval preset does', () => {
    for (const [name, preset] of Object.entries(EVALUATION_PRESETS)) {
      expect([name, String(preset.settings.tasks).split(',').some(isLightEvalTaskSpec)]).toEqual([name, false]);
    }
    for (const name of LIGHTEVAL_NAMES) {
      expect([name, isLightEvalTaskSpec(LightEvalSuite.preset(name).tasks)]).toEqual([name, true]);
    }
  });

  test('EvalSuite.tasks refuses a LightEval task string; LightEvalSuite.tasks refuses an lm-eval one', () => {
    expect(() => EvalSuite.tasks('gsm8k', 'lighteval|aime24|0')).toThrow(/'lighteval\|aime24\|0' is a LightEval task specification.*LightEvalSuite\.tasks/);
    expect(() => LightEvalSuite.tasks('gsm8k')).toThrow(/not of the form suite\|task\|few-shot.*EvalSuite\.tasks\('gsm8k'\)/);
    expect(LightEvalSuite.tasks('leaderboard|gsm8k|5|0', 'lighteval|aime24|0').tasks).toBe('leaderboard|gsm8k|5|0,lighteval|aime24|0');
  });

  test('a LightEval suite in an EvalStep is a type error and a validation error with the construct path', () => {
    const { app, pipeline } = newPipeline();
    // @ts-expect-error an EvalStep takes an lm-eval EvalSuite only
    new EvalStep(pipeline, 'aime', { model: 'org/m', suite: LightEvalSuite.preset('aime2024') });
    expect(problemsOf(() => buildManifests(app))).toContainEqual(
      expect.stringContaining("[demo/aime] suite is the LightEval suite 'lighteval|aime24|0'; an EvalStep runs lm-eval only"));
  });

  test('every lm-eval preset renders an lm-eval draft whose tasks lm-eval can run', () => {
    const { pipeline } = newPipeline();
    for (const name of Object.keys(EVALUATION_PRESETS) as EvaluationPresetName[]) {
      const task = new EvalStep(pipeline, name, { model: 'org/m', suite: EvalSuite.preset(name) }).renderTask();
      expect(task.script.entry_point).toBe('src/automation/tasks/scripts/lmeval_script.py');
      const tasks = String(JSON.parse(task.configuration.lm_eval.value).tasks);
      expect([name, tasks.split(',').some(isLightEvalTaskSpec)]).toEqual([name, false]);
    }
  });
});
