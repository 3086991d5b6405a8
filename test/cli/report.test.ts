/**
 * `cdk-style report` against the embedded sandbox: formats, --out, --chart, the --min-recovery
 * gate and its exit code. The run is made by hand over the API in the project's sandbox first.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ClearmlClient } from '../../lib/clearml/client';
import { sandboxHome } from '../../lib/deploy/sandbox-home';
import { startSandbox } from '../../lib/sandbox/start';
import { handRun } from '../report/hand-run';
import { MATRIX_QUEUES, matrixManifest, matrixScripts } from '../report/fixtures';
import { makeProject, runCli } from './cli-fixture';

const LIB = path.resolve(__dirname, '..', '..', 'lib');
const FIXTURES = path.resolve(__dirname, '..', 'report', 'fixtures');

const MATRIX_APP = `
import { App } from '${LIB}';
import { addMatrix } from '${FIXTURES}';
const app = new App();
addMatrix(app);
app.synth();
`;

describe('cdk-style report --sandbox', () => {
  const project = makeProject(MATRIX_APP);
  let runId: string;

  beforeAll(async () => {
    const home = sandboxHome(project);
    const sandbox = await startSandbox({ dataFile: home.dataFile, accessKey: home.accessKey, secretKey: home.secretKey, queues: MATRIX_QUEUES });
    const client = new ClearmlClient({ apiHost: sandbox.url, accessKey: home.accessKey, secretKey: home.secretKey });
    try {
      runId = await handRun(client, sandbox, matrixManifest(), matrixScripts());
    } finally {
      await client.close();
      await sandbox.close();
    }
    expect((await runCli(project, ['synth', '--quiet'])).code).toBe(0);
  });
  afterAll(() => fs.rmSync(project, { recursive: true, force: true }));

  test('prints the table of the latest completed run, with the failed step', async () => {
    const result = await runCli(project, ['report', 'mtx', '--app', 'cdk.out', '--sandbox']);
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(result.stdout).toContain(`Recovery of pipeline 'mtx', run ${runId}`);
    expect(result.stdout).toMatch(/openllm\s+arc_challenge\s+acc,none\s+0\.5000\s+0\.4938\s+98\.76%\s+n\/a\s+n\/a/);
    expect(result.stdout).toContain('! Step mtx_w8a8_evaluation');
  });

  test('--format markdown --out writes the file; --chart writes a deterministic SVG', async () => {
    const out = path.join(project, 'recovery.md');
    const chart = path.join(project, 'recovery.svg');
    const result = await runCli(project, ['report', 'mtx', '--app', 'cdk.out', '--sandbox', '--run', runId, '--format', 'markdown', '--out', out, '--chart', chart]);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(`Wrote the markdown report of run ${runId} to ${out}.\nWrote the recovery chart to ${chart}.\n`);
    expect(fs.readFileSync(out, 'utf8')).toContain('| openllm | openllm | average | 0.5000 | 0.4900 | 98.00% | n/a | n/a |');
    const svg = fs.readFileSync(chart, 'utf8');
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(svg).toContain('<title>w4a16: 98.76%</title>');
    expect(svg).toContain('threshold 100%');
    await runCli(project, ['report', 'mtx', '--app', 'cdk.out', '--sandbox', '--format', 'json', '--out', out, '--chart', `${chart}.2`]);
    expect(fs.readFileSync(`${chart}.2`, 'utf8')).toBe(svg);
  });

  test('--min-recovery exits 1 and lists the rows below it', async () => {
    const result = await runCli(project, ['report', 'mtx', '--app', 'cdk.out', '--sandbox', '--format', 'json', '--min-recovery', '98.5']);
    expect(result.code).toBe(1);
    expect(JSON.parse(result.stdout).run.id).toBe(runId);
    expect(result.stderr).toContain('Recovery gate failed: 15 score(s) below 98.5% of the baseline (or not measurable):');
    expect(result.stderr).toContain('  w4a16: openllm openllm average: 98.00%');
    expect(result.stderr).toContain('  w4a16: openllm hellaswag acc_norm,none: 98.33%');
    expect(result.stderr).toContain('  w8a8: openllm arc_challenge acc,none: n/a (step failed)');
    expect(result.stderr).not.toContain('arc_challenge acc,none: 98.76%');
  });

  test('--rows averages gates the suite averages only', async () => {
    const result = await runCli(project, ['report', 'mtx', '--app', 'cdk.out', '--sandbox', '--rows', 'averages', '--min-recovery', '97']);
    expect(result.code).toBe(1);
    expect(result.stdout).not.toContain('arc_challenge');
    expect(result.stderr).toBe('Recovery gate failed: 1 score(s) below 97% of the baseline (or not measurable):\n  w8a8: openllm openllm average: n/a (step failed)\n');
  });

  test('a bad --min-recovery or --format is a usage error (exit 2); an unknown run exits 1', async () => {
    expect((await runCli(project, ['report', 'mtx', '--app', 'cdk.out', '--sandbox', '--min-recovery', '-3'])).code).toBe(2);
    expect((await runCli(project, ['report', 'mtx', '--app', 'cdk.out', '--sandbox', '--format', 'xml'])).code).toBe(2);
    const unknown = await runCli(project, ['report', 'mtx', '--app', 'cdk.out', '--sandbox', '--run', '0'.repeat(32)]);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain(`Run ${'0'.repeat(32)} does not exist on this server`);
  });
});
