import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App } from '../../lib/core/app';
import { Pipeline } from '../../lib/core/pipeline';
import { compress } from './fixtures';

describe('App', () => {
  test('App.of finds the root app', () => {
    const app = new App({ outdir: 'unused' });
    const pipeline = new Pipeline(app, 'demo', { project: 'team_project', defaultQueue: 'gpu-queue' });
    expect(App.of(compress(pipeline, 'quantize'))).toBe(app);
  });

  test('synth writes the assembly and locks the tree', () => {
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk-style-app-'));
    try {
      const app = new App({ outdir });
      const pipeline = new Pipeline(app, 'demo', { project: 'team_project', defaultQueue: 'gpu-queue' });
      const step = compress(pipeline, 'quantize');
      const assembly = app.synth();
      expect(assembly.pipelines.map((p) => p.id)).toEqual(['demo']);
      expect(fs.existsSync(path.join(outdir, 'manifest.json'))).toBe(true);
      expect(() => step.addParameterOverride('Args/max_seq_len', 1024)).toThrow(/already synthesized/);
      expect(() => compress(pipeline, 'late')).toThrow();
    } finally {
      fs.rmSync(outdir, { recursive: true, force: true });
    }
  });
});
