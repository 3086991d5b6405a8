import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Harness, startHarness } from '../deploy/harness';
import { loadFixture } from '../import/load-fixture';
import { runCli } from './cli-fixture';

const LIB = path.resolve(__dirname, '..', '..', 'lib');

let harness: Harness;
const saved = { ...process.env };
beforeAll(async () => {
  harness = await startHarness();
  Object.assign(process.env, { CLEARML_API_HOST: harness.url, CLEARML_API_ACCESS_KEY: harness.accessKey, CLEARML_API_SECRET_KEY: harness.secretKey });
});
afterAll(async () => {
  process.env = saved;
  await harness.close();
});

test('import --typed-steps equivalent of a recorded seed pipeline lists the rewrites; deploy makes them, then diff is clean', async () => {
  await loadFixture(harness.client(), 'recorded-seed-pipeline');
  const project = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk-style-import-typed-'));
  fs.mkdirSync(path.join(project, 'src'));
  fs.writeFileSync(path.join(project, 'cdk-style.json'), JSON.stringify({ app: 'tsx src/app.ts' }));
  const imported = await runCli(project, ['import', 'my_pipeline', '--project', 'alexandre_debug', '--out', 'src/app.ts', '--module', LIB, '--adopt', '--typed-steps', 'equivalent']);
  expect(imported.code).toBe(0);
  expect(imported.stderr).toContain('Typed steps that run the same as their drafts; the first deploy rewrites:\n  ~ step step1: script.binary python becomes python3: neither names a Python version\n');
  expect(imported.stderr).toContain('The code synthesizes to the drafts and DAG on the server.');
  expect(fs.readFileSync(path.join(project, 'src', 'app.ts'), 'utf8')).toContain("suite: EvalSuite.preset('leaderboard'),");

  const planned = await runCli(project, ['diff']);
  expect(planned.stdout).toMatch(/\[~\] Step step1_draft \(my_pipeline\/step1\) [0-9a-f]+\n ├─ script.binary: "python" → "python3"\n/);
  expect(planned.stdout).toContain('Number of changes: 3 to create, 3 to update, 0 to replace, 0 to archive');
  expect((await runCli(project, ['deploy'])).code).toBe(0);
  const after = await runCli(project, ['diff', '--fail']);
  expect([after.code, after.stdout]).toEqual([0, 'There were no differences\n']);
});

test('an unknown --typed-steps value is a usage error', async () => {
  const result = await runCli(os.tmpdir(), ['import', 'my_pipeline', '--typed-steps', 'close-enough']);
  expect([result.code, result.stderr]).toEqual([2, expect.stringContaining('Choices: "exact", "equivalent"')]);
});
