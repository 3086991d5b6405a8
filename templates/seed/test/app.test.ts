import { Match, Pipeline, Template, Testing } from 'cdk-style';
import { buildApp } from '../src/app';

function template(): Template {
  const pipeline = buildApp(Testing.app()).node.findChild('my_pipeline') as Pipeline;
  return Template.fromPipeline(pipeline);
}

test('the manifest is the one that was reviewed', () => {
  // The first run writes test/__snapshots__/: commit it with cdk.out/.
  expect(Testing.synth(buildApp(Testing.app()))).toMatchSnapshot();
});

test('one compression, then two evaluations of the compressed model', () => {
  const t = template();
  t.stepCountIs('CompressStep', 1);
  t.stepCountIs('EvalStep', 2);
  t.hasDependency('openllm', 'compress');
  t.hasDependency('leaderboard', 'compress');
  t.hasStep('EvalStep', { node: { parameters: { 'Args/model_id': '${compress.models.output.-1.id}' } } });
  t.hasStep('CompressStep', { task: { container: { image: Match.anyValue() } } });
});
