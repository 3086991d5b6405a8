import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parse } from 'yaml';
import { CdkStyleError } from '../../lib/base/errors';
import { initProject, projectName } from '../../lib/init/init';
import { TEMPLATE_NAMES, templateFiles } from '../../lib/init/templates';
import { App } from '../../lib/core/app';
import { Testing } from '../../lib/testing/testing';

const ROOT = path.resolve(__dirname, '..', '..');

function tempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'cdk-style-init-'));
}

const EXPECTED_FILES = ['.github/workflows/cdk-style.yml', '.gitignore', 'README.md', 'cdk-style.json', 'jest.config.js', 'package.json', 'src/app.ts', 'test/app.test.ts', 'tsconfig.json'];

describe('init', () => {
  test.each(TEMPLATE_NAMES)('template %s writes every file of a project', (template) => {
    const dir = path.join(tempDir(), 'My Pipelines');
    const result = initProject({ dir, template });
    expect(result.written).toEqual(EXPECTED_FILES);
    expect(result.kept).toEqual([]);
    const pkg = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8'));
    expect(pkg.name).toBe('my-pipelines');
    const own = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
    expect(pkg.dependencies).toEqual({ 'cdk-style': `^${own.version}` });
    expect(fs.readFileSync(path.join(dir, 'src', 'app.ts'), 'utf8')).toBe(fs.readFileSync(path.join(ROOT, 'templates', template, 'src', 'app.ts'), 'utf8'));
    expect(fs.readFileSync(path.join(dir, '.gitignore'), 'utf8')).toMatch(/^\.cdk-style\/$/m);
  });

  test('the dev dependencies are the ranges this repository builds and tests with (TypeScript 5, which ts-jest supports)', () => {
    const own = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
    const template = JSON.parse(fs.readFileSync(path.join(ROOT, 'templates', 'common', 'package.json'), 'utf8'));
    for (const [name, range] of Object.entries(template.devDependencies)) {
      expect([name, range]).toEqual([name, own.devDependencies[name] ?? own.dependencies[name]]);
    }
    expect(template.devDependencies.typescript).toMatch(/^\^5\./);
  });

  test('never overwrites: a non-empty directory is refused, and with force only the missing files are added', () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'package.json'), '{"name":"mine"}\n');
    expect(() => initProject({ dir })).toThrow(/is not empty \(package\.json\).*--force/s);
    try {
      initProject({ dir });
    } catch (error) {
      expect(CdkStyleError.isCdkStyleError(error) && error.exitCode).toBe(1);
    }
    expect(fs.readdirSync(dir)).toEqual(['package.json']);
    const result = initProject({ dir, force: true });
    expect(result.kept).toEqual(['package.json']);
    expect(result.written).toEqual(EXPECTED_FILES.filter((f) => f !== 'package.json'));
    expect(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')).toBe('{"name":"mine"}\n');
    expect(initProject({ dir, force: true }).written).toEqual([]);
  });

  test('an unknown template is a usage error naming the choices', () => {
    expect(() => initProject({ dir: tempDir(), template: 'nope' })).toThrow("Unknown template 'nope'. Choose one of: seed, matrix, empty.");
  });

  test('project names are valid npm names', () => {
    expect(projectName('/x/My Project!')).toBe('my-project-');
    expect(projectName('/x/.hidden')).toBe('hidden');
  });

  test('the workflow runs synth --check and the review bundle on pull requests, and deploys the saved plan on main', () => {
    const workflow = parse(fs.readFileSync(templateFiles('seed').find((f) => f.target === '.github/workflows/cdk-style.yml')!.source, 'utf8'));
    const commands = (job: string) => workflow.jobs[job].steps.map((s: { run?: string }) => s.run ?? '').join('\n');
    expect(commands('review')).toContain('npx cdk-style synth --check cdk.out');
    expect(commands('review')).toContain('npx cdk-style diff --app cdk.out --out review.md --out plan.json');
    expect(commands('plan')).toContain('--out plan.json');
    expect(workflow.jobs.deploy.needs).toBe('plan');
    expect(commands('deploy')).toContain('npx cdk-style deploy --app cdk.out --plan plan.json');
  });
});

describe('the templates\' apps', () => {
  test.each([
    ['seed', 'my_pipeline', 3],
    ['matrix', 'matrix', 8],
    ['empty', 'my_pipeline', 1],
  ])('%s synthesizes (pipeline %s, %d steps)', (template, pipelineId, steps) => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { buildApp } = require(path.join(ROOT, 'templates', template, 'src', 'app.ts')) as { buildApp: (app: App) => App };
    const manifests = Testing.synth(buildApp(Testing.app()));
    expect(Object.keys(manifests)).toEqual([pipelineId]);
    expect(Object.keys(manifests[pipelineId].steps)).toHaveLength(steps);
  });
});

describe('cdk-style init (CLI)', () => {
  test('lists what it wrote and the next commands; a second run in the same directory exits 1 and writes nothing', async () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { runCli } = require('../cli/cli-fixture') as typeof import('../cli/cli-fixture');
    const cwd = tempDir();
    const first = await runCli(cwd, ['init', 'proj', '--template', 'empty']);
    expect(first.code).toBe(0);
    expect(first.stdout).toContain("[+] .gitignore\n");
    expect(first.stdout).toContain("Created a 'empty' project in");
    expect(first.stdout).toContain('  cd proj\n  npm install\n  npx cdk-style synth');
    const second = await runCli(cwd, ['init', 'proj']);
    expect([second.code, second.stderr]).toEqual([1, expect.stringContaining('Error [DirectoryNotEmpty]')]);
    const forced = await runCli(cwd, ['init', 'proj', '--force']);
    expect(forced.stdout).toContain('[=] src/app.ts (exists, kept as it is)');
    expect(fs.readFileSync(path.join(cwd, 'proj', 'src', 'app.ts'), 'utf8')).toContain('TaskStep');
  });
});
