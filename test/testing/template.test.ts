import { Match } from '../../lib/testing/match';
import { Template } from '../../lib/testing/template';
import { compress, evaluate, newPipeline } from '../core/fixtures';

function demo(): Template {
  const { pipeline } = newPipeline();
  const quantize = compress(pipeline, 'quantize', { queue: 'a100' });
  evaluate(pipeline, 'openllm', quantize);
  return Template.fromPipeline(pipeline);
}

describe('Template', () => {
  test('hasStep matches a partial spec', () => {
    const template = demo();
    template.hasStep('CompressStep', { node: { queue: 'a100' } });
    template.hasStep('EvalStep', { node: { parents: ['quantize'], parameters: { 'Args/model_id': '${quantize.models.output.-1.id}' } } });
  });

  test('fails with the closest candidate and where it differs', () => {
    expect(() => demo().hasStep('EvalStep', { node: { queue: 'a100', parents: Match.arrayWith(['other']) } })).toThrow(
      /No EvalStep step matches in pipeline 'demo' \(1 candidate\(s\)\)\. Closest is 'openllm', which differs in 2 place\(s\):\n {2}at \/node\/parents: no item matches "other" in \["quantize"\]\n {2}at \/node\/queue: expected "a100", got "gpu-queue"/,
    );
  });

  test('fails when no step has that kind, naming the kinds present', () => {
    expect(() => demo().hasStep('TaskStep')).toThrow(/has no TaskStep step \(kinds present: CompressStep, EvalStep\)/);
  });

  test('stepCountIs, findSteps and hasDependency', () => {
    const template = demo();
    template.stepCountIs('EvalStep', 1);
    template.stepCountIs('*', 2);
    expect(() => template.stepCountIs('EvalStep', 3)).toThrow(/Expected 3 EvalStep step\(s\) in pipeline 'demo', found 1 \(openllm\)/);
    expect(Object.keys(template.findSteps('*', { node: { queue: 'a100' } }))).toEqual(['quantize']);
    template.hasDependency('openllm', 'quantize');
    expect(() => template.hasDependency('quantize', 'openllm')).toThrow(/its parents are: none/);
    expect(() => template.hasDependency('nope', 'quantize')).toThrow(/No step named 'nope'/);
  });

  test('hasController', () => {
    demo().hasController({ queue: 'services', task: { type: 'controller' } });
    expect(() => demo().hasController({ queue: 'gpu' })).toThrow(/at \/queue: expected "gpu", got "services"/);
  });
});
