import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { App } from '../../lib/core/app';
import { buildManifests } from '../../lib/core/synthesizer';
import { loadAssembly } from '../../lib/manifest/load';
import { writeAssembly } from '../../lib/manifest/write';
import { buildSeedApp } from '../../examples/seed-pipeline';

function seedAssembly(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk-style-load-'));
  writeAssembly(dir, buildManifests(buildSeedApp(new App({ outdir: dir }))));
  return dir;
}

function edit(file: string, change: (doc: Record<string, unknown>) => void): void {
  const doc = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>;
  change(doc);
  fs.writeFileSync(file, JSON.stringify(doc));
}

describe('loadAssembly', () => {
  test('reads back exactly what was written', () => {
    const dir = seedAssembly();
    const loaded = loadAssembly(dir);
    expect(loaded.pipelines).toEqual(buildManifests(buildSeedApp(new App({ outdir: dir }))));
    expect(loaded.manifest.pipelines[0].file).toBe('my_pipeline.json');
  });

  test('fails with the file name when manifest.json is missing', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk-style-load-'));
    expect(() => loadAssembly(dir)).toThrow(/manifest\.json.*file not found; run 'cdk-style synth'/s);
  });

  test('fails when a pipeline file was edited by hand after synth', () => {
    const dir = seedAssembly();
    const file = path.join(dir, 'my_pipeline.json');
    fs.appendFileSync(file, ' ');
    expect(() => loadAssembly(dir)).toThrow(/my_pipeline\.json\] content does not match the sha256/);
  });

  test('fails with a fixed message for an unknown major format version', () => {
    const dir = seedAssembly();
    edit(path.join(dir, 'manifest.json'), (doc) => {
      doc.schemaVersion = '2.0.0';
    });
    expect(() => loadAssembly(dir)).toThrow(/manifest format 2\.0\.0 is not supported \(this cdk-style reads 1\.x\)/);
  });

  test('lists schema violations with their JSON path', () => {
    const dir = seedAssembly();
    edit(path.join(dir, 'manifest.json'), (doc) => {
      (doc.pipelines as Array<Record<string, unknown>>)[0].steps = 'three';
      doc.extra = true;
    });
    expect(() => loadAssembly(dir)).toThrow(/\/pipelines\/0\/steps: must be integer/);
    expect(() => loadAssembly(dir)).toThrow(/must NOT have additional properties 'extra'/);
  });
});
