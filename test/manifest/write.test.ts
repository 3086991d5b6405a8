import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { App } from '../../lib/core/app';
import { Pipeline } from '../../lib/core/pipeline';
import { buildManifests } from '../../lib/core/synthesizer';
import { loadAssembly } from '../../lib/manifest/load';
import { canonicalJson } from '../../lib/manifest/serialize';
import { renderAssembly, writeAssembly } from '../../lib/manifest/write';
import { buildSeedApp } from '../../examples/seed-pipeline';
import { compress, evaluate, newPipeline } from '../core/fixtures';

function tempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'cdk-style-write-'));
}

function filesOf(dir: string): Record<string, string> {
  return Object.fromEntries(fs.readdirSync(dir).sort().map((f) => [f, fs.readFileSync(path.join(dir, f), 'utf8')]));
}

describe('writeAssembly', () => {
  test('writes manifest.json, one json and one mermaid file per pipeline, canonical and LF-terminated', () => {
    const dir = tempDir();
    const index = writeAssembly(dir, buildManifests(buildSeedApp(new App({ outdir: dir }))));
    const files = filesOf(dir);
    expect(Object.keys(files)).toEqual(['manifest.json', 'my_pipeline.json', 'my_pipeline.mmd']);
    expect(index.pipelines[0]).toMatchObject({ id: 'my_pipeline', file: 'my_pipeline.json', graph: 'my_pipeline.mmd', steps: 3 });
    for (const text of Object.values(files)) {
      expect(text.endsWith('\n')).toBe(true);
      expect(text).not.toContain('\r');
      expect(text).not.toContain(os.tmpdir());
    }
    expect(files['my_pipeline.json']).toMatch(/^{\n {2}"controller": {/);
  });

  test('gives the same bytes whatever order pipelines and steps were declared in', () => {
    // GIVEN the same two pipelines declared in opposite orders
    const forward = new App({ outdir: 'unused' });
    const alpha = new Pipeline(forward, 'alpha', { project: 'team_project', defaultQueue: 'gpu-queue' });
    const quantize = compress(alpha, 'quantize');
    evaluate(alpha, 'eval_a', quantize);
    evaluate(alpha, 'eval_b', quantize);
    compress(new Pipeline(forward, 'beta', { project: 'team_project', defaultQueue: 'q-1' }), 'only');

    const backward = new App({ outdir: 'unused' });
    compress(new Pipeline(backward, 'beta', { project: 'team_project', defaultQueue: 'q-1' }), 'only');
    const alpha2 = new Pipeline(backward, 'alpha', { project: 'team_project', defaultQueue: 'gpu-queue' });
    const quantize2 = compress(alpha2, 'quantize');
    evaluate(alpha2, 'eval_b', quantize2);
    evaluate(alpha2, 'eval_a', quantize2);

    // THEN every file has the same bytes
    expect(renderAssembly(buildManifests(backward)).files).toEqual(renderAssembly(buildManifests(forward)).files);
  });

  test('streams a pipeline file larger than its 1 MiB buffer with the same bytes and a matching sha256', () => {
    // GIVEN a pipeline whose file spans several chunks of the writer's buffer
    const dir = tempDir();
    const { app, pipeline } = newPipeline();
    for (let i = 0; i < 400; i++) {
      evaluate(pipeline, `eval_${i}`, compress(pipeline, `quantize_${i}`));
    }
    const manifests = buildManifests(app);

    // WHEN it is written to disk
    const index = writeAssembly(dir, manifests);

    // THEN the file is the canonical JSON of the manifest, and loading it verifies its sha256
    const written = fs.readFileSync(path.join(dir, 'demo.json'));
    expect(written.length).toBeGreaterThan(2 * 1024 * 1024);
    expect(written.toString('utf8')).toBe(canonicalJson(manifests[0]));
    expect(loadAssembly(dir).pipelines[0].steps['eval_399']).toBeDefined();
    expect(index.pipelines[0].steps).toBe(800);
  });

  test('removes the files of pipelines that no longer exist, and keeps unrelated files', () => {
    const dir = tempDir();
    const { app, pipeline } = newPipeline({}, 'old_pipeline');
    compress(pipeline, 'quantize');
    writeAssembly(dir, buildManifests(app));
    fs.writeFileSync(path.join(dir, 'notes.txt'), 'mine');
    const renamed = newPipeline({}, 'new_pipeline');
    compress(renamed.pipeline, 'quantize');
    writeAssembly(dir, buildManifests(renamed.app));
    expect(Object.keys(filesOf(dir))).toEqual(['manifest.json', 'new_pipeline.json', 'new_pipeline.mmd', 'notes.txt']);
    expect(loadAssembly(dir).pipelines.map((p) => p.id)).toEqual(['new_pipeline']);
  });
});
