import { execFile, execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { App } from '../lib/core/app';
import { buildSeedApp } from '../examples/seed-pipeline';
import { startSandbox } from '../lib/sandbox/start';
import { rehearseWorkflow } from './package/ci-rehearsal';
import { writeOfflineLock } from './package/offline-lock';
import { BUILD_ARGS, ROOT } from './setup/fresh-dist';

interface PackResult {
  readonly filename: string;
  readonly files: Array<{ path: string }>;
}

/** Runs a command in `cwd` without CI in the environment (a developer's first `npm test` writes its snapshot). */
function run(command: string, args: string[], cwd: string): string {
  const env = { ...process.env };
  delete env.CI;
  delete env.CDK_STYLE_OUTDIR;
  try {
    return execFileSync(command, args, { cwd, env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (error) {
    const e = error as { stdout?: string; stderr?: string; message: string };
    throw new Error(`${command} ${args.join(' ')} failed in ${cwd}: ${e.message}\n${e.stdout ?? ''}\n${e.stderr ?? ''}`);
  }
}

interface PackageJson {
  readonly bin: Record<string, string>;
  readonly types: string;
  readonly scripts: Record<string, string>;
}

describe('the npm package', () => {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk-style-pack-'));
  const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as PackageJson;
  // `npm pack` first runs prepack (`npm run build`); jest's global setup already ran that build
  // into dist/ for this run (test/setup/fresh-dist.ts), so the pack skips the scripts and packs it.
  const packed = JSON.parse(execFileSync('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', work], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] })) as PackResult[];
  const files = packed[0].files.map((f) => f.path);
  const tarball = path.join(work, packed[0].filename);

  afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

  test('npm pack builds dist/ with the command that built the dist/ packed here', () => {
    expect(pkg.scripts.prepack).toBe('npm run build');
    expect(pkg.scripts.build).toBe(['tsc', ...BUILD_ARGS.slice(1)].join(' '));
  });

  test('ships the compiled library with its types, the bin, the JSON Schema and the templates, and no sources or tests', () => {
    expect(files).toEqual(expect.arrayContaining(['dist/lib/index.js', 'dist/lib/index.d.ts', 'dist/bin/cdk-style.js', 'schema/manifest.schema.json', 'README.md', 'package.json']));
    expect(files).toEqual(expect.arrayContaining(['templates/common/package.json', 'templates/common/dot-gitignore', 'templates/seed/src/app.ts', 'templates/matrix/test/app.test.ts', 'templates/empty/src/app.ts']));
    expect(files.filter((f) => f.startsWith('test/') || f.startsWith('lib/') || f.endsWith('.test.js'))).toEqual([]);
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

  test('installed from the tarball into a new project made by init: synth, typecheck and jest pass with no edit', () => {
    const project = path.join(work, 'my-pipelines');
    run(process.execPath, [path.join(ROOT, 'dist', 'bin', 'cdk-style.js'), 'init', project, '--template', 'seed'], work);
    writeOfflineLock(project, tarball, ROOT);
    run('npm', ['install', '--offline', '--no-audit', '--no-fund'], project);
    // The installed package's own bin, the app run by the tsx cdk-style depends on.
    expect(run('npx', ['--no-install', 'cdk-style', 'synth'], project)).toContain('my_pipeline');
    expect(fs.existsSync(path.join(project, 'cdk.out', 'manifest.json'))).toBe(true);
    // `tsc --noEmit` (no skipLibCheck: the shipped .d.ts must compile with the declared @types/node), then jest.
    expect(run('npm', ['test'], project)).toBeDefined();
    expect(fs.readdirSync(path.join(project, 'test', '__snapshots__'))).toEqual(['app.test.ts.snap']);
    run('npx', ['--no-install', 'cdk-style', 'synth', '--check', 'cdk.out'], project);
  }, 300_000);

  test('its CI workflow runs as written: the review bundle on a pull request, then the reviewed plan deployed on main', async () => {
    const project = path.join(work, 'my-pipelines');
    const sandbox = await startSandbox({ queues: ['oneshot-a100x1', 'services'] });
    try {
      const env = { CLEARML_API_HOST: sandbox.url, CLEARML_API_ACCESS_KEY: sandbox.accessKey, CLEARML_API_SECRET_KEY: sandbox.secretKey, CLEARML_WEB_HOST: '' };
      const [review] = await rehearseWorkflow(project, ['review'], env, path.join(work, 'pull-request'));
      expect(review.steps.map((s) => s.command)).toEqual(['npm test', 'npx cdk-style synth --check cdk.out', 'npx cdk-style diff --app cdk.out --out review.md --out plan.json']);
      const bundle = fs.readFileSync(path.join(review.dir, 'review.md'), 'utf8');
      expect(bundle).toContain('```mermaid');
      expect(bundle).toMatch(/my_pipeline/);
      expect(bundle).not.toContain(sandbox.secretKey);
      const [, deployJob] = await rehearseWorkflow(project, ['plan', 'deploy'], env, path.join(work, 'main-branch'));
      expect(deployJob.steps.map((s) => s.command)).toEqual(['npx cdk-style deploy --app cdk.out --plan plan.json']);
      expect(deployJob.steps[0].output).toMatch(/Deployed: \d+ created/);
      expect(fs.readFileSync(path.join(work, 'main-branch', 'plan-summary.md'), 'utf8')).toBe(fs.readFileSync(path.join(work, 'main-branch', 'job-plan', 'review.md'), 'utf8'));
      const after = await promisify(execFile)('npx', ['--no-install', 'cdk-style', 'diff', '--app', 'cdk.out', '--fail'], { cwd: deployJob.dir, env: { ...process.env, ...env }, encoding: 'utf8' });
      expect(after.stdout).toBe('There were no differences\n');
    } finally {
      await sandbox.close();
    }
  }, 300_000);
});
