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

test('a seed-made pipeline: import --adopt, then diff says there were no differences and deploy writes nothing', async () => {
  await loadFixture(harness.client(), 'seed-pipeline');
  const project = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk-style-import-cli-'));
  fs.mkdirSync(path.join(project, 'src'));
  fs.writeFileSync(path.join(project, 'cdk-style.json'), JSON.stringify({ app: 'tsx src/app.ts' }));
  const imported = await runCli(project, ['import', 'my_pipeline', '--project', 'alexandre_debug', '--out', 'src/app.ts', '--module', LIB, '--adopt']);
  expect([imported.code, imported.stderr]).toEqual([0, expect.stringContaining("Imported pipeline 'my_pipeline' (seed Steps configuration) of project 'alexandre_debug': 3 step(s), written to src/app.ts.")]);
  expect(imported.stderr).toContain('The code synthesizes to the drafts, the controller and the DAG on the server.');
  expect(imported.stderr).toMatch(/\[=\] adopted my_pipeline [0-9a-f]+/);
  expect(imported.stderr).toMatch(/\[=\] adopted step1_draft [0-9a-f]+/);
  const again = await runCli(project, ['import', 'my_pipeline', '--out', 'src/app.ts']);
  expect([again.code, again.stderr]).toEqual([2, expect.stringContaining('import never overwrites a file')]);

  const after = await runCli(project, ['diff', '--fail']);
  expect([after.code, after.stdout]).toEqual([0, 'There were no differences\n']);
  const deployed = await runCli(project, ['deploy']);
  expect([deployed.code, deployed.stdout]).toEqual([0, expect.stringContaining('No changes')]);
});

test('import without a name or an id is a usage error', async () => {
  const result = await runCli(os.tmpdir(), ['import']);
  expect([result.code, result.stderr]).toEqual([2, expect.stringContaining('Name the pipeline to import')]);
});
