import { Pipeline, Template, Testing } from 'cdk-style';
import { buildApp } from '../src/app';

test('the manifest is the one that was reviewed', () => {
  // The first run writes test/__snapshots__/: commit it with cdk.out/.
  expect(Testing.synth(buildApp(Testing.app()))).toMatchSnapshot();
});

test('the pipeline has its one step', () => {
  const pipeline = buildApp(Testing.app()).node.findChild('my_pipeline') as Pipeline;
  Template.fromPipeline(pipeline).stepCountIs('TaskStep', 1);
});
