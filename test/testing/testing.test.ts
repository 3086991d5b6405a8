import * as fs from 'node:fs';
import { Pipeline } from '../../lib/core/pipeline';
import { Testing } from '../../lib/testing/testing';
import { buildSeedApp } from '../../examples/seed-pipeline';
import { compress } from '../core/fixtures';

describe('Testing', () => {
  test('synth of a pipeline returns its manifest as plain data with sorted keys', () => {
    const app = buildSeedApp(Testing.app());
    const pipeline = app.node.findChild('my_pipeline') as Pipeline;
    const manifest = Testing.synth(pipeline);
    expect(Object.keys(manifest)).toEqual([...Object.keys(manifest)].sort());
    expect(manifest.steps.step2.node.parents).toEqual(['step1']);
  });

  test('synth of an app returns every pipeline by id, and writes nothing', () => {
    const app = Testing.app();
    compress(new Pipeline(app, 'one', { project: 'team_project', defaultQueue: 'q-1' }), 'quantize');
    compress(new Pipeline(app, 'two', { project: 'team_project', defaultQueue: 'q-1' }), 'quantize');
    expect(Object.keys(Testing.synth(app))).toEqual(['one', 'two']);
    expect(fs.readdirSync(app.outdir)).toEqual([]);
  });

  test('synth throws the validation errors', () => {
    const app = Testing.app();
    compress(new Pipeline(app, 'one', { project: 'team_project' }), 'quantize');
    expect(() => Testing.synth(app)).toThrow(/\[one\/quantize\].*queue/);
  });
});
