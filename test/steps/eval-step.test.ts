import { ValidationError } from '../../lib/base/errors';
import { buildManifests } from '../../lib/core/synthesizer';
import { EvalStep } from '../../lib/steps/eval-step';
import { EvalSuite } from '../../lib/steps/eval-suite';
import { mergeModelArgs, parseModelArgs } from '../../lib/steps/model-args';
import { compress, newPipeline } from '../core/fixtures';

function lmEval(step: EvalStep): Record<string, unknown> {
  const item = step.renderTask().configuration.lm_eval;
  expect(item.type).toBe('dictionary');
  return JSON.parse(item.value);
}

describe('EvalStep', () => {
  test('openllm preset renders the seed lm_eval object', () => {
    const { pipeline } = newPipeline();
    const step = new EvalStep(pipeline, 'eval', { model: compress(pipeline, 'q').outputModel, suite: EvalSuite.preset('openllm') });
    const config = lmEval(step);
    expect(Object.keys(config)).toEqual(['model_args', 'tasks', 'apply_chat_template', 'groups', 'model']);
    expect(config.model_args).toBe('max_model_len=4096,add_bos_token=True,enable_thinking=False,dtype=auto,enable_chunked_prefill=True,enforce_eager=True');
    expect(config.model).toBe('vllm');
    const args = step.renderTask().hyperparams.Args;
    expect(Object.keys(args).sort()).toEqual(['clearml_model', 'force_download', 'model_id']);
    expect(args.clearml_model.value).toBe('True');
  });

  test('explicit tasks with few-shot, limit, batch size and extra args', () => {
    const { pipeline } = newPipeline();
    const step = new EvalStep(pipeline, 'eval', {
      model: 'org/model-1b', suite: EvalSuite.tasks('gsm8k'), numFewshot: 5, limit: 10, batchSize: 'auto',
      modelArgs: { gpu_memory_utilization: 0.4, dtype: 'bfloat16' }, lmEvalArgs: { apply_chat_template: true },
    });
    expect(lmEval(step)).toEqual({
      apply_chat_template: true, num_fewshot: 5, batch_size: 'auto', limit: 10, tasks: 'gsm8k', model: 'vllm',
      model_args: 'gpu_memory_utilization=0.4,dtype=bfloat16,enable_chunked_prefill=True,enforce_eager=True',
    });
    expect(step.renderTask().hyperparams.Args.clearml_model.value).toBe('False');
  });

  test('leaderboard adds its packages; a pinned vllm replaces the default', () => {
    const { pipeline } = newPipeline();
    const step = new EvalStep(pipeline, 'eval', { model: 'org/m', suite: EvalSuite.preset('leaderboard'), packages: ['vllm==0.8.0'] });
    const pip = step.renderTask().script.requirements.pip.split('\n');
    expect(pip).toContain('langdetect');
    expect(pip).toContain('vllm==0.8.0');
    expect(pip).not.toContain('vllm');
    expect(pip.slice(-2)).toEqual(['git+https://github.com/neuralmagic/research.git@main', 'clearml']);
  });

  test('duplicate model_args keys and repeated suite settings are validation errors', () => {
    const { app, pipeline } = newPipeline();
    new EvalStep(pipeline, 'eval', {
      model: 'org/m', suite: EvalSuite.preset('openllm'), modelArgs: 'max_model_len=2048', lmEvalArgs: { tasks: 'mmlu' },
    });
    try {
      buildManifests(app);
      throw new Error('expected a ValidationError');
    } catch (e) {
      expect(e).toBeInstanceOf(ValidationError);
      const messages = (e as ValidationError).problems.map((p) => p.message);
      expect(messages).toContainEqual(expect.stringContaining("model_args key 'max_model_len' is set both by the step and by the suite"));
      expect(messages).toContainEqual(expect.stringContaining("lm-eval argument 'tasks' is already set by the suite"));
    }
  });
});

describe('model args', () => {
  test('parse and merge like the seed', () => {
    expect(parseModelArgs('a=1,b=x=y')).toEqual([['a', '1'], ['b', 'x=y']]);
    expect(() => parseModelArgs('novalue')).toThrow(/key=value/);
    expect(mergeModelArgs('enforce_eager=False', 'dtype=half')).toEqual({ text: 'enforce_eager=False,dtype=half,enable_chunked_prefill=True', duplicates: [] });
  });
});
