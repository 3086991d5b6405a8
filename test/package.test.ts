import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { App } from '../lib/core/app';
import { buildSeedApp } from '../examples/seed-pipeline';

const ROOT = path.resolve(__dirname, '..');

interface PackResult {
  readonly files: Array<{ path: string }>;
}

describe('the npm package', () => {
  // `npm pack --dry-run` runs the prepack build into dist/, then lists what would be published.
  const packed = JSON.parse(execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts=false'], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] })) as PackResult[];
  const files = packed[0].files.map((f) => f.path);

  test('ships the compiled library with its types, the bin and the JSON Schema, and no sources or tests', () => {
    expect(files).toEqual(expect.arrayContaining(['dist/lib/index.js', 'dist/lib/index.d.ts', 'dist/bin/cdk-style.js', 'schema/manifest.schema.json', 'README.md', 'package.json']));
    expect(files.filter((f) => f.startsWith('test/') || f.startsWith('lib/') || f.endsWith('.test.js'))).toEqual([]);
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { bin: Record<string, string>; types: string };
    expect(files).toContain(pkg.bin['cdk-style']);
    expect(files).toContain(pkg.types);
  });

  test('the compiled bin runs with node, finds the schema from dist/, and reads an assembly', () => {
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk-style-pack-'));
    buildSeedApp(new App({ outdir })).synth();
    const bin = path.join(ROOT, 'dist', 'bin', 'cdk-style.js');
    expect(fs.readFileSync(bin, 'utf8').startsWith('#!/usr/bin/env node\n')).toBe(true);
    expect(execFileSync(process.execPath, [bin, 'ls', '--long', '--app', outdir], { encoding: 'utf8' })).toContain('my_pipeline  alexandre_debug/my_pipeline  v1.0.0');
  });
});
