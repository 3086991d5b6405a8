import { Pipeline, Template, Testing } from 'cdk-style';
import { buildApp } from '../src/app';

function template(): Template {
  const pipeline = buildApp(Testing.app()).node.findChild('matrix') as Pipeline;
  return Template.fromPipeline(pipeline);
}

test('the manifest is the one that was reviewed', () => {
  // The first run writes test/__snapshots__/: commit it with cdk.out/.
  expect(Testing.synth(buildApp(Testing.app()))).toMatchSnapshot();
});

test('every compressed model and the baseline are evaluated on every suite', () => {
  const t = template();
  t.stepCountIs('CompressStep', 2);
  t.stepCountIs('EvalStep', 6);
  for (const variant of ['w4a16', 'w8a8']) {
    for (const suite of ['evaluation', 'leaderboard']) {
      t.hasDependency(`matrix_${variant}_${suite}`, `matrix_${variant}`);
    }
  }
  t.hasStep('EvalStep', { node: { name: 'matrix_baseline_leaderboard', parents: [] } });
});
